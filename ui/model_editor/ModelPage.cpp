#include "ui/model_editor/ModelPage.hpp"

#include "core/base/InputError.hpp"
#include "core/spec/ModelAnalysis.hpp"
#include "core/training/Recipe.hpp"
#include "ui/common/MessageBanner.hpp"
#include "ui/common/Palette.hpp"
#include "ui/model_editor/CostBarDelegate.hpp"
#include "ui/model_editor/NetworkDiagram.hpp"
#include "ui/model_editor/SpecDocument.hpp"
#include "ui/model_editor/UnitTableModel.hpp"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace inception::ui {

namespace {

// Wide ranges on purpose: a value out of the spec's limits is accepted by the field and
// flagged with the reason, as the user typed it, instead of being silently clamped.
constexpr int kFieldMinimum = -1'000'000;
constexpr int kFieldMaximum = 10'000'000;

enum StemHeadKey {
    kNameKey = 1,
    kStemChannelsKey,
    kStemKernelKey,
    kStemStrideKey,
    kDropoutKey,
    kClassesKey
};

QSpinBox* fieldSpinBox(QWidget* parent) {
    auto* box = new QSpinBox(parent);
    box->setRange(kFieldMinimum, kFieldMaximum);
    box->setKeyboardTracking(true);
    return box;
}

QString signedChange(double ratio) {
    return QStringLiteral("%1%2%")
        .arg(ratio >= 1 ? QStringLiteral("+") : QString())
        .arg(100 * (ratio - 1), 0, 'f', 1);
}

} // namespace

ModelPage::ModelPage(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("modelPage"));
    document_ = new SpecDocument(this);
    unitModel_ = new UnitTableModel(document_, this);
    banner_ = new MessageBanner;

    unitsView_ = new QTableView;
    unitsView_->setObjectName(QStringLiteral("unitsTable"));
    unitsView_->setModel(unitModel_);
    unitsView_->setItemDelegateForColumn(UnitTableModel::Cost, new CostBarDelegate(unitsView_));
    unitsView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    unitsView_->setSelectionMode(QAbstractItemView::SingleSelection);
    unitsView_->setEditTriggers(QAbstractItemView::AllEditTriggers);
    unitsView_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    unitsView_->horizontalHeader()->setSectionResizeMode(UnitTableModel::Cost,
                                                         QHeaderView::Stretch);
    unitsView_->setMinimumHeight(200);
    unitsView_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(unitsView_, &QWidget::customContextMenuRequested, this, &ModelPage::showUnitMenu);

    totals_ = new QLabel;
    totals_->setObjectName(QStringLiteral("modelTotals"));
    totals_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    totals_->setWordWrap(true);

    layers_ = new QTableWidget(0, 5);
    layers_->setHorizontalHeaderLabels(
        {tr("Layer"), tr("Operation"), tr("Output (C x H x W)"), tr("Parameters"), tr("MACs")});
    layers_->verticalHeader()->hide();
    layers_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layers_->setAlternatingRowColors(true);
    layers_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layers_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);

    diagram_ = new NetworkDiagram;
    auto* diagramScroll = new QScrollArea;
    diagramScroll->setWidget(diagram_);
    diagramScroll->setWidgetResizable(true);
    diagramScroll->setMinimumWidth(300);
    connect(diagram_, &NetworkDiagram::unitClicked, this, &ModelPage::selectUnit);

    auto* center = new QSplitter(Qt::Vertical);
    auto* unitsBox = new QWidget;
    auto* unitsLayout = new QVBoxLayout(unitsBox);
    unitsLayout->setContentsMargins(0, 0, 0, 0);
    unitsLayout->addWidget(totals_);
    unitsLayout->addWidget(unitsView_, 1);
    shrinkNote_ = new QLabel;
    shrinkNote_->setObjectName(QStringLiteral("shrinkNote"));
    shrinkNote_->setWordWrap(true);
    shrinkNote_->setVisible(false);
    unitsLayout->addWidget(shrinkNote_);
    center->addWidget(unitsBox);
    center->addWidget(layers_);
    center->setStretchFactor(0, 1);
    center->setStretchFactor(1, 1);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(createStemAndHead());
    split->addWidget(center);
    split->addWidget(diagramScroll);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 1);
    split->setSizes({230, 900, 300});
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(createToolbar());
    layout->addWidget(banner_);
    layout->addWidget(split, 1);

    connect(document_, &SpecDocument::changed, this, &ModelPage::showDocument);
    connect(unitsView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { diagram_->setSelectedUnit(current.row()); });
    showDocument();
}

QWidget* ModelPage::createToolbar() {
    auto* toolbar = new QToolBar;
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addWidget(new QLabel(tr("Preset: ")));
    preset_ = new QComboBox;
    preset_->setObjectName(QStringLiteral("preset"));
    for (const std::string& name : presetNames())
        preset_->addItem(QString::fromStdString(name));
    preset_->addItem(tr("(custom)"));
    connect(preset_, &QComboBox::activated, this, [this](int index) {
        if (auto chosen = preset(preset_->itemText(index).toStdString()))
            loadSpec(*chosen, tr("Preset %1").arg(preset_->itemText(index)));
    });
    toolbar->addWidget(preset_);
    toolbar->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open..."), this,
                       [this] {
                           const QString path = QFileDialog::getOpenFileName(
                               this, tr("Open Model Spec"), QString(), tr("Model spec (*.json)"));
                           if (!path.isEmpty())
                               openSpec(path);
                       });
    toolbar->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("Save..."), this,
                       [this] {
                           const QString path = QFileDialog::getSaveFileName(
                               this, tr("Save Model Spec"),
                               QString::fromStdString(document_->spec().name) + ".json",
                               tr("Model spec (*.json)"));
                           if (path.isEmpty())
                               return;
                           const QString error = saveSpec(path);
                           if (!error.isEmpty())
                               banner_->show(MessageBanner::Kind::Error, error);
                       });
    toolbar->addSeparator();
    // Fixed texts (the stack's own actions put the command's text into the button, which
    // then grows with every edit); what would be undone is in the tooltip.
    QUndoStack* stack = document_->undoStack();
    QAction* undo = undoStackAction(QStyle::SP_ArrowBack, tr("Undo"), QKeySequence::Undo);
    connect(undo, &QAction::triggered, stack, &QUndoStack::undo);
    connect(stack, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
    connect(stack, &QUndoStack::undoTextChanged, undo,
            [undo](const QString& text) { undo->setToolTip(tr("Undo %1").arg(text)); });
    QAction* redo = undoStackAction(QStyle::SP_ArrowForward, tr("Redo"), QKeySequence::Redo);
    connect(redo, &QAction::triggered, stack, &QUndoStack::redo);
    connect(stack, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    connect(stack, &QUndoStack::redoTextChanged, redo,
            [redo](const QString& text) { redo->setToolTip(tr("Redo %1").arg(text)); });
    toolbar->addAction(undo);
    toolbar->addAction(redo);
    toolbar->addSeparator();
    auto* structure = new QToolButton;
    structure->setObjectName(QStringLiteral("recipeStructure"));
    structure->setText(tr("Recipe Structure"));
    structure->setToolTip(tr("Give the network a recipe's structure (batch norm, stem, pools "
                             "between units, dropout), keeping every width"));
    structure->setPopupMode(QToolButton::InstantPopup);
    auto* structureMenu = new QMenu(structure);
    for (const Recipe& r : recipes()) {
        const QString name = QString::fromStdString(r.name);
        structureMenu
            ->addAction(QString::fromStdString(r.title), this,
                        [this, name] { applyRecipeStructure(name); })
            ->setToolTip(QString::fromStdString(r.summary));
    }
    structure->setMenu(structureMenu);
    toolbar->addWidget(structure);
    toolbar->addSeparator();
    toolbar->addAction(tr("Add Unit"), this, &ModelPage::addUnit);
    toolbar->addAction(tr("Duplicate"), this, [this] { duplicateUnit(selectedUnit()); });
    toolbar->addAction(tr("Remove"), this, [this] { removeUnit(selectedUnit()); });
    toolbar->addAction(style()->standardIcon(QStyle::SP_ArrowUp), tr("Up"), this,
                       [this] { moveUnit(selectedUnit(), -1); });
    toolbar->addAction(style()->standardIcon(QStyle::SP_ArrowDown), tr("Down"), this,
                       [this] { moveUnit(selectedUnit(), +1); });
    return toolbar;
}

QAction* ModelPage::undoStackAction(QStyle::StandardPixmap icon, const QString& text,
                                    QKeySequence::StandardKey shortcut) {
    auto* action = new QAction(style()->standardIcon(icon), text, this);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setEnabled(false);
    addAction(action);
    return action;
}

QWidget* ModelPage::createStemAndHead() {
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 4, 0);

    name_ = new QLineEdit;
    name_->setObjectName(QStringLiteral("specName"));
    connect(name_, &QLineEdit::textEdited, this, [this](const QString& text) {
        editStemOrHead([&](ModelSpec& s) { s.name = text.trimmed().toStdString(); },
                       tr("Rename the model"), kNameKey);
    });

    stemChannels_ = fieldSpinBox(panel);
    stemKernel_ = fieldSpinBox(panel);
    stemStride_ = fieldSpinBox(panel);
    stemLrn_ = new QCheckBox(tr("local response norm (5)"));
    stemPool_ = new QCheckBox(tr("max pool 3x3/2 (ceil)"));
    batchNorm_ = new QCheckBox(tr("batch norm after every convolution"));
    batchNorm_->setToolTip(tr("Not in the notebook: conv, batch norm, ReLU everywhere"));
    dropout_ = new QDoubleSpinBox;
    dropout_->setRange(-1.0, 2.0);
    dropout_->setDecimals(2);
    dropout_->setSingleStep(0.05);
    classes_ = fieldSpinBox(panel);
    classes_->setToolTip(tr("Must match the data's classes (10 for CIFAR-10)"));

    connectStemAndHead();
    fieldEditors_ = {{"stem.out_channels", stemChannels_}, {"stem.kernel", stemKernel_},
                     {"stem.stride", stemStride_},         {"head.dropout", dropout_},
                     {"head.classes", classes_},           {"units", unitsView_}};

    auto* model = new QGroupBox(tr("Model"));
    auto* modelForm = new QFormLayout(model);
    modelForm->addRow(tr("&Name:"), name_);
    modelForm->addRow(batchNorm_);
    auto* stem = new QGroupBox(tr("Stem"));
    auto* stemForm = new QFormLayout(stem);
    stemForm->addRow(tr("&Channels:"), stemChannels_);
    stemForm->addRow(tr("&Kernel:"), stemKernel_);
    stemForm->addRow(tr("St&ride:"), stemStride_);
    stemForm->addRow(stemLrn_);
    stemForm->addRow(stemPool_);
    auto* head = new QGroupBox(tr("Head"));
    auto* headForm = new QFormLayout(head);
    headForm->addRow(tr("&Dropout:"), dropout_);
    headForm->addRow(tr("C&lasses:"), classes_);
    layout->addWidget(model);
    layout->addWidget(stem);
    layout->addWidget(head);
    layout->addStretch(1);
    return panel;
}

// Each field edits the spec through the undo stack.
void ModelPage::connectStemAndHead() {
    connect(stemChannels_, &QSpinBox::valueChanged, this, [this](int v) {
        editStemOrHead([v](ModelSpec& s) { s.stem.outChannels = v; }, tr("Set stem channels"),
                       kStemChannelsKey);
    });
    connect(stemKernel_, &QSpinBox::valueChanged, this, [this](int v) {
        editStemOrHead([v](ModelSpec& s) { s.stem.kernel = v; }, tr("Set stem kernel"),
                       kStemKernelKey);
    });
    connect(stemStride_, &QSpinBox::valueChanged, this, [this](int v) {
        editStemOrHead([v](ModelSpec& s) { s.stem.stride = v; }, tr("Set stem stride"),
                       kStemStrideKey);
    });
    connect(stemLrn_, &QCheckBox::toggled, this, [this](bool on) {
        editStemOrHead([on](ModelSpec& s) { s.stem.localResponseNorm = on; },
                       on ? tr("Stem LRN on") : tr("Stem LRN off"), -1);
    });
    connect(stemPool_, &QCheckBox::toggled, this, [this](bool on) {
        editStemOrHead([on](ModelSpec& s) { s.stem.maxPool = on; },
                       on ? tr("Stem max pool on") : tr("Stem max pool off"), -1);
    });
    connect(batchNorm_, &QCheckBox::toggled, this, [this](bool on) {
        editStemOrHead([on](ModelSpec& s) { s.batchNorm = on; },
                       on ? tr("Batch norm on") : tr("Batch norm off"), -1);
    });
    connect(dropout_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        editStemOrHead([v](ModelSpec& s) { s.head.dropout = v; }, tr("Set dropout"), kDropoutKey);
    });
    connect(classes_, &QSpinBox::valueChanged, this, [this](int v) {
        editStemOrHead([v](ModelSpec& s) { s.head.classes = v; }, tr("Set classes"), kClassesKey);
    });
}

void ModelPage::editStemOrHead(const std::function<void(ModelSpec&)>& edit, const QString& what,
                               int key) {
    ModelSpec spec = document_->spec();
    edit(spec);
    document_->change(spec, what, key);
}

const ModelSpec& ModelPage::spec() const {
    return document_->validSpec();
}

bool ModelPage::isValid() const {
    return document_->isValid();
}

QString ModelPage::invalidReason() const {
    return document_->firstIssue();
}

void ModelPage::setSpec(const ModelSpec& spec) {
    loadSpec(spec, tr("Set model %1").arg(QString::fromStdString(spec.name)));
}

void ModelPage::loadSpec(const ModelSpec& spec, const QString& description) {
    document_->load(spec, description);
}

bool ModelPage::openSpec(const QString& path) {
    const QString error = document_->open(path);
    if (error.isEmpty()) {
        banner_->hide();
        return true;
    }
    banner_->show(MessageBanner::Kind::Error, error);
    return false;
}

QString ModelPage::saveSpec(const QString& path) {
    return document_->save(path);
}

QWidget* ModelPage::fieldEditor(const std::string& field) const {
    const auto it = fieldEditors_.find(field);
    return it == fieldEditors_.end() ? nullptr : it->second;
}

int ModelPage::selectedUnit() const {
    const QModelIndex current = unitsView_->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ModelPage::selectUnit(int unit) {
    if (unit < 0 || unit >= unitModel_->rowCount())
        return;
    unitsView_->selectRow(unit);
    unitsView_->setCurrentIndex(unitModel_->index(unit, UnitTableModel::Out1x1));
    diagram_->setSelectedUnit(unit);
}

void ModelPage::addUnit() {
    ModelSpec spec = document_->spec();
    // A new unit after the selected one (or at the end), as wide as the seed's first.
    const int at = selectedUnit() < 0 ? static_cast<int>(spec.units.size()) : selectedUnit() + 1;
    spec.units.insert(spec.units.begin() + at, seedSpec().units.front());
    document_->change(spec, tr("Add unit %1").arg(at));
    selectUnit(at);
}

void ModelPage::duplicateUnit(int unit) {
    ModelSpec spec = document_->spec();
    if (unit < 0 || unit >= static_cast<int>(spec.units.size()))
        return;
    spec.units.insert(spec.units.begin() + unit + 1, spec.units[static_cast<std::size_t>(unit)]);
    document_->change(spec, tr("Duplicate unit %1").arg(unit));
    selectUnit(unit + 1);
}

void ModelPage::removeUnit(int unit) {
    ModelSpec spec = document_->spec();
    if (unit < 0 || unit >= static_cast<int>(spec.units.size()))
        return;
    spec.units.erase(spec.units.begin() + unit);
    document_->change(spec, tr("Remove unit %1").arg(unit));
    selectUnit(std::min(unit, static_cast<int>(spec.units.size()) - 1));
}

void ModelPage::moveUnit(int unit, int offset) {
    ModelSpec spec = document_->spec();
    const int to = unit + offset;
    if (unit < 0 || to < 0 || to >= static_cast<int>(spec.units.size()))
        return;
    std::swap(spec.units[static_cast<std::size_t>(unit)], spec.units[static_cast<std::size_t>(to)]);
    document_->change(spec, tr("Move unit %1 to %2").arg(unit).arg(to));
    selectUnit(to);
}

void ModelPage::markShrinkCandidates(const ModelSpec& spec,
                                     const QHash<QString, QString>& findings) {
    ablatedSpec_ = spec;
    shrinkFindings_ = findings;
    showDocument();
}

void ModelPage::showUnitMenu(const QPoint& position) {
    const QModelIndex index = unitsView_->indexAt(position);
    QMenu menu(this);
    if (index.isValid() && UnitTableModel::isWidth(index.column())) {
        const int width = index.data(Qt::EditRole).toInt();
        const QString key =
            QStringLiteral("units[%1].%2")
                .arg(index.row())
                .arg(QString::fromLatin1(UnitTableModel::fieldName(index.column())));
        // Half, as it is and half again: a first range to refine.
        const QString values = QStringLiteral("%1, %2, %3")
                                   .arg(std::max(1, width / 2))
                                   .arg(width)
                                   .arg(width + std::max(1, width / 2));
        menu.addAction(tr("Vary %1 in an Experiment...").arg(key), this,
                       [this, key, values] { emit varyRequested(key, values); });
    }
    menu.addAction(tr("Vary the Width Multiplier in an Experiment..."), this, [this] {
        emit varyRequested(QStringLiteral("width_multiplier"), QStringLiteral("0.5, 0.75, 1, 1.5"));
    });
    menu.exec(unitsView_->viewport()->mapToGlobal(position));
}

void ModelPage::showDocument() {
    const ModelSpec& spec = document_->spec();
    const bool ablated = spec == ablatedSpec_ && !shrinkFindings_.isEmpty();
    unitModel_->setShrinkCandidates(ablated ? shrinkFindings_ : QHash<QString, QString>{});
    shrinkNote_->setVisible(ablated);
    shrinkNote_->setText(
        tr("<span style='background:%1'>&nbsp;Tinted&nbsp;</span> widths: %2 branch(es) the "
           "Analysis page's branch ablation found costly for the accuracy they carry, candidates "
           "to shrink (hover a cell for its figures; right-click it to vary it in an "
           "experiment).")
            .arg(UnitTableModel::shrinkCandidateColour().name())
            .arg(shrinkFindings_.size()));
    {
        // Reflect the document (after undo, a preset, a file) without editing it again.
        const QSignalBlocker b1(stemChannels_), b2(stemKernel_), b3(stemStride_), b4(stemLrn_),
            b5(stemPool_), b6(batchNorm_), b7(dropout_), b8(classes_);
        stemChannels_->setValue(spec.stem.outChannels);
        stemKernel_->setValue(spec.stem.kernel);
        stemStride_->setValue(spec.stem.stride);
        stemLrn_->setChecked(spec.stem.localResponseNorm);
        stemPool_->setChecked(spec.stem.maxPool);
        batchNorm_->setChecked(spec.batchNorm);
        dropout_->setValue(spec.head.dropout);
        classes_->setValue(spec.head.classes);
        if (name_->text().trimmed().toStdString() != spec.name)
            name_->setText(QString::fromStdString(spec.name));
    }
    int presetIndex = preset_->count() - 1; // (custom)
    for (int i = 0; i + 1 < preset_->count(); ++i)
        if (preset(preset_->itemText(i).toStdString()) == spec)
            presetIndex = i;
    preset_->setCurrentIndex(presetIndex);

    flagFields();
    diagram_->setSpec(spec);
    const ModelAnalysis& analysis = document_->analysis();
    const ModelAnalysis& seed = document_->seedAnalysis();
    const QLocale locale;
    QString text =
        tr("<b>%1</b>: %2 parameters (%3 vs seed) · %4 multiply-accumulates per image "
           "(%5 vs seed)")
            .arg(QString::fromStdString(document_->validSpec().name).toHtmlEscaped(),
                 locale.toString(static_cast<qlonglong>(analysis.parameters)),
                 signedChange(static_cast<double>(analysis.parameters) / seed.parameters),
                 locale.toString(static_cast<qlonglong>(analysis.macs)),
                 signedChange(static_cast<double>(analysis.macs) / seed.macs));
    if (!document_->isValid())
        text = palette::errorSpan(
                   tr("<b>Invalid:</b> %1").arg(document_->firstIssue().toHtmlEscaped())) +
               tr(" — figures of the last valid spec: ") + text;
    totals_->setText(text);
    showLayers();

    const QString reason = document_->firstIssue();
    if (reason != lastReason_) {
        lastReason_ = reason;
        emit validityChanged(reason);
    }
}

void ModelPage::flagFields() {
    for (const auto& [field, editor] : fieldEditors_) {
        const auto issue = document_->issueOf(field);
        editor->setStyleSheet(issue ? QStringLiteral("background: #fbd7d7;") : QString());
        editor->setToolTip(issue ? QString::fromStdString(field + ": " + *issue) : QString());
    }
}

void ModelPage::showLayers() {
    const ModelAnalysis& analysis = document_->analysis();
    const QLocale locale;
    layers_->setRowCount(static_cast<int>(analysis.layers.size()));
    for (int row = 0; row < layers_->rowCount(); ++row) {
        const LayerInfo& layer = analysis.layers[static_cast<std::size_t>(row)];
        const QStringList cells{QString::fromStdString(layer.name),
                                QString::fromStdString(layer.description),
                                QString::fromStdString(layer.output.toString()),
                                locale.toString(static_cast<qlonglong>(layer.parameters)),
                                locale.toString(static_cast<qlonglong>(layer.macs))};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (column >= 3)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            layers_->setItem(row, column, item);
        }
    }
}

bool ModelPage::applyRecipeStructure(const QString& name) {
    const auto recipe = findRecipe(name.toStdString());
    if (!recipe)
        return false;
    document_->change(withStructure(document_->spec(), recipe->structure),
                      tr("%1 structure").arg(QString::fromStdString(recipe->title)));
    return true;
}

} // namespace inception::ui
