#include "ui/DataPage.hpp"

#include "ui/DataSourceChooser.hpp"

#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace inception::ui {

DataPage::DataPage(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("dataPage"));
    chooser_ = new DataSourceChooser;
    auto* box = new QGroupBox(tr("Training data"));
    auto* boxLayout = new QVBoxLayout(box);
    boxLayout->addWidget(chooser_);
    auto* help = new QLabel(
        tr("CIFAR-10 is read from its binary version: the <i>cifar-10-batches-bin</i> folder or "
           "the <i>cifar-10-binary.tar.gz</i> tarball, unpacked or not. Images are scaled to "
           "[0, 1] as in the notebook. The command line takes the same data with "
           "<tt>inception-cli train --data cifar10:PATH</tt>."));
    help->setWordWrap(true);
    boxLayout->addWidget(help);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(box);
    layout->addStretch(1);
}

} // namespace inception::ui
