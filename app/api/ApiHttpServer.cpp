#include "ApiHttpServer.h"
#include "ApiError.h"
#include "ConnectionGuard.h"
#include "auth/Authorization.h"
#include "core/Logging.h"
#include "monitor/ErrorContext.h"
#include "monitor/RequestStats.h"

#include <QHttpServerRequest>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThreadPool>

namespace flowlet::api {

namespace {

// Puts a guard on every connection before QHttpServer sees it, so that the guard's readyRead
// slot runs first; refuses connections beyond the limit.
class GuardedTcpServer final : public QTcpServer
{
public:
    GuardedTcpServer(QObject* httpServer, const ApiConfig& config)
        : m_httpServer(httpServer)
        , m_config(config)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto* socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        if (m_open >= m_config.maxConnections) {
            qCDebug(lcApi) << "connection refused: too many open connections";
            socket->abort();
            socket->deleteLater();
            return;
        }
        ++m_open;
        connect(socket, &QObject::destroyed, this, [this] { --m_open; });
        new ConnectionGuard(socket, m_httpServer, m_config);
        addPendingConnection(socket); // QTcpServer emits newConnection after this returns
    }

private:
    QObject* m_httpServer;
    ApiConfig m_config;
    int m_open = 0;
};

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

// DNS rebinding defence: a page on evil.example that resolves to 127.0.0.1 still sends its own
// name in Host. Only loopback names, with or without a port, are served.
bool loopbackHost(const QByteArray& host)
{
    QByteArray name = host.trimmed().toLower();
    if (name.startsWith('[')) {
        const qsizetype close = name.indexOf(']');
        if (close < 0 || (close + 1 < name.size() && name.at(close + 1) != ':')) {
            return false;
        }
        name = name.left(close + 1);
    } else if (const qsizetype colon = name.indexOf(':'); colon >= 0) {
        name = name.left(colon);
    }
    return name == "localhost" || name == "127.0.0.1" || name == "[::1]";
}

bool isJson(const QByteArray& contentType)
{
    const QByteArray type = contentType.split(';').value(0).trimmed().toLower();
    return type == "application/json";
}

} // namespace

struct ApiHttpServer::Pending
{
    ApiRequest request;
    const ApiRoute* route = nullptr;
    QString routePattern; // for the statistics: the pattern, never the concrete path
    quint64 sequence = 0;
    bool close = false;
    QElapsedTimer started;
};

ApiHttpServer::ApiHttpServer(DatabasePtr db, DatabasePtr workspace, const ApiConfig& config, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_db(std::move(db))
    , m_workspace(std::move(workspace))
    , m_config(config)
    , m_limiter(config.ratePerSecond, config.burst)
    , m_imports(config.importTokenMinutes)
{
    m_clock.start();
    m_db->pool()->setMaxThreadCount(std::max(1, config.workerThreads));
    m_statsTimer.setInterval(config.statisticsIntervalMs);
    connect(&m_statsTimer, &QTimer::timeout, this, &ApiHttpServer::flushStatistics);
    m_statsTimer.start();
}

ApiHttpServer::~ApiHttpServer()
{
    shutdown();
}

Result<quint16> ApiHttpServer::listenOnLoopback()
{
    auto* server = new GuardedTcpServer(this, m_config);
    if (!server->listen(QHostAddress::LocalHost, m_config.port)) {
        const QString message = server->errorString();
        delete server;
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(m_config.port).arg(message));
    }
    bind(server);
    return server->serverPort();
}

void ApiHttpServer::shutdown()
{
    for (QTcpServer* server : servers()) {
        server->close();
    }
    // Worker tasks post their answers to this object; none may still run when it goes.
    m_db->pool()->waitForDone();
    m_statsTimer.stop();
    flushStatistics();
}

void ApiHttpServer::flushStatistics()
{
    if (RequestStats::instance().pendingRequests() == 0) {
        return;
    }
    if (m_config.statisticsThroughKeys) {
        m_statisticsDue.store(true);
        return;
    }
    if (auto s = RequestStats::instance().flushTo(*m_workspace); !s) {
        qCWarning(lcApi) << "cannot store the API's request statistics:" << s.error().message();
    }
}

void ApiHttpServer::missingHandler(const QHttpServerRequest&, QTcpSocket*)
{
    // handleRequest answers every request itself (404 and 405 included).
}

std::optional<ApiError> ApiHttpServer::refusalBeforeHandler(const ApiRequest& r, const RouteMatch& match,
                                                            QByteArray* token, int* retryAfter)
{
    if (!loopbackHost(r.header("host"))) {
        return ApiError{421, QStringLiteral("misdirected_request"),
                        QStringLiteral("this server answers only requests addressed to 127.0.0.1 or localhost"), {}};
    }
    if (!match.route) {
        if (!match.allowedMethods.isEmpty()) {
            return ApiError{405, QStringLiteral("method_not_allowed"),
                            QStringLiteral("%1 is not allowed here").arg(QString::fromLatin1(r.method)), {}};
        }
        return ApiError{404, QStringLiteral("not_found"), QStringLiteral("there is no endpoint at this path"), {}};
    }
    const ApiRoute& route = *match.route;
    switch (route.body) {
    case BodyKind::None:
        if (!r.body.isEmpty()) {
            return ApiError{400, QStringLiteral("invalid_argument"), QStringLiteral("this endpoint takes no body"), {}};
        }
        break;
    case BodyKind::Json:
        if (r.body.size() > m_config.maxJsonBytes) {
            return ApiError{413, QStringLiteral("payload_too_large"), QStringLiteral("the body is too large"), {}};
        }
        if (!r.body.isEmpty() && !isJson(r.header("content-type"))) {
            return ApiError{415, QStringLiteral("unsupported_media_type"),
                            QStringLiteral("send the body as Content-Type: application/json"), {}};
        }
        break;
    case BodyKind::Upload:
        if (r.body.size() > m_config.maxUploadBytes) {
            return ApiError{413, QStringLiteral("payload_too_large"), QStringLiteral("the file is too large"), {}};
        }
        if (const QByteArray type = r.header("content-type").toLower();
            type.startsWith("application/x-www-form-urlencoded") || type.startsWith("application/json")) {
            // curl -d sends the former and strips the file's line breaks on the way.
            return ApiError{415, QStringLiteral("unsupported_media_type"),
                            QStringLiteral("send the file as the body (curl --data-binary @FILE -H 'Content-Type: "
                                           "application/octet-stream') or as multipart (curl -F file=@FILE)"),
                            {}};
        }
        break;
    }
    if (!route.authenticated) {
        return std::nullopt;
    }
    const QByteArray authorization = r.header("authorization");
    if (authorization.size() < 8 || authorization.left(7).toLower() != "bearer ") {
        return ApiError{401, QStringLiteral("unauthenticated"),
                        QStringLiteral("send an API key as \"Authorization: Bearer <key>\""), {}};
    }
    *token = authorization.mid(7).trimmed();
    // Per key: the token's public prefix names the key, so guessing one key's secret is
    // throttled however the secret varies.
    if (const int wait = m_limiter.take(token->left(16), m_clock.elapsed()); wait > 0) {
        *retryAfter = wait;
        return ApiError{429, QStringLiteral("rate_limited"),
                        QStringLiteral("too many requests with this key; retry after %1 s").arg(wait), {}};
    }
    return std::nullopt;
}

bool ApiHttpServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    ConnectionGuard* guard = ConnectionGuard::of(socket);
    if (!guard) {
        return true;
    }
    Pending pending;
    pending.started.start();
    pending.sequence = guard->nextSequence();
    ApiRequest& r = pending.request;
    r.method = methodName(request.method());
    const QUrl url = request.url();
    r.path = url.path();
    // Form-style '+' for a space, as scripts' URL encoders write it; a literal plus is %2B.
    r.query.setQuery(url.query(QUrl::FullyEncoded).replace(u'+', QStringLiteral("%20")));
    for (const auto& [name, value] : request.headers()) {
        r.headers.insert(name.toLower(), value);
    }
    r.body = request.body();
    r.requestId = requestIdFor(r.header("x-request-id"));
    pending.close = r.header("connection").toLower() == "close";

    const RouteMatch match = matchRoute(r.method, r.path);
    pending.route = match.route;
    pending.routePattern = match.route ? match.route->pattern : QStringLiteral("(unmatched)");
    r.pathParameters = match.parameters;

    QByteArray token;
    int retryAfter = 0;
    if (auto refusal = refusalBeforeHandler(r, match, &token, &retryAfter)) {
        ApiResponse response = refusal->toResponse(r.requestId, m_config.development);
        if (refusal->status == 405) {
            QByteArrayList allowed = match.allowedMethods;
            response.headers.append(qMakePair(QByteArray("Allow"), allowed.join(", ")));
        } else if (refusal->status == 429) {
            response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfter)));
        } else if (refusal->status == 401) {
            response.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
        }
        answer(guard, pending, std::move(response));
        return true;
    }
    if (!match.route->usesDatabase) {
        static const ApiPrincipal nobody;
        ApiContext context{m_db, r, nobody, m_imports, m_config};
        auto result = match.route->handler(context);
        answer(guard, pending,
               result ? *result : ApiError::from(result.error()).toResponse(r.requestId, m_config.development));
        return true;
    }
    runOnWorker(guard, std::move(pending), std::move(token));
    return true;
}

void ApiHttpServer::runOnWorker(ConnectionGuard* guard, Pending pending, QByteArray token)
{
    QPointer<ConnectionGuard> target(guard);
    m_db->pool()->start([this, target, pending = std::move(pending), token = std::move(token)]() mutable {
        const ApiRequest& r = pending.request;
        const ApiRoute& route = *pending.route;
        ScopedErrorContext context(r.requestId, std::nullopt);
        ApiPrincipal principal;
        Result<ApiResponse> result = Error();
        std::optional<ScopedErrorContext> userContext;
        const auto run = [&] {
            ApiContext c{m_db, r, principal, m_imports, m_config};
            result = route.handler(c);
        };
        if (!route.authenticated) {
            run();
        } else if (auto connection = m_db->connection(); !connection) {
            result = connection.error();
        } else if (auto who = ApiKeys::authenticate(*m_db, *connection, QString::fromLatin1(token)); !who) {
            result = who.error();
        } else {
            principal = std::move(*who);
            userContext.emplace(r.requestId, principal.ownerId);
            if (!route.permission.isEmpty() && !principal.can(route.permission)) {
                result = permissionDenied(route.permission);
            } else {
                run();
            }
            if (m_statisticsDue.exchange(false)) {
                // This connection is bound to the key's session: the server takes the statistics.
                if (auto s = RequestStats::instance().flushTo(*m_db); !s) {
                    qCWarning(lcApi) << "cannot store the API's request statistics:" << s.error().message();
                }
            }
        }
        ApiResponse response;
        if (result) {
            response = std::move(*result);
        } else {
            const ApiError error = ApiError::from(result.error());
            if (error.status >= 500) {
                // The code and the route, never the body, the query or the key.
                qCCritical(lcApi).noquote() << r.method << pending.routePattern << "failed:" << error.status
                                            << errorCodeName(result.error().code()) << result.error().message();
            } else {
                qCDebug(lcApi).noquote() << r.method << pending.routePattern << "refused:" << error.status << error.code;
            }
            response = error.toResponse(r.requestId, m_config.development);
            if (error.status == 401) {
                response.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
            }
        }
        QMetaObject::invokeMethod(
            this, [this, target, pending = std::move(pending), response = std::move(response)]() mutable {
                answer(target.data(), pending, std::move(response));
            },
            Qt::QueuedConnection);
    });
}

void ApiHttpServer::answer(ConnectionGuard* guard, const Pending& pending, ApiResponse response)
{
    RequestStats::instance().record(QString::fromLatin1(pending.request.method), pending.routePattern,
                                    response.status, pending.started.nsecsElapsed() / 1000);
    if (guard) {
        guard->deliver(pending.sequence, response, pending.request.requestId, pending.close);
    }
}

} // namespace flowlet::api
