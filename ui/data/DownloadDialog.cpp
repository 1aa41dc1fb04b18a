#include "ui/data/DownloadDialog.hpp"

#include "ui/common/Palette.hpp"
#include "ui/data/CifarDownload.hpp"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace inception::ui {

DownloadDialog::DownloadDialog(const QUrl& url, const QByteArray& md5Hex, const QString& folder,
                               QWidget* parent)
    : QDialog(parent), download_(new CifarDownload(this)), url_(url), md5_(md5Hex),
      folder_(folder) {
    setWindowTitle(tr("Download CIFAR-10"));
    setMinimumWidth(520);
    auto* heading = new QLabel(tr("<b>CIFAR-10</b> (binary version, 163 MB) from<br><tt>%1</tt><br>"
                                  "into <tt>%2</tt>")
                                   .arg(url.toString().toHtmlEscaped(), folder.toHtmlEscaped()),
                               this);
    heading->setWordWrap(true);
    heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_ = new QLabel(tr("Connecting..."), this);
    status_->setObjectName(QStringLiteral("downloadStatus"));
    status_->setWordWrap(true);
    bar_ = new QProgressBar(this);
    bar_->setRange(0, 0);
    detail_ = new QLabel(this);
    detail_->setObjectName(QStringLiteral("downloadDetail"));
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    connect(buttons_, &QDialogButtonBox::rejected, this, &DownloadDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addSpacing(6);
    layout->addWidget(status_);
    layout->addWidget(bar_);
    layout->addWidget(detail_);
    layout->addWidget(buttons_);

    connect(download_, &CifarDownload::progress, this, &DownloadDialog::showProgress);
    connect(download_, &CifarDownload::unpacking, this, [this] {
        status_->setText(tr("Checksum correct. Unpacking..."));
        bar_->setRange(0, 0);
        buttons_->button(QDialogButtonBox::Cancel)->setEnabled(false);
    });
    connect(download_, &CifarDownload::finished, this, [this](const QString& source) {
        dataSource_ = source;
        accept();
    });
    connect(download_, &CifarDownload::failed, this, &DownloadDialog::showProblem);
    connect(download_, &CifarDownload::cancelled, this, [this] { QDialog::reject(); });
}

void DownloadDialog::start() {
    download_->start(url_, md5_, folder_);
}

void DownloadDialog::reject() {
    if (download_->isRunning())
        download_->cancel(); // cancelled() closes the dialog once the partial file is gone
    else
        QDialog::reject();
}

void DownloadDialog::showProgress(qint64 received, qint64 total, double bytesPerSecond) {
    const QLocale locale;
    status_->setText(tr("Downloading..."));
    if (total > 0) {
        bar_->setRange(0, 1000);
        bar_->setValue(static_cast<int>(1000 * received / total));
        detail_->setText(tr("%1 of %2 · %3/s")
                             .arg(locale.formattedDataSize(received),
                                  locale.formattedDataSize(total),
                                  locale.formattedDataSize(static_cast<qint64>(bytesPerSecond))));
    } else {
        detail_->setText(tr("%1 · %2/s")
                             .arg(locale.formattedDataSize(received),
                                  locale.formattedDataSize(static_cast<qint64>(bytesPerSecond))));
    }
}

void DownloadDialog::showProblem(const QString& message) {
    problem_ = message;
    status_->setText(tr("The download failed: nothing was kept."));
    detail_->setText(message);
    detail_->setWordWrap(true);
    detail_->setStyleSheet(palette::errorTextStyle());
    bar_->setRange(0, 1);
    bar_->setValue(0);
    buttons_->setStandardButtons(QDialogButtonBox::Close);
}

} // namespace inception::ui
