#include "qemu/guestimagebuilder.h"

#include "qemu/guestimage.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

namespace mlab {

GuestImageBuilder::GuestImageBuilder(GuestBuildRequest request)
    : m_request(std::move(request))
{ }

Status GuestImageBuilder::validate() const
{
    static const QRegularExpression plain(QStringLiteral("^/[A-Za-z0-9._+/-]{1,1024}$"));
    const QString &dir = m_request.cacheDir;
    if (QDir::cleanPath(dir.isEmpty() ? QStringLiteral(".") : dir) == QLatin1String("/"))
        return fail(QStringLiteral("image cache \"/\": the build deletes and rewrites what it owns in the cache, "
                                   "give it a directory of its own"));
    if (!plain.match(dir).hasMatch() || dir.split(QLatin1Char('/')).contains(QStringLiteral("..")))
        return fail(QStringLiteral("image cache \"%1\": expected an absolute path of letters, digits and . _ + - / "
                                   "only, without \"..\"")
                        .arg(dir));
    if (m_request.suite != QLatin1String("stable") && m_request.suite != QLatin1String("backports"))
        return fail(QStringLiteral("kernel suite \"%1\": expected \"stable\" (Debian 12's 6.1 kernel) or "
                                   "\"backports\" (6.12 from bookworm-backports)")
                        .arg(m_request.suite));
    return {};
}

QString GuestImageBuilder::scriptPath() const
{
    return m_request.cacheDir + QStringLiteral("/build-guest.sh");
}

Command GuestImageBuilder::command() const
{
    return Command { QStringLiteral("host"),
        { QStringLiteral("bash"), scriptPath(), m_request.cacheDir, m_request.suite },
        QStringLiteral("build the lab's guest kernel and initramfs from Debian packages") };
}

Result<QString> GuestImageBuilder::build(const std::function<void(const QString &)> &progress) const
{
    if (Status valid = validate(); !valid)
        return fail(valid.error());
    if (!QDir().mkpath(m_request.cacheDir))
        return fail(QStringLiteral("cannot create the image cache %1").arg(m_request.cacheDir));
    QFile::remove(scriptPath());
    if (!QFile::copy(QStringLiteral(":/guest/build-guest.sh"), scriptPath()))
        return fail(QStringLiteral("cannot write the builder script to %1").arg(scriptPath()));
    QFile::setPermissions(scriptPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const Command command = this->command();
    QProcess process;
    process.start(command.argv.constFirst(), command.argv.mid(1));
    if (!process.waitForStarted(5000))
        return fail(QStringLiteral("cannot run %1: %2").arg(command.toShell(), process.errorString()));
    QByteArray pending;
    QString done;
    const auto readLines = [&] {
        pending += process.readAllStandardOutput();
        for (qsizetype newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
            const QString line = QString::fromUtf8(pending.left(newline)).trimmed();
            pending.remove(0, newline + 1);
            if (line.startsWith(QLatin1String("STEP ")))
                progress(line.mid(5));
            else if (line.startsWith(QLatin1String("DONE ")))
                done = line.mid(5);
            else if (!line.isEmpty())
                progress(line);
        }
    };
    // Downloads included, a first build takes a minute or two on a slow mirror; never wait forever.
    constexpr int LimitMs = 15 * 60 * 1000;
    QElapsedTimer clock;
    clock.start();
    while (process.state() != QProcess::NotRunning && clock.elapsed() < LimitMs) {
        process.waitForReadyRead(500);
        readLines();
    }
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(3000);
        return fail(QStringLiteral("the guest build did not finish within 15 minutes (%1)").arg(command.toShell()));
    }
    readLines();
    const QString errors = QString::fromUtf8(process.readAllStandardError()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return fail(QStringLiteral("the guest build failed (exit %1): %2")
                        .arg(process.exitCode())
                        .arg(errors.isEmpty() ? QStringLiteral("no message") : errors.right(600)));
    if (Result<GuestImage> image = openGuestImage(guestDirIn(m_request.cacheDir)); !image)
        return fail(QStringLiteral("the guest build finished, but: %1").arg(image.error()));
    return done;
}

} // namespace mlab
