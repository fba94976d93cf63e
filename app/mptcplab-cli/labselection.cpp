#include "labselection.h"

#include "engine/labstate.h"
#include "engine/runtimedir.h"
#include "lab/labfile.h"

#include <QFileInfo>

namespace mlab::cli {

Result<Lab> loadLab(const QString &file)
{
    return loadLabFile(file);
}

Result<QString> selectRunningLab(const QString &labOption)
{
    if (!labOption.isEmpty()) {
        if (QFileInfo(labOption).isFile()) {
            Result<Lab> lab = loadLab(labOption);
            if (!lab)
                return fail(lab.error());
            return lab->name;
        }
        // A name that is neither a file nor a lab name never reaches a path: `down --lab ../x` runs as root.
        if (Result<RuntimeDir> dir = RuntimeDir::forLab(labOption); !dir)
            return fail(QStringLiteral("--lab %1: no such lab file, and %2").arg(labOption, dir.error()));
        return labOption;
    }
    const QStringList running = RuntimeDir::existingLabs();
    if (running.isEmpty())
        return fail(QStringLiteral("no lab is running (nothing in %1); start one with: mptcplab-cli up")
                        .arg(RuntimeDir::baseDir()));
    if (running.size() > 1)
        return fail(QStringLiteral("%1 labs are running (%2): say which with --lab NAME")
                        .arg(running.size())
                        .arg(running.join(QStringLiteral(", "))));
    return running.first();
}

} // namespace mlab::cli
