#include "ui/SaveFile.hpp"

#include "core/AtomicFile.hpp"

#include <QFile>
#include <QFileInfo>

namespace inception::ui {

QString writeFileSafely(const QString& path, const std::function<QString(const QString&)>& write) {
    const QFileInfo target(path);
    const QString temporary =
        target.absolutePath() + QStringLiteral("/.") + target.fileName() + QStringLiteral(".part");
    QString error = write(temporary);
    if (error.isEmpty() && !QFileInfo::exists(temporary))
        error = QStringLiteral("nothing was written");
    if (error.isEmpty()) {
        try {
            renameDurably(temporary.toStdString(), path.toStdString());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
    }
    if (!error.isEmpty())
        QFile::remove(temporary);
    return error;
}

} // namespace inception::ui
