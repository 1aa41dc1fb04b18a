#pragma once

#include <QString>

#include <vector>

namespace inception::ui {

// Data sources are spelled as the CLI's --data: "cifar10:PATH", "folder:PATH", "idx:PATH" or
// "synthetic:N".
inline constexpr int kDemoImagesPerClass = 100;
QString syntheticSource(int imagesPerClass = kDemoImagesPerClass);
QString cifar10Source(const QString& path);
QString imageFolderSource(const QString& path);
QString idxSource(const QString& path);

// Debian's dataset-fashion-mnist package's folder as a source; empty when not installed.
QString installedFashionMnist();

// Why `source` cannot be used, in one line naming the path; empty when it looks usable.
// Only looks at the file system: the full check happens when a run loads it.
QString checkDataSource(const QString& source);

// A CIFAR-10 already on this machine (the user's data folder, ~/data, $INCEPTION_CIFAR10),
// as a source; empty when there is none.
QString findCifar10();

// Per-channel figures (means, deviations) as "0.4914, 0.4822, 0.4465".
QString perChannelText(const std::vector<double>& values, int decimals);

// "CIFAR-10 from /data/cifar-10-batches-bin", "Synthetic shapes, 100 per class".
QString describeDataSource(const QString& source);

} // namespace inception::ui
