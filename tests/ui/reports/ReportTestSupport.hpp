#pragma once

#include "core/runs/RunNotes.hpp"
#include "tests/support/QtTestSupport.hpp"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>

namespace inception::test {

// The text of a PDF as poppler's pdftotext reads it (poppler-utils, installed by
// scripts/test), ligatures spelled out; empty when it cannot be read.
inline QString pdfText(const QString& pdf) {
    QProcess pdftotext;
    pdftotext.start(QStringLiteral("pdftotext"),
                    {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    if (!pdftotext.waitForFinished(60000) || pdftotext.exitCode() != 0)
        return {};
    // Compatibility forms undone: the PDF's fonts set "fi" as one ligature glyph.
    return QString::fromUtf8(pdftotext.readAllStandardOutput())
        .normalized(QString::NormalizationForm_KC);
}

// The ids of a report's sections (<h2 id="...">), in order.
inline QStringList sectionIds(const QString& html) {
    static const QRegularExpression section(QStringLiteral("<h2 id=\"([a-z]+)\""));
    QStringList ids;
    for (auto it = section.globalMatch(html); it.hasNext();)
        ids << it.next().captured(1);
    return ids;
}

// A finished two-epoch run of the tiny model on kQuickData, trained by inception-cli into
// `parent`, with a tag and a note; returns its folder.
inline QString reportedRun(const QString& parent) {
    QProcess cli;
    cli.start(QStringLiteral(INCEPTION_CLI_PATH),
              {QStringLiteral("train"), QStringLiteral("--data"), kQuickData,
               QStringLiteral("--model"), QStringLiteral("tiny"), QStringLiteral("--epochs"),
               QStringLiteral("2"), QStringLiteral("--batch-size"), QStringLiteral("10"),
               QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--name"),
               QStringLiteral("reported"), QStringLiteral("--out"), parent});
    if (!cli.waitForFinished(120000) || cli.exitCode() != 0)
        return {};
    const QStringList folders = QDir(parent).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (folders.size() != 1)
        return {};
    const QString folder = QDir(parent).filePath(folders.first());
    tagRun(folder.toStdString(), {"shared", "tiny <b>model</b>"});
    noteRun(folder.toStdString(), "Two epochs to show the report.\nSecond line & more.");
    return folder;
}

} // namespace inception::test
