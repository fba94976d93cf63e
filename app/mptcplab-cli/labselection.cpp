#include "labselection.h"

#include "core/invokinguser.h"
#include "engine/labstate.h"
#include "engine/runtimedir.h"
#include "lab/labfile.h"

#include <QFileInfo>

namespace mlab::cli {

namespace {

bool g_readAsInvokingUser = false;

} // namespace

Result<Lab> loadLab(const QString &file)
{
    // A lab built into the program (":/labs/seed.json") is no file of anyone's.
    if (!g_readAsInvokingUser || file.startsWith(QLatin1Char(':')))
        return loadLabFile(file);
    return loadLabFile(file, invokingUser());
}

void readLabFilesAsInvokingUser()
{
    g_readAsInvokingUser = true;
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
