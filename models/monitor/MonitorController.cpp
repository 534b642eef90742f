#include "MonitorController.h"

#include "PendingWork.h"
#include "core/Logging.h"
#include "monitor/AlertEvaluator.h"

namespace flowlet {

struct MonitorController::Snapshot
{
    Error error;
    bool ok = false;
    QList<MonitorAlert> raised;
    QList<ErrorRatePoint> rate;
    QList<ErrorGroup> groups;
    QList<RouteStats> routes;
    QList<ActiveSession> sessions;
    QList<AlertRule> rules;
    QList<MonitorAlert> alerts;
};

namespace {

// Moves a result's value into `out`; false (with the error kept) on failure.
template <typename T>
bool take(Result<T>&& result, T& out, Error& error)
{
    if (!result) {
        error = result.error();
        return false;
    }
    out = std::move(result).value();
    return true;
}

} // namespace

MonitorController::MonitorController(DatabasePtr db, Actor actor, QObject* parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_actor(std::move(actor))
    , m_groups(this)
    , m_routes(this)
    , m_sessions(this)
    , m_rules(this)
    , m_alerts(this)
{
}

MonitorController::~MonitorController()
{
    waitForPendingWork(this);
}

void MonitorController::setRange(MonitorRange range)
{
    m_range = range;
    ++m_generation; // a refresh of the old range still loading is dropped when it comes in
    refresh();
}

void MonitorController::setLoading(bool loading)
{
    if (m_loading != loading) {
        m_loading = loading;
        Q_EMIT loadingChanged(loading);
    }
}

void MonitorController::refresh()
{
    if (m_loading) {
        m_again = true; // one more once this one is in
        return;
    }
    const quint64 generation = ++m_generation;
    setLoading(true);
    runInPool<Snapshot>(
        this, m_db->pool(),
        [db = m_db, actor = m_actor, range = m_range]() -> Snapshot {
            Snapshot s;
            MonitorQuery q(db, actor);
            s.ok = take(AlertEvaluator(db, actor).evaluate(), s.raised, s.error)
                && take(q.errorRate(range), s.rate, s.error) && take(q.errorGroups(range), s.groups, s.error)
                && take(q.routes(range), s.routes, s.error) && take(q.activeSessions(), s.sessions, s.error)
                && take(q.alertRules(), s.rules, s.error) && take(q.alerts(), s.alerts, s.error);
            return s;
        },
        [this, generation](const Snapshot& s) {
            setLoading(false);
            if (generation == m_generation) {
                if (!s.ok) {
                    // Not a warning: the error log would record its own failure to be read.
                    qCInfo(lcModels) << "refreshing the monitor failed:" << s.error.message();
                    Q_EMIT errorOccurred(s.error.message());
                } else {
                    m_rate = s.rate;
                    m_groups.setRows(s.groups);
                    m_routes.setRows(s.routes);
                    m_sessions.setRows(s.sessions);
                    m_rules.setRows(s.rules);
                    m_alerts.setRows(s.alerts);
                    Q_EMIT refreshed();
                    if (!s.raised.isEmpty()) {
                        Q_EMIT alertsRaised(s.raised);
                    }
                }
            }
            if (std::exchange(m_again, false)) {
                refresh();
            }
        });
}

void MonitorController::change(std::function<Status(MonitorQuery&)> work)
{
    runInPool<Status>(
        this, m_db->pool(),
        [db = m_db, actor = m_actor, work = std::move(work)]() -> Status {
            MonitorQuery q(db, actor);
            return work(q);
        },
        [this](const Status& status) {
            if (!status) {
                Q_EMIT changeFailed(status.error().message());
            }
            refresh();
        });
}

void MonitorController::saveRule(const AlertRule& rule)
{
    change([rule](MonitorQuery& q) -> Status {
        auto saved = q.saveAlertRule(rule);
        return saved ? Status() : Status(saved.error());
    });
}

void MonitorController::deleteRule(qint64 ruleId)
{
    change([ruleId](MonitorQuery& q) { return q.deleteAlertRule(ruleId); });
}

void MonitorController::acknowledge(qint64 alertId)
{
    change([alertId](MonitorQuery& q) { return q.acknowledge(alertId); });
}

} // namespace flowlet
