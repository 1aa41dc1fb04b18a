#pragma once

#include <QImage>
#include <QStringList>
#include <QWidget>

#include <vector>

namespace inception::ui {

struct NeighbourImages;

// A test image's nearest training images, two rows of small tiles with their labels; the
// tiles labelled as the test image is predicted are framed, so "its neighbours are all dogs"
// reads at a glance.
class NeighbourStrip : public QWidget {
    Q_OBJECT

public:
    explicit NeighbourStrip(QWidget* parent = nullptr);

    void setNeighbours(const NeighbourImages& neighbours, const QStringList& classNames,
                       int predicted);
    void clear();
    int count() const { return static_cast<int>(images_.size()); }
    const QStringList& labels() const { return labels_; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<QImage> images_;
    QStringList labels_;
    std::vector<bool> likePredicted_;
};

} // namespace inception::ui
