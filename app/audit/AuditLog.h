#pragma once

#include "core/Result.h"
#include "db/Database.h"
#include "db/SqlDialect.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace flowlet {

struct AuditEntry
{
    std::optional<qint64> actorId;
    QString actorName;
    QString workstation;
    std::optional<qint64> apiKeyId;
    QString action;     // e.g. "auth.login", "user.created"
    QString objectType; // e.g. "staff_user"
    QString objectId;
    QString before;     // JSON text, empty when not an edit; stored exactly as hashed
    QString after;      // JSON text
};

// Who makes a change: a signed-in staff user, an API key acting for one, or the local command line.
struct Actor
{
    std::optional<qint64> userId;
    QString name;
    std::optional<qint64> apiKeyId;
};

// Appends to the audit trail. Each row stores the previous row's hash and a SHA-256 over its own
// content and that hash, so that a changed or removed row breaks the chain. Call it inside the
// transaction of the change it records: the entry and the change commit together or not at all.
class AuditLog final
{
public:
    static Status append(QSqlDatabase& connection, const SqlDialect& dialect, const AuditEntry& entry);

    // Records a change to business data on the path the connection has: appended directly (SQLite,
    // the database owner), or over PostgreSQL's workstation role through
    // flowlet_auth.record_change, which takes the actor from the bound session.
    static Status record(QSqlDatabase& connection, const SqlDialect& dialect, bool throughServer, const Actor& actor,
                         const QString& action, const QString& objectType, const QString& objectId,
                         const QString& afterJson);

    static QString hashOf(const QString& previousHash, const QDateTime& at, const AuditEntry& entry);

    // Walks the chain from the first entry: nullopt when every entry's hash and link hold, else
    // the id of the first entry that was changed, removed after, or inserted out of chain.
    struct Verification
    {
        qint64 entries = 0;
        std::optional<qint64> firstBroken;
    };
    static Result<Verification> verify(Database& db);
    static const QString& genesisHash();

    // The name of this machine as audit entries record it.
    static QString workstationName();
};

} // namespace flowlet
