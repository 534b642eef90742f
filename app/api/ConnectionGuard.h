#pragma once

#include "ApiConfig.h"
#include "ApiMessage.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;

namespace flowlet::api {

// Watches one connection for what QHttpServer 6.4 does not: it buffers a whole body before any
// handler sees it, has no timeouts and leaves a connection open after a parse error. The guard
// sees every byte first (its readyRead slot runs before the server's), reads each request's head
// itself and refuses an oversized Content-Length (413), chunked bodies (411) and huge heads (431)
// before the body is buffered; it closes a connection whose request does not arrive whole in
// time (408) or that idles. It also writes responses in request order, whatever order the worker
// threads finish in. Lives on the server thread, as a child of its socket.
class ConnectionGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionGuard)

public:
    // `server` is the QHttpServer object whose parsing is cut off when the guard refuses.
    ConnectionGuard(QTcpSocket* socket, QObject* server, const ApiConfig& config);

    static ConnectionGuard* of(QTcpSocket* socket);

    // Each request parsed gets the next number; responses are written in this order.
    quint64 nextSequence();
    void deliver(quint64 sequence, const ApiResponse& response, const QString& requestId, bool close);

    static QByteArray serialise(const ApiResponse& response, const QString& requestId, bool close);

private:
    void onReadyRead();
    void consume(QByteArray data);
    bool headComplete(const QByteArray& head); // false: refused
    void refuse(int status, const QString& code, const QString& message);
    void lingerAfterRefusal();
    void discardIncoming();
    void updateTimer();
    void onTimeout();
    void writeReady();

    enum class State { Head, Body };

    QTcpSocket* m_socket;
    QPointer<QObject> m_server;
    ApiConfig m_config;
    QTimer m_timer;
    State m_state = State::Head;
    QByteArray m_head;
    qint64 m_bodyRemaining = 0;
    static constexpr int kLingerMs = 2000;
    bool m_closing = false;
    bool m_lingering = false; // refused: the answer is out, the rest of the request is dropped
    bool m_halfClosed = false;
    bool m_requestTimerRunning = false;

    quint64 m_nextSequence = 0;
    quint64 m_nextToWrite = 0;
    struct Ready
    {
        QByteArray bytes;
        bool close = false;
    };
    QMap<quint64, Ready> m_ready;
};

} // namespace flowlet::api
