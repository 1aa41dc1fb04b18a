#include "ui/window/WorkbenchSettings.hpp"

#include "core/base/InputError.hpp"

#include <QDir>
#include <QStandardPaths>

namespace inception::ui {

namespace {
const QString kDataSource = QStringLiteral("data/source");
const QString kRunsFolder = QStringLiteral("runs/folder");
const QString kTraining = QStringLiteral("training/config");
const QString kModel = QStringLiteral("model/spec");
const QString kRunName = QStringLiteral("training/runName");
const QString kPage = QStringLiteral("window/page");
} // namespace

QString WorkbenchSettings::defaultRunsFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/runs");
}

QString WorkbenchSettings::dataSource() const {
    return settings_.value(kDataSource).toString();
}

void WorkbenchSettings::setDataSource(const QString& source) {
    settings_.setValue(kDataSource, source);
}

QString WorkbenchSettings::runsFolder() const {
    return settings_.value(kRunsFolder, defaultRunsFolder()).toString();
}

void WorkbenchSettings::setRunsFolder(const QString& folder) {
    settings_.setValue(kRunsFolder, folder);
}

QString WorkbenchSettings::fileFolder() const {
    return settings_.value(QStringLiteral("files/folder"), QDir::homePath()).toString();
}

void WorkbenchSettings::setFileFolder(const QString& folder) {
    settings_.setValue(QStringLiteral("files/folder"), folder);
}

Restored<TrainingConfig> WorkbenchSettings::trainingConfig() const {
    const QString text = settings_.value(kTraining).toString();
    if (text.isEmpty())
        return {};
    try {
        return {trainingConfigFromJson(text.toStdString(), "saved training settings"), {}};
    } catch (const InputError& e) {
        return {{}, QString::fromStdString(e.oneLine())};
    }
}

void WorkbenchSettings::setTrainingConfig(const TrainingConfig& config) {
    settings_.setValue(kTraining, QString::fromStdString(toJson(config)));
}

Restored<ModelSpec> WorkbenchSettings::modelSpec() const {
    const QString text = settings_.value(kModel).toString();
    if (text.isEmpty())
        return {seedSpec(), {}};
    try {
        return {modelSpecFromJson(text.toStdString(), "saved model spec"), {}};
    } catch (const InputError& e) {
        return {seedSpec(), QString::fromStdString(e.oneLine())};
    }
}

void WorkbenchSettings::setModelSpec(const ModelSpec& spec) {
    settings_.setValue(kModel, QString::fromStdString(toJson(spec, -1)));
}

QString WorkbenchSettings::runName() const {
    return settings_.value(kRunName).toString();
}

void WorkbenchSettings::setRunName(const QString& name) {
    settings_.setValue(kRunName, name);
}

int WorkbenchSettings::page() const {
    return settings_.value(kPage, 0).toInt();
}

void WorkbenchSettings::setPage(int page) {
    settings_.setValue(kPage, page);
}

QByteArray WorkbenchSettings::layout(const QString& key) const {
    return settings_.value(QStringLiteral("layout/") + key).toByteArray();
}

void WorkbenchSettings::setLayout(const QString& key, const QByteArray& state) {
    settings_.setValue(QStringLiteral("layout/") + key, state);
}

} // namespace inception::ui
