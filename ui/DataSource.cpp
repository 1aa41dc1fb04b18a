#include "ui/DataSource.hpp"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QStandardPaths>

namespace inception::ui {

namespace {
const QString kCifarPrefix = QStringLiteral("cifar10:");
const QString kSyntheticPrefix = QStringLiteral("synthetic");
const QString kBatchesFolder = QStringLiteral("cifar-10-batches-bin");
} // namespace

QString syntheticSource(int imagesPerClass) {
    return kSyntheticPrefix + QStringLiteral(":%1").arg(imagesPerClass);
}

QString cifar10Source(const QString& path) {
    QFileInfo info(path);
    // A folder that holds cifar-10-batches-bin stands for it.
    if (info.isDir() && QFileInfo(QDir(path).filePath(kBatchesFolder)).isDir())
        info = QFileInfo(QDir(path).filePath(kBatchesFolder));
    return kCifarPrefix + info.absoluteFilePath();
}

QString checkDataSource(const QString& source) {
    if (source.startsWith(kSyntheticPrefix))
        return {};
    if (!source.startsWith(kCifarPrefix))
        return QObject::tr("%1: unknown data source (expected cifar10:PATH or synthetic:N)")
            .arg(source);
    const QString path = source.mid(kCifarPrefix.size());
    const QFileInfo info(path);
    if (!info.exists())
        return QObject::tr("%1: does not exist").arg(path);
    if (info.isDir()) {
        for (const char* name : {"data_batch_1.bin", "test_batch.bin"})
            if (!QFileInfo::exists(QDir(path).filePath(QString::fromLatin1(name))))
                return QObject::tr("%1: not a CIFAR-10 binary folder (no %2)")
                    .arg(path, QString::fromLatin1(name));
        return {};
    }
    if (!info.isReadable())
        return QObject::tr("%1: cannot be read").arg(path);
    return {};
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

QString describeDataSource(const QString& source) {
    if (source.startsWith(kCifarPrefix))
        return QObject::tr("CIFAR-10 from %1").arg(source.mid(kCifarPrefix.size()));
    if (source.startsWith(kSyntheticPrefix)) {
        const QString count = source.section(':', 1);
        return QObject::tr("Synthetic shapes (demo), %1 images per class")
            .arg(count.isEmpty() ? QStringLiteral("100") : count);
    }
    return source;
}

} // namespace inception::ui
