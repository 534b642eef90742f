#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "monitor/MonitorRetention.h"
#include "support/Queries.h"
#include "support/TestDatabase.h"
#include "support/Workstation.h"

#include <QScopeGuard>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// `flowlet monitor prune`: old monitoring rows go, recent ones stay, the audit trail says so, and
// a workstation's role may not do it.
class TestMonitorRetention : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    const QDateTime m_now{QDate(2026, 6, 1), QTime(12, 0), Qt::UTC};

    qint64 scalar(const QString& sql) const { return test::scalarOf(*m_db, sql); }

    void addRowsAgedDays(int days)
    {
        const QVariant at = m_db->dialect().timestampValue(m_now.addDays(-days));
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO error_log (at, level, category, message, fingerprint) "
                                          "VALUES (?, 'warning', 'flowlet.test', 'aged', 'f')"),
                           {at}));
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO api_request_stats (bucket_start, source, method, route, "
                                          "requests) VALUES (?, 'host:1', 'GET', '/api/health', 3)"),
                           {at}));
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO monitor_alerts (rule_name, fingerprint, error_count, "
                                          "window_start, window_end, raised_at) VALUES ('r', ?, 5, ?, ?, ?)"),
                           {QStringLiteral("f%1").arg(days), at, at, at}));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        Clock::setInstance(std::make_unique<ManualClock>(m_now));
    }

    void cleanupTestCase()
    {
        Clock::setInstance(nullptr);
        m_db.reset();
        m_tdb.reset();
    }

    void deletesOnlyWhatIsOlderAndAuditsIt()
    {
        for (int days : {400, 120, 91, 89, 2}) {
            addRowsAgedDays(days);
        }
        auto pruned = MonitorRetention::prune(*m_db, 90);
        QVERIFY2(pruned, qPrintable(pruned ? QString() : pruned.error().message()));
        QCOMPARE(pruned->errors, 3);
        QCOMPARE(pruned->statistics, 3);
        QCOMPARE(pruned->alerts, 3);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM error_log WHERE message = 'aged'")), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM api_request_stats WHERE source = 'host:1'")), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM monitor_alerts")), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'monitor.pruned' "
                                       "AND after LIKE '%\"errors\":3%'")),
                 1);
        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified && !verified->firstBroken);

        // Nothing older left: nothing more goes, and a day less than one is refused.
        pruned = MonitorRetention::prune(*m_db, 90);
        QVERIFY(pruned && pruned->errors == 0 && pruned->statistics == 0 && pruned->alerts == 0);
        QCOMPARE(MonitorRetention::prune(*m_db, 0).error().code(), ErrorCode::InvalidArgument);
    }

    void aWorkstationMayNotPrune()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("the workstation role exists on PostgreSQL only");
        }
        test::Workstation ws = test::openWorkstation(*m_tdb, *m_db);
        QVERIFY2(ws.db, qPrintable(ws.error));
        auto cleanup = qScopeGuard([&] {
            ws.db.reset();
            test::dropWorkstationRole(*m_tdb, ws.role);
        });
        addRowsAgedDays(500);
        const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM error_log"));
        auto pruned = MonitorRetention::prune(*ws.db, 90);
        QVERIFY(!pruned);
        QCOMPARE(pruned.error().code(), ErrorCode::PermissionDenied);
        // The server is what refuses: the same deletes sent by the role itself change nothing.
        for (const char* table : {"error_log", "api_request_stats", "monitor_alerts"}) {
            auto deleted = ws.db->exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table)));
            QVERIFY2(!deleted, table);
            QCOMPARE(deleted.error().code(), ErrorCode::PermissionDenied);
        }
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM error_log")), before);
    }
};

QTEST_GUILESS_MAIN(TestMonitorRetention)
#include "TestMonitorRetention.moc"
