#pragma once

#include "core/evaluation/SamplePrediction.hpp"

#include <QImage>
#include <QStringList>
#include <QWidget>

namespace inception::ui {

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

} // namespace inception::ui
