#pragma once

#include "core/ModelSpec.hpp"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;

namespace inception::ui {

class MessageBanner;

// The model the next run trains: a preset or a spec file, with its layers, shapes,
// parameters and cost (core's analysis).
class ModelPage : public QWidget {
    Q_OBJECT

public:
    explicit ModelPage(QWidget* parent = nullptr);

    const ModelSpec& spec() const { return spec_; }
    void setSpec(const ModelSpec& spec);
    // Loads a spec file; an error is shown on the page and the current spec is kept.
    bool openSpec(const QString& path);
    QTableWidget* layers() const { return layers_; }
    MessageBanner* banner() const { return banner_; }

signals:
    void specChanged(const inception::ModelSpec& spec);

private:
    void showAnalysis();

    ModelSpec spec_;
    QComboBox* preset_;
    QLabel* totals_;
    QTableWidget* layers_;
    MessageBanner* banner_;
};

} // namespace inception::ui
