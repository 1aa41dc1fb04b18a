#pragma once

#include <QImage>
#include <QStringList>
#include <QWidget>

#include <vector>

namespace inception::ui {

// Rows of images with a caption each: a class name and its samples, small images (CIFAR's
// 32 x 32) enlarged so they can be told apart.
class SampleGrid : public QWidget {
    Q_OBJECT

public:
    explicit SampleGrid(QWidget* parent = nullptr);

    void setRows(const QStringList& captions, const std::vector<std::vector<QImage>>& images);
    void clear();
    // The side small images are drawn at (smoothly scaled, at most 4x); larger ones keep theirs.
    void setTargetSide(int side);
    int rowCount() const { return static_cast<int>(images_.size()); }
    int imageCount(int row) const { return static_cast<int>(images_.at(row).size()); }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int cellSide() const;

    QStringList captions_;
    std::vector<std::vector<QImage>> images_;
    int captionWidth_ = 0;
    int targetSide_ = 48;
};

} // namespace inception::ui
