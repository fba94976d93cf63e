#include "plots/pathcolours.h"

#include "common/pathcolour.h"

namespace mlab {

const QList<QColor> &PathColours::palette()
{
    // The canvas's colours, in the same order: a path's curve is the colour of its cables.
    static const QList<QColor> colours = [] {
        QList<QColor> list;
        for (int i = 0; i < pathPaletteSize(); ++i)
            list.append(pathColour(i));
        return list;
    }();
    return colours;
}

void PathColours::setOrder(const QStringList &paths)
{
    m_slots.clear();
    for (int i = 0; i < paths.size(); ++i)
        m_slots.insert(paths.at(i), i);
}

void PathColours::reset()
{
    m_slots.clear();
}

int PathColours::slotOf(const QString &path)
{
    if (const auto it = m_slots.constFind(path); it != m_slots.cend())
        return *it;
    // FNV-1a rather than qHash: qHash is seeded per process, and the slot must be the same in every run.
    quint32 hash = 2166136261u;
    for (const QChar c : path)
        hash = (hash ^ c.unicode()) * 16777619u;
    const int size = int(palette().size());
    int slot = int(hash % quint32(size));
    QList<int> taken = m_slots.values();
    for (int tries = 0; taken.contains(slot) && tries < size; ++tries)
        slot = (slot + 1) % size;
    while (taken.contains(slot)) // every colour in use: dashed ones next
        ++slot;
    m_slots.insert(path, slot);
    return slot;
}

QPen PathColours::pen(const QString &path)
{
    const int slot = slotOf(path);
    const int size = int(palette().size());
    // Exactly 1: QCustomPlot draws it as a fast cosmetic line on screen and still 1 pt wide in a PDF.
    QPen pen(palette().at(slot % size), 1.0);
    if (slot >= size)
        pen.setStyle(Qt::DashLine);
    return pen;
}

} // namespace mlab
