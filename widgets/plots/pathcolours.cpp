#include "plots/pathcolours.h"

namespace mlab {

const QList<QColor> &PathColours::palette()
{
    static const QList<QColor> colours { QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0xcc, 0x79, 0xa7),
        QColor(0x00, 0x9e, 0x73), QColor(0x56, 0xb4, 0xe9), QColor(0xd5, 0x5e, 0x00), QColor(0x8c, 0x56, 0x4b) };
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
