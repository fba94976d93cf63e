#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

namespace mlab {

// What the cable colours and styles mean: one row per path VLAN, the management VLAN, the dead VLAN and the
// kinds of break, each with a sample of the line. A widget over the view's corner rather than an item of the
// scene, so it stays readable at any zoom and never shrinks the lab when the view fits it to the window.
class TopologyLegend : public QWidget
{
    Q_OBJECT

public:
    struct Entry
    {
        QColor colour;
        Qt::PenStyle style = Qt::SolidLine;
        QString text;
    };

    explicit TopologyLegend(QWidget *parent = nullptr);

    void setEntries(QList<Entry> entries);
    QStringList texts() const;

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QList<Entry> m_entries;
};

} // namespace mlab
