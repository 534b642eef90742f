#pragma once

#include "TestDatabase.h"
#include "audit/AuditLog.h"

#include <functional>

namespace flowlet::test {

// What a database owner who wants to change the audit trail has to do first: switch off the
// append-only triggers (PostgreSQL: disable them; SQLite: drop them). Returns false, with
// tdb.lastError(), when the owner could not.
inline bool disableAuditTriggers(TestDatabase& tdb)
{
    if (TestDatabase::backend() == Backend::PostgreSql) {
        return tdb.ownerExec(QStringLiteral("ALTER TABLE audit_log DISABLE TRIGGER USER"));
    }
    return tdb.ownerExec(QStringLiteral("DROP TRIGGER audit_log_no_update"))
           && tdb.ownerExec(QStringLiteral("DROP TRIGGER audit_log_no_delete"));
}

// Runs a statement on the audit trail as the owner with the triggers out of the way.
inline bool tamperWithAuditLog(TestDatabase& tdb, const QString& sql)
{
    return disableAuditTriggers(tdb) && tdb.ownerExec(sql);
}

// Appends entries 1..count, as the application would, in one transaction: entryFor(i) says what
// entry i holds.
inline Status appendAuditEntries(Database& db, int count, const std::function<AuditEntry(int)>& entryFor)
{
    return db.transaction([&](QSqlDatabase& c) -> Status {
        for (int i = 1; i <= count; ++i) {
            if (auto s = AuditLog::append(c, db.dialect(), entryFor(i)); !s) {
                return s;
            }
        }
        return {};
    });
}

} // namespace flowlet::test
