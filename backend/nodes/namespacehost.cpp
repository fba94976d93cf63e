#include "nodes/namespacehost.h"

#include "core/processes.h"

namespace mlab {

NamespaceHost::NamespaceHost(QString where, QString netnsName, QString switchDir, QList<WiredTap> taps)
    : m_where(std::move(where))
    , m_netns(std::move(netnsName))
    , m_switchDir(std::move(switchDir))
    , m_taps(std::move(taps))
{ }

Command NamespaceHost::ipIn(QStringList arguments, QString why) const
{
    return Command { QStringLiteral("host"),
        QStringList { QStringLiteral("ip"), QStringLiteral("-n"), m_netns } + arguments, std::move(why) };
}

QList<Command> NamespaceHost::plan() const
{
    QList<Command> commands;
    commands << Command { QStringLiteral("host"),
        { QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("add"), m_netns },
        QStringLiteral("%1 gets a network namespace of its own").arg(m_where) };
    commands << ipIn({ QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"), QStringLiteral("up") },
        QStringLiteral("loopback up inside %1").arg(m_where));
    for (const WiredTap &tap : m_taps) {
        // A persistent tap created first lets us set its MAC before the plug
        // opens it, so the node never appears with a random address.
        commands << ipIn({ QStringLiteral("tuntap"), QStringLiteral("add"), QStringLiteral("dev"), tap.name,
                             QStringLiteral("mode"), QStringLiteral("tap") },
            QStringLiteral("%1 of %2 is a tap device").arg(tap.name, m_where));
        if (!tap.mac.isEmpty())
            commands << ipIn({ QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("dev"), tap.name,
                                 QStringLiteral("address"), tap.mac },
                QStringLiteral("the lab file's MAC for %1").arg(tap.name));
        if (!tap.address.isEmpty())
            commands << ipIn(
                { QStringLiteral("addr"), QStringLiteral("add"), tap.address, QStringLiteral("dev"), tap.name },
                QStringLiteral("%1 is reachable at %2").arg(tap.name, tap.address));
        Command plug { QStringLiteral("host"),
            { QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), m_netns,
                QStringLiteral("vde_plug2tap"), QStringLiteral("-s"), m_switchDir, QStringLiteral("-p"),
                QString::number(tap.switchPort), tap.name },
            QStringLiteral("cable: %1 %2 into switch port %3").arg(m_where, tap.name).arg(tap.switchPort) };
        plug.background = true;
        commands << plug;
        commands << ipIn(
            { QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("dev"), tap.name, QStringLiteral("up") },
            QStringLiteral("%1 up").arg(tap.name));
    }
    return commands;
}

Status NamespaceHost::start(const HostRunner &runner, ProcessGroup &processes) const
{
    for (const Command &command : plan()) {
        if (command.background) {
            const QString label = QStringLiteral("vde_plug2tap for %1 %2").arg(m_where, command.argv.last());
            if (Result<qint64> started = processes.start(command, label); !started)
                return fail(started.error());
        } else if (Result<QByteArray> ran = runner.run(command); !ran) {
            return fail(QStringLiteral("setting up %1: %2").arg(m_where, ran.error()));
        }
    }
    return {};
}

} // namespace mlab
