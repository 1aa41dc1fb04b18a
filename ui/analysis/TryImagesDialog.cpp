#include "ui/analysis/TryImagesDialog.hpp"

#include "ui/analysis/ExplainService.hpp"
#include "ui/analysis/HeatMapView.hpp"
#include "ui/common/Palette.hpp"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

namespace inception::ui {

TryImagesDialog::TryImagesDialog(ExplainService* service, const QStringList& classNames,
                                 QWidget* parent)
    : QDialog(parent), service_(service), classNames_(classNames) {
    setObjectName(QStringLiteral("tryImagesDialog"));
    setWindowTitle(tr("Try Images"));
    list_ = new QListWidget;
    list_->setIconSize(QSize(48, 48));
    list_->setMinimumWidth(240);
    heatMap_ = new HeatMapView;
    heatMap_->setMinimumSize(256, 256);
    opacity_ = new QSlider(Qt::Horizontal);
    opacity_->setRange(0, 100);
    opacity_->setValue(50);
    top_ = new QLabel;
    top_->setTextFormat(Qt::RichText);
    top_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    status_ = new QLabel(tr("Each image is shown as the model sees it: resized to its input."));
    status_->setWordWrap(true);

    auto* right = new QVBoxLayout;
    right->addWidget(heatMap_, 1);
    auto* opacityRow = new QHBoxLayout;
    opacityRow->addWidget(new QLabel(tr("Grad-CAM opacity")));
    opacityRow->addWidget(opacity_, 1);
    right->addLayout(opacityRow);
    right->addWidget(top_);
    auto* columns = new QHBoxLayout;
    columns->addWidget(list_);
    columns->addLayout(right, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(status_);
    resize(640, 480);

    connect(list_, &QListWidget::currentRowChanged, this, &TryImagesDialog::showCurrent);
    connect(opacity_, &QSlider::valueChanged, this,
            [this](int value) { heatMap_->setOpacity(value / 100.0); });
    connect(service_, &ExplainService::imagesTried, this,
            [this](std::shared_ptr<const std::vector<TriedImage>> tried) {
                const int first = static_cast<int>(tried_.size());
                int unreadable = 0;
                for (const TriedImage& t : *tried) {
                    tried_.push_back(t);
                    auto* item = new QListWidgetItem(QFileInfo(t.file).fileName());
                    if (t.error.isEmpty()) {
                        const auto best =
                            std::max_element(t.probabilities.begin(), t.probabilities.end()) -
                            t.probabilities.begin();
                        item->setIcon(QIcon(QPixmap::fromImage(t.image.scaled(48, 48))));
                        item->setText(
                            tr("%1\n%2 · %3%")
                                .arg(QFileInfo(t.file).fileName())
                                .arg(best < classNames_.size() ? classNames_[best]
                                                               : QString::number(best))
                                .arg(100.0 * t.probabilities[static_cast<std::size_t>(best)], 0,
                                     'f', 1));
                    } else {
                        ++unreadable;
                        item->setForeground(palette::kErrorText);
                        item->setToolTip(t.error);
                    }
                    list_->addItem(item);
                }
                status_->setText(unreadable == 0
                                     ? tr("%n image(s) tried.", nullptr, triedCount())
                                     : tr("%1 image(s) tried; %2 could not be read (hover them "
                                          "for why).")
                                           .arg(triedCount())
                                           .arg(unreadable));
                if (list_->currentRow() < 0 && first < list_->count())
                    list_->setCurrentRow(first);
            });
    connect(service_, &ExplainService::failed, this, [this](const QString& message) {
        status_->setText(message);
        status_->setStyleSheet(palette::errorTextStyle());
    });
}

QStringList TryImagesDialog::imageFiles(const QStringList& paths) {
    static const QStringList patterns = {"*.png",  "*.jpg", "*.jpeg", "*.bmp", "*.gif",
                                         "*.webp", "*.tif", "*.tiff", "*.ppm"};
    QStringList files;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.isDir()) {
            files << path;
            continue;
        }
        for (const QFileInfo& entry : QDir(path).entryInfoList(
                 patterns, QDir::Files | QDir::Readable, QDir::Name | QDir::IgnoreCase))
            files << entry.filePath();
    }
    return files;
}

void TryImagesDialog::tryFiles(const QStringList& files) {
    status_->setText(tr("Trying %n image(s)...", nullptr, static_cast<int>(files.size())));
    status_->setStyleSheet({});
    service_->requestTriedImages(files, -1);
}

void TryImagesDialog::showCurrent() {
    const int row = list_->currentRow();
    if (row < 0 || row >= triedCount())
        return;
    const TriedImage& t = tried_[static_cast<std::size_t>(row)];
    if (!t.error.isEmpty()) {
        heatMap_->setImage({});
        top_->setText(palette::errorSpan(t.error.toHtmlEscaped()));
        return;
    }
    heatMap_->setImage(t.image);
    heatMap_->setOpacity(opacity_->value() / 100.0);
    heatMap_->setMap(t.cam);
    std::vector<int> order(t.probabilities.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&t](int a, int b) {
        return t.probabilities[static_cast<std::size_t>(a)] >
               t.probabilities[static_cast<std::size_t>(b)];
    });
    QString html = tr("<b>%1</b><br>").arg(QFileInfo(t.file).fileName().toHtmlEscaped());
    for (std::size_t k = 0; k < std::min<std::size_t>(5, order.size()); ++k) {
        const int c = order[k];
        html += QStringLiteral("%1: %2%<br>")
                    .arg(c < classNames_.size() ? classNames_[c] : QString::number(c))
                    .arg(100.0 * t.probabilities[static_cast<std::size_t>(c)], 0, 'f', 1);
    }
    html += tr("<i>map of the predicted class at the last unit</i>");
    top_->setText(html);
}

} // namespace inception::ui
