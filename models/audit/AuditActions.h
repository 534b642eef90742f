#pragma once

#include "audit/AuditLog.h"
#include "audit/AuditQuery.h"
#include "db/Database.h"

#include <QObject>

namespace flowlet {

// The audit viewer's actions off the UI thread: verify the hash chain, export the filtered trail
// to CSV. Each answers by a signal; failures arrive as failed() with a sentence for the user.
class AuditActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditActions)

public:
    AuditActions(DatabasePtr db, Actor actor, QObject* parent = nullptr);
    ~AuditActions() override;

    // Walks the whole chain (needs audit.read).
    void verify();
    bool isVerifying() const { return m_verifying; }
    // Writes every entry the filter matches to `path`; the file appears only when complete.
    void exportCsv(const QString& path, const AuditFilter& filter);
    bool isExporting() const { return m_exporting; }

Q_SIGNALS:
    void verified(const flowlet::AuditLog::Verification& result);
    void exportFinished(qint64 rows, const QString& path);
    void failed(const QString& message);
    void busyChanged();

private:
    DatabasePtr m_db;
    Actor m_actor;
    bool m_verifying = false;
    bool m_exporting = false;
};

} // namespace flowlet
