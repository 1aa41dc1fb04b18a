#pragma once

#include "ui/analysis/ExplainService.hpp"

#include <QDialog>
#include <QStringList>

#include <memory>
#include <vector>

class QLabel;
class QListWidget;
class QSlider;

namespace inception::ui {

class HeatMapView;

// Your own images on the model (as Create ML's Preview): each file as the model sees it
// (resized to its input), its top-5 classes and its Grad-CAM map; unreadable files are listed
// with the reason, never fatal.
class TryImagesDialog : public QDialog {
    Q_OBJECT

public:
    TryImagesDialog(ExplainService* service, const QStringList& classNames,
                    QWidget* parent = nullptr);

    void tryFiles(const QStringList& files);
    QListWidget* list() const { return list_; }
    QLabel* top() const { return top_; }
    HeatMapView* heatMap() const { return heatMap_; }
    int triedCount() const { return static_cast<int>(tried_.size()); }

    // Image files among `paths`, folders opened one level deep, in name order.
    static QStringList imageFiles(const QStringList& paths);

private:
    void showCurrent();

    ExplainService* service_;
    QStringList classNames_;
    std::vector<TriedImage> tried_;
    QListWidget* list_;
    HeatMapView* heatMap_;
    QSlider* opacity_;
    QLabel* top_;
    QLabel* status_;
};

} // namespace inception::ui
