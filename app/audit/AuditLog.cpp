#include "AuditLog.h"

#include "core/Clock.h"
#include "db/Database.h"

#include <QCryptographicHash>
#include <QSysInfo>

namespace flowlet {

const QString& AuditLog::genesisHash()
{
    static const QString zero(64, u'0');
    return zero;
}

QString AuditLog::workstationName()
{
    return QSysInfo::machineHostName();
}

Status AuditLog::record(QSqlDatabase& c, const SqlDialect& dialect, bool throughServer, const Actor& actor,
                        const QString& action, const QString& objectType, const QString& objectId,
                        const QString& afterJson)
{
    if (throughServer) {
        auto q = Database::execOn(c, QStringLiteral("SELECT flowlet_auth.record_change(?, ?, ?, ?, ?)"),
                                  {workstationName(), action, objectType, objectId, afterJson});
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

Result<AuditLog::Verification> AuditLog::verify(Database& db)
{
    auto q = db.exec(QStringLiteral("SELECT id, at, actor_id, actor_name, workstation, api_key_id, action, object_type, "
                                    "object_id, before, after, prev_hash, hash FROM audit_log ORDER BY id"));
    if (!q) {
        return q.error();
    }
    Verification v;
    QString previous = genesisHash();
    while (q->next()) {
        AuditEntry e;
        if (!q->value(2).isNull()) {
            e.actorId = q->value(2).toLongLong();
        }
        e.actorName = q->value(3).toString();
        e.workstation = q->value(4).toString();
        if (!q->value(5).isNull()) {
            e.apiKeyId = q->value(5).toLongLong();
        }
        e.action = q->value(6).toString();
        e.objectType = q->value(7).toString();
        e.objectId = q->value(8).toString();
        e.before = q->value(9).toString();
        e.after = q->value(10).toString();
        ++v.entries;
        const QString stored = q->value(12).toString();
        if (q->value(11).toString() != previous
            || hashOf(previous, db.dialect().timestampFrom(q->value(1)), e) != stored) {
            v.firstBroken = q->value(0).toLongLong();
            return v;
        }
        previous = stored;
    }
    return v;
}

Status AuditLog::append(QSqlDatabase& connection, const SqlDialect& dialect, const AuditEntry& entry)
{
    if (dialect.isPostgres()) {
        // One writer at a time extends the chain; the lock ends with the transaction.
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
