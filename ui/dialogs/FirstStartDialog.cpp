#include "ui/dialogs/FirstStartDialog.hpp"

#include "ui/data/DataSourceChooser.hpp"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace inception::ui {

FirstStartDialog::FirstStartDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Choose Training Data"));
    auto* intro = new QLabel(
        tr("<h3>Welcome to Inception Workbench</h3>"
           "<p>No CIFAR-10 was found on this machine. Point the workbench at the CIFAR-10 "
           "binary version (the <i>cifar-10-batches-bin</i> folder or "
           "<i>cifar-10-binary.tar.gz</i>), or start with the synthetic demo set: ten classes "
           "of generated shapes that train in seconds.</p>"
           "<p>You can change this later on the Data page.</p>"),
        this);
    intro->setWordWrap(true);
    chooser_ = new DataSourceChooser(this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(chooser_, &DataSourceChooser::sourceChosen, this, [this](const QString& source) {
        source_ = source;
        accept();
    });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(chooser_);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

} // namespace inception::ui
