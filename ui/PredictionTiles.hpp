#pragma once

#include "core/TrainingEvents.hpp"

#include <QImage>
#include <QStringList>
#include <QStyledItemDelegate>
#include <QWidget>

namespace inception::ui {

class PredictionListModel;

// Pixels per image pixel in the browser: 32x32 CIFAR images become 96x96 tiles.
constexpr int kTileScale = 3;

// A browser tile: the image scaled up pixel-crisp (nearest neighbour), the true and
// predicted class and the confidence under it, a red frame for a mistake.
class PredictionTileDelegate : public QStyledItemDelegate {
public:
    explicit PredictionTileDelegate(QSize imageSize, QObject* parent = nullptr);
    void setImageSize(QSize size) { imageSize_ = size; }
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    QSize imageSize_;
};

// One prediction large: the image and its top-5 probabilities as bars.
class PredictionDetail : public QWidget {
    Q_OBJECT

public:
    explicit PredictionDetail(QWidget* parent = nullptr);
    void show(const SamplePrediction& prediction, const QImage& image, const QStringList& names);
    void clear();
    bool hasPrediction() const { return has_; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    SamplePrediction prediction_{};
    QImage image_;
    QStringList names_;
    bool has_ = false;
};

// The current selection of the browser as one PNG-ready picture: `columns` tiles a row, the
// first kContactSheetMaxTiles of it (all 10,000 test images would make a 300 MB picture).
constexpr int kContactSheetMaxTiles = 500;
QImage renderContactSheet(const PredictionListModel& model, int columns, int scale);

} // namespace inception::ui
