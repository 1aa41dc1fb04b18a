#include "ui/common/MessageBanner.hpp"

#include "ui/common/Palette.hpp"

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
    const bool error = kind == Kind::Error;
    setStyleSheet(
        QStringLiteral(
            "#messageBanner { background: %1; border: 1px solid %2; border-radius: 4px; }")
            .arg((error ? palette::kErrorBackground : palette::kInformationBackground).name(),
                 (error ? palette::kErrorBorder : palette::kInformationBorder).name()));
    QFrame::show();
}

QString MessageBanner::text() const {
    return label_->text();
}

} // namespace inception::ui
