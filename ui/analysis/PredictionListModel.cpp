#include "ui/analysis/PredictionListModel.hpp"

#include <unordered_map>

#include "ui/common/ImageConversion.hpp"

#include "core/evaluation/PredictionAnalysis.hpp"

#include <algorithm>

namespace inception::ui {

PredictionListModel::PredictionListModel(QObject* parent) : QAbstractListModel(parent) {}

void PredictionListModel::setPredictions(std::vector<SamplePrediction> predictions,
                                         const QStringList& classNames) {
    predictions_ = std::move(predictions);
    names_ = classNames;
    rebuild();
}

void PredictionListModel::setImages(std::shared_ptr<const std::vector<QImage>> images) {
    images_ = std::move(images);
    if (!rows_.empty())
        emit dataChanged(index(0), index(rowCount() - 1), {Qt::DecorationRole, ImageRole});
}

void PredictionListModel::setFilter(const PredictionFilter& filter) {
    filter_ = filter;
    rebuild();
}

void PredictionListModel::rebuild() {
    beginResetModel();
    rows_.clear();
    if (filter_.ranked) {
        // Only these test images, in this order (suspect labels): the class filters still hold.
        std::unordered_map<std::int32_t, int> position;
        for (std::size_t i = 0; i < predictions_.size(); ++i)
            position[predictions_[i].index] = static_cast<int>(i);
        for (const std::int32_t index : *filter_.ranked) {
            const auto found = position.find(index);
            if (found == position.end())
                continue;
            const SamplePrediction& p = predictions_[static_cast<std::size_t>(found->second)];
            if ((filter_.trueClass < 0 || p.trueClass == filter_.trueClass) &&
                (filter_.predicted < 0 || p.predicted == filter_.predicted))
                rows_.push_back(found->second);
        }
        endResetModel();
        return;
    }
    for (std::size_t i = 0; i < predictions_.size(); ++i) {
        const SamplePrediction& p = predictions_[i];
        if (!filter_.includeCorrect && p.predicted == p.trueClass)
            continue;
        if (filter_.trueClass >= 0 && p.trueClass != filter_.trueClass)
            continue;
        if (filter_.predicted >= 0 && p.predicted != filter_.predicted)
            continue;
        if (filter_.onlyIndices && !filter_.onlyIndices->contains(p.index))
            continue;
        rows_.push_back(static_cast<int>(i));
    }
    const auto& all = predictions_;
    auto by = [&](auto key, bool descending) {
        std::stable_sort(rows_.begin(), rows_.end(), [&](int a, int b) {
            const auto ka = key(all[static_cast<std::size_t>(a)]);
            const auto kb = key(all[static_cast<std::size_t>(b)]);
            return descending ? ka > kb : ka < kb;
        });
    };
    switch (filter_.order) {
    case PredictionFilter::Order::ConfidenceHighFirst:
        by([](const SamplePrediction& p) { return confidence(p); }, true);
        break;
    case PredictionFilter::Order::ConfidenceLowFirst:
        by([](const SamplePrediction& p) { return confidence(p); }, false);
        break;
    case PredictionFilter::Order::LossHighFirst:
        by([](const SamplePrediction& p) { return predictionLoss(p); }, true);
        break;
    case PredictionFilter::Order::Index:
        by([](const SamplePrediction& p) { return p.index; }, false);
        break;
    }
    endResetModel();
}

const SamplePrediction& PredictionListModel::predictionAt(int row) const {
    return predictions_[static_cast<std::size_t>(rows_[static_cast<std::size_t>(row)])];
}

QImage PredictionListModel::imageOf(const SamplePrediction& prediction) const {
    if (!images_ || prediction.index < 0 || prediction.index >= static_cast<int>(images_->size()))
        return {};
    return (*images_)[static_cast<std::size_t>(prediction.index)];
}

int PredictionListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant PredictionListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SamplePrediction& p = predictionAt(index.row());
    auto name = [this](int c) { return c < names_.size() ? names_[c] : QString::number(c); };
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 → %2").arg(name(p.trueClass), name(p.predicted));
    case Qt::ToolTipRole:
        return tr("test image %1: true %2, predicted %3 with %4%")
            .arg(p.index)
            .arg(name(p.trueClass), name(p.predicted))
            .arg(100 * confidence(p), 0, 'f', 1);
    case Qt::DecorationRole:
    case ImageRole:
        return imageOf(p);
    case PredictionRole:
        return QVariant::fromValue(p);
    case TrueClassRole:
        return p.trueClass;
    case PredictedRole:
        return p.predicted;
    case ConfidenceRole:
        return confidence(p);
    case LossRole:
        return predictionLoss(p);
    case CorrectRole:
        return p.trueClass == p.predicted;
    default:
        return {};
    }
}

std::vector<QImage> PredictionListModel::convertImages(const TestImages& images) {
    std::vector<QImage> out;
    out.reserve(static_cast<std::size_t>(images.count));
    const ImageShape shape{images.height, images.width, images.channels};
    for (int i = 0; i < images.count; ++i)
        out.push_back(toQImage(images.image(i), shape));
    return out;
}

} // namespace inception::ui
