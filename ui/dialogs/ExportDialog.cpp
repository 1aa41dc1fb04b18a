#include "ui/dialogs/ExportDialog.hpp"

#include "core/runs/RunDirectory.hpp"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>

namespace inception::ui {

namespace {

constexpr int kOtherFile = -1;

QString whereItGoes(ExportFormat format) {
    switch (format) {
    case ExportFormat::PyTorch:
        return QObject::tr("torch.load() and load_state_dict(strict=True) in Python: the "
                           "notebook's model takes it as it is.");
    case ExportFormat::Onnx:
        return QObject::tr("OpenCV DNN, ONNX Runtime and other ONNX tools (opset %1).")
            .arg(kOnnxOpset);
    case ExportFormat::LibTorch:
        return QObject::tr("torch::load(module, path) in a C++ program built on LibTorch.");
    }
    return {};
}

// "seed.libtorch.pt" -> "seed": the name without any of the formats' extensions.
QString withoutExportExtension(QString path) {
    auto formats = exportFormats();
    std::sort(formats.begin(), formats.end(), [](ExportFormat a, ExportFormat b) {
        return fileExtension(a).size() > fileExtension(b).size(); // ".libtorch.pt" before ".pt"
    });
    for (auto format : formats) {
        const QString extension = QString::fromStdString(fileExtension(format));
        if (path.endsWith(extension)) {
            path.chop(extension.size());
            return path;
        }
    }
    return path;
}

} // namespace

ExportDialog::ExportDialog(const QList<CheckpointChoice>& checkpoints,
                           const QString& suggestedFolder, QWidget* parent)
    : QDialog(parent), folder_(suggestedFolder) {
    setWindowTitle(tr("Export Weights"));
    setObjectName(QStringLiteral("exportDialog"));

    checkpoints_ = new QComboBox;
    checkpoints_->setObjectName(QStringLiteral("exportCheckpoint"));
    for (const auto& choice : checkpoints)
        checkpoints_->addItem(choice.label, choice.path);
    checkpoints_->addItem(tr("Other checkpoint file..."), kOtherFile);
    connect(checkpoints_, &QComboBox::activated, this, [this](int index) {
        if (checkpoints_->itemData(index) == kOtherFile)
            chooseCheckpointFile();
        updateState();
    });

    formats_ = new QButtonGroup(this);
    auto* formatBox = new QVBoxLayout;
    for (auto format : exportFormats()) {
        auto* button = new QRadioButton(QString::fromStdString(describe(format)));
        button->setObjectName(QStringLiteral("format-") + QString::fromStdString(toString(format)));
        formats_->addButton(button, static_cast<int>(format));
        auto* note = new QLabel(whereItGoes(format));
        note->setWordWrap(true);
        note->setContentsMargins(24, 0, 0, 6);
        note->setForegroundRole(QPalette::PlaceholderText);
        formatBox->addWidget(button);
        formatBox->addWidget(note);
    }
    formats_->button(static_cast<int>(ExportFormat::PyTorch))->setChecked(true);
    connect(formats_, &QButtonGroup::idClicked, this, &ExportDialog::formatChanged);

    destination_ = new QLineEdit;
    destination_->setObjectName(QStringLiteral("exportDestination"));
    destination_->setMinimumWidth(420);
    connect(destination_, &QLineEdit::textEdited, this, [this] {
        destinationEdited_ = true;
        updateState();
    });
    auto* browse = new QPushButton(tr("Browse..."));
    connect(browse, &QPushButton::clicked, this, &ExportDialog::chooseDestination);
    auto* destinationRow = new QHBoxLayout;
    destinationRow->addWidget(destination_, 1);
    destinationRow->addWidget(browse);

    sidecarNote_ = new QLabel;
    sidecarNote_->setWordWrap(true);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("Weights from:"), checkpoints_);
    form->addRow(tr("Format:"), formatBox);
    form->addRow(tr("Save to:"), destinationRow);
    form->addRow(QString(), sidecarNote_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons_);

    formatChanged();
}

QString ExportDialog::checkpoint() const {
    const QVariant data = checkpoints_->currentData();
    return data == kOtherFile ? QString() : data.toString();
}

ExportFormat ExportDialog::format() const {
    return static_cast<ExportFormat>(formats_->checkedId());
}

QString ExportDialog::destination() const {
    return destination_->text().trimmed();
}

void ExportDialog::selectCheckpoint(const QString& path) {
    int index = checkpoints_->findData(path);
    if (index < 0) {
        checkpoints_->insertItem(checkpoints_->count() - 1, QFileInfo(path).fileName(), path);
        index = checkpoints_->count() - 2;
    }
    checkpoints_->setCurrentIndex(index);
    if (!destinationEdited_)
        formatChanged();
}

void ExportDialog::setFormat(ExportFormat format) {
    formats_->button(static_cast<int>(format))->setChecked(true);
    formatChanged();
}

void ExportDialog::setDestination(const QString& path) {
    destination_->setText(path);
    destinationEdited_ = true;
    updateState();
}

QString ExportDialog::baseNameFor(const QString& checkpoint) const {
    // <run>/checkpoints/best.ckpt -> "<run>-best"; a loose file keeps its own name.
    const QFileInfo file(checkpoint);
    const QString run = QString::fromStdString(runDirectoryOfCheckpoint(checkpoint.toStdString()));
    if (!run.isEmpty())
        return QFileInfo(run).fileName() + '-' + file.completeBaseName();
    return file.completeBaseName().isEmpty() ? QStringLiteral("model") : file.completeBaseName();
}

void ExportDialog::formatChanged() {
    const QString extension = QString::fromStdString(fileExtension(format()));
    QString path = destination();
    if (path.isEmpty() || !destinationEdited_)
        path = QDir(folder_).filePath(baseNameFor(checkpoint()));
    destination_->setText(withoutExportExtension(path) + extension);
    updateState();
}

void ExportDialog::chooseCheckpointFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Checkpoint to Export"), folder_,
                                                      tr("Checkpoints (*.ckpt);;All files (*)"));
    if (path.isEmpty()) {
        checkpoints_->setCurrentIndex(0);
        return;
    }
    selectCheckpoint(path);
}

void ExportDialog::chooseDestination() {
    const QString extension = QString::fromStdString(fileExtension(format()));
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export To"), destination(),
                                     QString::fromStdString(describe(format()))
                                         .replace(QStringLiteral("(."), QStringLiteral("(*.")));
    if (path.isEmpty())
        return;
    setDestination(path.endsWith(extension) ? path : withoutExportExtension(path) + extension);
}

void ExportDialog::updateState() {
    const QString path = destination();
    sidecarNote_->setText(
        tr("Beside it: <b>%1.json</b> with the spec, the class names, the input scaling "
           "(pixels / 255, RGB, N x C x H x W) and the test accuracy.")
            .arg(QFileInfo(path).fileName().toHtmlEscaped()));
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(!checkpoint().isEmpty() && !path.isEmpty());
}

void ExportDialog::accept() {
    const QFileInfo target(destination());
    if (!target.dir().exists()) {
        QMessageBox::warning(this, tr("Export Weights"),
                             tr("%1: no such folder").arg(target.dir().path()));
        return;
    }
    if (target.exists() &&
        QMessageBox::question(this, tr("Export Weights"),
                              tr("%1 exists. Replace it?").arg(target.fileName())) !=
            QMessageBox::Yes)
        return;
    QDialog::accept();
}

} // namespace inception::ui
