#pragma once

#include "core/spec/ModelSpec.hpp"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace inception::ui {

// Import Weights...: a PyTorch state_dict, the model spec it belongs to (the layer editor's,
// a preset or a spec file) and the run's name. The weights are evaluated on the data in use.
class ImportWeightsDialog : public QDialog {
    Q_OBJECT

public:
    ImportWeightsDialog(const ModelSpec& editorSpec, const QString& dataDescription,
                        QWidget* parent = nullptr);

    QString stateDict() const;
    // The chosen spec; std::nullopt with spec problems shown in the dialog when the file is bad.
    std::optional<ModelSpec> spec() const;
    QString runName() const;

    void setStateDict(const QString& path);

    void accept() override;

private:
    void chooseStateDict();
    void chooseSpecFile();
    void updateState();

    ModelSpec editorSpec_;
    QLineEdit* stateDict_;
    QComboBox* spec_;
    QLineEdit* name_;
    QLabel* problem_;
    QDialogButtonBox* buttons_;
    bool nameEdited_ = false;
};

} // namespace inception::ui
