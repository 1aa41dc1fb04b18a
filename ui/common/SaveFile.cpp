#include "ui/common/SaveFile.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"

#include <QFileInfo>

namespace inception::ui {

QString writeFileSafely(const QString& path, const std::function<QString(const QString&)>& write) {
    try {
        writeThroughTemporary(path.toStdString(), [&](const std::string& temporary) {
            const QString written = QString::fromStdString(temporary);
            QString error = write(written);
            if (error.isEmpty() && !QFileInfo::exists(written))
                error = QStringLiteral("nothing was written");
            if (!error.isEmpty())
                throw InputError(path.toStdString(), error.toStdString());
        });
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace inception::ui
