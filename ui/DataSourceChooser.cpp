#include "ui/DataSourceChooser.hpp"

#include "ui/DataSource.hpp"

#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>

namespace inception::ui {

DataSourceChooser::DataSourceChooser(QWidget* parent) : QWidget(parent) {
    current_ = new QLabel(this);
    current_->setObjectName(QStringLiteral("currentSource"));
    current_->setWordWrap(true);
    current_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    problem_ = new QLabel(this);
    problem_->setObjectName(QStringLiteral("sourceProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #b52a2a;"));
    problem_->hide();

    auto* folder = new QPushButton(tr("CIFAR-10 &Folder..."), this);
    folder->setToolTip(tr("A cifar-10-batches-bin folder (data_batch_1.bin ... test_batch.bin)"));
    connect(folder, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getExistingDirectory(this, tr("CIFAR-10 Folder"));
        if (!path.isEmpty())
            choose(cifar10Source(path));
    });
    auto* tarball = new QPushButton(tr("CIFAR-10 &Tarball..."), this);
    tarball->setToolTip(tr("cifar-10-binary.tar.gz as downloaded, read without unpacking"));
    connect(tarball, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("CIFAR-10 Tarball"), QString(),
                                                          tr("CIFAR-10 binary (*.tar.gz *.tgz)"));
        if (!path.isEmpty())
            choose(cifar10Source(path));
    });
    auto* synthetic = new QPushButton(tr("&Synthetic Demo Set"), this);
    synthetic->setObjectName(QStringLiteral("useSynthetic"));
    synthetic->setToolTip(
        tr("10 classes of generated shapes: trains in seconds, needs no download"));
    connect(synthetic, &QPushButton::clicked, this, [this] { choose(syntheticSource()); });

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(current_, 0, 0, 1, 3);
    grid->addWidget(problem_, 1, 0, 1, 3);
    grid->addWidget(folder, 2, 0);
    grid->addWidget(tarball, 2, 1);
    grid->addWidget(synthetic, 2, 2);
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
