#include "auth/AuthService.h"
#include "core/Clock.h"
#include "monitor/AlertEvaluator.h"
#include "monitor/ErrorLog.h"
#include "monitor/MonitorQuery.h"
#include "support/Queries.h"
#include "support/TestDatabase.h"
#include "support/Workstation.h"

#include <QScopeGuard>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// Alert rules: a threshold crossed within the window raises exactly one alert per window; who may
// change rules and acknowledge alerts.
class TestAlertRules : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    Actor m_alma;  // administrator: monitor.read + settings.manage
    Actor m_aude;  // auditor: monitor.read only
    Actor m_fred;  // finance analyst: neither
    ManualClock* m_clock = nullptr;
    const QDateTime m_start = QDateTime(QDate(2026, 4, 1), QTime(10, 0), Qt::UTC);

    qint64 scalar(const QString& sql) const { return test::scalarOf(*m_db, sql); }
    Actor actorOf(const QString& name) const { return test::actorOf(*m_db, name); }

    // An error at the test clock's time, written as the owner (the server function would stamp
    // the server's own time).
    void error(const QString& category, const QString& message, const QString& level = QStringLiteral("warning"))
    {
        const SqlDialect& d = m_db->dialect();
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO error_log (at, level, category, message, fingerprint) "
                                          "VALUES (?, ?, ?, ?, ?)"),
                           {d.timestampValue(Clock::now()), level, category, message,
                            ErrorLog::fingerprint(category, message)}));
    }

    qint64 rule(const QString& name, int threshold, int windowMinutes, const QString& category = {},
                const QString& fingerprint = {}, const QString& minLevel = QStringLiteral("warning"))
    {
        AlertRule r;
        r.name = name;
        r.threshold = threshold;
        r.windowMinutes = windowMinutes;
        r.category = category;
        r.fingerprint = fingerprint;
        r.minLevel = minLevel;
        auto id = MonitorQuery(m_db, m_alma).saveAlertRule(r);
        return id ? *id : -1;
    }

    int evaluate()
    {
        auto raised = AlertEvaluator(m_db, m_alma).evaluate();
        return raised ? int(raised->size()) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        QVERIFY(AuthService(m_db).createEnrolledUsers(
            {{QStringLiteral("alma"), QStringLiteral("Alma"), {}, QStringLiteral("admin"), QStringLiteral("alert tests 1")},
             {QStringLiteral("aude"), QStringLiteral("Aude"), {}, QStringLiteral("auditor"), QStringLiteral("alert tests 2")},
             {QStringLiteral("fred"), QStringLiteral("Fred"), {}, QStringLiteral("finance_analyst"),
              QStringLiteral("alert tests 3")}}));
        m_alma = actorOf(QStringLiteral("alma"));
        m_aude = actorOf(QStringLiteral("aude"));
        m_fred = actorOf(QStringLiteral("fred"));
    }

    void init()
    {
        auto manual = std::make_unique<ManualClock>(m_start);
        m_clock = manual.get();
        Clock::setInstance(std::move(manual));
    }

    void cleanup()
    {
        Clock::setInstance(nullptr);
        QVERIFY(m_db->exec(QStringLiteral("DELETE FROM monitor_alerts")));
        QVERIFY(m_db->exec(QStringLiteral("DELETE FROM monitor_alert_rules")));
        QVERIFY(m_db->exec(QStringLiteral("DELETE FROM error_log")));
    }

    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void aThresholdCrossedRaisesOneAlertPerWindow()
    {
        const qint64 id = rule(QStringLiteral("db timeouts"), 3, 10, QStringLiteral("flowlet.db"));
        QVERIFY(id > 0);
        error(QStringLiteral("flowlet.db"), QStringLiteral("timeout after 31 ms on 10.0.0.7"));
        m_clock->advanceSeconds(60);
        error(QStringLiteral("flowlet.db"), QStringLiteral("timeout after 5 ms on 10.0.0.9"));
        QCOMPARE(evaluate(), 0); // two of three

        m_clock->advanceSeconds(60);
        error(QStringLiteral("flowlet.db"), QStringLiteral("timeout after 12 ms on 10.0.0.7"));
        auto raised = AlertEvaluator(m_db, m_alma).evaluate();
        QVERIFY2(raised, qPrintable(raised ? QString() : raised.error().message()));
        QCOMPARE(raised->size(), 1);
        QCOMPARE(raised->first().ruleId, id);
        QCOMPARE(raised->first().count, 3);
        QCOMPARE(raised->first().ruleName, QStringLiteral("db timeouts"));
        QCOMPARE(raised->first().sampleMessage, QStringLiteral("timeout after 12 ms on 10.0.0.7"));

        // Evaluating again, and more errors within the same window, raise nothing new.
        QCOMPARE(evaluate(), 0);
        m_clock->advanceSeconds(5 * 60);
        for (int i = 0; i < 3; ++i) {
            error(QStringLiteral("flowlet.db"), QStringLiteral("timeout after %1 ms on 10.0.0.8").arg(i));
        }
        QCOMPARE(evaluate(), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM monitor_alerts")), 1);

        // Once the window no longer overlaps the first alert's, the same errors raise again.
        m_clock->advanceSeconds(5 * 60);
        QCOMPARE(evaluate(), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM monitor_alerts")), 2);
        auto listed = MonitorQuery(m_db, m_aude).alerts();
        QVERIFY(listed);
        QCOMPARE(listed->size(), 2);
        QCOMPARE(listed->first().count, 3); // the three at +7 min; the older ones fell out of the window
    }

    void fingerprintsCountApartAndFiltersApply()
    {
        rule(QStringLiteral("any two"), 2, 5);
        rule(QStringLiteral("critical only"), 1, 5, {}, {}, QStringLiteral("critical"));
        const QString print = ErrorLog::fingerprint(QStringLiteral("flowlet.api"), QStringLiteral("bad gateway 502"));
        rule(QStringLiteral("one fingerprint"), 1, 5, {}, print);
        rule(QStringLiteral("prefix"), 2, 5, QStringLiteral("flowlet.db*"));
        AlertRule off;
        off.name = QStringLiteral("disabled");
        off.threshold = 1;
        off.enabled = false;
        QVERIFY(MonitorQuery(m_db, m_alma).saveAlertRule(off));

        error(QStringLiteral("flowlet.api"), QStringLiteral("bad gateway 502"));
        error(QStringLiteral("flowlet.db.migration"), QStringLiteral("lock held by 77"));
        error(QStringLiteral("flowlet.db"), QStringLiteral("lock held by 78"), QStringLiteral("info"));
        error(QStringLiteral("flowlet.db"), QStringLiteral("lock held by 79"));
        error(QStringLiteral("flowlet.ui"), QStringLiteral("paint"), QStringLiteral("critical"));
        auto raised = AlertEvaluator(m_db, m_alma).evaluate();
        QVERIFY(raised);
        QStringList got;
        for (const MonitorAlert& a : std::as_const(*raised)) {
            got << a.ruleName + u':' + QString::number(a.count);
        }
        got.sort();
        // "any two": each fingerprint counts alone, and "lock held by <n>" differs by category.
        // "prefix": flowlet.db and flowlet.db.migration are two fingerprints of one each (the info
        // entry does not count), so it stays quiet.
        QCOMPARE(got, QStringList({QStringLiteral("critical only:1"), QStringLiteral("one fingerprint:1")}));
    }

    void rulesAreManagedByAdministrators()
    {
        const qint64 auditBefore = scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action LIKE 'monitor.rule_%'"));
        AlertRule r;
        r.name = QStringLiteral("api errors");
        r.category = QStringLiteral("flowlet.api");
        auto denied = MonitorQuery(m_db, m_aude).saveAlertRule(r);
        QVERIFY(!denied);
        QCOMPARE(denied.error().code(), ErrorCode::PermissionDenied);

        auto id = MonitorQuery(m_db, m_alma).saveAlertRule(r);
        QVERIFY(id);
        auto rules = MonitorQuery(m_db, m_aude).alertRules(); // the auditor may read them
        QVERIFY(rules);
        QCOMPARE(rules->size(), 1);
        AlertRule stored = rules->first();
        QCOMPARE(stored.name, r.name);
        QCOMPARE(stored.createdBy, m_alma.userId);
        QCOMPARE(stored.rowVersion, 1);

        stored.threshold = 25;
        QVERIFY(MonitorQuery(m_db, m_alma).saveAlertRule(stored));
        auto stale = MonitorQuery(m_db, m_alma).saveAlertRule(stored); // rowVersion 1 again
        QVERIFY(!stale);
        QCOMPARE(stale.error().code(), ErrorCode::Conflict);
        QCOMPARE(MonitorQuery(m_db, m_alma).alertRules()->first().threshold, 25);

        AlertRule bad = r;
        bad.windowMinutes = 0;
        QCOMPARE(MonitorQuery(m_db, m_alma).saveAlertRule(bad).error().code(), ErrorCode::InvalidArgument);
        bad = r;
        bad.fingerprint = QStringLiteral("not-a-hash");
        QCOMPARE(MonitorQuery(m_db, m_alma).saveAlertRule(bad).error().code(), ErrorCode::InvalidArgument);

        QVERIFY(!MonitorQuery(m_db, m_aude).deleteAlertRule(*id));
        QVERIFY(MonitorQuery(m_db, m_alma).deleteAlertRule(*id));
        QVERIFY(MonitorQuery(m_db, m_alma).alertRules()->isEmpty());
        // Created, updated, deleted; the refused attempts left nothing.
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action LIKE 'monitor.rule_%'")) - auditBefore, 3);
    }

    void acknowledging()
    {
        rule(QStringLiteral("any"), 1, 5);
        error(QStringLiteral("flowlet.x"), QStringLiteral("boom"));
        auto raised = AlertEvaluator(m_db, m_alma).evaluate();
        QVERIFY(raised && raised->size() == 1);
        const qint64 alert = raised->first().id;
        QCOMPARE(MonitorQuery(m_db, m_aude).acknowledge(alert).error().code(), ErrorCode::PermissionDenied);
        QVERIFY(MonitorQuery(m_db, m_alma).acknowledge(alert));
        QCOMPARE(MonitorQuery(m_db, m_alma).acknowledge(alert).error().code(), ErrorCode::NotFound);
        auto listed = MonitorQuery(m_db, m_alma).alerts();
        QVERIFY(listed);
        QCOMPARE(listed->first().acknowledgedBy, m_alma.userId);
        QCOMPARE(listed->first().acknowledgedByName, QStringLiteral("alma"));
        QVERIFY(listed->first().acknowledgedAt.isValid());

        QCOMPARE(AlertEvaluator(m_db, m_fred).evaluate().error().code(), ErrorCode::PermissionDenied);
    }

    void theServerEnforcesTheSame()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("row-level security is PostgreSQL's");
        }
        Clock::setInstance(nullptr); // the server stamps its own time
        test::Workstation ws = test::openWorkstation(*m_tdb, *m_db);
        QVERIFY2(ws.db, qPrintable(ws.error));
        const auto dropRole = qScopeGuard([&] { test::dropWorkstationRole(*m_tdb, ws.role); });

        auto aude = test::signInAtWorkstation(ws.db, QStringLiteral("aude"), QStringLiteral("alert tests 2"));
        QVERIFY(aude);
        QVERIFY(!ws.db->exec(QStringLiteral("INSERT INTO monitor_alert_rules (name, threshold, window_minutes) "
                                            "VALUES ('sneaky', 1, 1)")));

        auto alma = test::signInAtWorkstation(ws.db, QStringLiteral("alma"), QStringLiteral("alert tests 1"));
        QVERIFY(alma);
        const Actor admin{alma->userId, alma->username, std::nullopt};
        AlertRule r;
        r.name = QStringLiteral("desk rule");
        r.threshold = 1;
        auto id = MonitorQuery(ws.db, admin).saveAlertRule(r);
        QVERIFY2(id, qPrintable(id ? QString() : id.error().message()));
        ErrorEntry e;
        e.level = QStringLiteral("critical");
        e.category = QStringLiteral("flowlet.desk");
        e.message = QStringLiteral("printer on fire");
        QVERIFY(ErrorLog::write(*ws.db, e));
        auto raised = AlertEvaluator(ws.db, admin).evaluate();
        QVERIFY2(raised, qPrintable(raised ? QString() : raised.error().message()));
        QCOMPARE(raised->size(), 1);
        QVERIFY(MonitorQuery(ws.db, admin).acknowledge(raised->first().id));
        // An alert is acknowledged, never rewritten or deleted: the role has no such privilege.
        auto deleted = ws.db->exec(QStringLiteral("DELETE FROM monitor_alerts"));
        QVERIFY(!deleted);
        QCOMPARE(deleted.error().code(), ErrorCode::PermissionDenied);
        auto rewritten = ws.db->exec(QStringLiteral("UPDATE monitor_alerts SET sample_message = 'nothing to see', "
                                                    "error_count = 0"));
        QVERIFY(!rewritten);
        QCOMPARE(rewritten.error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM monitor_alerts WHERE sample_message LIKE '%printer%'")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM monitor_alerts WHERE acknowledged_by = %1").arg(alma->userId)),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestAlertRules)
#include "TestAlertRules.moc"
