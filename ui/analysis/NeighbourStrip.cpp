#include "ui/analysis/NeighbourStrip.hpp"

#include "ui/analysis/ExplainService.hpp"
#include "ui/common/Palette.hpp"

#include <QPainter>

namespace inception::ui {

namespace {
constexpr int kColumns = 4;
constexpr int kTile = 48;
constexpr int kLabel = 16;
} // namespace

NeighbourStrip::NeighbourStrip(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("neighbourStrip"));
    setMinimumHeight(2 * (kTile + kLabel) + 6);
}

QSize NeighbourStrip::sizeHint() const {
    return {kColumns * (kTile + 8), 2 * (kTile + kLabel) + 6};
}

void NeighbourStrip::setNeighbours(const NeighbourImages& neighbours, const QStringList& classNames,
                                   int predicted) {
    images_ = neighbours.images;
    labels_.clear();
    likePredicted_.clear();
    for (const int label : neighbours.labels) {
        labels_ << (label < classNames.size() ? classNames[label] : QString::number(label));
        likePredicted_.push_back(label == predicted);
    }
    update();
}

void NeighbourStrip::clear() {
    images_.clear();
    labels_.clear();
    likePredicted_.clear();
    update();
}

void NeighbourStrip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (images_.empty())
        return;
    const int cell = std::max(kTile, (width() - 4) / kColumns);
    const int tile = std::min(cell - 8, kTile);
    for (std::size_t i = 0; i < images_.size(); ++i) {
        const int column = static_cast<int>(i) % kColumns, row = static_cast<int>(i) / kColumns;
        const QRect picture(column * cell + (cell - tile) / 2, row * (tile + kLabel + 2) + 2, tile,
                            tile);
        p.drawImage(picture, images_[i]);
        if (likePredicted_[i]) {
            p.setPen(QPen(palette::kTest, 2));
            p.drawRect(picture.adjusted(-1, -1, 1, 1));
        }
        p.setPen(palette().text().color());
        p.drawText(QRect(column * cell, picture.bottom() + 1, cell, kLabel), Qt::AlignCenter,
                   labels_[static_cast<int>(i)]);
    }
}

} // namespace inception::ui
