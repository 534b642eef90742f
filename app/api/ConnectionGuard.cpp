#include "ConnectionGuard.h"
#include "ApiError.h"
#include "ApiRoutes.h"
#include "core/Logging.h"

#include <QTcpSocket>
#include <QUrl>

#include <algorithm>

#include <sys/socket.h>

namespace flowlet::api {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 421: return "Misdirected Request";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Error";
    }
}

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket* socket, QObject* server, const ApiConfig& config)
    : QObject(socket)
    , m_socket(socket)
    , m_server(server)
    , m_config(config)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    updateTimer();
}

ConnectionGuard* ConnectionGuard::of(QTcpSocket* socket)
{
    return socket ? socket->findChild<ConnectionGuard*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

quint64 ConnectionGuard::nextSequence()
{
    const quint64 sequence = m_nextSequence++;
    updateTimer(); // a request being answered is not an idle connection
    return sequence;
}

QByteArray ConnectionGuard::serialise(const ApiResponse& response, const QString& requestId, bool close)
{
    QByteArray out;
    out.reserve(response.body.size() + 256);
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "X-Request-Id: " + requestId.toLatin1() + "\r\n";
    out += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
    for (const auto& [name, value] : response.headers) {
        out += name + ": " + value + "\r\n";
    }
    if (close) {
        out += "Connection: close\r\n";
    }
    out += "\r\n";
    out += response.body;
    return out;
}

void ConnectionGuard::deliver(quint64 sequence, const ApiResponse& response, const QString& requestId, bool close)
{
    if (m_closing) {
        return;
    }
    m_ready.insert(sequence, Ready{serialise(response, requestId, close), close});
    writeReady();
}

void ConnectionGuard::writeReady()
{
    while (!m_closing && !m_ready.isEmpty() && m_ready.firstKey() == m_nextToWrite) {
        const Ready ready = m_ready.take(m_nextToWrite++);
        m_socket->write(ready.bytes);
        if (ready.close) {
            m_closing = true;
            m_socket->disconnectFromHost();
        }
    }
    updateTimer();
}

void ConnectionGuard::onReadyRead()
{
    if (m_lingering) {
        discardIncoming();
        return;
    }
    if (m_closing) {
        return;
    }
    // Inside QHttpServer's read transaction, what is available is exactly what arrived since its
    // parser last read: the guard sees each byte once.
    const qint64 available = m_socket->bytesAvailable();
    if (available > 0) {
        consume(m_socket->peek(available));
    }
}

void ConnectionGuard::consume(QByteArray data)
{
    while (!data.isEmpty() && !m_closing) {
        if (m_state == State::Head) {
            const qsizetype before = m_head.size();
            m_head += data;
            data.clear();
            const qsizetype end = m_head.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
            if (end < 0) {
                if (m_head.size() > m_config.maxHeaderBytes) {
                    refuse(431, QStringLiteral("headers_too_large"), QStringLiteral("the request head is too large"));
                }
                continue;
            }
            const QByteArray head = m_head.left(end + 4);
            data = m_head.mid(end + 4);
            m_head.clear();
            if (head.size() > m_config.maxHeaderBytes) {
                refuse(431, QStringLiteral("headers_too_large"), QStringLiteral("the request head is too large"));
                return;
            }
            if (!headComplete(head)) {
                return;
            }
        } else {
            const qint64 take = std::min<qint64>(m_bodyRemaining, data.size());
            m_bodyRemaining -= take;
            data.remove(0, take);
            if (m_bodyRemaining == 0) {
                m_state = State::Head;
            }
        }
    }
    updateTimer();
}

bool ConnectionGuard::headComplete(const QByteArray& head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    const QByteArray method = requestLine.value(0);
    // What QHttpServer 6.4 cannot parse it drops without a word: answered here instead.
    const bool methodIsToken = !method.isEmpty() && std::all_of(method.cbegin(), method.cend(), [](char c) {
        return c >= 'A' && c <= 'Z';
    });
    if (requestLine.size() != 3 || !methodIsToken || !requestLine.at(2).startsWith("HTTP/1.")) {
        refuse(400, QStringLiteral("invalid_argument"), QStringLiteral("this is not an HTTP/1.1 request"));
        return false;
    }
    const QString path = QUrl(QString::fromLatin1(requestLine.value(1))).path();
    qint64 length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            continue;
        }
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "transfer-encoding") {
            refuse(411, QStringLiteral("length_required"),
                   QStringLiteral("send the body with a Content-Length (chunked bodies are not accepted)"));
            return false;
        }
        if (name == "content-length") {
            bool ok = false;
            length = value.toLongLong(&ok);
            if (!ok || length < 0) {
                refuse(400, QStringLiteral("invalid_argument"), QStringLiteral("Content-Length is not a number"));
                return false;
            }
        }
    }
    const qint64 limit = isUploadPath(method, path) ? m_config.maxUploadBytes : m_config.maxJsonBytes;
    if (length > limit) {
        refuse(413, QStringLiteral("payload_too_large"),
               QStringLiteral("the body is larger than the %1 bytes this endpoint accepts").arg(limit));
        return false;
    }
    m_bodyRemaining = length;
    m_state = length > 0 ? State::Body : State::Head;
    return true;
}

void ConnectionGuard::refuse(int status, const QString& code, const QString& message)
{
    qCDebug(lcApi) << "refused a request before reading its body:" << status << code;
    // The rest of this connection is not parsed: QHttpServer stops reading it, and it is closed
    // once the answer is out (the unread body is dropped by the kernel, never buffered here).
    if (m_server) {
        QObject::disconnect(m_socket, &QTcpSocket::readyRead, m_server, nullptr);
    }
    const QString requestId = requestIdFor({});
    const ApiResponse response = ApiError{status, code, message, {}}.toResponse(requestId, false);
    m_socket->write(serialise(response, requestId, true));
    m_closing = true;
    m_timer.stop();
    lingerAfterRefusal();
}

// Closing a socket while the client is still sending (a refused upload's body) makes the kernel
// answer with a reset, which can destroy the refusal before the client reads it: curl would say
// "connection reset" instead of showing the 413. So the answer goes out, the sending side is
// shut, and what still arrives is read and dropped (never kept) until the client closes or a
// short time is up — a lingering close, as web servers do.
void ConnectionGuard::lingerAfterRefusal()
{
    m_lingering = true;
    const auto halfClose = [this] {
        if (!m_halfClosed && m_socket->bytesToWrite() == 0) {
            m_halfClosed = true;
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        }
    };
    connect(m_socket, &QTcpSocket::bytesWritten, this, halfClose);
    m_socket->flush();
    halfClose();
    discardIncoming();
    m_timer.start(kLingerMs);
}

void ConnectionGuard::discardIncoming()
{
    char sink[16384];
    while (m_socket->read(sink, sizeof sink) > 0) {
    }
}

void ConnectionGuard::updateTimer()
{
    if (m_closing) {
        return;
    }
    const bool partial = m_state == State::Body || !m_head.isEmpty();
    const bool waiting = m_nextToWrite < m_nextSequence; // requests being answered
    if (partial) {
        // The deadline runs from the request's first byte: a client that drips bytes gains nothing.
        if (!m_requestTimerRunning) {
            m_requestTimerRunning = true;
            m_timer.start(m_config.requestTimeoutMs);
        }
        return;
    }
    m_requestTimerRunning = false;
    if (waiting) {
        m_timer.stop(); // a long import is not a slow client
    } else {
        m_timer.start(m_config.idleTimeoutMs);
    }
}

void ConnectionGuard::onTimeout()
{
    if (m_lingering) {
        m_socket->abort();
        return;
    }
    if (m_requestTimerRunning) {
        refuse(408, QStringLiteral("request_timeout"), QStringLiteral("the request did not arrive in time"));
    } else {
        m_closing = true;
        m_socket->disconnectFromHost();
    }
}

} // namespace flowlet::api
