#include "MonitorQuery.h"

#include "RequestStats.h"
#include "auth/Authorization.h"
#include "auth/Permissions.h"
#include "core/Clock.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace flowlet {

namespace {

const QStringList kLevels = {QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                             QStringLiteral("critical"), QStringLiteral("fatal")};

// The interval index of a timestamp column, per dialect. interval is our own constant.
QString bucketOf(const SqlDialect& d, const QString& column, qint64 interval)
{
    return d.isPostgres() ? QStringLiteral("CAST(floor(extract(epoch FROM %1) / %2) AS BIGINT)").arg(column).arg(interval)
                          : QStringLiteral("(CAST(strftime('%s', %1) AS INTEGER) / %2)").arg(column).arg(interval);
}

QString placeholders(qsizetype n)
{
    QStringList marks(n, QStringLiteral("?"));
    return marks.join(QStringLiteral(", "));
}

QString ruleJson(const AlertRule& r)
{
    const QJsonObject o{{QStringLiteral("name"), r.name},
                        {QStringLiteral("fingerprint"), r.fingerprint},
                        {QStringLiteral("category"), r.category},
                        {QStringLiteral("min_level"), r.minLevel},
                        {QStringLiteral("threshold"), r.threshold},
                        {QStringLiteral("window_minutes"), r.windowMinutes},
                        {QStringLiteral("enabled"), r.enabled}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QVariant textOrNull(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

std::optional<qint64> optionalId(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

} // namespace

MonitorWindow MonitorWindow::of(MonitorRange range, const QDateTime& now)
{
    MonitorWindow w;
    qint64 span = 3600;
    switch (range) {
    case MonitorRange::LastHour:
        w.intervalSeconds = 60;
        span = 3600;
        break;
    case MonitorRange::LastDay:
        w.intervalSeconds = 15 * 60;
        span = 24 * 3600;
        break;
    case MonitorRange::LastWeek:
        w.intervalSeconds = 3600;
        span = 7 * 24 * 3600;
        break;
    }
    const qint64 end = (now.toSecsSinceEpoch() / w.intervalSeconds + 1) * w.intervalSeconds;
    w.to = QDateTime::fromSecsSinceEpoch(end, Qt::UTC);
    w.from = QDateTime::fromSecsSinceEpoch(end - span, Qt::UTC);
    return w;
}

MonitorQuery::MonitorQuery(DatabasePtr db, Actor actor)
    : m_db(std::move(db))
    , m_actor(std::move(actor))
{
}

int MonitorQuery::levelRank(const QString& level)
{
    const qsizetype i = kLevels.indexOf(level);
    return i < 0 ? 2 : int(i);
}

QStringList MonitorQuery::levelsFrom(const QString& minLevel)
{
    return kLevels.mid(levelRank(minLevel));
}

Status MonitorQuery::requireRead() const
{
    return requirePermission(*m_db, m_actor, Permission::MonitorRead);
}

Status MonitorQuery::requireManage() const
{
    if (auto read = requireRead(); !read) {
        return read;
    }
    return requirePermission(*m_db, m_actor, Permission::SettingsManage);
}

Result<QList<ErrorRatePoint>> MonitorQuery::errorRate(MonitorRange range) const
{
    if (auto allowed = requireRead(); !allowed) {
        return allowed.error();
    }
    const SqlDialect& d = m_db->dialect();
    const MonitorWindow w = MonitorWindow::of(range, Clock::now());
    auto q = m_db->exec(QStringLiteral("SELECT %1 AS b, count(*), sum(CASE WHEN level IN ('critical', 'fatal') THEN 1 "
                                       "ELSE 0 END) FROM error_log WHERE at >= ? AND at < ? GROUP BY b")
                            .arg(bucketOf(d, QStringLiteral("at"), w.intervalSeconds)),
                        {d.timestampValue(w.from), d.timestampValue(w.to)});
    if (!q) {
        return q.error();
    }
    QHash<qint64, std::pair<qint64, qint64>> counts;
    while (q->next()) {
        counts.insert(q->value(0).toLongLong(), {q->value(1).toLongLong(), q->value(2).toLongLong()});
    }
    QList<ErrorRatePoint> points;
    for (qint64 t = w.from.toSecsSinceEpoch(); t < w.to.toSecsSinceEpoch(); t += w.intervalSeconds) {
        const auto c = counts.value(t / w.intervalSeconds);
        points.append({QDateTime::fromSecsSinceEpoch(t, Qt::UTC), c.first, c.second});
    }
    return points;
}

Result<QList<ErrorGroup>> MonitorQuery::errorGroups(MonitorRange range, int limit) const
{
    if (auto allowed = requireRead(); !allowed) {
        return allowed.error();
    }
    const SqlDialect& d = m_db->dialect();
    const MonitorWindow w = MonitorWindow::of(range, Clock::now());
    auto q = m_db->exec(
        QStringLiteral("SELECT fingerprint, count(*), count(DISTINCT user_id), max(id), max(at), "
                       "max(CASE level WHEN 'fatal' THEN 4 WHEN 'critical' THEN 3 WHEN 'warning' THEN 2 "
                       "WHEN 'info' THEN 1 ELSE 0 END) "
                       "FROM error_log WHERE at >= ? AND at < ? GROUP BY fingerprint "
                       "ORDER BY max(at) DESC, max(id) DESC LIMIT ?"),
        {d.timestampValue(w.from), d.timestampValue(w.to), std::clamp(limit, 1, 2000)});
    if (!q) {
        return q.error();
    }
    QList<ErrorGroup> groups;
    QVariantList ids;
    QVariantList prints;
    while (q->next()) {
        ErrorGroup g;
        g.fingerprint = q->value(0).toString();
        g.count = q->value(1).toLongLong();
        g.usersAffected = q->value(2).toLongLong();
        g.latestId = q->value(3).toLongLong();
        g.lastSeen = d.timestampFrom(q->value(4));
        g.level = kLevels.value(q->value(5).toInt(), QStringLiteral("warning"));
        ids << g.latestId;
        prints << g.fingerprint;
        groups.append(g);
    }
    if (groups.isEmpty()) {
        return groups;
    }
    QHash<qint64, qsizetype> byId;
    QHash<QString, qsizetype> byPrint;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        byId.insert(groups[i].latestId, i);
        byPrint.insert(groups[i].fingerprint, i);
    }
    auto latest = m_db->exec(QStringLiteral("SELECT id, category, message, context, request_id FROM error_log "
                                            "WHERE id IN (%1)")
                                 .arg(placeholders(ids.size())),
                             ids);
    if (!latest) {
        return latest.error();
    }
    while (latest->next()) {
        ErrorGroup& g = groups[byId.value(latest->value(0).toLongLong())];
        g.category = latest->value(1).toString();
        g.sampleMessage = latest->value(2).toString();
        g.latestContext = latest->value(3).toString();
        g.latestRequestId = latest->value(4).toString();
    }
    // One index probe per group (fingerprint, at), not a scan of every entry each group ever had.
    QStringList firstOfEach;
    QVariantList twice;
    for (const QVariant& print : std::as_const(prints)) {
        firstOfEach << QStringLiteral("SELECT ?, (SELECT min(at) FROM error_log WHERE fingerprint = ?)");
        twice << print << print;
    }
    auto first = m_db->exec(firstOfEach.join(QStringLiteral(" UNION ALL ")), twice);
    if (!first) {
        return first.error();
    }
    while (first->next()) {
        groups[byPrint.value(first->value(0).toString())].firstSeen = d.timestampFrom(first->value(1));
    }
    return groups;
}

Result<QList<RouteStats>> MonitorQuery::routes(MonitorRange range) const
{
    if (auto allowed = requireRead(); !allowed) {
        return allowed.error();
    }
    const SqlDialect& d = m_db->dialect();
    const MonitorWindow w = MonitorWindow::of(range, Clock::now());
    auto q = m_db->exec(QStringLiteral("SELECT method, route, requests, client_errors, server_errors, latency_sum_us, "
                                       "latency_max_us, latency_hist FROM api_request_stats "
                                       "WHERE bucket_start >= ? AND bucket_start < ?"),
                        {d.timestampValue(w.from), d.timestampValue(w.to)});
    if (!q) {
        return q.error();
    }
    struct Sum
    {
        RouteStats stats;
        qint64 sumMicros = 0;
        RequestStats::Histogram histogram{};
    };
    QHash<QString, Sum> sums;
    while (q->next()) {
        const QString method = q->value(0).toString();
        const QString route = q->value(1).toString();
        Sum& s = sums[method + u' ' + route];
        s.stats.method = method;
        s.stats.route = route;
        s.stats.requests += q->value(2).toLongLong();
        s.stats.clientErrors += q->value(3).toLongLong();
        s.stats.serverErrors += q->value(4).toLongLong();
        s.sumMicros += q->value(5).toLongLong();
        s.stats.maxMicros = std::max(s.stats.maxMicros, q->value(6).toLongLong());
        const RequestStats::Histogram h = RequestStats::histogramFromText(q->value(7).toString());
        for (int i = 0; i < RequestStats::kHistogramBuckets; ++i) {
            s.histogram[i] += h[i];
        }
    }
    QList<RouteStats> out;
    for (Sum& s : sums) {
        s.stats.p50Micros = RequestStats::percentile(s.histogram, 0.50, s.stats.maxMicros);
        s.stats.p99Micros = RequestStats::percentile(s.histogram, 0.99, s.stats.maxMicros);
        s.stats.meanMicros = s.stats.requests > 0 ? s.sumMicros / s.stats.requests : 0;
        out.append(s.stats);
    }
    std::sort(out.begin(), out.end(), [](const RouteStats& a, const RouteStats& b) {
        return a.requests != b.requests ? a.requests > b.requests
                                        : std::tie(a.route, a.method) < std::tie(b.route, b.method);
    });
    return out;
}

Result<QList<ActiveSession>> MonitorQuery::activeSessions() const
{
    if (auto allowed = requireRead(); !allowed) {
        return allowed.error();
    }
    const SqlDialect& d = m_db->dialect();
    // The workstation role cannot read staff_sessions (token hashes): the server lists them.
    auto q = m_db->actsThroughServer()
        ? m_db->exec(QStringLiteral("SELECT id, user_id, username, display_name, workstation, created_at, last_seen_at, "
                                    "expires_at FROM flowlet_auth.active_sessions()"))
        : m_db->exec(QStringLiteral("SELECT s.id, s.user_id, u.username, u.display_name, s.workstation, s.created_at, "
                                    "s.last_seen_at, s.expires_at FROM staff_sessions s "
                                    "JOIN staff_users u ON u.id = s.user_id "
                                    "WHERE s.ended_at IS NULL AND s.expires_at > ? ORDER BY s.last_seen_at DESC"),
                     {d.timestampValue(Clock::now())});
    if (!q) {
        return q.error();
    }
    QList<ActiveSession> out;
    while (q->next()) {
        out.append({q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(), q->value(3).toString(),
                    q->value(4).toString(), d.timestampFrom(q->value(5)), d.timestampFrom(q->value(6)),
                    d.timestampFrom(q->value(7))});
    }
    return out;
}

Result<QList<AlertRule>> MonitorQuery::alertRules() const
{
    if (auto allowed = requireRead(); !allowed) {
        return allowed.error();
    }
    const SqlDialect& d = m_db->dialect();
    auto q = m_db->exec(QStringLiteral("SELECT id, name, fingerprint, category, min_level, threshold, window_minutes, "
                                       "enabled, created_by, created_at, row_version FROM monitor_alert_rules "
                                       "ORDER BY name, id"));
    if (!q) {
        return q.error();
    }
    QList<AlertRule> out;
    while (q->next()) {
        AlertRule r;
        r.id = q->value(0).toLongLong();
        r.name = q->value(1).toString();
        r.fingerprint = q->value(2).toString();
        r.category = q->value(3).toString();
        r.minLevel = q->value(4).toString();
        r.threshold = q->value(5).toInt();
        r.windowMinutes = q->value(6).toInt();
        r.enabled = q->value(7).toBool();
        r.createdBy = optionalId(q->value(8));
        r.createdAt = d.timestampFrom(q->value(9));
        r.rowVersion = q->value(10).toInt();
        out.append(r);
    }
    return out;
}

Status MonitorQuery::validate(const AlertRule& r)
{
    static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
    if (r.name.trimmed().isEmpty() || r.name.size() > 200) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("an alert rule needs a name (up to 200 characters)"));
    }
    if (r.threshold < 1 || r.threshold > 1000000) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the threshold must be between 1 and 1000000"));
    }
    if (r.windowMinutes < 1 || r.windowMinutes > 10080) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the window must be between 1 and 10080 minutes"));
    }
    if (!kLevels.mid(1).contains(r.minLevel)) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("unknown level %1").arg(r.minLevel));
    }
    if (!r.fingerprint.isEmpty() && !sha256.match(r.fingerprint).hasMatch()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a fingerprint is 64 lower-case hex digits"));
    }
    if (r.category.size() > 100) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the category is too long"));
    }
    return {};
}

Result<qint64> MonitorQuery::saveAlertRule(const AlertRule& rule)
{
    AlertRule r = rule;
    r.name = r.name.trimmed();
    r.category = r.category.trimmed();
    r.fingerprint = r.fingerprint.trimmed().toLower();
    if (auto valid = validate(r); !valid) {
        return valid.error();
    }
    if (auto allowed = requireManage(); !allowed) {
        return allowed.error();
    }
    const SqlDialect& d = m_db->dialect();
    const bool throughServer = m_db->actsThroughServer();
    const QDateTime now = Clock::now();
    qint64 id = r.id;
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        if (r.id == 0) {
            auto q = Database::execOn(
                c,
                QStringLiteral("INSERT INTO monitor_alert_rules (name, fingerprint, category, min_level, threshold, "
                               "window_minutes, enabled, created_by, created_at, updated_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                {r.name, textOrNull(r.fingerprint), textOrNull(r.category), r.minLevel, r.threshold, r.windowMinutes,
                 r.enabled, m_actor.userId ? QVariant(*m_actor.userId) : QVariant(QMetaType::fromType<qint64>()),
                 d.timestampValue(now), d.timestampValue(now)});
            if (!q) {
                return q.error();
            }
            if (!q->next()) {
                return Error(ErrorCode::DatabaseQuery, QStringLiteral("the new alert rule has no id"));
            }
            id = q->value(0).toLongLong();
        } else {
            auto q = Database::execOn(
                c,
                QStringLiteral("UPDATE monitor_alert_rules SET name = ?, fingerprint = ?, category = ?, min_level = ?, "
                               "threshold = ?, window_minutes = ?, enabled = ?, updated_at = ?, "
                               "row_version = row_version + 1 WHERE id = ? AND row_version = ?"),
                {r.name, textOrNull(r.fingerprint), textOrNull(r.category), r.minLevel, r.threshold, r.windowMinutes,
                 r.enabled, d.timestampValue(now), r.id, r.rowVersion});
            if (!q) {
                return q.error();
            }
            if (q->numRowsAffected() != 1) {
                return Error(ErrorCode::Conflict,
                             QStringLiteral("alert rule #%1 was changed or deleted by someone else").arg(r.id));
            }
        }
        return AuditLog::record(c, d, throughServer, m_actor,
                                r.id == 0 ? QStringLiteral("monitor.rule_created") : QStringLiteral("monitor.rule_updated"),
                                QStringLiteral("monitor_alert_rule"), QString::number(id), ruleJson(r));
    });
    if (!status) {
        return status.error();
    }
    return id;
}

Status MonitorQuery::deleteAlertRule(qint64 id)
{
    if (auto allowed = requireManage(); !allowed) {
        return allowed;
    }
    const bool throughServer = m_db->actsThroughServer();
    return m_db->transaction([&](QSqlDatabase& c) -> Status {
        auto q = Database::execOn(c, QStringLiteral("DELETE FROM monitor_alert_rules WHERE id = ?"), {id});
        if (!q) {
            return q.error();
        }
        if (q->numRowsAffected() != 1) {
            return Error(ErrorCode::NotFound, QStringLiteral("there is no alert rule #%1").arg(id));
        }
        return AuditLog::record(c, m_db->dialect(), throughServer, m_actor, QStringLiteral("monitor.rule_deleted"),
                                QStringLiteral("monitor_alert_rule"), QString::number(id), QString());
    });
}

Result<QList<MonitorAlert>> MonitorQuery::alerts(int limit) const
{
    if (auto allowed = requireRead(); !allowed) {
        return allowed.error();
    }
    const SqlDialect& d = m_db->dialect();
    auto q = m_db->exec(QStringLiteral("SELECT id, rule_id, rule_name, fingerprint, sample_message, error_count, "
                                       "window_start, window_end, raised_at, acknowledged_by, acknowledged_by_name, "
                                       "acknowledged_at FROM monitor_alerts ORDER BY raised_at DESC, id DESC LIMIT ?"),
                        {std::clamp(limit, 1, 5000)});
    if (!q) {
        return q.error();
    }
    QList<MonitorAlert> out;
    while (q->next()) {
        MonitorAlert a;
        a.id = q->value(0).toLongLong();
        a.ruleId = q->value(1).toLongLong();
        a.ruleName = q->value(2).toString();
        a.fingerprint = q->value(3).toString();
        a.sampleMessage = q->value(4).toString();
        a.count = q->value(5).toLongLong();
        a.windowStart = d.timestampFrom(q->value(6));
        a.windowEnd = d.timestampFrom(q->value(7));
        a.raisedAt = d.timestampFrom(q->value(8));
        a.acknowledgedBy = optionalId(q->value(9));
        a.acknowledgedByName = q->value(10).toString();
        a.acknowledgedAt = q->value(11).isNull() ? QDateTime() : d.timestampFrom(q->value(11));
        out.append(a);
    }
    return out;
}

Status MonitorQuery::acknowledge(qint64 alertId)
{
    if (auto allowed = requireManage(); !allowed) {
        return allowed;
    }
    const SqlDialect& d = m_db->dialect();
    const bool throughServer = m_db->actsThroughServer();
    return m_db->transaction([&](QSqlDatabase& c) -> Status {
        auto q = Database::execOn(c,
                                  QStringLiteral("UPDATE monitor_alerts SET acknowledged_by = ?, acknowledged_by_name = ?, "
                                                 "acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL"),
                                  {m_actor.userId ? QVariant(*m_actor.userId) : QVariant(QMetaType::fromType<qint64>()),
                                   textOrNull(m_actor.name), d.timestampValue(Clock::now()), alertId});
        if (!q) {
            return q.error();
        }
        if (q->numRowsAffected() != 1) {
            return Error(ErrorCode::NotFound,
                         QStringLiteral("alert #%1 does not exist or was acknowledged already").arg(alertId));
        }
        return AuditLog::record(c, d, throughServer, m_actor, QStringLiteral("monitor.alert_acknowledged"),
                                QStringLiteral("monitor_alert"), QString::number(alertId), QString());
    });
}

} // namespace flowlet
