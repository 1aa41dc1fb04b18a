#pragma once

#include "core/training/TrainingConfig.hpp"

#include <QWidget>

class QLabel;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace inception::ui {

// The hyperparameters of the next run, as a form. Its defaults are the notebook's recipe.
class HyperparameterForm : public QWidget {
    Q_OBJECT

public:
    explicit HyperparameterForm(QWidget* parent = nullptr);

    TrainingConfig config() const;
    void setConfig(const TrainingConfig& config);
    // The augmentation is edited on the Data page; the form carries it into config().
    void setAugmentation(const AugmentOptions& options);

signals:
    void changed();

public slots:
    void resetToNotebookRecipe();

private:
    QSpinBox* epochs_;
    QSpinBox* batchSize_;
    QComboBox* optimizer_;
    QDoubleSpinBox* learningRate_;
    QComboBox* schedule_;
    QDoubleSpinBox* weightDecay_;
    QDoubleSpinBox* labelSmoothing_;
    QSpinBox* seed_;
    QSpinBox* threads_;
    QComboBox* device_;
    QComboBox* precision_;
    QLabel* augmentation_;
    AugmentOptions augmentationOptions_;
    QSpinBox* limitTrain_;
    QSpinBox* limitTest_;
};

} // namespace inception::ui
