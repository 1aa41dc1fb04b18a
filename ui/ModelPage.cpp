#include "ui/ModelPage.hpp"

#include "core/InputError.hpp"
#include "core/ModelAnalysis.hpp"
#include "ui/MessageBanner.hpp"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace inception::ui {

ModelPage::ModelPage(QWidget* parent) : QWidget(parent), spec_(seedSpec()) {
    setObjectName(QStringLiteral("modelPage"));
    preset_ = new QComboBox;
    for (const std::string& name : presetNames())
        preset_->addItem(QString::fromStdString(name));
    connect(preset_, &QComboBox::activated, this, [this](int index) {
        if (auto chosen = preset(preset_->itemText(index).toStdString()))
            setSpec(*chosen);
    });
    auto* open =
        new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open Spec..."));
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Model Spec"), QString(),
                                                          tr("Model spec (*.json)"));
        if (!path.isEmpty())
            openSpec(path);
    });
    totals_ = new QLabel;
    totals_->setObjectName(QStringLiteral("modelTotals"));
    layers_ = new QTableWidget(0, 5);
    layers_->setHorizontalHeaderLabels(
        {tr("Layer"), tr("Operation"), tr("Output (C x H x W)"), tr("Parameters"), tr("MACs")});
    layers_->verticalHeader()->hide();
    layers_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layers_->setAlternatingRowColors(true);
    layers_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layers_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    banner_ = new MessageBanner;

    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Preset:")));
    row->addWidget(preset_);
    row->addWidget(open);
    row->addSpacing(16);
    row->addWidget(totals_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(banner_);
    layout->addLayout(row);
    layout->addWidget(layers_, 1);
    showAnalysis();
}

void ModelPage::setSpec(const ModelSpec& spec) {
    const std::vector<SpecIssue> issues = validate(spec);
    if (!issues.empty()) {
        banner_->show(MessageBanner::Kind::Error,
                      QString::fromStdString(issues.front().field + ": " + issues.front().message));
        return;
    }
    spec_ = spec;
    const int index = preset_->findText(QString::fromStdString(spec.name));
    preset_->setCurrentIndex(index);
    if (index < 0)
        preset_->setCurrentText(QString());
    showAnalysis();
    emit specChanged(spec_);
}

bool ModelPage::openSpec(const QString& path) {
    try {
        setSpec(loadModelSpec(path.toStdString()));
        banner_->hide();
        return true;
    } catch (const InputError& e) {
        banner_->show(MessageBanner::Kind::Error, QString::fromStdString(e.oneLine()));
        return false;
    }
}

void ModelPage::showAnalysis() {
    const ModelAnalysis analysis = analyze(spec_);
    const QLocale locale;
    totals_->setText(tr("<b>%1</b>: %2 parameters · %3 multiply-accumulates per image")
                         .arg(QString::fromStdString(spec_.name).toHtmlEscaped(),
                              locale.toString(static_cast<qlonglong>(analysis.parameters)),
                              locale.toString(static_cast<qlonglong>(analysis.macs))));
    layers_->setRowCount(static_cast<int>(analysis.layers.size()));
    for (int row = 0; row < layers_->rowCount(); ++row) {
        const LayerInfo& layer = analysis.layers[static_cast<std::size_t>(row)];
        const QStringList cells{QString::fromStdString(layer.name),
                                QString::fromStdString(layer.description),
                                QString::fromStdString(layer.output.toString()),
                                locale.toString(static_cast<qlonglong>(layer.parameters)),
                                locale.toString(static_cast<qlonglong>(layer.macs))};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (column >= 3)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            layers_->setItem(row, column, item);
        }
    }
}

} // namespace inception::ui
