#pragma once

#include "AuditLog.h"
#include "core/Result.h"
#include "db/Database.h"

#include <QDateTime>
#include <QIODevice>
#include <QJsonObject>
#include <QList>

#include <functional>
#include <optional>

namespace flowlet {

// What the audit viewer shows. Empty fields do not filter.
struct AuditFilter
{
    QString user;       // a user name (any case) or a user id (digits)
    QString action;     // exact ("auth.login"), or a prefix ending in '.' or '*' ("auth.", "user.*")
    QString objectType; // exact
    QString objectId;   // exact
    QDateTime from;     // entries at or after
    QDateTime to;       // entries before

    bool operator==(const AuditFilter&) const = default;
};

QJsonObject auditFilterToJson(const AuditFilter& filter);

struct AuditRecord
{
    qint64 id = 0;
    QDateTime at;
    AuditEntry entry;
};

struct AuditPage
{
    QList<AuditRecord> rows; // newest first
    bool more = false;       // another page follows the last row
};

// Reads the audit trail for people allowed to (audit.read; on PostgreSQL row-level security
// enforces the same), newest first in keyset pages, and exports it as CSV.
class AuditQuery final
{
public:
    AuditQuery(DatabasePtr db, Actor actor);

    // Entries older than `beforeId` (the last row of the previous page), at most `limit`.
    Result<AuditPage> page(const AuditFilter& filter, std::optional<qint64> beforeId, int limit) const;

    // Called after each page with the rows written so far; returning false cancels.
    using Progress = std::function<bool(qint64 rowsWritten)>;
    // Every entry the filter matches, newest first, as CSV (CsvWriter); recorded in the trail as
    // audit.exported with the filter and the row count. Write into a QSaveFile and commit it only
    // on success.
    Result<qint64> writeCsv(const AuditFilter& filter, QIODevice& out, const Progress& progress = {}) const;

    static QStringList csvHeader();

private:
    DatabasePtr m_db;
    Actor m_actor;
};

} // namespace flowlet
