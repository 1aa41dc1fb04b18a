#include "ui/MessageBanner.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace inception::ui {

MessageBanner::MessageBanner(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("messageBanner"));
    label_ = new QLabel(this);
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(8, 4, 4, 4);
    row->addWidget(label_, 1);
    row->addWidget(close, 0, Qt::AlignTop);
    hide();
}

void MessageBanner::show(Kind kind, const QString& text) {
    kind_ = kind;
    label_->setText(text);
    setStyleSheet(kind == Kind::Error
                      ? QStringLiteral("#messageBanner { background: #fbe3e4; border: 1px solid "
                                       "#d9534f; border-radius: 4px; }")
                      : QStringLiteral("#messageBanner { background: #e3f0fb; border: 1px solid "
                                       "#4a90d9; border-radius: 4px; }"));
    QFrame::show();
}

QString MessageBanner::text() const {
    return label_->text();
}

} // namespace inception::ui
