#include "ui/data/DataPage.hpp"

#include "ui/common/ImageConversion.hpp"
#include "ui/common/Palette.hpp"
#include "ui/data/AugmentationPanel.hpp"
#include "ui/data/ClassCountChart.hpp"
#include "ui/data/DataSource.hpp"
#include "ui/data/DataSourceChooser.hpp"
#include "ui/data/SampleGrid.hpp"

#include "core/base/InputError.hpp"
#include "core/data/DatasetSummary.hpp"

#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace inception::ui {

namespace {

QGroupBox* box(const QString& title, QWidget* content) {
    auto* group = new QGroupBox(title);
    auto* layout = new QVBoxLayout(group);
    layout->addWidget(content);
    return group;
}

} // namespace

DataPage::DataPage(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("dataPage"));
    chooser_ = new DataSourceChooser;
    state_ = new QLabel;
    state_->setObjectName(QStringLiteral("dataState"));
    state_->setWordWrap(true);
    facts_ = new QLabel;
    facts_->setObjectName(QStringLiteral("dataFacts"));
    facts_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    facts_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    facts_->setWordWrap(true);
    chart_ = new ClassCountChart;
    samples_ = new SampleGrid;
    samples_->setObjectName(QStringLiteral("classSamples"));
    augmentation_ = new AugmentationPanel;

    auto* sourceBox = new QGroupBox(tr("Data source"));
    auto* sourceLayout = new QVBoxLayout(sourceBox);
    sourceLayout->addWidget(chooser_);
    auto* help = new QLabel(
        tr("CIFAR-10 (downloaded, its <i>cifar-10-batches-bin</i> folder or its tarball), an "
           "image folder (<i>train/&lt;class&gt;/</i> and <i>test/&lt;class&gt;/</i> of PNG, JPEG "
           "or BMP files, resized to the model's input), IDX files as MNIST and Fashion-MNIST "
           "ship them, or generated shapes. The command line takes the same data: "
           "<tt>inception-cli train --data cifar10:PATH | folder:PATH | idx:PATH</tt>."));
    help->setWordWrap(true);
    sourceLayout->addWidget(help);

    auto* overview = new QWidget;
    auto* overviewLayout = new QVBoxLayout(overview);
    overviewLayout->setContentsMargins(0, 0, 0, 0);
    overviewLayout->addWidget(state_);
    overviewLayout->addWidget(facts_);
    overviewLayout->addWidget(chart_, 1);

    auto* scroll = new QScrollArea;
    scroll->setWidget(samples_);
    scroll->setWidgetResizable(false);
    scroll->setFrameShape(QFrame::NoFrame);

    auto* grid = new QGridLayout;
    grid->addWidget(box(tr("Overview"), overview), 0, 0);
    grid->addWidget(box(tr("Samples of each class"), scroll), 0, 1);
    grid->addWidget(box(tr("Augmentation of training images"), augmentation_), 0, 2);
    grid->setColumnStretch(0, 4);
    grid->setColumnStretch(1, 4);
    grid->setColumnStretch(2, 3);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(sourceBox);
    layout->addLayout(grid, 1);

    connect(&load_, &QFutureWatcher<Loaded>::finished, this,
            [this] { showLoaded(load_.result()); });
    showFacts();
}

DataPage::~DataPage() {
    load_.waitForFinished();
}

void DataPage::showSource(const QString& source) {
    chooser_->setSource(source);
    if (source == loading_ && (summary_ || load_.isRunning()))
        return;
    loading_ = source;
    summary_.reset();
    problem_.clear();
    augmentation_->setSummary(nullptr);
    samples_->clear();
    chart_->clearCounts();
    if (source.isEmpty() || !checkDataSource(source).isEmpty()) {
        showFacts();
        emit summaryShown();
        return;
    }
    state_->setText(tr("Reading %1...").arg(describeDataSource(source)));
    facts_->clear();
    const std::string spec = source.toStdString();
    load_.setFuture(QtConcurrent::run([spec]() -> Loaded {
        try {
            return {std::make_shared<const DatasetSummary>(
                        loadDatasetSummary(spec, {}, kSamplesPerClass)),
                    QString()};
        } catch (const InputError& e) {
            return {nullptr, QString::fromStdString(e.oneLine())};
        } catch (const std::exception& e) {
            return {nullptr, QString::fromStdString(e.what())};
        }
    }));
}

void DataPage::showLoaded(const Loaded& loaded) {
    if (load_.isRunning())
        return; // a newer source is on its way
    summary_ = loaded.first;
    problem_ = loaded.second;
    showFacts();
    if (summary_) {
        QStringList names;
        for (const auto& name : summary_->classNames)
            names << QString::fromStdString(name);
        chart_->setCounts(names, summary_->trainPerClass, summary_->testPerClass);
        std::vector<std::vector<QImage>> rows(summary_->classNames.size());
        for (std::size_t c = 0; c < rows.size(); ++c)
            for (int i = 0; i < summary_->sampleCounts[c]; ++i)
                rows[c].push_back(
                    toQImage(summary_->sample(static_cast<int>(c), i), summary_->shape));
        samples_->setRows(names, rows);
        samples_->adjustSize();
    }
    augmentation_->setSummary(summary_);
    emit summaryShown();
}

void DataPage::showFacts() {
    if (!problem_.isEmpty()) {
        state_->setText(palette::errorSpan(problem_.toHtmlEscaped()));
        facts_->clear();
        return;
    }
    if (!summary_) {
        state_->setText(tr("Choose data above to see what it holds."));
        facts_->clear();
        return;
    }
    const DatasetSummary& s = *summary_;
    const QLocale locale;
    std::int64_t train = 0, test = 0;
    for (auto n : s.trainPerClass)
        train += n;
    for (auto n : s.testPerClass)
        test += n;
    state_->clear();
    QString notes;
    if (!s.notes.empty()) {
        QStringList shown;
        for (std::size_t i = 0; i < s.notes.size() && i < 5; ++i)
            shown << QString::fromStdString(s.notes[i]).toHtmlEscaped();
        if (s.notes.size() > 5)
            shown << tr("and %1 more").arg(s.notes.size() - 5);
        notes =
            tr("<tr><td><b>Notes</b></td><td>%1</td></tr>").arg(shown.join(QStringLiteral("<br>")));
    }
    facts_->setText(
        tr("<table cellspacing=3>"
           "<tr><td><b>Source</b></td><td>%1 <tt>%2</tt></td></tr>"
           "<tr><td><b>Identity</b></td><td><tt>%3</tt></td></tr>"
           "<tr><td><b>Images</b></td><td>%4 x %5 pixels, %6</td></tr>"
           "<tr><td><b>Counts</b></td><td>%7 training, %8 test, %9 classes</td></tr>"
           "<tr><td><b>Mean</b></td><td>%10</td></tr>"
           "<tr><td><b>Std</b></td><td>%11 (per channel, pixels / 255, training images)</td></tr>"
           "%12</table>")
            .arg(QString::fromStdString(s.identity.kind),
                 QString::fromStdString(s.identity.path).toHtmlEscaped(),
                 QString::fromStdString(s.identity.hash))
            .arg(s.shape.width)
            .arg(s.shape.height)
            .arg(s.shape.channels == 1 ? tr("grey") : tr("RGB"))
            .arg(locale.toString(static_cast<qlonglong>(train)),
                 locale.toString(static_cast<qlonglong>(test)))
            .arg(s.classNames.size())
            .arg(perChannelText(s.mean, 4), perChannelText(s.std, 4), notes));
}

} // namespace inception::ui
