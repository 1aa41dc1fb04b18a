#pragma once

#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"

#include <QByteArray>
#include <QSettings>
#include <QString>

namespace inception::ui {

// A value read back from the settings: the default when the stored one could not be used,
// and then `problem` says why.
template <typename T> struct Restored {
    T value;
    QString problem;
};

// What the workbench remembers between sessions, in QSettings. Specs and hyperparameters
// are stored in core's JSON, so a damaged value falls back to the default instead of
// failing the start, and says so.
class WorkbenchSettings {
public:
    WorkbenchSettings() = default;

    QString dataSource() const;
    void setDataSource(const QString& source);
    QString runsFolder() const;
    void setRunsFolder(const QString& folder);
    // Where checkpoints and exports were last saved or opened from.
    QString fileFolder() const;
    void setFileFolder(const QString& folder);
    Restored<TrainingConfig> trainingConfig() const;
    void setTrainingConfig(const TrainingConfig& config);
    Restored<ModelSpec> modelSpec() const;
    void setModelSpec(const ModelSpec& spec);
    QString runName() const;
    void setRunName(const QString& name);
    int page() const;
    void setPage(int page);

    QByteArray layout(const QString& key) const;
    void setLayout(const QString& key, const QByteArray& state);

    static QString defaultRunsFolder();

private:
    mutable QSettings settings_;
};

} // namespace inception::ui
