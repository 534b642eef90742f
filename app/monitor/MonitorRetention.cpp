#include "MonitorRetention.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace flowlet {

Result<MonitorRetention::Pruned> MonitorRetention::prune(Database& db, int olderThanDays)
{
    if (olderThanDays < kMinimumDays) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("keep at least %1 day of monitoring data").arg(kMinimumDays));
    }
    if (db.actsThroughServer()) {
        return Error(ErrorCode::PermissionDenied, QStringLiteral("only the database owner may delete monitoring data "
                                                                 "(run this with the owner's credentials)"));
    }
    const SqlDialect& d = db.dialect();
    const QDateTime cutOff = Clock::now().addDays(-olderThanDays);
    const QVariant before = d.timestampValue(cutOff);
    Pruned pruned;
    const Status status = db.transaction([&](QSqlDatabase& c) -> Status {
        struct Target
        {
            const char* sql;
            qint64* count;
        };
        for (const Target& t : {Target{"DELETE FROM error_log WHERE at < ?", &pruned.errors},
                                Target{"DELETE FROM api_request_stats WHERE bucket_start < ?", &pruned.statistics},
                                Target{"DELETE FROM monitor_alerts WHERE raised_at < ?", &pruned.alerts}}) {
            auto q = Database::execOn(c, QString::fromLatin1(t.sql), {before});
            if (!q) {
                return q.error();
            }
            *t.count = q->numRowsAffected();
        }
        AuditEntry entry;
        entry.workstation = AuditLog::workstationName();
        entry.action = QStringLiteral("monitor.pruned");
        entry.objectType = QStringLiteral("monitoring");
        entry.after = QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("older_than"), cutOff.toString(Qt::ISODateWithMs)},
                                      {QStringLiteral("errors"), pruned.errors},
                                      {QStringLiteral("statistics"), pruned.statistics},
                                      {QStringLiteral("alerts"), pruned.alerts}})
                .toJson(QJsonDocument::Compact));
        return AuditLog::append(c, d, entry);
    });
    if (!status) {
        return status.error();
    }
    return pruned;
}

} // namespace flowlet
