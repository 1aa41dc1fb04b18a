#include "ui/training/HyperparameterForm.hpp"

#include "core/base/CpuFeatures.hpp"
#include "core/training/Recipe.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>

#include <limits>

namespace inception::ui {

namespace {

QSpinBox* spinBox(int minimum, int maximum, QWidget* parent) {
    auto* box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setAccelerated(true);
    return box;
}

QDoubleSpinBox* decimalBox(double minimum, double maximum, int decimals, double step,
                           QWidget* parent) {
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    return box;
}

template <typename Enum> void addItems(QComboBox* combo, std::initializer_list<Enum> values) {
    for (Enum value : values)
        combo->addItem(QString::fromStdString(toString(value)), static_cast<int>(value));
}

} // namespace

HyperparameterForm::HyperparameterForm(QWidget* parent) : QWidget(parent) {
    epochs_ = spinBox(1, 100000, this);
    batchSize_ = spinBox(1, 65536, this);
    optimizer_ = new QComboBox(this);
    addItems(optimizer_, {OptimizerKind::Adam, OptimizerKind::AdamW, OptimizerKind::Sgd});
    learningRate_ = decimalBox(1e-6, 10.0, 6, 1e-4, this);
    schedule_ = new QComboBox(this);
    addItems(schedule_, {ScheduleKind::Constant, ScheduleKind::Step, ScheduleKind::Cosine,
                         ScheduleKind::OneCycle, ScheduleKind::Linear});
    schedule_->setToolTip(tr("linear: warm up, then fall in a straight line to 0 at the end"));
    weightDecay_ = decimalBox(0.0, 1.0, 6, 1e-4, this);
    momentum_ = decimalBox(0.0, 0.999, 3, 0.01, this);
    nesterov_ = new QCheckBox(tr("Nesterov"), this);
    warmupEpochs_ = decimalBox(0.0, 1000.0, 1, 0.5, this);
    warmupEpochs_->setToolTip(tr("Cosine and linear schedules: the rate first rises from 0 "
                                 "over these epochs"));
    decayNormAndBias_ = new QCheckBox(tr("also on batch norm and biases"), this);
    labelSmoothing_ = decimalBox(0.0, 0.99, 3, 0.05, this);
    emaDecay_ = decimalBox(0.0, 0.9999, 4, 0.001, this);
    emaDecay_->setSpecialValueText(tr("off"));
    emaDecay_->setToolTip(tr("Evaluate and export a moving average of the weights: after each "
                             "step ema = decay x ema + (1 - decay) x weights"));
    tta_ = new QComboBox(this);
    tta_->addItem(tr("none"), static_cast<int>(TestTimeAugmentation::None));
    tta_->addItem(tr("flip"), static_cast<int>(TestTimeAugmentation::Flip));
    tta_->setToolTip(tr("flip: evaluation averages the logits of each test image and of its "
                        "mirror image"));
    targetAccuracy_ = decimalBox(0.0, 100.0, 1, 1.0, this);
    targetAccuracy_->setSuffix(QStringLiteral(" %"));
    targetAccuracy_->setSpecialValueText(tr("none"));
    targetAccuracy_->setToolTip(tr("Record the wall time and epoch at which the test accuracy "
                                   "first reaches this"));
    stopAtTarget_ = new QCheckBox(tr("stop there"), this);
    seed_ = spinBox(0, std::numeric_limits<int>::max(), this);
    threads_ = spinBox(0, 1024, this);
    threads_->setSpecialValueText(tr("all cores (%1)").arg(QThread::idealThreadCount()));
    device_ = new QComboBox(this);
    device_->addItem(tr("CPU"), QStringLiteral("cpu"));
    device_->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    precision_ = new QComboBox(this);
    precision_->setObjectName(QStringLiteral("precision"));
    precision_->addItem(tr("float32"), static_cast<int>(Precision::Float32));
    precision_->addItem(tr("bfloat16 autocast"), static_cast<int>(Precision::BFloat16));
    precision_->addItem(tr("auto: by the CPU"), static_cast<int>(Precision::Auto));
    precision_->setToolTip(tr("bfloat16 pays off only on CPUs with BF16 instructions (AVX-512 "
                              "BF16, AMX); elsewhere it is many times slower"));
    precisionNote_ = new QLabel(this);
    precisionNote_->setObjectName(QStringLiteral("precisionNote"));
    precisionNote_->setWordWrap(true);
    augmentation_ = new QLabel(this);
    augmentation_->setObjectName(QStringLiteral("augmentationSummary"));
    augmentation_->setToolTip(tr("Set on the Data page, where a preview shows it"));
    limitTrain_ = spinBox(0, std::numeric_limits<int>::max(), this);
    limitTrain_->setSpecialValueText(tr("all"));
    limitTrain_->setSingleStep(1000);
    limitTest_ = spinBox(0, std::numeric_limits<int>::max(), this);
    limitTest_->setSpecialValueText(tr("all"));
    limitTest_->setSingleStep(1000);

    epochs_->setObjectName(QStringLiteral("epochs"));
    batchSize_->setObjectName(QStringLiteral("batchSize"));
    learningRate_->setObjectName(QStringLiteral("learningRate"));
    seed_->setObjectName(QStringLiteral("seed"));
    threads_->setObjectName(QStringLiteral("threads"));
    limitTrain_->setObjectName(QStringLiteral("limitTrain"));

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Epochs:"), epochs_);
    form->addRow(tr("&Batch size:"), batchSize_);
    form->addRow(tr("&Optimizer:"), optimizer_);
    form->addRow(tr("&Learning rate:"), learningRate_);
    form->addRow(tr("Sc&hedule:"), schedule_);
    form->addRow(tr("Warm-&up epochs:"), warmupEpochs_);
    auto* momentumRow = new QHBoxLayout;
    momentumRow->addWidget(momentum_, 1);
    momentumRow->addWidget(nesterov_);
    form->addRow(tr("Momentum (SGD):"), momentumRow);
    form->addRow(tr("&Weight decay:"), weightDecay_);
    form->addRow(QString(), decayNormAndBias_);
    form->addRow(tr("Label smoot&hing:"), labelSmoothing_);
    form->addRow(tr("Weight &average:"), emaDecay_);
    form->addRow(tr("Test-time au&gmentation:"), tta_);
    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(targetAccuracy_, 1);
    targetRow->addWidget(stopAtTarget_);
    form->addRow(tr("Target accuracy:"), targetRow);
    form->addRow(tr("&Seed:"), seed_);
    form->addRow(tr("&Threads:"), threads_);
    form->addRow(tr("&Device:"), device_);
    form->addRow(tr("&Precision:"), precision_);
    form->addRow(QString(), precisionNote_);
    form->addRow(tr("Augmentation:"), augmentation_);
    form->addRow(tr("Training images:"), limitTrain_);
    form->addRow(tr("Test images:"), limitTest_);
    form->addRow(tr("Recipes:"), recipeButtons());

    setConfig(TrainingConfig{});
    for (QSpinBox* box : {epochs_, batchSize_, seed_, threads_, limitTrain_, limitTest_})
        connect(box, &QSpinBox::valueChanged, this, &HyperparameterForm::changed);
    for (QDoubleSpinBox* box : {learningRate_, weightDecay_, momentum_, warmupEpochs_,
                                labelSmoothing_, emaDecay_, targetAccuracy_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &HyperparameterForm::changed);
    for (QComboBox* box : {optimizer_, schedule_, device_, precision_, tta_})
        connect(box, &QComboBox::currentIndexChanged, this, &HyperparameterForm::changed);
    for (QCheckBox* box : {nesterov_, decayNormAndBias_, stopAtTarget_})
        connect(box, &QCheckBox::toggled, this, &HyperparameterForm::changed);
    connect(this, &HyperparameterForm::changed, this, &HyperparameterForm::updatePrecisionNote);
    updatePrecisionNote();
}

QWidget* HyperparameterForm::recipeButtons() {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    for (const Recipe& r : recipes()) {
        auto* button = new QPushButton(QString::fromStdString(r.title), row);
        button->setObjectName(QString::fromStdString(r.name) + QStringLiteral("Recipe"));
        button->setToolTip(QString::fromStdString(r.summary));
        const QString name = QString::fromStdString(r.name);
        connect(button, &QPushButton::clicked, this, [this, name] { applyRecipe(name); });
        layout->addWidget(button);
    }
    return row;
}

void HyperparameterForm::applyRecipe(const QString& name) {
    const auto recipe = findRecipe(name.toStdString());
    if (!recipe)
        return;
    TrainingConfig c = recipe->config;
    c.threads = threads_->value(); // the machine's, not the recipe's
    c.device = device_->currentData().toString().toStdString();
    setConfig(c);
    emit recipeApplied(name);
}

void HyperparameterForm::setLearningRate(double rate) {
    learningRate_->setValue(rate);
}

QString HyperparameterForm::precisionChoiceText() const {
    const auto requested = static_cast<Precision>(precision_->currentData().toInt());
    const PrecisionChoice choice =
        choosePrecision(requested, thisCpu(), device_->currentData().toString().toStdString());
    // The CPU's name can be long: it goes in the tooltip, the line keeps to the instructions.
    const QString instructions =
        thisCpu().hasBf16()
            ? tr("this CPU has %1").arg(QString::fromStdString(thisCpu().bf16Text()))
            : tr("this CPU has no BF16 instructions");
    if (requested != Precision::Auto)
        return instructions;
    return tr("→ %1: %2").arg(QString::fromStdString(toString(choice.precision)), instructions);
}

void HyperparameterForm::updatePrecisionNote() {
    precisionNote_->setText(precisionChoiceText());
    precisionNote_->setToolTip(QString::fromStdString(thisCpu().name));
}

TrainingConfig HyperparameterForm::config() const {
    TrainingConfig c;
    c.recipe = recipe_.toStdString();
    c.epochs = epochs_->value();
    c.batchSize = batchSize_->value();
    c.optimizer = static_cast<OptimizerKind>(optimizer_->currentData().toInt());
    c.learningRate = learningRate_->value();
    c.schedule = static_cast<ScheduleKind>(schedule_->currentData().toInt());
    c.weightDecay = weightDecay_->value();
    c.momentum = momentum_->value();
    c.nesterov = nesterov_->isChecked();
    c.warmupEpochs = warmupEpochs_->value();
    c.decayNormAndBias = decayNormAndBias_->isChecked();
    c.labelSmoothing = labelSmoothing_->value();
    c.emaDecay = emaDecay_->value();
    c.tta = static_cast<TestTimeAugmentation>(tta_->currentData().toInt());
    c.targetAccuracy = targetAccuracy_->value() / 100.0;
    c.stopAtTarget = stopAtTarget_->isChecked() && c.targetAccuracy > 0.0;
    c.seed = static_cast<std::uint64_t>(seed_->value());
    c.threads = threads_->value();
    c.device = device_->currentData().toString().toStdString();
    c.precision = static_cast<Precision>(precision_->currentData().toInt());
    c.augmentation = augmentationOptions_;
    c.limitTrain = limitTrain_->value();
    c.limitTest = limitTest_->value();
    return c;
}

void HyperparameterForm::setConfig(const TrainingConfig& c) {
    recipe_ = QString::fromStdString(c.recipe);
    epochs_->setValue(c.epochs);
    batchSize_->setValue(c.batchSize);
    optimizer_->setCurrentIndex(optimizer_->findData(static_cast<int>(c.optimizer)));
    learningRate_->setValue(c.learningRate);
    schedule_->setCurrentIndex(schedule_->findData(static_cast<int>(c.schedule)));
    weightDecay_->setValue(c.weightDecay);
    momentum_->setValue(c.momentum);
    nesterov_->setChecked(c.nesterov);
    warmupEpochs_->setValue(c.warmupEpochs);
    decayNormAndBias_->setChecked(c.decayNormAndBias);
    labelSmoothing_->setValue(c.labelSmoothing);
    emaDecay_->setValue(c.emaDecay);
    tta_->setCurrentIndex(std::max(0, tta_->findData(static_cast<int>(c.tta))));
    targetAccuracy_->setValue(100.0 * c.targetAccuracy);
    stopAtTarget_->setChecked(c.stopAtTarget);
    seed_->setValue(static_cast<int>(std::min<std::uint64_t>(c.seed, INT32_MAX)));
    threads_->setValue(c.threads);
    device_->setCurrentIndex(std::max(0, device_->findData(QString::fromStdString(c.device))));
    precision_->setCurrentIndex(std::max(0, precision_->findData(static_cast<int>(c.precision))));
    setAugmentation(c.augmentation);
    limitTrain_->setValue(static_cast<int>(std::min<std::int64_t>(c.limitTrain, INT32_MAX)));
    limitTest_->setValue(static_cast<int>(std::min<std::int64_t>(c.limitTest, INT32_MAX)));
}

void HyperparameterForm::setAugmentation(const AugmentOptions& options) {
    const bool differs = !(options == augmentationOptions_);
    augmentationOptions_ = options;
    QStringList parts;
    if (options.cropPadding > 0)
        parts << tr("crops padded %1 px").arg(options.cropPadding);
    if (options.horizontalFlip)
        parts << tr("flips");
    if (options.normalize)
        parts << tr("normalised");
    augmentation_->setText(parts.isEmpty() ? tr("none (as the notebook), see the Data page")
                                           : parts.join(QStringLiteral(", ")) + tr(" (Data page)"));
    if (differs)
        emit changed();
}

void HyperparameterForm::resetToNotebookRecipe() {
    applyRecipe(QStringLiteral("notebook"));
}

} // namespace inception::ui
