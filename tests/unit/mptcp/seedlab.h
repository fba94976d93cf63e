#pragma once

// The seed lab, loaded from resources/labs/seed.json so the tests follow the file the lab manager ships.

#include "lab/labfile.h"
#include "lab/labmodel.h"

#include <QFile>

namespace mlab::test {

inline Lab seedLab()
{
    const Result<Lab> lab = loadLabFile(QStringLiteral(MPTCPLAB_SOURCE_DIR "/resources/labs/seed.json"));
    if (!lab.ok())
        qFatal("cannot load the seed lab: %s", qPrintable(lab.error()));
    return lab.value();
}

// MPTCPLAB_FIXTURES_DIR is computed from the calling directory (tests/unit/mptcp/../fixtures) by the shared
// helper, so the real tests/fixtures is tried too.
inline QByteArray readFixture(const char *name)
{
    for (const QString &dir :
        { QStringLiteral(MPTCPLAB_FIXTURES_DIR), QStringLiteral(MPTCPLAB_SOURCE_DIR "/tests/fixtures") }) {
        QFile file(dir + QLatin1Char('/') + QString::fromLatin1(name));
        if (file.open(QIODevice::ReadOnly))
            return file.readAll();
    }
    qFatal("cannot read fixture %s from %s", name, MPTCPLAB_SOURCE_DIR "/tests/fixtures");
}

} // namespace mlab::test
