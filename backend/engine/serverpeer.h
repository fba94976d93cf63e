#pragma once

#include "engine/apiprotocol.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>

class QLocalSocket;

namespace mlab {

// The engine's side of one client connection: reads request lines (at most api::MaxLineBytes each), keeps
// the client's topic subscriptions, and writes to it without ever letting a client that stops reading grow
// the engine's memory: past api::EventBudgetBytes of unwritten output its events are dropped and counted
// (and the count sent once it has caught up); past api::DisconnectBytes it is disconnected.
class ServerPeer : public QObject
{
    Q_OBJECT
public:
    ServerPeer(QLocalSocket *socket, quint64 serial, QObject *parent = nullptr);
    ~ServerPeer() override;

    quint64 serial() const { return m_serial; }
    // "3:7": which peer and request an operation belongs to (see LabStep::requestTag).
    QString tag(const QJsonValue &id) const;

    void sendReply(const QJsonObject &reply);
    // An event of a topic (or of the peer's own request): sent while the peer keeps up, else dropped.
    void sendEvent(const QString &topic, const QJsonObject &event);

    bool isSubscribed(const QString &topic) const { return m_topics.contains(topic); }
    void subscribe(const QStringList &topics);
    void unsubscribe(const QStringList &topics);
    QStringList topics() const;

    // Requests in progress, for api::MaxRequestsInProgress.
    bool beginRequest();
    void endRequest();
    int requestsInProgress() const { return m_inProgress; }
    qint64 droppedEvents() const { return m_droppedTotal; }

    void disconnectFromClient();

Q_SIGNALS:
    void requestReceived(mlab::ServerPeer *peer, const mlab::api::Request &request);
    void gone(mlab::ServerPeer *peer);

private:
    void readLines();
    void write(const QByteArray &bytes);
    void reportDrops();

    QPointer<QLocalSocket> m_socket;
    quint64 m_serial;
    QByteArray m_buffer;
    bool m_discardingLongLine = false;
    QSet<QString> m_topics;
    QMap<QString, qint64> m_dropped; // topic -> events dropped since the last report
    qint64 m_droppedTotal = 0;
    int m_inProgress = 0;
};

} // namespace mlab

Q_DECLARE_METATYPE(mlab::api::Request)
