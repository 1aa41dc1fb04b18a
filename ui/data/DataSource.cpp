#include "ui/data/DataSource.hpp"

#include "core/base/InputError.hpp"
#include "core/data/DataSource.hpp"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QStandardPaths>

namespace inception::ui {

namespace {
const QString kBatchesFolder = QStringLiteral("cifar-10-batches-bin");
const QString kFashionMnist = QString::fromLatin1(kDebianFashionMnist);

QString sourceText(DataSourceKind kind, const QString& path) {
    return QString::fromStdString(
        toString(DataSource::at(kind, QFileInfo(path).absoluteFilePath().toStdString())));
}
} // namespace

QString syntheticSource(int imagesPerClass) {
    return QString::fromStdString(toString(DataSource::synthetic(imagesPerClass)));
}

QString cifar10Source(const QString& path) {
    QFileInfo info(path);
    // A folder that holds cifar-10-batches-bin stands for it.
    if (info.isDir() && QFileInfo(QDir(path).filePath(kBatchesFolder)).isDir())
        info = QFileInfo(QDir(path).filePath(kBatchesFolder));
    return sourceText(DataSourceKind::Cifar10, info.absoluteFilePath());
}

QString imageFolderSource(const QString& path) {
    return sourceText(DataSourceKind::ImageFolder, path);
}

QString idxSource(const QString& path) {
    return sourceText(DataSourceKind::Idx, path);
}

QString installedFashionMnist() {
    const QString source = idxSource(kFashionMnist);
    return checkDataSource(source).isEmpty() ? source : QString();
}

QString checkDataSource(const QString& source) {
    return QString::fromStdString(dataSourceProblem(source.toStdString()));
}

QString findCifar10() {
    QStringList candidates;
    const QString fromEnvironment = qEnvironmentVariable("INCEPTION_CIFAR10");
    if (!fromEnvironment.isEmpty())
        candidates << fromEnvironment;
    for (const QString& dataDir :
         QStandardPaths::standardLocations(QStandardPaths::AppDataLocation))
        candidates << dataDir + QStringLiteral("/datasets/") + kBatchesFolder;
    const QString home = QDir::homePath();
    candidates << home + QStringLiteral("/data/") + kBatchesFolder << home + '/' + kBatchesFolder
               << home + QStringLiteral("/data/cifar-10-binary.tar.gz");
    for (const QString& candidate : candidates) {
        const QString source = cifar10Source(candidate);
        if (QFileInfo::exists(candidate) && checkDataSource(source).isEmpty())
            return source;
    }
    return {};
}

QString perChannelText(const std::vector<double>& values, int decimals) {
    QStringList parts;
    for (double v : values)
        parts << QString::number(v, 'f', decimals);
    return parts.join(QStringLiteral(", "));
}

QString describeDataSource(const QString& text) {
    DataSource source;
    try {
        source = parseDataSource(text.toStdString());
    } catch (const InputError&) {
        return text;
    }
    const QString path = QString::fromStdString(source.path);
    switch (source.kind) {
    case DataSourceKind::Cifar10:
        return QObject::tr("CIFAR-10 from %1").arg(path);
    case DataSourceKind::ImageFolder:
        return QObject::tr("Image folder %1").arg(path);
    case DataSourceKind::Idx:
        if (text == idxSource(kFashionMnist))
            return QObject::tr("Fashion-MNIST from %1 (Debian's dataset-fashion-mnist)")
                .arg(kFashionMnist);
        return QObject::tr("IDX files (MNIST style) in %1").arg(path);
    case DataSourceKind::Synthetic:
        break;
    }
    return QObject::tr("Synthetic shapes (demo), %1 images per class").arg(source.imagesPerClass);
}

} // namespace inception::ui
