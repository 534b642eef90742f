#pragma once

#include "ApiConfig.h"
#include "core/Result.h"
#include "db/Database.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace flowlet::api {

class ApiHttpServer;

// The local REST API as the window and `flowlet serve` run it: a thread of its own for the HTTP
// side, and a Database of its own (a sibling of the workspace's, same URL and credentials) whose
// worker threads do the database work, so the window's thread and connections are never used.
class ApiServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    explicit ApiServer(QObject* parent = nullptr);
    ~ApiServer() override;

    // Starts serving and waits until the server listens (or could not): the port.
    Result<quint16> start(const DatabasePtr& workspace, const ApiConfig& config);
    // The same without waiting (the window): started() or failed() follows.
    void startInBackground(const DatabasePtr& workspace, const ApiConfig& config);
    // Stops accepting, lets requests being answered finish, and ends the thread.
    void stop();

    bool isRunning() const { return m_server != nullptr; }

signals:
    void started(quint16 port);
    void failed(const QString& message);

private:
    void launch(const DatabasePtr& workspace, const ApiConfig& config,
                std::function<void(const Result<quint16>&)> done);

    std::unique_ptr<QThread> m_thread;
    QObject* m_anchor = nullptr;           // lives on the server thread
    std::atomic<ApiHttpServer*> m_server{nullptr};
};

} // namespace flowlet::api
