#pragma once

#include "core/explain/ExplainResults.hpp"
#include "core/explain/SuspectLabels.hpp"

#include <QImage>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace inception {
class Explainer;
}

namespace inception::ui {

// A test image's nearest training images, ready to show.
struct NeighbourImages {
    std::vector<std::int64_t> indices;
    std::vector<int> labels;
    std::vector<float> distances;
    std::vector<QImage> images;
};

// An image file tried on the model: as the model sees it, what it predicts, and why.
struct TriedImage {
    QString file;
    QImage image;
    std::vector<float> probabilities;
    GradCamResult cam;
    QString error; // why the file could not be tried; the rest is empty then
};

// The explain views' questions (Grad-CAM, neighbours, branch ablation, suspect labels, tried
// images), answered one at a time by an Explainer on a thread of its own: the GUI thread only
// posts questions and receives answers as signals, every one emitted on the service's own
// thread (so direct connections and signal spies see no other thread). Long answers report
// progress and can be cancelled; Grad-CAM and neighbour requests keep only the latest one
// waiting. Failures come back as `failed` with a one-line message.
class ExplainService : public QObject {
    Q_OBJECT

public:
    explicit ExplainService(QObject* parent = nullptr);
    ~ExplainService() override;

    // What the questions are about; loaded on the first question. `epoch` tells the weights
    // of one file apart: a run in progress rewrites last.ckpt after every epoch.
    void setSubject(const QString& checkpoint, const QString& dataSpec, int epoch = 0);
    const QString& checkpoint() const { return checkpoint_; }
    const QString& dataSpec() const { return dataSpec_; }
    int epoch() const { return epoch_; }

    void requestGradCam(qint64 testIndex, int targetClass, int unit);
    void requestNeighbours(qint64 testIndex);
    void requestAblation(AblationMode mode);
    void requestSuspects();
    void requestTriedImages(const QStringList& files, int unit);
    // Stops the long question under way (features, ablation) at its next step.
    void cancel();
    bool isBusy() const { return pending_ > 0; }
    // The `what` of progress while the features of every image are computed.
    static QString featuresStep() { return tr("Features of every image"); }

signals:
    void gradCamReady(qint64 testIndex, std::shared_ptr<const inception::GradCamResult> result);
    void neighboursReady(qint64 testIndex, std::shared_ptr<const inception::ui::NeighbourImages> n);
    void ablationReady(std::shared_ptr<const inception::AblationReport> report,
                       const QStringList& classNames);
    void suspectsReady(std::shared_ptr<const inception::SuspectSearch> search);
    void imagesTried(std::shared_ptr<const std::vector<inception::ui::TriedImage>> images);
    // `what` is under way: done of total steps.
    void progress(const QString& what, qint64 done, qint64 total);
    void busyChanged(bool busy);
    void failed(const QString& message);
    void cancelled(const QString& what);

private:
    // Runs `job` on the explainer's thread, after the questions posted before it.
    void post(const QString& what, std::function<void(Explainer&)> job);
    void jobEnded();
    // Runs `emission` on the service's thread, after what the explainer delivered before it.
    void deliver(std::function<void()> emission);
    ExplainProgress progressOf(const QString& what);

    QString checkpoint_;
    QString dataSpec_;
    int epoch_ = 0;
    QThread* thread_;
    QObject* worker_;                      // lives on thread_
    std::unique_ptr<Explainer> explainer_; // touched on thread_ only
    std::atomic<bool> cancel_{false};
    std::atomic<quint64> gradCamGeneration_{0};
    std::atomic<quint64> neighbourGeneration_{0};
    int pending_ = 0;
};

} // namespace inception::ui
