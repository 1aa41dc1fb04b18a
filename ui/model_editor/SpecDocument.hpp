#pragma once

#include "core/spec/ModelAnalysis.hpp"
#include "core/spec/ModelSpec.hpp"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <map>
#include <optional>

namespace inception::ui {

// The model spec being edited: possibly invalid while the user types, with the reasons per
// field, the analysis of the last valid state, and undo/redo of every change. The next run
// takes validSpec(); a running model is never touched.
class SpecDocument : public QObject {
    Q_OBJECT

public:
    explicit SpecDocument(QObject* parent = nullptr);

    const ModelSpec& spec() const { return spec_; }
    bool isValid() const { return issues_.empty(); }
    // The spec as edited when valid, else the last valid one.
    const ModelSpec& validSpec() const { return validSpec_; }
    const ModelAnalysis& analysis() const { return analysis_; } // of validSpec()
    const ModelAnalysis& seedAnalysis() const { return seed_; } // the yardstick
    // Field path ("units[2].reduce3x3") -> what is wrong with it.
    const std::map<std::string, std::string>& issues() const { return issues_; }
    std::optional<std::string> issueOf(const std::string& field) const;
    // The first problem as one line, empty when valid.
    QString firstIssue() const { return firstIssue_; }

    QUndoStack* undoStack() { return &undo_; }

    // An undoable change. Edits of one field in a row merge into one undo step (typing
    // "128" is one change, not three).
    void change(const ModelSpec& spec, const QString& description, int mergeKey = -1);
    // Replaces the spec as one undoable step (a preset, a file, a run's spec).
    void load(const ModelSpec& spec, const QString& description);
    // Reads a spec file; on error returns the message and keeps the current spec.
    QString open(const QString& path);
    // Writes the spec file atomically; returns an error message, empty on success.
    QString save(const QString& path) const;

    // Merge keys for change(): one per (unit, field) and per stem or head field.
    static int unitFieldKey(int unit, int field) { return 1000 + unit * 16 + field; }

signals:
    void changed();

private:
    friend class SpecChange;
    void apply(const ModelSpec& spec);

    ModelSpec spec_;
    ModelSpec validSpec_;
    ModelAnalysis analysis_;
    ModelAnalysis seed_;
    std::map<std::string, std::string> issues_;
    QString firstIssue_; // in validation order, which the map's order is not
    QUndoStack undo_;
};

} // namespace inception::ui
