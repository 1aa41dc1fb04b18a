#include "ui/analysis/ExplainService.hpp"

#include "core/base/InputError.hpp"
#include "core/explain/Explainer.hpp"
#include "ui/common/ImageConversion.hpp"

#include <QThread>

namespace inception::ui {

namespace {

QImage toImage(const ImageBytes& image) {
    return toQImage(image.pixels.data(), {image.height, image.width, image.channels});
}

} // namespace

ExplainService::ExplainService(QObject* parent)
    : QObject(parent), thread_(new QThread(this)), worker_(new QObject) {
    thread_->setObjectName(QStringLiteral("explain"));
    worker_->moveToThread(thread_);
    connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_->start();
}

ExplainService::~ExplainService() {
    cancel();
    // The explainer is destroyed on its own thread, after the questions already posted.
    QMetaObject::invokeMethod(
        worker_, [this] { explainer_.reset(); }, Qt::BlockingQueuedConnection);
    thread_->quit();
    thread_->wait();
}

void ExplainService::setSubject(const QString& checkpoint, const QString& dataSpec, int epoch) {
    if (checkpoint == checkpoint_ && dataSpec == dataSpec_ && epoch == epoch_)
        return;
    checkpoint_ = checkpoint;
    dataSpec_ = dataSpec;
    epoch_ = epoch;
    cancel();
    QMetaObject::invokeMethod(
        worker_, [this] { explainer_.reset(); }, Qt::QueuedConnection);
}

void ExplainService::cancel() {
    cancel_ = true;
}

ExplainProgress ExplainService::progressOf(const QString& what) {
    return [this, what](std::int64_t done, std::int64_t total) {
        deliver([=, this] { emit progress(what, done, total); });
        return !cancel_.load();
    };
}

void ExplainService::post(const QString& what, std::function<void(Explainer&)> job) {
    if (pending_++ == 0)
        emit busyChanged(true);
    cancel_ = false;
    const std::string checkpoint = checkpoint_.toStdString(), data = dataSpec_.toStdString();
    QMetaObject::invokeMethod(
        worker_,
        [this, what, job = std::move(job), checkpoint, data] {
            try {
                if (checkpoint.empty())
                    throw InputError("analysis", "no checkpoint to explain: the run has none yet");
                if (!explainer_ || explainer_->checkpoint() != checkpoint)
                    explainer_ = std::make_unique<Explainer>(checkpoint);
                explainer_->setData(data);
                job(*explainer_);
            } catch (const ExplainCancelled&) {
                deliver([=, this] { emit cancelled(what); });
            } catch (const InputError& e) {
                const QString message = tr("%1: %2").arg(what, QString::fromStdString(e.oneLine()));
                deliver([=, this] { emit failed(message); });
            } catch (const std::exception& e) {
                const QString message =
                    tr("%1: %2").arg(what, QString::fromUtf8(e.what()).section('\n', 0, 0));
                deliver([=, this] { emit failed(message); });
            }
            QMetaObject::invokeMethod(this, &ExplainService::jobEnded, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void ExplainService::deliver(std::function<void()> emission) {
    QMetaObject::invokeMethod(this, std::move(emission), Qt::QueuedConnection);
}

void ExplainService::jobEnded() {
    if (--pending_ == 0)
        emit busyChanged(false);
}

void ExplainService::requestGradCam(qint64 testIndex, int targetClass, int unit) {
    const quint64 generation = ++gradCamGeneration_;
    post(tr("Grad-CAM"), [=, this](Explainer& explainer) {
        if (generation != gradCamGeneration_)
            return; // a newer request waits behind this one
        auto result = std::make_shared<GradCamResult>(
            explainer.gradCam(explainer.testImage(testIndex), targetClass,
                              unit < 0 ? explainer.unitCount() - 1 : unit));
        deliver([=, this] { emit gradCamReady(testIndex, result); });
    });
}

void ExplainService::requestNeighbours(qint64 testIndex) {
    const quint64 generation = ++neighbourGeneration_;
    const QString what = tr("Nearest training images");
    post(what, [=, this](Explainer& explainer) {
        if (generation != neighbourGeneration_)
            return;
        explainer.prepareFeatures(progressOf(featuresStep()));
        auto found = std::make_shared<NeighbourImages>();
        for (const Neighbour& n : explainer.testImageNeighbours(testIndex)) {
            found->indices.push_back(n.index);
            found->labels.push_back(explainer.trainLabel(n.index));
            found->distances.push_back(n.distance);
            found->images.push_back(toImage(explainer.trainImage(n.index)));
        }
        deliver([=, this] { emit neighboursReady(testIndex, found); });
    });
}

void ExplainService::requestAblation(AblationMode mode) {
    const QString what = tr("Branch ablation");
    post(what, [=, this](Explainer& explainer) {
        auto report = std::make_shared<AblationReport>(explainer.ablate(mode, progressOf(what)));
        QStringList names;
        for (const std::string& name : explainer.classNames())
            names << QString::fromStdString(name);
        deliver([=, this] { emit ablationReady(report, names); });
    });
}

void ExplainService::requestSuspects() {
    post(tr("Suspect labels"), [this](Explainer& explainer) {
        explainer.prepareFeatures(progressOf(featuresStep()));
        auto search = std::make_shared<const SuspectSearch>(explainer.testSuspects());
        deliver([=, this] { emit suspectsReady(search); });
    });
}

void ExplainService::requestTriedImages(const QStringList& files, int unit) {
    post(tr("Try images"), [=, this](Explainer& explainer) {
        auto tried = std::make_shared<std::vector<TriedImage>>();
        const int lastUnit = explainer.unitCount() - 1;
        for (const QString& file : files) {
            TriedImage t;
            t.file = file;
            try {
                const ImageBytes image = explainer.readImage(file.toStdString());
                t.image = toImage(image);
                t.cam = explainer.gradCam(image, kPredictedClass,
                                          unit < 0 ? lastUnit : std::min(unit, lastUnit));
                t.probabilities = t.cam.probabilities;
            } catch (const InputError& e) {
                t.error = QString::fromStdString(e.oneLine());
            }
            tried->push_back(std::move(t));
        }
        deliver([=, this] { emit imagesTried(tried); });
    });
}

} // namespace inception::ui
