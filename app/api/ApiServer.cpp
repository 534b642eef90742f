#include "ApiServer.h"
#include "ApiHttpServer.h"
#include "core/Logging.h"

#include <future>

namespace flowlet::api {

ApiServer::ApiServer(QObject* parent)
    : QObject(parent)
{
}

ApiServer::~ApiServer()
{
    stop();
}

void ApiServer::launch(const DatabasePtr& workspace, const ApiConfig& config,
                       std::function<void(const Result<quint16>&)> done)
{
    stop();
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("flowlet-api"));
    m_anchor = new QObject;
    m_anchor->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_anchor, &QObject::deleteLater);
    m_thread->start();
    QMetaObject::invokeMethod(
        m_anchor,
        [this, workspace, config, done = std::move(done), anchor = m_anchor] {
            // Opened here so that even connecting to the server never waits on the window's thread.
            auto db = workspace->openSibling();
            if (!db) {
                done(db.error());
                return;
            }
            auto* server = new ApiHttpServer(*db, workspace, config, anchor);
            auto port = server->listenOnLoopback();
            if (!port) {
                delete server;
                done(port.error());
                return;
            }
            m_server = server;
            qCInfo(lcApi) << "serving the local API on 127.0.0.1:" << *port;
            done(*port);
        },
        Qt::QueuedConnection);
}

Result<quint16> ApiServer::start(const DatabasePtr& workspace, const ApiConfig& config)
{
    auto promise = std::make_shared<std::promise<Result<quint16>>>();
    auto future = promise->get_future();
    launch(workspace, config, [promise](const Result<quint16>& r) { promise->set_value(r); });
    Result<quint16> result = future.get();
    if (!result) {
        stop();
    }
    return result;
}

void ApiServer::startInBackground(const DatabasePtr& workspace, const ApiConfig& config)
{
    launch(workspace, config, [this](const Result<quint16>& r) {
        if (r) {
            emit started(*r);
        } else {
            emit failed(r.error().message());
        }
    });
}

void ApiServer::stop()
{
    if (!m_thread) {
        return;
    }
    // The server, its worker threads and its Database end on the thread they belong to; queued
    // after a start still on its way, so that one is undone too.
    QMetaObject::invokeMethod(m_anchor, [this] { delete m_server.exchange(nullptr); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_anchor = nullptr;
}

} // namespace flowlet::api
