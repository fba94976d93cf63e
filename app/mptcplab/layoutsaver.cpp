#include "layoutsaver.h"

#include "lab/lablayout.h"
#include "topology/topologyscene.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace mlab {

LayoutSaver::LayoutSaver(TopologyScene *scene, QString labFile, QWidget *window)
    : QObject(window)
    , m_scene(scene)
    , m_labFile(std::move(labFile))
    , m_window(window)
{
    connect(m_scene, &TopologyScene::nodeMoved, this, [this] {
        if (std::exchange(m_modified, true))
            return;
        const QString target = saveTarget();
        Q_EMIT message(target.isEmpty() ? tr("Boxes moved: Lab > Save Layout As keeps them in a copy of this lab")
                                        : tr("Boxes moved: Lab > Save Layout keeps them in %1").arg(target),
            false);
    });
}

QString LayoutSaver::saveTarget() const
{
    // A resource (the built-in seed lab) or a file the user may not change: Save asks for another file.
    const QFileInfo info(m_labFile);
    if (m_labFile.startsWith(QLatin1Char(':')) || !info.isFile() || !info.isWritable())
        return {};
    return info.absoluteFilePath();
}

bool LayoutSaver::save()
{
    const QString target = saveTarget();
    return target.isEmpty() ? saveAs() : saveTo(target);
}

bool LayoutSaver::saveAs()
{
    const QString suggested = saveTarget().isEmpty()
        ? QStringLiteral("%1.json").arg(QFileInfo(m_labFile).completeBaseName())
        : saveTarget();
    const QString file = QFileDialog::getSaveFileName(
        m_window, tr("Save the lab with its layout"), suggested, tr("Lab file (*.json)"));
    return !file.isEmpty() && saveTo(file);
}

bool LayoutSaver::saveTo(const QString &file)
{
    if (const Status written = writeLayout(m_labFile, file, m_scene->nodePositions()); !written) {
        Q_EMIT message(written.error(), true);
        return false;
    }
    m_modified = false;
    const bool copy = QFileInfo(file).absoluteFilePath() != QFileInfo(m_labFile).absoluteFilePath();
    Q_EMIT message(copy ? tr("Lab saved with its layout to %1: open it with mptcplab --lab %1").arg(file)
                        : tr("Layout saved in %1").arg(file),
        false);
    return true;
}

void LayoutSaver::reset()
{
    m_scene->resetLayout();
}

bool LayoutSaver::confirmClose()
{
    if (!m_modified)
        return true;
    const auto answer = QMessageBox::question(m_window, tr("Save the layout?"),
        tr("You moved boxes on the canvas. Save their positions in the lab file?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

} // namespace mlab
