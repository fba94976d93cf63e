#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace mlab {

class TopologyScene;

// Keeps the boxes the user dragged on the canvas: saves their positions as the lab file's "layout" (or, for a lab
// that cannot be written such as the built-in one, into a copy the user names), and asks before a window with
// unsaved positions closes.
class LayoutSaver : public QObject
{
    Q_OBJECT

public:
    LayoutSaver(TopologyScene *scene, QString labFile, QWidget *window);

    bool isModified() const { return m_modified; }
    // Where "Save" writes: the lab file, or empty when it cannot be written.
    QString saveTarget() const;

    // Save to the lab file; one that cannot be written asks for a new file, as saveAs() does. False when nothing
    // was saved (refused, failed or cancelled).
    bool save();
    bool saveAs();
    void reset();
    // Before closing: true when the window may close (saved, discarded or nothing to save).
    bool confirmClose();

signals:
    void message(const QString &text, bool isProblem);

private:
    bool saveTo(const QString &file);

    TopologyScene *m_scene;
    QString m_labFile;
    QWidget *m_window;
    bool m_modified = false;
};

} // namespace mlab
