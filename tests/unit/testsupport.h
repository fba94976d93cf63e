#pragma once

// Shared by the unit tests: the seed lab as shipped, and the real captured
// outputs in tests/fixtures.

#include "lab/labfile.h"
#include "lab/labmodel.h"

#include <QFile>

namespace mlab::test {

// A script for a test to run as a stand-in program (a fake ssh, a fake terminal), owner-only.
inline bool writeExecutable(const QString &path, const QByteArray &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return false;
    file.close();
    return file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

inline Lab seedLab()
{
    const Result<Lab> lab = loadLabFile(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed.json"));
    if (!lab.ok())
        qFatal("cannot load the seed lab: %s", qPrintable(lab.error()));
    return lab.value();
}

// A lab file from tests/fixtures/labs, e.g. "three-paths.json".
inline Result<Lab> loadFixtureLab(const char *name)
{
    return loadLabFile(QStringLiteral(MPTCPLAB_FIXTURES_DIR "/labs/") + QString::fromLatin1(name));
}

inline QByteArray readFixture(const char *name)
{
    QFile file(QStringLiteral(MPTCPLAB_FIXTURES_DIR "/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s from %s", name, MPTCPLAB_FIXTURES_DIR);
    return file.readAll();
}

} // namespace mlab::test
