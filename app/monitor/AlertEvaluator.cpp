#include "AlertEvaluator.h"

#include "auth/Authorization.h"
#include "auth/Permissions.h"
#include "core/Clock.h"

namespace flowlet {

namespace {

// Serialises evaluations across workstations on PostgreSQL, so that two panels refreshing at
// once do not both raise the same alert ("Flowlet" in ASCII).
constexpr qint64 kAdvisoryLock = 0x466c6f776c6574;

} // namespace

AlertEvaluator::AlertEvaluator(DatabasePtr db, Actor actor)
    : m_db(std::move(db))
    , m_actor(std::move(actor))
{
}

Result<QList<MonitorAlert>> AlertEvaluator::evaluate()
{
    MonitorQuery query(m_db, m_actor);
    auto rules = query.alertRules(); // checks monitor.read
    if (!rules) {
        return rules.error();
    }
    const SqlDialect& d = m_db->dialect();
    const QDateTime now = Clock::now();
    QList<MonitorAlert> raised;
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        if (d.isPostgres()) {
            if (auto locked = Database::execOn(c, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kAdvisoryLock});
                !locked) {
                return locked.error();
            }
        }
        for (const AlertRule& rule : std::as_const(*rules)) {
            if (!rule.enabled) {
                continue;
            }
            const QDateTime from = now.addSecs(-60LL * rule.windowMinutes);
            const QStringList levels = MonitorQuery::levelsFrom(rule.minLevel);
            QString sql = QStringLiteral("SELECT fingerprint, count(*), max(id) FROM error_log WHERE at > ? AND at <= ? "
                                         "AND level IN (%1)")
                              .arg(QStringList(levels.size(), QStringLiteral("?")).join(QStringLiteral(", ")));
            QVariantList bindings{d.timestampValue(from), d.timestampValue(now)};
            for (const QString& level : levels) {
                bindings << level;
            }
            if (!rule.fingerprint.isEmpty()) {
                sql += QStringLiteral(" AND fingerprint = ?");
                bindings << rule.fingerprint;
            }
            if (rule.category.endsWith(u'*')) {
                sql += QStringLiteral(" AND substr(category, 1, ?) = ?");
                bindings << rule.category.size() - 1 << rule.category.chopped(1);
            } else if (!rule.category.isEmpty()) {
                sql += QStringLiteral(" AND category = ?");
                bindings << rule.category;
            }
            sql += QStringLiteral(" GROUP BY fingerprint HAVING count(*) >= ?");
            bindings << rule.threshold;
            auto crossed = Database::execOn(c, sql, bindings);
            if (!crossed) {
                return crossed.error();
            }
            struct Hit
            {
                QString fingerprint;
                qint64 count;
                qint64 latestId;
            };
            QList<Hit> hits;
            while (crossed->next()) {
                hits.append({crossed->value(0).toString(), crossed->value(1).toLongLong(), crossed->value(2).toLongLong()});
            }
            for (const Hit& hit : std::as_const(hits)) {
                // Raised already for a window overlapping this one?
                auto recent = Database::execOn(c,
                                               QStringLiteral("SELECT 1 FROM monitor_alerts WHERE rule_id = ? AND "
                                                              "fingerprint = ? AND window_end > ?"),
                                               {rule.id, hit.fingerprint, d.timestampValue(from)});
                if (!recent) {
                    return recent.error();
                }
                if (recent->next()) {
                    continue;
                }
                auto sample = Database::execOn(c, QStringLiteral("SELECT message FROM error_log WHERE id = ?"),
                                               {hit.latestId});
                if (!sample) {
                    return sample.error();
                }
                MonitorAlert a;
                a.ruleId = rule.id;
                a.ruleName = rule.name;
                a.fingerprint = hit.fingerprint;
                a.sampleMessage = sample->next() ? sample->value(0).toString() : QString();
                a.count = hit.count;
                a.windowStart = from;
                a.windowEnd = now;
                a.raisedAt = now;
                auto inserted = Database::execOn(
                    c,
                    QStringLiteral("INSERT INTO monitor_alerts (rule_id, rule_name, fingerprint, error_count, "
                                   "window_start, window_end, sample_message, raised_at) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                    {a.ruleId, a.ruleName, a.fingerprint, a.count, d.timestampValue(a.windowStart),
                     d.timestampValue(a.windowEnd), a.sampleMessage, d.timestampValue(a.raisedAt)});
                if (!inserted) {
                    return inserted.error();
                }
                a.id = inserted->next() ? inserted->value(0).toLongLong() : 0;
                raised.append(a);
            }
        }
        return {};
    });
    if (!status) {
        return status.error();
    }
    return raised;
}

} // namespace flowlet
