#pragma once

#include "core/spec/ModelSpec.hpp"

#include <QHash>
#include <QKeySequence>
#include <QStyle>
#include <QWidget>

#include <map>
#include <string>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;
class QTableWidget;

namespace inception::ui {

class MessageBanner;
class NetworkDiagram;
class SpecDocument;
class UnitTableModel;

// The layer editor: the stem, one row per Inception unit and the head in a form, with each
// unit's shape, parameters and cost live as the user types, the difference against the
// seed, a diagram of the network, presets, spec files, and undo/redo. It edits the next
// run's spec, never a running model.
class ModelPage : public QWidget {
    Q_OBJECT

public:
    explicit ModelPage(QWidget* parent = nullptr);

    // The spec the next run trains: the edited one when valid, else the last valid one.
    const ModelSpec& spec() const;
    bool isValid() const;
    // Why the edited spec cannot be trained, one line; empty when it can.
    QString invalidReason() const;
    // Replaces the edited spec (one undo step).
    void setSpec(const ModelSpec& spec);
    void loadSpec(const ModelSpec& spec, const QString& description);
    // Tints the widths a branch ablation of `spec` found costly for what they carry (field ->
    // finding), while the page holds that spec.
    void markShrinkCandidates(const ModelSpec& spec, const QHash<QString, QString>& findings);
    // Loads a spec file; an error is shown on the page and the current spec is kept.
    bool openSpec(const QString& path);
    QString saveSpec(const QString& path);

    SpecDocument* document() const { return document_; }
    QTableView* units() const { return unitsView_; }
    QTableWidget* layers() const { return layers_; }
    NetworkDiagram* diagram() const { return diagram_; }
    QLabel* totals() const { return totals_; }
    MessageBanner* banner() const { return banner_; }
    QWidget* fieldEditor(const std::string& field) const;

    void addUnit();
    void duplicateUnit(int unit);
    void removeUnit(int unit);
    void moveUnit(int unit, int offset);
    int selectedUnit() const;
    void selectUnit(int unit);
    // Gives the edited spec the named recipe's structure (Recipe.hpp), keeping its widths; one
    // undo step. False for an unknown name.
    bool applyRecipeStructure(const QString& name);

signals:
    // The edited spec became valid (empty reason) or invalid.
    void validityChanged(const QString& reason);
    // "Vary..." on a width (key "units[2].out3x3") or on the whole network
    // ("width_multiplier"), with values to start from.
    void varyRequested(const QString& key, const QString& values);

private:
    QWidget* createToolbar();
    QAction* undoStackAction(QStyle::StandardPixmap icon, const QString& text,
                             QKeySequence::StandardKey shortcut);
    QWidget* createStemAndHead();
    void connectStemAndHead();
    void showDocument();
    void showUnitMenu(const QPoint& position);
    void showLayers();
    void flagFields();
    void editStemOrHead(const std::function<void(ModelSpec&)>& edit, const QString& what, int key);

    SpecDocument* document_;
    UnitTableModel* unitModel_;
    ModelSpec ablatedSpec_;
    QLabel* shrinkNote_ = nullptr;
    QHash<QString, QString> shrinkFindings_;
    QComboBox* preset_;
    QLineEdit* name_;
    QSpinBox* stemChannels_;
    QSpinBox* stemKernel_;
    QSpinBox* stemStride_;
    QCheckBox* stemLrn_;
    QCheckBox* stemPool_;
    QCheckBox* batchNorm_;
    QDoubleSpinBox* dropout_;
    QSpinBox* classes_;
    QTableView* unitsView_;
    QTableWidget* layers_;
    NetworkDiagram* diagram_;
    QLabel* totals_;
    MessageBanner* banner_;
    std::map<std::string, QWidget*> fieldEditors_;
    QString lastReason_;
};

} // namespace inception::ui
