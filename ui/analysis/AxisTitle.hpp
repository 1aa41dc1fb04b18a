#pragma once

#include <QWidget>

namespace inception::ui {

// A bold title drawn upwards, for the rows of a table.
class AxisTitle : public QWidget {
    Q_OBJECT

public:
    explicit AxisTitle(QWidget* parent = nullptr);
    void setText(const QString& text);
    QString text() const { return text_; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString text_;
};

} // namespace inception::ui
