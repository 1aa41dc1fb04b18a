#pragma once

#include "core/interop/ModelExport.hpp"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace inception::ui {

// One checkpoint the export can start from, as the user sees it.
struct CheckpointChoice {
    QString label; // "Run seed-30: best (epoch 27)"
    QString path;
};

// Export...: which checkpoint, which format (PyTorch state_dict, ONNX, LibTorch archive) and
// where, in one dialog. The destination's extension follows the format.
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    ExportDialog(const QList<CheckpointChoice>& checkpoints, const QString& suggestedFolder,
                 QWidget* parent = nullptr);

    QString checkpoint() const;
    ExportFormat format() const;
    QString destination() const;

    void selectCheckpoint(const QString& path);
    void setFormat(ExportFormat format);
    void setDestination(const QString& path);

    void accept() override;

private:
    void chooseCheckpointFile();
    void chooseDestination();
    void formatChanged();
    void updateState();
    QString baseNameFor(const QString& checkpoint) const;

    QComboBox* checkpoints_;
    QButtonGroup* formats_;
    QLineEdit* destination_;
    QLabel* sidecarNote_;
    QDialogButtonBox* buttons_;
    QString folder_;
    bool destinationEdited_ = false;
};

} // namespace inception::ui
