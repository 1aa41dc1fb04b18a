#include "ui/model_editor/SpecDocument.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"

#include <QUndoCommand>

namespace inception::ui {

// One undo step: the spec before and after.
class SpecChange : public QUndoCommand {
public:
    SpecChange(SpecDocument& document, ModelSpec before, ModelSpec after, const QString& text,
               int mergeKey)
        : QUndoCommand(text), document_(document), before_(std::move(before)),
          after_(std::move(after)), mergeKey_(mergeKey) {}

    void undo() override { document_.apply(before_); }
    void redo() override { document_.apply(after_); }
    int id() const override { return mergeKey_; }
    bool mergeWith(const QUndoCommand* other) override {
        after_ = static_cast<const SpecChange*>(other)->after_;
        return true;
    }

private:
    SpecDocument& document_;
    ModelSpec before_;
    ModelSpec after_;
    int mergeKey_;
};

SpecDocument::SpecDocument(QObject* parent) : QObject(parent), seed_(analyze(seedSpec())) {
    apply(seedSpec());
}

std::optional<std::string> SpecDocument::issueOf(const std::string& field) const {
    const auto it = issues_.find(field);
    if (it == issues_.end())
        return std::nullopt;
    return it->second;
}

void SpecDocument::change(const ModelSpec& spec, const QString& description, int mergeKey) {
    if (spec == spec_)
        return;
    undo_.push(new SpecChange(*this, spec_, spec, description, mergeKey));
}

void SpecDocument::load(const ModelSpec& spec, const QString& description) {
    change(spec, description, -1);
}

QString SpecDocument::open(const QString& path) {
    try {
        ModelSpec spec = loadModelSpec(path.toStdString());
        load(spec, tr("Open %1").arg(path));
        return {};
    } catch (const InputError& e) {
        return QString::fromStdString(e.oneLine());
    }
}

QString SpecDocument::save(const QString& path) const {
    if (!isValid())
        return tr("%1: not saved, the spec is invalid: %2").arg(path, firstIssue());
    try {
        writeFileAtomically(path.toStdString(), toJson(spec_) + "\n");
        return {};
    } catch (const InputError& e) {
        return QString::fromStdString(e.oneLine());
    }
}

void SpecDocument::apply(const ModelSpec& spec) {
    spec_ = spec;
    issues_.clear();
    const std::vector<SpecIssue> found = validate(spec_);
    for (const SpecIssue& issue : found)
        issues_.emplace(issue.field, issue.message); // the first problem of a field
    firstIssue_ = found.empty()
                      ? QString()
                      : QString::fromStdString(found.front().field + ": " + found.front().message);
    if (issues_.empty()) {
        validSpec_ = spec_;
        analysis_ = analyze(validSpec_);
    }
    emit changed();
}

} // namespace inception::ui
