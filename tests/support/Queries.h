#pragma once

#include "audit/AuditLog.h"
#include "db/Database.h"

namespace flowlet::test {

// The first column of the first row as a number, -1 when the query fails or returns nothing.
inline qint64 scalarOf(Database& db, const QString& sql, const QVariantList& bindings = {})
{
    auto q = db.exec(sql, bindings);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

// The actor for an existing staff user, as a service is called for them.
inline Actor actorOf(Database& db, const QString& username)
{
    const qint64 id = scalarOf(db, QStringLiteral("SELECT id FROM staff_users WHERE username = ?"), {username});
    return {id > 0 ? std::optional<qint64>(id) : std::nullopt, username, std::nullopt};
}

} // namespace flowlet::test
