#include "AuditQuery.h"

#include "auth/Authorization.h"
#include "auth/Permissions.h"
#include "core/CsvWriter.h"

#include <QJsonDocument>

namespace flowlet {

namespace {

constexpr int kExportPage = 2000;

QString idText(const std::optional<qint64>& id)
{
    return id ? QString::number(*id) : QString();
}

} // namespace

QJsonObject auditFilterToJson(const AuditFilter& f)
{
    QJsonObject json;
    auto put = [&json](const char* key, const QString& value) {
        if (!value.isEmpty()) {
            json.insert(QLatin1String(key), value);
        }
    };
    put("user", f.user);
    put("action", f.action);
    put("object_type", f.objectType);
    put("object_id", f.objectId);
    put("from", f.from.isValid() ? f.from.toUTC().toString(Qt::ISODateWithMs) : QString());
    put("to", f.to.isValid() ? f.to.toUTC().toString(Qt::ISODateWithMs) : QString());
    return json;
}

AuditQuery::AuditQuery(DatabasePtr db, Actor actor)
    : m_db(std::move(db))
    , m_actor(std::move(actor))
{
}

Result<AuditPage> AuditQuery::page(const AuditFilter& filter, std::optional<qint64> beforeId, int limit) const
{
    if (auto allowed = requirePermission(*m_db, m_actor, Permission::AuditRead); !allowed) {
        return allowed.error();
    }
    const SqlDialect& d = m_db->dialect();
    QStringList where;
    QVariantList bindings;
    const QString user = filter.user.trimmed();
    if (!user.isEmpty()) {
        bool numeric = false;
        const qint64 id = user.toLongLong(&numeric);
        if (numeric) {
            where << QStringLiteral("actor_id = ?");
            bindings << id;
        } else {
            // User names are stored in lower case; a failed sign-in records what was typed, lowered.
            where << QStringLiteral("actor_name = ?");
            bindings << user.toLower();
        }
    }
    const QString action = filter.action.trimmed();
    if (action.endsWith(u'*') || action.endsWith(u'.')) {
        QString prefix = action.endsWith(u'*') ? action.chopped(1) : action;
        prefix.replace(u'\\', QStringLiteral("\\\\"));
        prefix.replace(u'%', QStringLiteral("\\%"));
        prefix.replace(u'_', QStringLiteral("\\_"));
        where << QStringLiteral("action LIKE ? ESCAPE '\\'");
        bindings << prefix + u'%';
    } else if (!action.isEmpty()) {
        where << QStringLiteral("action = ?");
        bindings << action;
    }
    if (!filter.objectType.trimmed().isEmpty()) {
        where << QStringLiteral("object_type = ?");
        bindings << filter.objectType.trimmed();
    }
    if (!filter.objectId.trimmed().isEmpty()) {
        where << QStringLiteral("object_id = ?");
        bindings << filter.objectId.trimmed();
    }
    if (filter.from.isValid()) {
        where << QStringLiteral("at >= ?");
        bindings << d.timestampValue(filter.from.toUTC());
    }
    if (filter.to.isValid()) {
        where << QStringLiteral("at < ?");
        bindings << d.timestampValue(filter.to.toUTC());
    }
    if (beforeId) {
        where << QStringLiteral("id < ?");
        bindings << *beforeId;
    }
    const int n = std::max(1, limit);
    bindings << n + 1;
    auto q = m_db->exec(QStringLiteral("SELECT %1 FROM audit_log %2 ORDER BY id DESC LIMIT ?")
                            .arg(AuditLog::kColumns,
                                 where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "))),
                        bindings);
    if (!q) {
        return q.error();
    }
    AuditPage page;
    while (q->next()) {
        if (page.rows.size() == n) {
            page.more = true;
            break;
        }
        page.rows.append({q->value(0).toLongLong(), d.timestampFrom(q->value(1)), AuditLog::entryFrom(*q)});
    }
    return page;
}

QStringList AuditQuery::csvHeader()
{
    return {QStringLiteral("id"),          QStringLiteral("at"),        QStringLiteral("user_id"),
            QStringLiteral("user"),        QStringLiteral("workstation"), QStringLiteral("api_key_id"),
            QStringLiteral("action"),      QStringLiteral("object_type"), QStringLiteral("object_id"),
            QStringLiteral("before"),      QStringLiteral("after")};
}

Result<qint64> AuditQuery::writeCsv(const AuditFilter& filter, QIODevice& out, const Progress& progress) const
{
    if (auto allowed = requirePermission(*m_db, m_actor, Permission::AuditRead); !allowed) {
        return allowed.error();
    }
    CsvWriter csv(out);
    if (auto s = csv.writeHeader(csvHeader()); !s) {
        return s.error();
    }
    std::optional<qint64> before;
    qint64 written = 0;
    for (;;) {
        auto p = page(filter, before, kExportPage);
        if (!p) {
            return p.error();
        }
        for (const AuditRecord& r : std::as_const(p->rows)) {
            const AuditEntry& e = r.entry;
            csv.addRow({QString::number(r.id), r.at.toUTC().toString(Qt::ISODateWithMs), idText(e.actorId),
                        CsvWriter::field(e.actorName), CsvWriter::field(e.workstation), idText(e.apiKeyId),
                        CsvWriter::field(e.action), CsvWriter::field(e.objectType), CsvWriter::field(e.objectId),
                        CsvWriter::field(e.before), CsvWriter::field(e.after)});
        }
        if (auto s = csv.flush(); !s) {
            return s.error();
        }
        written += p->rows.size();
        if (progress && !progress(written)) {
            return Error(ErrorCode::Cancelled, QStringLiteral("the export was cancelled"));
        }
        if (!p->more) {
            break;
        }
        before = p->rows.last().id;
    }

    // The trail leaving the workstation is itself a security event.
    const QJsonObject after{{QStringLiteral("filter"), auditFilterToJson(filter)},
                            {QStringLiteral("rows"), QString::number(written)},
                            {QStringLiteral("format"), QStringLiteral("csv")}};
    const bool throughServer = m_db->actsThroughServer();
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        return AuditLog::record(c, m_db->dialect(), throughServer, m_actor, QStringLiteral("audit.exported"),
                                QStringLiteral("audit_log"), QString(),
                                QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact)));
    });
    if (!status) {
        return status.error();
    }
    return written;
}

} // namespace flowlet
