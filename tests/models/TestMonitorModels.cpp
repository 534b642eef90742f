#include "auth/AuthService.h"
#include "monitor/ErrorLog.h"
#include "monitor/MonitorController.h"
#include "monitor/RequestStats.h"
#include "support/Queries.h"
#include "support/TestDatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// The Monitor panel's models, fed by MonitorController, under QAbstractItemModelTester.
class TestMonitorModels : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    Actor m_alma;
    Actor m_aude;

    Actor actorOf(const QString& name) const { return test::actorOf(*m_db, name); }

    void error(const QString& category, const QString& message, std::optional<qint64> user = std::nullopt)
    {
        ErrorEntry e;
        e.level = QStringLiteral("warning");
        e.category = category;
        e.message = message;
        e.userId = user;
        e.requestId = QStringLiteral("req-%1").arg(message.size());
        auto written = ErrorLog::write(*m_db, e);
        QVERIFY2(written && *written, qPrintable(written ? QString() : written.error().message()));
    }

    static void refreshed(MonitorController& c)
    {
        QSignalSpy done(&c, &MonitorController::refreshed);
        QSignalSpy failed(&c, &MonitorController::errorOccurred);
        c.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() + failed.count() > 0, 30000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        QVERIFY(AuthService(m_db).createEnrolledUsers(
            {{QStringLiteral("alma"), QStringLiteral("Alma"), {}, QStringLiteral("admin"), QStringLiteral("monitor models 1")},
             {QStringLiteral("aude"), QStringLiteral("Aude"), {}, QStringLiteral("auditor"),
              QStringLiteral("monitor models 2")}}));
        m_alma = actorOf(QStringLiteral("alma"));
        m_aude = actorOf(QStringLiteral("aude"));
    }

    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void aRefreshFillsEveryModel()
    {
        error(QStringLiteral("flowlet.db"), QStringLiteral("timeout after 31 ms on 10.0.0.7"), m_alma.userId);
        error(QStringLiteral("flowlet.db"), QStringLiteral("timeout after 5 ms on 10.0.0.9"), m_aude.userId);
        error(QStringLiteral("flowlet.db"), QStringLiteral("timeout after 7 ms on 10.0.0.9"), m_aude.userId);
        error(QStringLiteral("flowlet.api"), QStringLiteral("route /v1/x failed"));
        RequestStats stats;
        stats.record(QStringLiteral("GET"), QStringLiteral("/v1/accounts"), 200, 1500);
        stats.record(QStringLiteral("GET"), QStringLiteral("/v1/accounts"), 500, 1500);
        QVERIFY(stats.flushTo(*m_db));
        AlertRule rule;
        rule.name = QStringLiteral("three timeouts");
        rule.threshold = 3;
        rule.category = QStringLiteral("flowlet.db");
        QVERIFY(MonitorQuery(m_db, m_alma).saveAlertRule(rule));
        // A session that is open, one that ended.
        const SqlDialect& d = m_db->dialect();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO staff_sessions (user_id, token_hash, workstation, created_at, "
                                          "last_seen_at, expires_at, ended_at) VALUES (?, 'a', 'desk-1', ?, ?, ?, NULL), "
                                          "(?, 'b', 'desk-2', ?, ?, ?, ?)"),
                           {*m_aude.userId, d.timestampValue(now), d.timestampValue(now), d.timestampValue(now.addSecs(3600)),
                            *m_alma.userId, d.timestampValue(now), d.timestampValue(now), d.timestampValue(now.addSecs(3600)),
                            d.timestampValue(now)}));

        MonitorController c(m_db, m_alma);
        QAbstractItemModelTester t1(c.errorGroups(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(c.routes(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(c.sessions(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t4(c.rules(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t5(c.alerts(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy raised(&c, &MonitorController::alertsRaised);
        refreshed(c);

        ErrorGroupsModel* groups = c.errorGroups();
        QCOMPARE(groups->rowCount(), 2);
        int timeouts = -1;
        for (int row = 0; row < groups->rowCount(); ++row) {
            if (groups->data(groups->index(row, ErrorGroupsModel::Category)).toString() == QStringLiteral("flowlet.db")) {
                timeouts = row;
            }
        }
        QVERIFY(timeouts >= 0);
        QCOMPARE(groups->data(groups->index(timeouts, ErrorGroupsModel::Count), ErrorGroupsModel::RawValueRole).toLongLong(), 3);
        QCOMPARE(groups->data(groups->index(timeouts, ErrorGroupsModel::Users), ErrorGroupsModel::RawValueRole).toLongLong(), 2);
        QCOMPARE(groups->data(groups->index(timeouts, ErrorGroupsModel::Count)).toString(), QStringLiteral("3"));
        QCOMPARE(groups->data(groups->index(timeouts, 0), ErrorGroupsModel::FingerprintRole).toString(),
                 ErrorLog::fingerprint(QStringLiteral("flowlet.db"), QStringLiteral("timeout after 1 ms on 10.0.0.1")));
        QVERIFY(groups->data(groups->index(timeouts, ErrorGroupsModel::LastSeen), ErrorGroupsModel::RawValueRole)
                    .toDateTime()
                    .isValid());

        QCOMPARE(c.routes()->rowCount(), 1);
        QCOMPARE(c.routes()->data(c.routes()->index(0, RouteStatsModel::ServerErrors), RouteStatsModel::RawValueRole)
                     .toLongLong(),
                 1);
        QCOMPARE(c.sessions()->rowCount(), 1);
        QCOMPARE(c.sessions()->data(c.sessions()->index(0, ActiveSessionsModel::Workstation)).toString(),
                 QStringLiteral("desk-1"));
        QCOMPARE(c.rules()->rowCount(), 1);
        QCOMPARE(c.rules()->data(c.rules()->index(0, AlertRulesModel::Enabled), Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        QCOMPARE(raised.count(), 1);
        QCOMPARE(c.alerts()->rowCount(), 1);
        QCOMPARE(c.alerts()->data(c.alerts()->index(0, AlertsModel::Count), AlertsModel::RawValueRole).toLongLong(), 3);
        QVERIFY(!c.alerts()->data(c.alerts()->index(0, 0), AlertsModel::AcknowledgedRole).toBool());

        qint64 points = 0;
        for (const ErrorRatePoint& p : c.errorRate()) {
            points += p.errors;
        }
        QCOMPARE(c.errorRate().size(), 60);
        QCOMPARE(points, 4);

        // Refreshing again changes rows in place and raises nothing new.
        refreshed(c);
        QCOMPARE(raised.count(), 1);
        QCOMPARE(c.alerts()->rowCount(), 1);

        // Acknowledge, then the list shows it.
        QSignalSpy done(&c, &MonitorController::refreshed);
        c.acknowledge(c.alerts()->data(c.alerts()->index(0, 0), AlertsModel::IdRole).toLongLong());
        QTRY_VERIFY_WITH_TIMEOUT(done.count() > 0, 30000);
        QVERIFY(c.alerts()->data(c.alerts()->index(0, 0), AlertsModel::AcknowledgedRole).toBool());
        QVERIFY(c.alerts()->data(c.alerts()->index(0, AlertsModel::Acknowledged)).toString().contains(QStringLiteral("alma")));

        c.setRange(MonitorRange::LastWeek);
        QTRY_VERIFY_WITH_TIMEOUT(!c.isLoading(), 30000);
        QCOMPARE(c.errorRate().size(), 168);
    }

    void aReorderedRefreshDoesNotMoveTheSelectionToAnotherRecord()
    {
        ErrorGroupsModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ErrorGroup a;
        a.fingerprint = QStringLiteral("aaa");
        a.count = 1;
        ErrorGroup b;
        b.fingerprint = QStringLiteral("bbb");
        b.count = 2;
        model.setRows({a, b});
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // The same groups with new counts: changed in place, a selection of row 0 still means "aaa".
        a.count = 5;
        model.setRows({a, b});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        // Re-sorted (the newest first): row 0 is now another group, so the model resets.
        model.setRows({b, a});
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.record(0)->fingerprint, QStringLiteral("bbb"));
    }

    void anAuditorCannotChangeRules()
    {
        MonitorController c(m_db, m_aude);
        QAbstractItemModelTester tester(c.rules(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        refreshed(c);
        const int before = c.rules()->rowCount();
        QSignalSpy failed(&c, &MonitorController::changeFailed);
        AlertRule rule;
        rule.name = QStringLiteral("sneaky");
        c.saveRule(rule);
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!c.isLoading(), 30000);
        QCOMPARE(c.rules()->rowCount(), before);
    }
};

QTEST_GUILESS_MAIN(TestMonitorModels)
#include "TestMonitorModels.moc"
