#pragma once

#include "core/data/DatasetIdentity.hpp"
#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingEvents.hpp"

#include <QFutureWatcher>
#include <QHash>
#include <QImage>
#include <QWidget>

#include <memory>
#include <string>
#include <vector>

class QCheckBox;
class QLabel;
class QListView;
class QSlider;
class QTabWidget;
class QTableView;

namespace inception::ui {

class BranchAblationPanel;
class ClassMetricsModel;
class ConfusionMatrixModel;
class ConfusionPanel;
class ExplainService;
class PrecisionRecallPanel;
class PredictionBrowser;
class PredictionDetail;
class PredictionListModel;

// Error analysis of a run, at any of its epochs: the confusion panel (heatmap and per-class
// metrics), precision-recall curves, branch ablation, and the prediction browser (the test
// images behind each cell, each with its Grad-CAM map and nearest training images, and a
// suspect-label filter). Works the same for the run training here (updated after every epoch)
// and for a run reopened from its directory; reads the run's predictions files and the test
// images of its data, and asks its best checkpoint why (ExplainService, on its own thread).
// Image files dropped on the page are tried on the model.
class AnalysisPage : public QWidget {
    Q_OBJECT

public:
    explicit AnalysisPage(QWidget* parent = nullptr);
    ~AnalysisPage() override;

    void showRun(const QString& folder, const std::vector<std::string>& classNames,
                 const DatasetIdentity& data, const std::vector<EpochSummary>& epochs,
                 const ModelSpec& spec = {});
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
    // Opens the Try Images window on `paths` (files, or folders of images).
    void tryImages(const QStringList& paths);
    // The checkpoint the explain views ask: the run's best, else its last; empty if none.
    QString explainedCheckpoint() const;

    ConfusionPanel* confusionPanel() const { return confusionPanel_; }
    PredictionBrowser* predictionBrowser() const { return browserPanel_; }
    QTableView* matrix() const;
    ConfusionMatrixModel* confusion() const;
    ClassMetricsModel* metrics() const;
    QTableView* metricsView() const;
    PredictionListModel* predictions() const;
    QListView* browser() const;
    PredictionDetail* detail() const;
    QLabel* status() const { return status_; }
    QCheckBox* notebookLayout() const { return notebookLayout_; }
    QTabWidget* views() const { return views_; }
    BranchAblationPanel* ablation() const { return ablation_; }
    PrecisionRecallPanel* precisionRecall() const { return precisionRecall_; }
    ExplainService* explainService() const { return explain_; }
    bool imagesLoaded() const { return images_ != nullptr; }

signals:
    void imagesLoadedChanged();
    // Vary a branch's width (`units[3].out5x5`) of the shown run's model in an experiment.
    void varyRequested(const inception::ModelSpec& spec, const QString& field,
                       const QString& values);
    // A branch ablation of the shown run ended: its candidates to shrink (field -> finding).
    void shrinkCandidatesFound(const inception::ModelSpec& spec,
                               const QHash<QString, QString>& findings);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    std::pair<QString, int> explainedCheckpointAndEpoch() const;
    void loadImages();
    void imagesArrived();
    void showEpoch();
    void showStatus();

    QString folder_;
    QStringList classNames_;
    DatasetIdentity data_;
    ModelSpec spec_;
    std::vector<EpochSummary> epochs_;
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
    QLabel* explained_;
    ExplainService* explain_;
    QTabWidget* views_;
    BranchAblationPanel* ablation_;
    PrecisionRecallPanel* precisionRecall_;
    ConfusionPanel* confusionPanel_;
    PredictionBrowser* browserPanel_;
};

} // namespace inception::ui
