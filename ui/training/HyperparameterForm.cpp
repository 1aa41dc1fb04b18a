#include "ui/training/HyperparameterForm.hpp"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
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
                         ScheduleKind::OneCycle});
    weightDecay_ = decimalBox(0.0, 1.0, 6, 1e-4, this);
    labelSmoothing_ = decimalBox(0.0, 0.99, 3, 0.05, this);
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
    precision_->setToolTip(tr("bfloat16 pays off only on CPUs with BF16 instructions (AVX-512 "
                              "BF16, AMX); elsewhere it is many times slower"));
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
    form->addRow(tr("&Weight decay:"), weightDecay_);
    form->addRow(tr("Label s&moothing:"), labelSmoothing_);
    form->addRow(tr("&Seed:"), seed_);
    form->addRow(tr("&Threads:"), threads_);
    form->addRow(tr("&Device:"), device_);
    form->addRow(tr("&Precision:"), precision_);
    form->addRow(tr("Augmentation:"), augmentation_);
    form->addRow(tr("Training images:"), limitTrain_);
    form->addRow(tr("Test images:"), limitTest_);
    auto* reset = new QPushButton(tr("Notebook Recipe"), this);
    reset->setToolTip(tr("Adam, learning rate 0.001, batch 256, 30 epochs, seed 2020"));
    connect(reset, &QPushButton::clicked, this, &HyperparameterForm::resetToNotebookRecipe);
    form->addRow(QString(), reset);

    setConfig(TrainingConfig{});
    for (QSpinBox* box : {epochs_, batchSize_, seed_, threads_, limitTrain_, limitTest_})
        connect(box, &QSpinBox::valueChanged, this, &HyperparameterForm::changed);
    for (QDoubleSpinBox* box : {learningRate_, weightDecay_, labelSmoothing_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &HyperparameterForm::changed);
    for (QComboBox* box : {optimizer_, schedule_, device_, precision_})
        connect(box, &QComboBox::currentIndexChanged, this, &HyperparameterForm::changed);
}

TrainingConfig HyperparameterForm::config() const {
    TrainingConfig c;
    c.epochs = epochs_->value();
    c.batchSize = batchSize_->value();
    c.optimizer = static_cast<OptimizerKind>(optimizer_->currentData().toInt());
    c.learningRate = learningRate_->value();
    c.schedule = static_cast<ScheduleKind>(schedule_->currentData().toInt());
    c.weightDecay = weightDecay_->value();
    c.labelSmoothing = labelSmoothing_->value();
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
    epochs_->setValue(c.epochs);
    batchSize_->setValue(c.batchSize);
    optimizer_->setCurrentIndex(optimizer_->findData(static_cast<int>(c.optimizer)));
    learningRate_->setValue(c.learningRate);
    schedule_->setCurrentIndex(schedule_->findData(static_cast<int>(c.schedule)));
    weightDecay_->setValue(c.weightDecay);
    labelSmoothing_->setValue(c.labelSmoothing);
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
    setConfig(TrainingConfig{});
}

} // namespace inception::ui
