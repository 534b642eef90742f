#pragma once

#include "ActiveSessionsModel.h"
#include "AlertRulesModel.h"
#include "AlertsModel.h"
#include "ErrorGroupsModel.h"
#include "RouteStatsModel.h"
#include "db/Database.h"

#include <QObject>

namespace flowlet {

// Feeds the Monitor panel: one refresh off the UI thread (on the database's pool) evaluates the
// alert rules, then reads the error rate, the error groups, the API routes, the active sessions,
// the rules and the alerts, and updates the models together. Rule changes and acknowledgements
// run the same way and refresh afterwards.
class MonitorController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MonitorController)

public:
    MonitorController(DatabasePtr db, Actor actor, QObject* parent = nullptr);
    ~MonitorController() override;

    ErrorGroupsModel* errorGroups() { return &m_groups; }
    RouteStatsModel* routes() { return &m_routes; }
    ActiveSessionsModel* sessions() { return &m_sessions; }
    AlertRulesModel* rules() { return &m_rules; }
    AlertsModel* alerts() { return &m_alerts; }
    const QList<ErrorRatePoint>& errorRate() const { return m_rate; }

    MonitorRange range() const { return m_range; }
    void setRange(MonitorRange range); // and refreshes
    bool isLoading() const { return m_loading; }

public Q_SLOTS:
    void refresh();
    void saveRule(const flowlet::AlertRule& rule);
    void deleteRule(qint64 ruleId);
    void acknowledge(qint64 alertId);

Q_SIGNALS:
    void refreshed();
    void loadingChanged(bool loading);
    // Alerts this refresh raised (recorded already), for a desktop notification.
    void alertsRaised(const QList<flowlet::MonitorAlert>& alerts);
    void errorOccurred(const QString& message);
    void changeFailed(const QString& message);

private:
    struct Snapshot;
    void setLoading(bool loading);
    void change(std::function<Status(MonitorQuery&)> work);

    DatabasePtr m_db;
    Actor m_actor;
    MonitorRange m_range = MonitorRange::LastHour;
    ErrorGroupsModel m_groups;
    RouteStatsModel m_routes;
    ActiveSessionsModel m_sessions;
    AlertRulesModel m_rules;
    AlertsModel m_alerts;
    QList<ErrorRatePoint> m_rate;
    bool m_loading = false;
    bool m_again = false; // a refresh was asked for while one ran
    quint64 m_generation = 0;
};

} // namespace flowlet
