#pragma once

#include "core/DatasetIdentity.hpp"
#include "core/TrainingEvents.hpp"

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QListView;
class QSlider;
class QSpinBox;
class QTableView;

namespace inception::ui {

class AxisTitle;
class ClassMetricsModel;
class ConfusionMatrixModel;
class PredictionDetail;
class PredictionListModel;
class PredictionTileDelegate;

// Error analysis of a run, at any of its epochs: the test confusion matrix as a heatmap,
// per-class metrics, and a browser of the test images behind each cell. Works the same for
// the run training here (updated after every epoch) and for a run reopened from its
// directory; reads the run's predictions files and the test images of its data.
class AnalysisPage : public QWidget {
    Q_OBJECT

public:
    explicit AnalysisPage(QWidget* parent = nullptr);
    ~AnalysisPage() override;

    void showRun(const QString& folder, const std::vector<std::string>& classNames,
                 const DatasetIdentity& data, const std::vector<EpochSummary>& epochs);
    // A new epoch of the shown run; the page moves to it unless the user went back.
    void addEpoch(const EpochSummary& epoch);
    void clear();

    void setEpoch(int epoch);
    int epoch() const;
    // Shows the images of a cell (-1: any class), as a click on the heatmap does.
    void filterByCell(int trueClass, int predicted);
    // Only images whose prediction changed since `epoch` (0: off).
    void setChangedSince(int epoch);
    QString exportContactSheet(const QString& path);

    QTableView* matrix() const { return heatmap_; }
    ConfusionMatrixModel* confusion() const { return confusion_; }
    ClassMetricsModel* metrics() const { return metrics_; }
    QTableView* metricsView() const { return metricsView_; }
    PredictionListModel* predictions() const { return predictions_; }
    QListView* browser() const { return browser_; }
    PredictionDetail* detail() const { return detail_; }
    QLabel* status() const { return status_; }
    QCheckBox* notebookLayout() const { return notebookLayout_; }
    bool imagesLoaded() const { return images_ != nullptr; }

signals:
    void imagesLoadedChanged();

private:
    QWidget* createHeatmap();
    QWidget* createBrowser();
    void loadImages();
    void showEpoch();
    void applyFilter();
    void showStatus();
    void updateAxisTitles();

    QString folder_;
    QStringList classNames_;
    DatasetIdentity data_;
    std::vector<EpochSummary> epochs_;
    std::vector<SamplePrediction> shown_;
    int changedSinceEpoch_ = 0; // the epoch changedIndices_ compare shown_ with; 0: none
    std::optional<std::set<std::int32_t>> changedIndices_;
    QString predictionsProblem_;
    QString imagesProblem_;

    std::shared_ptr<const std::vector<QImage>> images_;
    QString imagesSpec_;
    QFutureWatcher<std::pair<std::shared_ptr<const std::vector<QImage>>, QString>> imageLoad_;

    QSlider* epochSlider_;
    QLabel* epochLabel_;
    QCheckBox* rates_;
    QCheckBox* notebookLayout_;
    QLabel* status_;
    ConfusionMatrixModel* confusion_;
    QTableView* heatmap_;
    AxisTitle* rowsTitle_;
    QLabel* columnsTitle_;
    ClassMetricsModel* metrics_;
    QTableView* metricsView_;
    PredictionListModel* predictions_;
    PredictionTileDelegate* tiles_;
    QListView* browser_;
    PredictionDetail* detail_;
    QComboBox* trueFilter_;
    QComboBox* predictedFilter_;
    QComboBox* order_;
    QCheckBox* includeCorrect_;
    QCheckBox* changed_;
    QSpinBox* changedSince_;
    QLabel* count_;
};

} // namespace inception::ui
