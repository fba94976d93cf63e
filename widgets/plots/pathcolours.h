#pragma once

#include <QHash>
#include <QPen>
#include <QString>
#include <QStringList>

namespace mlab {

// The pen of each path: distinct among the paths shown, and stable. A path keeps its pen for the session (clear()
// does not reshuffle), the lab's order (setOrder) decides when known, and otherwise the name picks its preferred
// slot, so the same lab looks the same in every run whatever order its series first arrive in.
class PathColours
{
public:
    static const QList<QColor> &palette(); // colour-blind safe (Okabe-Ito without yellow, plus brown)

    void setOrder(const QStringList &paths); // the lab's paths: path i gets slot i
    QPen pen(const QString &path); // solid in the palette; paths beyond it repeat the colours dashed
    void reset();

private:
    int slotOf(const QString &path);

    QHash<QString, int> m_slots;
};

} // namespace mlab
