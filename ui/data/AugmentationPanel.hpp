#pragma once

#include "core/data/Augmentation.hpp"

#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace inception {
struct DatasetSummary;
}

namespace inception::ui {

class SampleGrid;

// The augmentation of the next run's training images, with a live preview: one sample of each
// class as it is, and as the prefetch thread would hand it to the trainer.
class AugmentationPanel : public QWidget {
    Q_OBJECT

public:
    explicit AugmentationPanel(QWidget* parent = nullptr);

    AugmentOptions augmentation() const;
    // Shows `options` without emitting changed().
    void setAugmentation(const AugmentOptions& options);
    // The images to preview and the statistics normalisation would use; null clears them.
    void setSummary(std::shared_ptr<const DatasetSummary> summary);
    // Draws other crops and flips for the preview.
    void drawAgain();

    SampleGrid* preview() const { return preview_; }

signals:
    void changed(const AugmentOptions& options);

private:
    void updatePreview();

    QSpinBox* cropPadding_;
    QCheckBox* flip_;
    QCheckBox* normalize_;
    QLabel* statistics_;
    SampleGrid* preview_;
    std::shared_ptr<const DatasetSummary> summary_;
    std::uint64_t draw_ = 1;
    bool updating_ = false;
};

} // namespace inception::ui
