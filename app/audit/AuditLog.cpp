#include "AuditLog.h"

#include "core/Clock.h"
#include "db/Database.h"

#include <QCryptographicHash>
#include <QSysInfo>

#include <algorithm>
#include <limits>

namespace flowlet {

namespace {

constexpr int kVerifyPage = 2000;

} // namespace

const QString AuditLog::kColumns = QStringLiteral(
    "id, at, actor_id, actor_name, workstation, api_key_id, action, object_type, object_id, before, after");

const QString& AuditLog::genesisHash()
{
    static const QString zero(64, u'0');
    return zero;
}

QString AuditLog::workstationName()
{
    return QSysInfo::machineHostName();
}

QString AuditLog::idRanges(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    QStringList parts;
    for (qsizetype i = 0; i < ids.size();) {
        qsizetype j = i;
        while (j + 1 < ids.size() && ids[j + 1] == ids[j] + 1) {
            ++j;
        }
        parts.append(j == i ? QString::number(ids[i]) : QStringLiteral("%1-%2").arg(ids[i]).arg(ids[j]));
        i = j + 1;
    }
    return parts.join(u',');
}

Status AuditLog::record(QSqlDatabase& c, const SqlDialect& dialect, bool throughServer, const Actor& actor,
                        const QString& action, const QString& objectType, const QString& objectId,
                        const QString& afterJson, const QString& beforeJson)
{
    if (throughServer) {
        auto q = beforeJson.isEmpty()
                     ? Database::execOn(c, QStringLiteral("SELECT flowlet_auth.record_change(?, ?, ?, ?, ?)"),
                                        {workstationName(), action, objectType, objectId, afterJson})
                     : Database::execOn(c, QStringLiteral("SELECT flowlet_auth.record_change(?, ?, ?, ?, ?, ?)"),
                                        {workstationName(), action, objectType, objectId, beforeJson, afterJson});
        return q ? Status() : Status(q.error());
    }
    AuditEntry e;
    e.actorId = actor.userId;
    e.actorName = actor.name;
    e.apiKeyId = actor.apiKeyId;
    e.workstation = workstationName();
    e.action = action;
    e.objectType = objectType;
    e.objectId = objectId;
    e.before = beforeJson;
    e.after = afterJson;
    return append(c, dialect, e);
}

QString AuditLog::hashOf(const QString& previousHash, const QDateTime& at, const AuditEntry& e)
{
    // Unit separators between fields: no field can run into the next.
    const QStringList fields = {
        previousHash,
        at.toUTC().toString(Qt::ISODateWithMs),
        e.actorId ? QString::number(*e.actorId) : QString(),
        e.actorName,
        e.workstation,
        e.apiKeyId ? QString::number(*e.apiKeyId) : QString(),
        e.action,
        e.objectType,
        e.objectId,
        e.before,
        e.after,
    };
    return QString::fromLatin1(
        QCryptographicHash::hash(fields.join(QChar(0x1f)).toUtf8(), QCryptographicHash::Sha256).toHex());
}

Result<AuditLog::Verification> AuditLog::verify(Database& db, const Progress& progress)
{
    if (db.actsThroughServer()) {
        // Row-level security would hide the entries from someone without audit.read, and an empty
        // trail would read as intact.
        auto allowed = db.exec(QStringLiteral("SELECT flowlet_auth.has_permission('audit.read')"));
        if (!allowed) {
            return allowed.error();
        }
        if (!allowed->next() || !allowed->value(0).toBool()) {
            return Error(ErrorCode::PermissionDenied,
                         QStringLiteral("verifying the audit trail needs the audit.read permission"));
        }
    }
    Verification v;
    QString previous = genesisHash();
    qint64 after = std::numeric_limits<qint64>::min();
    for (;;) {
        auto q = db.exec(QStringLiteral("SELECT %1, prev_hash, hash FROM audit_log WHERE id > ? ORDER BY id LIMIT %2")
                             .arg(kColumns)
                             .arg(kVerifyPage),
                         {after});
        if (!q) {
            return q.error();
        }
        int rows = 0;
        while (q->next()) {
            ++rows;
            ++v.entries;
            after = q->value(0).toLongLong();
            const AuditEntry e = entryFrom(*q);
            const QString stored = q->value(12).toString();
            const QString linked = q->value(11).toString();
            if (hashOf(linked, db.dialect().timestampFrom(q->value(1)), e) != stored) {
                v.broken = Verification::Break::ContentChanged;
            } else if (linked != previous) {
                v.broken = Verification::Break::LinkBroken;
            }
            if (v.broken != Verification::Break::None) {
                v.firstBroken = after;
                return v;
            }
            previous = stored;
        }
        if (progress && !progress(v.entries)) {
            return Error(ErrorCode::Cancelled, QStringLiteral("the verification was cancelled"));
        }
        if (rows < kVerifyPage) {
            break;
        }
    }
    v.headHash = previous;
    return v;
}

AuditEntry AuditLog::entryFrom(const QSqlQuery& q)
{
    AuditEntry e;
    if (!q.value(2).isNull()) {
        e.actorId = q.value(2).toLongLong();
    }
    e.actorName = q.value(3).toString();
    e.workstation = q.value(4).toString();
    if (!q.value(5).isNull()) {
        e.apiKeyId = q.value(5).toLongLong();
    }
    e.action = q.value(6).toString();
    e.objectType = q.value(7).toString();
    e.objectId = q.value(8).toString();
    e.before = q.value(9).toString();
    e.after = q.value(10).toString();
    return e;
}

QString AuditLog::describe(const Verification& v)
{
    switch (v.broken) {
    case Verification::Break::None:
        break;
    case Verification::Break::ContentChanged:
        return QStringLiteral("audit trail BROKEN at entry %1: its content was changed after it was written "
                              "(%2 entries checked)")
            .arg(v.firstBroken.value_or(0))
            .arg(v.entries);
    case Verification::Break::LinkBroken:
        return QStringLiteral("audit trail BROKEN at entry %1: it does not follow the entry before it (an entry "
                              "was removed or inserted before it, or the one before was rewritten; %2 entries checked)")
            .arg(v.firstBroken.value_or(0))
            .arg(v.entries);
    }
    return QStringLiteral("audit trail intact: %1 entries, last hash %2").arg(v.entries).arg(v.headHash);
}

Status AuditLog::append(QSqlDatabase& connection, const SqlDialect& dialect, const AuditEntry& entry)
{
    // One writer at a time extends the chain, and the lock ends with the caller's transaction, so
    // the next writer reads this entry's hash. PostgreSQL: the advisory lock flowlet_auth's
    // append_audit takes too. SQLite: the caller's Database::transaction holds the write lock from
    // its start (BEGIN IMMEDIATE).
    if (dialect.isPostgres()) {
        if (auto locked = Database::execOn(connection, QStringLiteral("SELECT pg_advisory_xact_lock(7152105)")); !locked) {
            return locked.error();
        }
    }
    auto last = Database::execOn(connection, QStringLiteral("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    if (!last) {
        return last.error();
    }
    const QString previous = last->next() ? last->value(0).toString() : genesisHash();
    // QDateTime holds milliseconds, which both backends keep exactly: the hash can be recomputed.
    const QDateTime at = Clock::now();
    const QString hash = hashOf(previous, at, entry);
    // A null QString binds as SQL NULL; the NOT NULL text columns want '' instead.
    auto notNull = [](const QString& s) { return s.isNull() ? QStringLiteral("") : s; };
    auto nullable = [](const QString& s) { return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s); };
    auto inserted = Database::execOn(
        connection,
        QStringLiteral("INSERT INTO audit_log (at, actor_id, actor_name, workstation, api_key_id, action, object_type, "
                       "object_id, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {dialect.timestampValue(at), entry.actorId ? QVariant(*entry.actorId) : QVariant(QMetaType(QMetaType::LongLong)),
         notNull(entry.actorName), notNull(entry.workstation),
         entry.apiKeyId ? QVariant(*entry.apiKeyId) : QVariant(QMetaType(QMetaType::LongLong)), entry.action,
         notNull(entry.objectType), notNull(entry.objectId), nullable(entry.before), nullable(entry.after), previous, hash});
    if (!inserted) {
        return inserted.error();
    }
    return {};
}

} // namespace flowlet
