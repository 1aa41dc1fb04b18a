#pragma once

#include "core/spec/ModelSpec.hpp"
#include "tests/support/TestSupport.hpp"

#include <QImage>
#include <QString>

#include <filesystem>

namespace inception::test {

// A tiny model trained briefly on synthetic data, in a run-like folder (<tmp>/run/checkpoints)
// so that features are cached beside it; made once per test executable.
inline QString explainCheckpoint() {
    static TemporaryFolder folder;
    static const std::filesystem::path checkpoint = [] {
        std::filesystem::create_directories(folder / "run" / "checkpoints");
        return trainedCheckpoint(folder / "run" / "checkpoints", *preset("tiny"));
    }();
    return QString::fromStdString(checkpoint.string());
}

// The data explainCheckpoint's questions are about: 4 training and 10 test images per class.
inline const QString kExplainData = QStringLiteral("synthetic:4");

inline QImage solidImage(QColor colour) {
    QImage image(32, 32, QImage::Format_RGB888);
    image.fill(colour);
    return image;
}

} // namespace inception::test
