#pragma once

#include "core/data/TestImages.hpp"
#include "core/training/TrainingEvents.hpp"

#include <QAbstractListModel>
#include <QImage>
#include <QStringList>

#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace inception::ui {

// Which test predictions the browser shows, and in what order.
struct PredictionFilter {
    enum class Order { ConfidenceHighFirst, ConfidenceLowFirst, LossHighFirst, Index };
    int trueClass = -1; // -1: any
    int predicted = -1; // -1: any
    bool includeCorrect = false;
    std::optional<std::set<std::int32_t>> onlyIndices; // e.g. changed since an epoch
    Order order = Order::ConfidenceHighFirst;
    // Only these test images in this order (suspect labels, most suspect first), correct
    // or not; `order` and `onlyIndices` do not apply.
    std::optional<std::vector<std::int32_t>> ranked;
};

// One epoch's test predictions, filtered and sorted, as a list of images: the model behind
// the misclassified-image browser. Images are converted once per dataset (see setImages);
// filtering and sorting rebuild an index vector only, so the view stays instant over all
// 10,000 test images.
class PredictionListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        PredictionRole = Qt::UserRole + 1, // the SamplePrediction, as QVariant
        TrueClassRole,
        PredictedRole,
        ConfidenceRole,
        LossRole,
        ImageRole, // QImage at the data's size; null when no images are loaded
        CorrectRole
    };

    explicit PredictionListModel(QObject* parent = nullptr);

    void setPredictions(std::vector<SamplePrediction> predictions, const QStringList& classNames);
    // The test images, converted to QImage (on a worker thread, see convertImages).
    void setImages(std::shared_ptr<const std::vector<QImage>> images);
    void setFilter(const PredictionFilter& filter);
    const PredictionFilter& filter() const { return filter_; }
    const QStringList& classNames() const { return names_; }
    const SamplePrediction& predictionAt(int row) const;
    QImage imageOf(const SamplePrediction& prediction) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    // Test images as QImages, one per image, RGB or grayscale.
    static std::vector<QImage> convertImages(const TestImages& images);

private:
    void rebuild();

    std::vector<SamplePrediction> predictions_;
    std::vector<int> rows_; // positions in predictions_
    std::shared_ptr<const std::vector<QImage>> images_;
    QStringList names_;
    PredictionFilter filter_;
};

} // namespace inception::ui

Q_DECLARE_METATYPE(inception::SamplePrediction)
