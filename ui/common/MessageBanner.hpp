#pragma once

#include <QFrame>

class QLabel;

namespace inception::ui {

// An inline message above a page, as in KDE's KMessageWidget: errors stay visible without a
// modal dialog, and a close button hides them.
class MessageBanner : public QFrame {
    Q_OBJECT

public:
    enum class Kind { Information, Error };
    explicit MessageBanner(QWidget* parent = nullptr);

    void show(Kind kind, const QString& text);
    QString text() const;
    Kind kind() const { return kind_; }

private:
    QLabel* label_;
    Kind kind_ = Kind::Information;
};

} // namespace inception::ui
