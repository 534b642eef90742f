#pragma once

#include "core/Result.h"
#include "db/Database.h"
#include "db/SqlDialect.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <functional>
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
// transaction of the change it records: the entry and the change commit together or not at all,
// and the lock that serialises writers of the chain is held until that transaction ends.
class AuditLog final
{
public:
    static Status append(QSqlDatabase& connection, const SqlDialect& dialect, const AuditEntry& entry);

    // Records a change to business data on the path the connection has: appended directly (SQLite,
    // the database owner), or over PostgreSQL's workstation role through
    // flowlet_auth.record_change, which takes the actor from the bound session. An edit passes the
    // object's state before it as well (beforeJson); a creation or an event only afterJson.
    static Status record(QSqlDatabase& connection, const SqlDialect& dialect, bool throughServer, const Actor& actor,
                         const QString& action, const QString& objectType, const QString& objectId,
                         const QString& afterJson, const QString& beforeJson = {});

    static QString hashOf(const QString& previousHash, const QDateTime& at, const AuditEntry& entry);
    // The entry on a row of kColumns (id and at first, then the entry's fields in table order).
    static const QString kColumns;
    static AuditEntry entryFrom(const QSqlQuery& row);

    // Walks the chain from the first entry, a keyset page at a time (memory stays flat whatever
    // the trail's length): firstBroken is nullopt when every entry's hash and link hold, else the
    // id of the first entry that does not.
    struct Verification
    {
        enum class Break {
            None,
            ContentChanged, // the entry's own hash does not match its content: it was edited
            LinkBroken,     // it does not follow the entry before it: an entry between was removed,
                            // or inserted, or the one before was edited with its hash recomputed
        };
        qint64 entries = 0; // entries read (up to and including the broken one)
        std::optional<qint64> firstBroken;
        Break broken = Break::None;
        QString headHash; // the last entry's hash when intact: keep it elsewhere to detect truncation
    };
    // Called after each page with the entries checked so far; returning false cancels.
    using Progress = std::function<bool(qint64 entriesChecked)>;
    static Result<Verification> verify(Database& db, const Progress& progress = {});
    // One line in English for the command line and logs ("intact: …" / "BROKEN at entry …").
    static QString describe(const Verification& verification);
    static const QString& genesisHash();

    // Sorted ids as ranges, "1-5,9,12-13": an entry for a bulk change stays small when the
    // selection was contiguous, and exact whatever it was.
    static QString idRanges(QList<qint64> ids);

    // The name of this machine as audit entries record it.
    static QString workstationName();
};

} // namespace flowlet
