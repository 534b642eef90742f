#pragma once

#include "audit/AuditLog.h"
#include "core/Result.h"
#include "db/Database.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace flowlet {

// The time ranges the Monitor panel offers, each with its chart interval.
enum class MonitorRange { LastHour, LastDay, LastWeek };

struct MonitorWindow
{
    QDateTime from; // inclusive, aligned to the interval
    QDateTime to;   // exclusive
    qint64 intervalSeconds = 60;
    static MonitorWindow of(MonitorRange range, const QDateTime& now);
};

struct ErrorRatePoint
{
    QDateTime start;
    qint64 errors = 0;   // every entry (warnings and above)
    qint64 critical = 0; // critical and fatal only
};

// Entries of one fingerprint: how many in the window, when first and last seen (ever), by how
// many users, and the latest one as a sample.
struct ErrorGroup
{
    QString fingerprint;
    QString level; // the most severe level seen in the window
    QString category;
    QString sampleMessage; // the latest entry's (redacted) text
    qint64 count = 0;
    qint64 usersAffected = 0;
    QDateTime firstSeen;
    QDateTime lastSeen;
    qint64 latestId = 0;
    QString latestContext;
    QString latestRequestId;
};

struct RouteStats
{
    QString method;
    QString route;
    qint64 requests = 0;
    qint64 clientErrors = 0;
    qint64 serverErrors = 0;
    qint64 p50Micros = 0;
    qint64 p99Micros = 0;
    qint64 maxMicros = 0;
    qint64 meanMicros = 0;
};

struct ActiveSession
{
    qint64 id = 0;
    qint64 userId = 0;
    QString username;
    QString displayName;
    QString workstation;
    QDateTime started;
    QDateTime lastSeen;
    QDateTime expires;
};

// "At least `threshold` errors within `windowMinutes`": of one fingerprint, or (fingerprint empty)
// of each fingerprint whose category and level match.
struct AlertRule
{
    qint64 id = 0; // 0: not stored yet
    QString name;
    QString fingerprint; // empty: any
    QString category;    // empty: any; "flowlet.db*" matches the prefix
    QString minLevel = QStringLiteral("warning");
    int threshold = 10;
    int windowMinutes = 5;
    bool enabled = true;
    std::optional<qint64> createdBy;
    QDateTime createdAt;
    int rowVersion = 0;

    bool operator==(const AlertRule&) const = default;
};

struct MonitorAlert
{
    qint64 id = 0;
    qint64 ruleId = 0;
    QString ruleName;
    QString fingerprint;
    QString sampleMessage;
    qint64 count = 0;
    QDateTime windowStart;
    QDateTime windowEnd;
    QDateTime raisedAt;
    std::optional<qint64> acknowledgedBy;
    QString acknowledgedByName;
    QDateTime acknowledgedAt;
};

// What the Monitor panel reads and changes. Reading needs monitor.read; changing alert rules and
// acknowledging alerts needs settings.manage as well (on PostgreSQL row-level security enforces
// the same). Rule changes and acknowledgements are audited.
class MonitorQuery final
{
public:
    MonitorQuery(DatabasePtr db, Actor actor);

    // One point per interval of the window, empty intervals included.
    Result<QList<ErrorRatePoint>> errorRate(MonitorRange range) const;
    // Groups with entries in the window, the most recently seen first.
    Result<QList<ErrorGroup>> errorGroups(MonitorRange range, int limit = 500) const;
    Result<QList<RouteStats>> routes(MonitorRange range) const;
    Result<QList<ActiveSession>> activeSessions() const;

    Result<QList<AlertRule>> alertRules() const;
    // Inserts (id 0) or updates (checking rowVersion); returns the rule's id.
    Result<qint64> saveAlertRule(const AlertRule& rule);
    Status deleteAlertRule(qint64 id);
    static Status validate(const AlertRule& rule);

    Result<QList<MonitorAlert>> alerts(int limit = 200) const;
    Status acknowledge(qint64 alertId);

    static int levelRank(const QString& level); // debug 0 … fatal 4
    static QStringList levelsFrom(const QString& minLevel);

private:
    Status requireRead() const;
    Status requireManage() const;

    DatabasePtr m_db;
    Actor m_actor;
};

} // namespace flowlet
