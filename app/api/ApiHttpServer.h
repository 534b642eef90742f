#pragma once

#include "ApiConfig.h"
#include "ApiError.h"
#include "ApiMessage.h"
#include "ApiRoutes.h"
#include "PendingImports.h"
#include "RateLimiter.h"
#include "db/Database.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QTimer>

#include <atomic>

namespace flowlet::api {

class ConnectionGuard;

// The HTTP side of the local API, on the server thread. QAbstractHttpServer parses requests;
// this class checks what needs no database on the spot (Host, route, method, body type and size,
// the key's presence and rate), and hands everything else to the worker threads of the API's own
// Database. The answer comes back to this thread and is written by the connection's guard.
class ApiHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiHttpServer)

public:
    // db: the API's own Database (its worker threads bind each request's connection to the key).
    // workspace: the Database the server was started for — the signed-in window's, or the one of
    // `flowlet serve`; the request statistics are written through it (on the API's thread, on a
    // connection of its own), because on PostgreSQL only a signed-in session may record them and
    // the API's own connections are bound to a key only while a request runs.
    ApiHttpServer(DatabasePtr db, DatabasePtr workspace, const ApiConfig& config, QObject* parent = nullptr);
    ~ApiHttpServer() override;

    // Listens on 127.0.0.1 only; returns the port (useful with port 0).
    Result<quint16> listenOnLoopback();
    // Stops accepting, waits for requests being handled, flushes the statistics.
    void shutdown();

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    struct Pending;
    void answer(ConnectionGuard* guard, const Pending& pending, ApiResponse response);
    std::optional<ApiError> refusalBeforeHandler(const ApiRequest& request, const RouteMatch& match,
                                                 QByteArray* token, int* retryAfter);
    void runOnWorker(ConnectionGuard* guard, Pending pending, QByteArray token);
    void flushStatistics();

    DatabasePtr m_db;
    DatabasePtr m_workspace;
    ApiConfig m_config;
    RateLimiter m_limiter;
    PendingImports m_imports;
    QElapsedTimer m_clock;
    QTimer m_statsTimer;
    std::atomic_bool m_statisticsDue{false}; // statisticsThroughKeys: the next bound worker writes them
};

} // namespace flowlet::api
