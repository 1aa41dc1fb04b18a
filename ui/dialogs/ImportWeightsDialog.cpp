#include "ui/dialogs/ImportWeightsDialog.hpp"

#include "core/base/InputError.hpp"
#include "ui/common/Palette.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace inception::ui {

namespace {

enum SpecSource { EditorSpec, Preset, SpecFile, OtherSpecFile };
constexpr int kSourceRole = Qt::UserRole;
constexpr int kValueRole = Qt::UserRole + 1;

} // namespace

ImportWeightsDialog::ImportWeightsDialog(const ModelSpec& editorSpec,
                                         const QString& dataDescription, QWidget* parent)
    : QDialog(parent), editorSpec_(editorSpec) {
    setWindowTitle(tr("Import Weights"));
    setObjectName(QStringLiteral("importWeightsDialog"));

    stateDict_ = new QLineEdit;
    stateDict_->setObjectName(QStringLiteral("importStateDict"));
    stateDict_->setMinimumWidth(420);
    stateDict_->setPlaceholderText(tr("a .pt file written by torch.save(model.state_dict())"));
    connect(stateDict_, &QLineEdit::textChanged, this, &ImportWeightsDialog::updateState);
    auto* browse = new QPushButton(tr("Browse..."));
    connect(browse, &QPushButton::clicked, this, &ImportWeightsDialog::chooseStateDict);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(stateDict_, 1);
    fileRow->addWidget(browse);

    spec_ = new QComboBox;
    spec_->setObjectName(QStringLiteral("importSpec"));
    spec_->addItem(tr("Layer editor: %1").arg(QString::fromStdString(editorSpec.name)));
    spec_->setItemData(0, EditorSpec, kSourceRole);
    for (const auto& name : presetNames()) {
        spec_->addItem(tr("Preset: %1").arg(QString::fromStdString(name)));
        spec_->setItemData(spec_->count() - 1, Preset, kSourceRole);
        spec_->setItemData(spec_->count() - 1, QString::fromStdString(name), kValueRole);
    }
    spec_->addItem(tr("Spec file..."));
    spec_->setItemData(spec_->count() - 1, OtherSpecFile, kSourceRole);
    connect(spec_, &QComboBox::activated, this, [this](int index) {
        if (spec_->itemData(index, kSourceRole) == OtherSpecFile)
            chooseSpecFile();
        updateState();
    });

    name_ = new QLineEdit;
    name_->setObjectName(QStringLiteral("importRunName"));
    connect(name_, &QLineEdit::textEdited, this, [this] { nameEdited_ = true; });

    auto* data = new QLabel(dataDescription.toHtmlEscaped() +
                            tr("<br><small>The weights are evaluated on its test images; the "
                               "run shows their errors on the Analysis page, and resuming it "
                               "fine-tunes them.</small>"));
    data->setWordWrap(true);

    problem_ = new QLabel;
    problem_->setObjectName(QStringLiteral("importProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(palette::errorTextStyle());

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &ImportWeightsDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("State dict:"), fileRow);
    form->addRow(tr("Model spec:"), spec_);
    form->addRow(tr("Run name:"), name_);
    form->addRow(tr("Evaluated on:"), data);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(problem_);
    layout->addWidget(buttons_);
    updateState();
}

QString ImportWeightsDialog::stateDict() const {
    return stateDict_->text().trimmed();
}

std::optional<ModelSpec> ImportWeightsDialog::spec() const {
    const int source = spec_->currentData(kSourceRole).toInt();
    const QString value = spec_->currentData(kValueRole).toString();
    if (source == EditorSpec)
        return editorSpec_;
    try {
        return loadModelSpec(value.toStdString());
    } catch (const InputError& e) {
        problem_->setText(QString::fromStdString(e.oneLine()));
        return std::nullopt;
    }
}

QString ImportWeightsDialog::runName() const {
    return name_->text().trimmed();
}

void ImportWeightsDialog::setStateDict(const QString& path) {
    stateDict_->setText(path);
}

void ImportWeightsDialog::chooseStateDict() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("PyTorch State Dict"), QFileInfo(stateDict()).path(),
                                     tr("PyTorch files (*.pt *.pth *.bin);;All files (*)"));
    if (!path.isEmpty())
        setStateDict(path);
}

void ImportWeightsDialog::chooseSpecFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Model Spec"), QString(),
                                                      tr("Model specs (*.json);;All files (*)"));
    if (path.isEmpty()) {
        spec_->setCurrentIndex(0);
        return;
    }
    spec_->insertItem(spec_->count() - 1, tr("File: %1").arg(QFileInfo(path).fileName()));
    const int index = spec_->count() - 2;
    spec_->setItemData(index, SpecFile, kSourceRole);
    spec_->setItemData(index, path, kValueRole);
    spec_->setCurrentIndex(index);
}

void ImportWeightsDialog::updateState() {
    problem_->clear();
    if (!nameEdited_) {
        const QString base = QFileInfo(stateDict()).completeBaseName();
        name_->setText(base.isEmpty() ? QString() : base + QStringLiteral("-imported"));
    }
    const bool fileGiven = !stateDict().isEmpty();
    if (fileGiven && !QFileInfo(stateDict()).isFile())
        problem_->setText(tr("%1: no such file").arg(stateDict()));
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(fileGiven && problem_->text().isEmpty());
}

void ImportWeightsDialog::accept() {
    if (spec())
        QDialog::accept();
}

} // namespace inception::ui
