#pragma once

#include "db/Database.h"

#include <QObject>
#include <QTimer>

namespace flowlet {

// Watches the workspace connection for the status bar: a cheap query on a worker thread every
// few seconds. A dropped PostgreSQL connection shows as disconnected until it comes back.
class ConnectionMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionMonitor)

public:
    explicit ConnectionMonitor(DatabasePtr db, int intervalMs = 15000, QObject* parent = nullptr);
    ~ConnectionMonitor() override;

    bool isConnected() const { return m_connected; }
    const QString& detail() const { return m_detail; }

public Q_SLOTS:
    void check();

Q_SIGNALS:
    void stateChanged(bool connected, const QString& detail);

private:
    DatabasePtr m_db;
    QTimer m_timer;
    bool m_connected = true;
    bool m_checking = false;
    QString m_detail;
};

} // namespace flowlet
