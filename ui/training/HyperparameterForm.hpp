#pragma once

#include "core/training/TrainingConfig.hpp"

#include <QWidget>

class QCheckBox;
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

    // What `auto` precision becomes on this machine, and why (shown beside the choice).
    QString precisionChoiceText() const;

signals:
    void changed();
    // A recipe's settings were put in the form; its structure is for the Model page.
    void recipeApplied(const QString& name);

public slots:
    void resetToNotebookRecipe();
    // Puts the named recipe's settings in the form (Recipe.hpp) and says so.
    void applyRecipe(const QString& name);
    void setLearningRate(double rate);

private:
    void updatePrecisionNote();
    QWidget* recipeButtons();

    QString recipe_;
    QSpinBox* epochs_;
    QSpinBox* batchSize_;
    QComboBox* optimizer_;
    QDoubleSpinBox* learningRate_;
    QComboBox* schedule_;
    QDoubleSpinBox* weightDecay_;
    QDoubleSpinBox* momentum_;
    QCheckBox* nesterov_;
    QDoubleSpinBox* warmupEpochs_;
    QCheckBox* decayNormAndBias_;
    QDoubleSpinBox* labelSmoothing_;
    QDoubleSpinBox* emaDecay_;
    QComboBox* tta_;
    QDoubleSpinBox* targetAccuracy_;
    QCheckBox* stopAtTarget_;
    QSpinBox* seed_;
    QSpinBox* threads_;
    QComboBox* device_;
    QComboBox* precision_;
    QLabel* precisionNote_;
    QLabel* augmentation_;
    AugmentOptions augmentationOptions_;
    QSpinBox* limitTrain_;
    QSpinBox* limitTest_;
};

} // namespace inception::ui
