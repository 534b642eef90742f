#include "ConnectionMonitor.h"

#include "PendingWork.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace flowlet {

ConnectionMonitor::ConnectionMonitor(DatabasePtr db, int intervalMs, QObject* parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_timer(this)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionMonitor::check);
    m_timer.start();
}

void ConnectionMonitor::check()
{
    if (m_checking) {
        return;
    }
    m_checking = true;
    const DatabasePtr db = m_db;
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_checking = false;
        const QString error = watcher->result();
        const bool connected = error.isEmpty();
        if (connected != m_connected || error != m_detail) {
            m_connected = connected;
            m_detail = error;
            Q_EMIT stateChanged(m_connected, m_detail);
        }
    });
    watcher->setFuture(QtConcurrent::run(db->pool(), [db]() -> QString {
        auto q = db->exec(QStringLiteral("SELECT 1"));
        return q ? QString() : q.error().message();
    }));
}

ConnectionMonitor::~ConnectionMonitor()
{
    waitForPendingWork(this);
}

} // namespace flowlet
