#include "tests/support/QtTestSupport.hpp"

#include "ui/model_editor/ModelPage.hpp"
#include "ui/training/HyperparameterForm.hpp"
#include "ui/training/TrainingPage.hpp"
#include "ui/window/MainWindow.hpp"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>

namespace inception::test {

void isolateSettings() {
    QCoreApplication::setOrganizationName(QStringLiteral("InceptionWorkbenchTests"));
    QCoreApplication::setApplicationName(QStringLiteral("inception-workbench-tests"));
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

TrainingConfig quickConfig(int epochs) {
    TrainingConfig config;
    config.epochs = epochs;
    config.batchSize = 10;
    config.learningRate = 0.01;
    config.threads = 1;
    return config;
}

std::unique_ptr<ui::MainWindow> quickWindow(const QString& runsFolder, int epochs) {
    auto window = std::make_unique<ui::MainWindow>();
    window->setRunsFolder(runsFolder);
    window->setDataSource(kQuickData);
    window->modelPage()->setSpec(tinySpec());
    window->trainingPage()->form()->setConfig(quickConfig(epochs));
    window->show();
    return window;
}

} // namespace inception::test
