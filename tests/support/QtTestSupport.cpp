#include "tests/support/QtTestSupport.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/experiments/ExperimentRunner.hpp"
#include "ui/model_editor/ModelPage.hpp"
#include "ui/training/HyperparameterForm.hpp"
#include "ui/training/TrainingPage.hpp"
#include "ui/window/MainWindow.hpp"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <nlohmann/json.hpp>

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

QString quickExperiment(const QString& parent, const std::string& vary, int epochs) {
    const std::string file = (parent + "/exp.json").toStdString();
    nlohmann::json base = {{"model", "tiny"},
                           {"batch-size", 10},
                           {"threads", 1},
                           {"limit-test", 50},
                           {"epochs", epochs}};
    writeFileAtomically(file, R"({"name": "quick", "data": ")" + kQuickData.toStdString() +
                                  R"(", "base": )" + base.dump() + R"(, "vary": )" + vary + "}");
    const QString folder = parent + "/exp";
    prepareExperimentFolder(file, folder.toStdString());
    return folder;
}

} // namespace inception::test
