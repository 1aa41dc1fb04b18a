#include "ui/training/LearningRateDialog.hpp"

#include "core/base/InputError.hpp"
#include "core/training/LearningRateFinder.hpp"
#include "ui/common/Palette.hpp"
#include "ui/common/PlotView.hpp"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace inception::ui {

namespace {
enum Series { kLoss, kSmoothed };
} // namespace

LearningRateDialog::LearningRateDialog(const ModelSpec& spec, const TrainingConfig& config,
                                       const QString& dataSource, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Find Learning Rate"));
    setObjectName(QStringLiteral("learningRateDialog"));
    plot_ = new PlotView(tr("Loss against learning rate"), tr("learning rate"), tr("loss"), this);
    plot_->addSeries(tr("batch"), palette::kRaw, 1.0);
    plot_->addSeries(tr("smoothed"), palette::kSmoothed, 2.0);
    plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    plot_->setMinimumSize(560, 340);
    status_ = new QLabel(tr("Loading the data..."), this);
    status_->setObjectName(QStringLiteral("learningRateStatus"));
    status_->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    use_ = buttons->addButton(tr("&Use This Rate"), QDialogButtonBox::AcceptRole);
    use_->setEnabled(false);
    connect(use_, &QPushButton::clicked, this, [this] {
        if (suggested_)
            emit rateChosen(*suggested_);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(plot_, 1);
    layout->addWidget(status_);
    layout->addWidget(buttons);

    const std::string source = dataSource.toStdString();
    worker_ = std::thread([this, spec, config, source] {
        std::optional<double> suggested;
        bool diverged = false;
        QString error;
        try {
            const LearningRateCurve curve = findLearningRate(
                spec, config, source, /*fitSpecToData=*/true, LearningRateSweep{},
                [this](const LearningRatePoint& p) {
                    QMetaObject::invokeMethod(
                        this, [this, p] { addPoint(p.rate, p.loss, p.smoothedLoss); },
                        Qt::QueuedConnection);
                    return !cancel_.load();
                });
            suggested = curve.suggestedRate;
            diverged = curve.diverged;
        } catch (const InputError& e) {
            error = QString::fromStdString(e.oneLine());
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            this, [this, suggested, diverged, error] { sweepEnded(suggested, diverged, error); },
            Qt::QueuedConnection);
    });
}

LearningRateDialog::~LearningRateDialog() {
    cancel_ = true;
    if (worker_.joinable())
        worker_.join();
}

void LearningRateDialog::addPoint(double rate, double loss, double smoothed) {
    plot_->appendPoints(kLoss, {rate}, {loss});
    plot_->appendPoints(kSmoothed, {rate}, {smoothed});
    plot_->refresh();
    status_->setText(tr("Learning rate %1: loss %2").arg(rate, 0, 'g', 3).arg(smoothed, 0, 'f', 3));
}

void LearningRateDialog::sweepEnded(std::optional<double> suggested, bool diverged,
                                    const QString& error) {
    running_ = false;
    suggested_ = suggested;
    if (!error.isEmpty()) {
        status_->setText(tr("The sweep failed: %1").arg(error));
    } else if (suggested) {
        auto* mark = new QCPItemStraightLine(plot_);
        mark->point1->setCoords(*suggested, 0);
        mark->point2->setCoords(*suggested, 1);
        mark->setPen(QPen(palette::kTest, 1.5, Qt::DashLine));
        status_->setText(
            tr("Suggested learning rate: <b>%1</b>, where the loss falls fastest%2")
                .arg(*suggested, 0, 'g', 3)
                .arg(diverged ? tr("; the loss blew up at the end of the sweep") : QString()));
        use_->setText(tr("&Use %1").arg(*suggested, 0, 'g', 3));
        use_->setEnabled(true);
        use_->setDefault(true);
    } else {
        status_->setText(tr("No suggestion: the loss never fell over the sweep."));
    }
    plot_->fitToData();
    emit finished();
}

} // namespace inception::ui
