#include "ui/reports/ReportDocument.hpp"

#include "ui/common/SaveFile.hpp"

#include <qcustomplot.h>

#include <QBuffer>
#include <QFile>
#include <QLocale>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextDocument>
#include <QUrl>
#include <QWidget>

namespace inception::ui {

namespace {

constexpr int kPdfResolution = 300;
// The PDF's pages are laid out this many CSS pixels wide (the widest picture and a margin),
// then scaled onto A4.
constexpr int kPdfPageWidth = 840;

const char* kStyle = R"(
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #222; max-width: 820px; margin: 24px auto; }
h1 { font-size: 18pt; margin-bottom: 4px; }
h2 { font-size: 14pt; border-bottom: 1px solid #bbb; margin-top: 22px; }
h3 { font-size: 11pt; margin-top: 12px; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid #ccc; padding: 2px 6px; font-size: 9pt; }
th { background: #eef1f5; text-align: left; }
td.n { text-align: right; }
td.k { color: #555; }
p.caption { color: #555; font-size: 9pt; margin-top: 2px; }
)";

QString escaped(const QString& text) {
    return text.toHtmlEscaped().replace('\n', QStringLiteral("<br>"));
}

QByteArray pngOf(const QImage& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

QString reportCount(std::int64_t n) {
    return QLocale(QLocale::English).toString(static_cast<qlonglong>(n));
}

QString reportPercent(double share) {
    return QStringLiteral("%1%").arg(100 * share, 0, 'f', 2);
}

QImage renderForPrint(QWidget* widget, QSize size, qreal scale) {
    widget->setAttribute(Qt::WA_DontShowOnScreen);
    widget->resize(size);
    widget->show(); // lays it out as on screen
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    widget->render(&image);
    widget->hide();
    image.setDevicePixelRatio(1.0);
    return image;
}

QImage renderForPrint(QCustomPlot* plot, QSize size, qreal scale) {
    plot->resize(size); // its layout follows the widget's size, not only the picture's
    plot->replot();
    return plot->toPixmap(size.width(), size.height(), scale).toImage();
}

ReportDocument::ReportDocument(QString title) : title_(std::move(title)) {
    parts_ << QStringLiteral("<h1>%1</h1>").arg(escaped(title_));
}

void ReportDocument::section(const QString& id, const QString& heading, bool newPage) {
    parts_ << QStringLiteral("<h2 id=\"%1\"%2>%3</h2>")
                  .arg(id.toHtmlEscaped(),
                       newPage ? QStringLiteral(" style=\"page-break-before: always\"") : QString(),
                       escaped(heading));
}

void ReportDocument::subheading(const QString& text) {
    parts_ << QStringLiteral("<h3>%1</h3>").arg(escaped(text));
}

void ReportDocument::paragraph(const QString& text) {
    parts_ << QStringLiteral("<p>%1</p>").arg(escaped(text));
}

void ReportDocument::keyValues(const QList<QPair<QString, QString>>& rows) {
    QString html = QStringLiteral("<table class=\"kv\">");
    for (const auto& [key, value] : rows)
        html += QStringLiteral("<tr><td class=\"k\">%1</td><td>%2</td></tr>")
                    .arg(escaped(key), escaped(value));
    parts_ << html + QStringLiteral("</table>");
}

void ReportDocument::table(const QStringList& header, const QList<QStringList>& rows,
                           const QList<int>& numeric) {
    QString html = QStringLiteral("<table><tr>");
    for (const QString& cell : header)
        html += QStringLiteral("<th>%1</th>").arg(escaped(cell));
    html += QStringLiteral("</tr>");
    for (const QStringList& row : rows) {
        html += QStringLiteral("<tr>");
        for (int column = 0; column < row.size(); ++column)
            html +=
                QStringLiteral("<td%1>%2</td>")
                    .arg(numeric.contains(column) ? QStringLiteral(" class=\"n\" align=\"right\"")
                                                  : QString(),
                         escaped(row[column]));
        html += QStringLiteral("</tr>");
    }
    parts_ << html + QStringLiteral("</table>");
}

void ReportDocument::picture(const QImage& image, int width, const QString& caption) {
    pictureRow({image}, width, {caption});
}

void ReportDocument::pictureRow(const QList<QImage>& images, int width,
                                const QStringList& captions) {
    QString html = QStringLiteral("<table class=\"pictures\" style=\"border: none\"><tr>");
    for (int i = 0; i < images.size(); ++i) {
        pictures_.push_back(images[i]);
        html += QStringLiteral("<td style=\"border: none\">@@PICTURE:%1:%2@@"
                               "<p class=\"caption\">%3</p></td>")
                    .arg(pictures_.size() - 1)
                    .arg(width)
                    .arg(escaped(captions.value(i)));
    }
    parts_ << html + QStringLiteral("</tr></table>");
}

QString ReportDocument::pictureName(int index) {
    return QStringLiteral("picture-%1.png").arg(index);
}

QString ReportDocument::html(bool embedded) const {
    QString body = parts_.join('\n');
    static const QRegularExpression marker(QStringLiteral("@@PICTURE:(\\d+):(\\d+)@@"));
    QString out;
    qsizetype last = 0;
    for (auto it = marker.globalMatch(body); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        out += body.mid(last, match.capturedStart() - last);
        const int index = match.captured(1).toInt();
        const int width = match.captured(2).toInt();
        const QImage& image = pictures_[static_cast<std::size_t>(index)];
        const int height = image.width() > 0 ? image.height() * width / image.width() : 0;
        const QString source = embedded ? QStringLiteral("data:image/png;base64,") +
                                              QString::fromLatin1(pngOf(image).toBase64())
                                        : pictureName(index);
        out += QStringLiteral("<img src=\"%1\" width=\"%2\" height=\"%3\" alt=\"figure %4\">")
                   .arg(source)
                   .arg(width)
                   .arg(height)
                   .arg(index + 1);
        last = match.capturedEnd();
    }
    out += body.mid(last);
    return QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<title>%1</title><style>%2</style></head>\n<body>\n%3\n</body></html>\n")
        .arg(title_.toHtmlEscaped(), QString::fromLatin1(kStyle), out);
}

QString ReportDocument::writeHtml(const QString& path) const {
    const QByteArray bytes = html(true).toUtf8();
    const QString error = writeFileSafely(path, [&](const QString& temporary) {
        QFile file(temporary);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return file.errorString();
        return QString();
    });
    return error.isEmpty() ? QString() : path + QStringLiteral(": ") + error;
}

QString ReportDocument::writePdf(const QString& path) const {
    QTextDocument document;
    document.setDefaultStyleSheet(QString::fromLatin1(kStyle));
    for (std::size_t i = 0; i < pictures_.size(); ++i)
        document.addResource(QTextDocument::ImageResource, QUrl(pictureName(static_cast<int>(i))),
                             pictures_[i]);
    document.setHtml(html(false));
    document.setPageSize(QSizeF(kPdfPageWidth, kPdfPageWidth * 297.0 / 210.0));
    const QString error = writeFileSafely(path, [&](const QString& temporary) {
        {
            QPdfWriter writer(temporary);
            writer.setTitle(title_);
            writer.setCreator(QStringLiteral("Inception Workbench"));
            writer.setResolution(kPdfResolution);
            writer.setPageSize(QPageSize(QPageSize::A4));
            writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
            document.print(&writer);
        }
        return QFile(temporary).size() > 0 ? QString() : QStringLiteral("cannot write the PDF");
    });
    return error.isEmpty() ? QString() : path + QStringLiteral(": ") + error;
}

} // namespace inception::ui
