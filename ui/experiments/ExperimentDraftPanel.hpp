#pragma once

#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"

#include <QWidget>

#include <nlohmann/json.hpp>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace inception::ui {

// A new experiment as the user builds it: the Model page's network and the Training page's
// settings as its base, the varied keys and their values (a row each, filled by "Vary..." on
// the Model page or by hand), width multipliers, the search, seeds and halving. Below, the
// trial count and the cost before anything starts, or the one-line error of the file it
// would make.
class ExperimentDraftPanel : public QWidget {
    Q_OBJECT

public:
    explicit ExperimentDraftPanel(QWidget* parent = nullptr);

    void setBase(const inception::ModelSpec& spec, const inception::TrainingConfig& config,
                 const QString& dataSpec);
    // Adds (or replaces) a varied key: `values` as the user types them, "64, 96, 128".
    void setVaried(const QString& key, const QString& values);
    void setName(const QString& name);

    // The experiment file's text; empty when the draft is invalid (see problem()).
    std::string fileText() const;
    QString name() const;
    QString problem() const { return problem_; }
    int trialCount() const { return trials_; }
    QString summary() const;

signals:
    void startRequested();
    void changed();

private:
    void update();
    nlohmann::ordered_json document() const;

    nlohmann::json base_ = nlohmann::json::object();
    QString data_;
    QLineEdit* name_ = nullptr;
    QTableWidget* vary_ = nullptr;
    QLineEdit* multipliers_ = nullptr;
    QComboBox* search_ = nullptr;
    QSpinBox* budget_ = nullptr;
    QSpinBox* seeds_ = nullptr;
    QLineEdit* rungs_ = nullptr;
    QDoubleSpinBox* keep_ = nullptr;
    QLabel* summary_ = nullptr;
    QPushButton* start_ = nullptr;
    QString problem_;
    int trials_ = 0;
};

} // namespace inception::ui
