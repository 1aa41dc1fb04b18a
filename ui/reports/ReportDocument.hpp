#pragma once

#include <QImage>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <vector>

class QCustomPlot;
class QWidget;

namespace inception::ui {

// Pixels per CSS pixel of a report's pictures: sharp when printed at 300 dpi on A4.
inline constexpr qreal kPrintScale = 3.0;

// Numbers as reports print them: "39,479,808" and "72.18%" (of a share).
QString reportCount(std::int64_t n);
QString reportPercent(double share);

// A widget as it draws itself on screen, laid out at `size` and painted `scale` times denser.
QImage renderForPrint(QWidget* widget, QSize size, qreal scale = kPrintScale);
// A plot as QCustomPlot draws it on screen, at `size` and `scale` (its own vector painting).
QImage renderForPrint(QCustomPlot* plot, QSize size, qreal scale = kPrintScale);

// A report as sections of headings, paragraphs, tables and pictures, written as one
// self-contained file: HTML with the pictures embedded (data: URIs), or a PDF through Qt's
// own writer (QTextDocument paginated onto QPdfWriter). Text is escaped here; pictures are
// rendered at print resolution by the caller and shown at `width` CSS pixels.
class ReportDocument {
public:
    explicit ReportDocument(QString title);

    const QString& title() const { return title_; }
    // A section heading; `id` names it in the HTML (`<h2 id="curves">`). `newPage`: printed
    // at the top of a page (a big picture follows).
    void section(const QString& id, const QString& heading, bool newPage = false);
    void subheading(const QString& text);
    void paragraph(const QString& text);
    void keyValues(const QList<QPair<QString, QString>>& rows);
    // `numeric`: the columns aligned right.
    void table(const QStringList& header, const QList<QStringList>& rows,
               const QList<int>& numeric = {});
    void picture(const QImage& image, int width, const QString& caption);
    // Pictures side by side, each `width` wide.
    void pictureRow(const QList<QImage>& images, int width, const QStringList& captions);

    // The document as HTML: `embedded` puts the pictures in as data: URIs, otherwise they are
    // referred to by the names resources() gives them.
    QString html(bool embedded) const;
    const std::vector<QImage>& pictures() const { return pictures_; }
    static QString pictureName(int index);

    // Written whole or not at all; an error line naming the file, empty on success.
    QString writeHtml(const QString& path) const;
    QString writePdf(const QString& path) const;

private:
    QString pictureTag(int index, int width) const;

    QString title_;
    QStringList parts_; // HTML, with @@PICTURE:n:width@@ where a picture goes
    std::vector<QImage> pictures_;
};

} // namespace inception::ui
