#include "ui/data/DataSourceChooser.hpp"

#include "ui/common/Palette.hpp"
#include "ui/data/CifarDownload.hpp"
#include "ui/data/DataSource.hpp"
#include "ui/data/DownloadDialog.hpp"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace inception::ui {

DataSourceChooser::DataSourceChooser(QWidget* parent) : QWidget(parent) {
    current_ = new QLabel(this);
    current_->setObjectName(QStringLiteral("currentSource"));
    current_->setWordWrap(true);
    current_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    problem_ = new QLabel(this);
    problem_->setObjectName(QStringLiteral("sourceProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(palette::errorTextStyle());
    problem_->hide();

    auto* download = new QPushButton(tr("&Download CIFAR-10..."), this);
    download->setObjectName(QStringLiteral("downloadCifar10"));
    download->setToolTip(tr("The official binary release (163 MB) from %1, checked against its "
                            "published MD5 and unpacked into %2")
                             .arg(cifar10Url().toString(), datasetsFolder()));
    connect(download, &QPushButton::clicked, this, &DataSourceChooser::downloadCifar10);

    auto* open = new QToolButton(this);
    open->setText(tr("&Open"));
    open->setPopupMode(QToolButton::InstantPopup);
    open->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* menu = new QMenu(open);
    menu->addAction(tr("CIFAR-10 Folder..."), this,
                    [this] {
                        const QString path =
                            QFileDialog::getExistingDirectory(this, tr("CIFAR-10 Folder"));
                        if (!path.isEmpty())
                            choose(cifar10Source(path));
                    })
        ->setToolTip(tr("A cifar-10-batches-bin folder (data_batch_1.bin ... test_batch.bin)"));
    menu->addAction(tr("CIFAR-10 Tarball..."), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("CIFAR-10 Tarball"), QString(),
                                                          tr("CIFAR-10 binary (*.tar.gz *.tgz)"));
        if (!path.isEmpty())
            choose(cifar10Source(path));
    });
    menu->addAction(tr("Image Folder..."), this, [this] {
        const QString path = QFileDialog::getExistingDirectory(
            this, tr("Image Folder (train/<class>/ and test/<class>/)"));
        if (!path.isEmpty())
            choose(imageFolderSource(path));
    });
    menu->addAction(tr("IDX Folder (MNIST, Fashion-MNIST)..."), this, [this] {
        const QString path = QFileDialog::getExistingDirectory(this, tr("IDX Folder"));
        if (!path.isEmpty())
            choose(idxSource(path));
    });
    menu->setToolTipsVisible(true);
    open->setMenu(menu);

    auto* fashion = new QPushButton(tr("&Fashion-MNIST"), this);
    fashion->setObjectName(QStringLiteral("useFashionMnist"));
    fashion->setToolTip(tr("Installed by Debian's dataset-fashion-mnist package: 70,000 grey "
                           "28 x 28 images of clothing in 10 classes"));
    fashion->setVisible(!installedFashionMnist().isEmpty());
    connect(fashion, &QPushButton::clicked, this, [this] { choose(installedFashionMnist()); });

    auto* synthetic = new QPushButton(tr("&Synthetic Demo Set"), this);
    synthetic->setObjectName(QStringLiteral("useSynthetic"));
    synthetic->setToolTip(
        tr("10 classes of generated shapes: trains in seconds, needs no download"));
    connect(synthetic, &QPushButton::clicked, this, [this] { choose(syntheticSource()); });

    auto* buttons = new QHBoxLayout;
    for (QWidget* button : std::initializer_list<QWidget*>{download, open, fashion, synthetic})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(current_);
    layout->addWidget(problem_);
    layout->addLayout(buttons);
}

void DataSourceChooser::downloadCifar10() {
    DownloadDialog dialog(cifar10Url(), cifar10Md5(), datasetsFolder(), this);
    dialog.start();
    if (dialog.exec() == QDialog::Accepted)
        choose(dialog.dataSource());
}

void DataSourceChooser::setSource(const QString& source) {
    source_ = source;
    current_->setText(source.isEmpty()
                          ? tr("No data chosen yet.")
                          : tr("<b>Data:</b> %1").arg(describeDataSource(source).toHtmlEscaped()));
    const QString problem = source.isEmpty() ? QString() : checkDataSource(source);
    problem_->setText(problem);
    problem_->setVisible(!problem.isEmpty());
}

void DataSourceChooser::choose(const QString& source) {
    setSource(source);
    if (checkDataSource(source).isEmpty())
        emit sourceChosen(source);
}

} // namespace inception::ui
