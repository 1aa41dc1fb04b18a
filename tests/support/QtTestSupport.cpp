#include "tests/support/QtTestSupport.hpp"

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

} // namespace inception::test
