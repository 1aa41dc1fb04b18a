#pragma once

#include "core/evaluation/SamplePrediction.hpp"

#include <QImage>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>
#include <set>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QListView;
class QSpinBox;

namespace inception::ui {

class ExplainPanel;
class ExplainService;
class PredictionDetail;
class PredictionListModel;

// The right half of the Analysis page: an epoch's test images as tiles, filtered by true and
// predicted class (a heatmap cell), ordered by confidence or loss, optionally only those whose
// prediction changed since an earlier epoch; the chosen one large, and a contact sheet.
class PredictionBrowser : public QWidget {
    Q_OBJECT

public:
    // `explain` answers the detail's Grad-CAM and neighbour questions; the browser makes its
    // own service when given none.
    explicit PredictionBrowser(ExplainService* explain = nullptr, QWidget* parent = nullptr);

    void setClassNames(const QStringList& classNames);
    // An epoch's predictions, read from the run in `folder` (where earlier epochs are read
    // from for "changed since").
    void showPredictions(const QString& folder, int epoch,
                         std::vector<SamplePrediction> predictions);
    void setImages(std::shared_ptr<const std::vector<QImage>> images);
    void clear();

    // Shows the images of a cell (-1: any class), as a click on the heatmap does.
    void filterByCell(int trueClass, int predicted);
    // Only images whose prediction changed since `epoch` (0: off).
    void setChangedSince(int epoch);
    // An error message naming the path, empty on success.
    QString exportContactSheet(const QString& path);
    // The suspect labels, most suspect first; the "Suspect labels" filter shows them.
    void setSuspects(std::vector<std::int32_t> ranked);
    // The suspects were another checkpoint's: asks again when the filter is on.
    void forgetSuspects();
    QCheckBox* suspectsFilter() const { return suspects_; }
    ExplainPanel* explainPanel() const { return explain_; }

    PredictionListModel* predictions() const { return predictions_; }
    QListView* browser() const { return browser_; }
    PredictionDetail* detail() const { return detail_; }

signals:
    // A line for the page's status: a contact sheet saved, an earlier epoch unreadable.
    void statusMessage(const QString& text, bool problem);
    // The "Suspect labels" filter was turned on before the suspects were known.
    void suspectsRequested();

private:
    QLayout* createFilters();
    void showCurrent();
    void applyFilter();

    QString folder_;
    QStringList classNames_;
    std::vector<SamplePrediction> shown_;
    int changedSinceEpoch_ = 0; // the epoch changedIndices_ compare shown_ with; 0: none
    std::optional<std::set<std::int32_t>> changedIndices_;

    PredictionListModel* predictions_;
    QListView* browser_;
    PredictionDetail* detail_;
    QComboBox* trueFilter_;
    QComboBox* predictedFilter_;
    QComboBox* order_;
    QCheckBox* includeCorrect_;
    QCheckBox* changed_;
    QCheckBox* suspects_;
    std::optional<std::vector<std::int32_t>> suspectRanking_;
    ExplainPanel* explain_;
    QSpinBox* changedSince_;
    QLabel* count_;
};

} // namespace inception::ui
