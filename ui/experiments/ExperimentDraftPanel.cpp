#include "ui/experiments/ExperimentDraftPanel.hpp"

#include "core/base/InputError.hpp"
#include "core/experiments/Experiment.hpp"
#include "ui/common/Palette.hpp"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace inception::ui {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// "64..192 step 32" → [64, 96, 128, 160, 192]; none unless `text` is such a range.
std::optional<json> valueRange(const QString& text) {
    static const QRegularExpression range(
        QStringLiteral(R"(^\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s+step\s+([\d.]+)\s*$)"));
    const auto match = range.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const double from = match.captured(1).toDouble(), to = match.captured(2).toDouble(),
                 step = match.captured(3).toDouble();
    const bool whole = std::floor(from) == from && std::floor(step) == step;
    if (!(step > 0) || to < from || (to - from) / step > 1000)
        return std::nullopt;
    json list = json::array();
    for (int i = 0; from + i * step <= to + 1e-9 * step; ++i)
        list.push_back(whole ? json(static_cast<long long>(from) + i * static_cast<long long>(step))
                             : json(from + i * step));
    return list;
}

// "64, 96 128" → [64, 96, 128], or a range (valueRange); words stay strings ("sgd"); none when
// no value is given.
std::optional<json> valueList(const QString& text) {
    if (auto range = valueRange(text))
        return range;
    json list = json::array();
    for (const QString& part :
         text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        const json value = json::parse(part.toStdString(), nullptr, false);
        list.push_back(value.is_discarded() ? json(part.toStdString()) : value);
    }
    return list.empty() ? std::nullopt : std::optional<json>(list);
}

QString largeNumber(double value) {
    const char* const units[] = {"", " k", " M", " G", " T", " P", " E"};
    int u = 0;
    while (value >= 1000.0 && u < 6) {
        value /= 1000.0;
        ++u;
    }
    return QLocale().toString(value, 'f', value < 10 ? 1 : 0) + units[u];
}

} // namespace

ExperimentDraftPanel::ExperimentDraftPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    name_ = new QLineEdit(QStringLiteral("widths"));
    name_->setObjectName(QStringLiteral("experimentName"));
    form->addRow(tr("Name:"), name_);
    vary_ = new QTableWidget(0, 2);
    vary_->setObjectName(QStringLiteral("variedTable"));
    vary_->setHorizontalHeaderLabels({tr("Varied field or setting"), tr("Values")});
    vary_->horizontalHeader()->setStretchLastSection(true);
    vary_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    vary_->verticalHeader()->hide();
    vary_->setMinimumHeight(110);
    vary_->setToolTip(tr("Right-click a width on the Model page and choose Vary..., or type a "
                         "key (units[3].out3x3, lr, weight_decay, recipe...) and its values: a "
                         "list (64, 96, 128) or a range (64..192 step 32)"));
    auto* addRow = new QPushButton(tr("Add"));
    auto* removeRow = new QPushButton(tr("Remove"));
    auto* rowButtons = new QHBoxLayout;
    rowButtons->addWidget(addRow);
    rowButtons->addWidget(removeRow);
    rowButtons->addStretch();
    auto* varyBox = new QVBoxLayout;
    varyBox->addWidget(vary_);
    varyBox->addLayout(rowButtons);
    form->addRow(tr("Vary:"), varyBox);
    multipliers_ = new QLineEdit;
    multipliers_->setObjectName(QStringLiteral("widthMultipliers"));
    multipliers_->setPlaceholderText(tr("e.g. 0.5, 0.75, 1, 1.5 (every width scaled)"));
    form->addRow(tr("Width multipliers:"), multipliers_);
    auto* searchRow = new QHBoxLayout;
    search_ = new QComboBox;
    search_->addItem(tr("Grid"), QStringLiteral("grid"));
    search_->addItem(tr("Random"), QStringLiteral("random"));
    budget_ = new QSpinBox;
    budget_->setRange(0, 10000);
    budget_->setSpecialValueText(tr("all"));
    seeds_ = new QSpinBox;
    seeds_->setRange(1, 20);
    searchRow->addWidget(search_);
    searchRow->addWidget(new QLabel(tr("configurations:")));
    searchRow->addWidget(budget_);
    searchRow->addWidget(new QLabel(tr("seeds:")));
    searchRow->addWidget(seeds_);
    searchRow->addStretch();
    form->addRow(tr("Search:"), searchRow);
    auto* halvingRow = new QHBoxLayout;
    rungs_ = new QLineEdit;
    rungs_->setObjectName(QStringLiteral("halvingRungs"));
    rungs_->setPlaceholderText(tr("rungs in epochs, e.g. 3, 9 (empty: no halving)"));
    keep_ = new QDoubleSpinBox;
    keep_->setRange(0.05, 0.95);
    keep_->setSingleStep(0.05);
    keep_->setValue(0.33);
    halvingRow->addWidget(rungs_, 1);
    halvingRow->addWidget(new QLabel(tr("keep:")));
    halvingRow->addWidget(keep_);
    form->addRow(tr("Successive halving:"), halvingRow);
    layout->addLayout(form);
    auto* bottom = new QHBoxLayout;
    summary_ = new QLabel;
    summary_->setObjectName(QStringLiteral("draftSummary"));
    summary_->setWordWrap(true);
    start_ = new QPushButton(tr("Create and Start"));
    start_->setObjectName(QStringLiteral("createExperiment"));
    bottom->addWidget(summary_, 1);
    bottom->addWidget(start_);
    layout->addLayout(bottom);

    connect(addRow, &QPushButton::clicked, this, [this] { setVaried(QStringLiteral("lr"), {}); });
    connect(removeRow, &QPushButton::clicked, this, [this] {
        vary_->removeRow(vary_->currentRow() >= 0 ? vary_->currentRow() : vary_->rowCount() - 1);
        update();
    });
    connect(vary_, &QTableWidget::itemChanged, this, &ExperimentDraftPanel::update);
    for (QLineEdit* edit : {name_, multipliers_, rungs_})
        connect(edit, &QLineEdit::textChanged, this, &ExperimentDraftPanel::update);
    connect(search_, &QComboBox::currentIndexChanged, this, &ExperimentDraftPanel::update);
    connect(budget_, &QSpinBox::valueChanged, this, &ExperimentDraftPanel::update);
    connect(seeds_, &QSpinBox::valueChanged, this, &ExperimentDraftPanel::update);
    connect(keep_, &QDoubleSpinBox::valueChanged, this, &ExperimentDraftPanel::update);
    connect(start_, &QPushButton::clicked, this, &ExperimentDraftPanel::startRequested);
    update();
}

void ExperimentDraftPanel::setBase(const ModelSpec& spec, const TrainingConfig& config,
                                   const QString& dataSpec) {
    base_ = inception::experimentBase(spec, config);
    data_ = dataSpec;
    update();
}

void ExperimentDraftPanel::setVaried(const QString& key, const QString& values) {
    if (key == QLatin1String("width_multiplier")) {
        multipliers_->setText(values); // its own field
        return;
    }
    int row = 0;
    while (row < vary_->rowCount() && vary_->item(row, 0)->text() != key)
        ++row;
    const QSignalBlocker blocker(vary_);
    if (row == vary_->rowCount()) {
        vary_->insertRow(row);
        vary_->setItem(row, 0, new QTableWidgetItem(key));
        vary_->setItem(row, 1, new QTableWidgetItem);
    }
    vary_->item(row, 1)->setText(values);
    vary_->setCurrentCell(row, 1);
    update();
}

void ExperimentDraftPanel::setName(const QString& name) {
    name_->setText(name);
}

QString ExperimentDraftPanel::name() const {
    return name_->text().trimmed();
}

ordered_json ExperimentDraftPanel::document() const {
    ordered_json doc;
    doc["name"] = name().toStdString();
    doc["data"] = data_.toStdString();
    doc["base"] = ordered_json::parse(base_.dump());
    ordered_json vary = ordered_json::object();
    for (int row = 0; row < vary_->rowCount(); ++row) {
        const QString key = vary_->item(row, 0)->text().trimmed();
        const auto values = valueList(vary_->item(row, 1)->text());
        vary[key.toStdString()] =
            values ? ordered_json::parse(values->dump()) : ordered_json::array();
    }
    if (const auto multipliers = valueList(multipliers_->text()))
        vary["width_multiplier"] = ordered_json::parse(multipliers->dump());
    doc["vary"] = vary;
    doc["search"] = search_->currentData().toString().toStdString();
    if (budget_->value() > 0)
        doc["trials"] = budget_->value();
    doc["seeds"] = seeds_->value();
    if (const auto rungs = valueList(rungs_->text()))
        doc["halving"] = {{"rungs", ordered_json::parse(rungs->dump())}, {"keep", keep_->value()}};
    return doc;
}

std::string ExperimentDraftPanel::fileText() const {
    return problem_.isEmpty() ? document().dump(2) + "\n" : std::string();
}

QString ExperimentDraftPanel::summary() const {
    return summary_->text();
}

void ExperimentDraftPanel::update() {
    trials_ = 0;
    try {
        if (data_.isEmpty())
            throw InputError("data", "choose the data on the Data page first");
        const ExperimentDefinition e = experimentFromJson(document().dump(), "experiment", "");
        const auto trials = planTrials(e);
        const ExperimentCost cost = estimateCost(e, trials);
        trials_ = cost.trials;
        problem_.clear();
        QString text = tr("%1 trials (%2 configurations × %3 seeds) · %4 trial-epochs")
                           .arg(cost.trials)
                           .arg(cost.configurations)
                           .arg(e.seeds.size())
                           .arg(cost.trialEpochsHalved);
        if (e.halving.enabled())
            text += tr(" with halving (%1 without)").arg(cost.trialEpochs);
        text += tr(" · ≈ %1 multiply-accumulates per training image")
                    .arg(largeNumber(cost.macsPerImage));
        summary_->setText(text);
        summary_->setStyleSheet({});
    } catch (const InputError& e) {
        problem_ = QString::fromStdString(e.oneLine());
        summary_->setText(problem_);
        summary_->setStyleSheet(palette::errorTextStyle());
    }
    start_->setEnabled(problem_.isEmpty());
    emit changed();
}

} // namespace inception::ui
