#pragma once

#include <QString>

namespace inception::ui {

// Data sources are spelled as the CLI's --data: "cifar10:PATH" or "synthetic:N".
inline constexpr int kDemoImagesPerClass = 100;
QString syntheticSource(int imagesPerClass = kDemoImagesPerClass);
QString cifar10Source(const QString& path);

// Why `source` cannot be used, in one line naming the path; empty when it looks usable.
// Only looks at the file system: the full check happens when a run loads it.
QString checkDataSource(const QString& source);

// A CIFAR-10 already on this machine (the user's data folder, ~/data, $INCEPTION_CIFAR10),
// as a source; empty when there is none.
QString findCifar10();

// "CIFAR-10 from /data/cifar-10-batches-bin", "Synthetic shapes, 100 per class".
QString describeDataSource(const QString& source);

} // namespace inception::ui
