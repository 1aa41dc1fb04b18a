#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <utility>

class QLabel;

namespace inception {
struct DatasetSummary;
}

namespace inception::ui {

class AugmentationPanel;
class ClassCountChart;
class DataSourceChooser;
class SampleGrid;

// The data the next run trains and tests on: where it comes from and what it holds (identity,
// images per class, size, mean and standard deviation), samples of each class, and the
// augmentation of training images with a live preview. Data load on the thread pool.
class DataPage : public QWidget {
    Q_OBJECT

public:
    explicit DataPage(QWidget* parent = nullptr);
    ~DataPage() override;

    DataSourceChooser* chooser() const { return chooser_; }
    AugmentationPanel* augmentation() const { return augmentation_; }
    ClassCountChart* classCounts() const { return chart_; }
    SampleGrid* samples() const { return samples_; }

    // Shows `source` in the chooser and loads its overview (nothing for an unusable source).
    void showSource(const QString& source);
    std::shared_ptr<const DatasetSummary> summary() const { return summary_; }
    QString loadProblem() const { return problem_; }

    static constexpr int kSamplesPerClass = 6;

signals:
    // The overview of the shown source is on screen, or its problem is.
    void summaryShown();

private:
    using Loaded = std::pair<std::shared_ptr<const DatasetSummary>, QString>;
    void showLoaded(const Loaded& loaded);
    void showFacts();

    DataSourceChooser* chooser_;
    QLabel* state_;
    QLabel* facts_;
    ClassCountChart* chart_;
    SampleGrid* samples_;
    AugmentationPanel* augmentation_;
    QFutureWatcher<Loaded> load_;
    QString loading_;
    QString problem_;
    std::shared_ptr<const DatasetSummary> summary_;
};

} // namespace inception::ui
