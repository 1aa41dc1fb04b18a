#include "ui/DataSource.hpp"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QStandardPaths>

namespace inception::ui {

namespace {
const QString kCifarPrefix = QStringLiteral("cifar10:");
const QString kSyntheticPrefix = QStringLiteral("synthetic");
const QString kFolderPrefix = QStringLiteral("folder:");
const QString kIdxPrefix = QStringLiteral("idx:");
const QString kBatchesFolder = QStringLiteral("cifar-10-batches-bin");
const QString kFashionMnist = QStringLiteral("/usr/share/datasets/fashion-mnist");

QString checkImageFolder(const QString& path) {
    for (const char* split : {"train", "test"})
        if (!QFileInfo(QDir(path).filePath(QString::fromLatin1(split))).isDir())
            return QObject::tr("%1: not an image folder (no %2/ folder with one folder per class)")
                .arg(path, QString::fromLatin1(split));
    return {};
}

QString checkIdxFolder(const QString& path) {
    const QDir dir(path);
    for (const char* stem : {"train-images-idx3-ubyte", "t10k-images-idx3-ubyte"}) {
        const QString name = QString::fromLatin1(stem);
        if (!dir.exists(name) && !dir.exists(name + QStringLiteral(".gz")))
            return QObject::tr("%1: not an IDX folder (no %2)").arg(path, name);
    }
    return {};
}
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

QString imageFolderSource(const QString& path) {
    return kFolderPrefix + QFileInfo(path).absoluteFilePath();
}

QString idxSource(const QString& path) {
    return kIdxPrefix + QFileInfo(path).absoluteFilePath();
}

QString installedFashionMnist() {
    return checkIdxFolder(kFashionMnist).isEmpty() ? idxSource(kFashionMnist) : QString();
}

QString checkDataSource(const QString& source) {
    if (source.startsWith(kSyntheticPrefix))
        return {};
    const QString prefix = source.section(QLatin1Char(':'), 0, 0) + QLatin1Char(':');
    if (prefix != kCifarPrefix && prefix != kFolderPrefix && prefix != kIdxPrefix)
        return QObject::tr("%1: unknown data source (expected cifar10:PATH, folder:PATH, "
                           "idx:PATH or synthetic:N)")
            .arg(source);
    const QString path = source.mid(prefix.size());
    const QFileInfo info(path);
    if (!info.exists())
        return QObject::tr("%1: does not exist").arg(path);
    if (prefix == kFolderPrefix)
        return checkImageFolder(path);
    if (prefix == kIdxPrefix)
        return checkIdxFolder(path);
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

QString perChannelText(const std::vector<double>& values, int decimals) {
    QStringList parts;
    for (double v : values)
        parts << QString::number(v, 'f', decimals);
    return parts.join(QStringLiteral(", "));
}

QString describeDataSource(const QString& source) {
    if (source.startsWith(kCifarPrefix))
        return QObject::tr("CIFAR-10 from %1").arg(source.mid(kCifarPrefix.size()));
    if (source.startsWith(kFolderPrefix))
        return QObject::tr("Image folder %1").arg(source.mid(kFolderPrefix.size()));
    if (source == idxSource(kFashionMnist))
        return QObject::tr("Fashion-MNIST from %1 (Debian's dataset-fashion-mnist)")
            .arg(kFashionMnist);
    if (source.startsWith(kIdxPrefix))
        return QObject::tr("IDX files (MNIST style) in %1").arg(source.mid(kIdxPrefix.size()));
    if (source.startsWith(kSyntheticPrefix)) {
        const QString count = source.section(':', 1);
        return QObject::tr("Synthetic shapes (demo), %1 images per class")
            .arg(count.isEmpty() ? QStringLiteral("100") : count);
    }
    return source;
}

} // namespace inception::ui
