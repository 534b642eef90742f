#include "auth/AuthService.h"
#include "core/Clock.h"
#include "monitor/MonitorQuery.h"
#include "monitor/RequestStats.h"
#include "support/Queries.h"
#include "support/TestDatabase.h"
#include "support/Workstation.h"

#include <QScopeGuard>
#include <QtTest>

#include <thread>

using namespace flowlet;
using flowlet::test::TestDatabase;

// Per-route API statistics: counting from many threads, percentiles from the histogram, and the
// flush to the database that the Monitor panel reads.
class TestRequestStats : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;

    qint64 scalar(const QString& sql) const { return test::scalarOf(*m_db, sql); }

    static const RouteStats* find(const QList<RouteStats>& routes, const QString& method, const QString& route)
    {
        for (const RouteStats& r : routes) {
            if (r.method == method && r.route == route) {
                return &r;
            }
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
    }

    void cleanup() { QVERIFY(m_db->exec(QStringLiteral("DELETE FROM api_request_stats"))); }

    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void histogramBucketsBoundTheirValues()
    {
        for (qint64 micros : {0LL, 1LL, 10LL, 11LL, 999LL, 1000LL, 31'000LL, 5'000'000LL}) {
            const int b = RequestStats::bucketFor(micros);
            QVERIFY(RequestStats::upperBound(b) >= micros);
            if (b > 0) {
                QVERIFY(RequestStats::upperBound(b - 1) < micros);
            }
        }
        // Each bound at most ~19 % above the one before: that is the percentiles' resolution.
        for (int b = 20; b < RequestStats::kHistogramBuckets - 1; ++b) {
            QVERIFY(RequestStats::upperBound(b) * 100 <= RequestStats::upperBound(b - 1) * 120);
        }
        RequestStats::Histogram h{};
        h[3] = 7;
        h[40] = 2;
        QCOMPARE(RequestStats::histogramFromText(RequestStats::histogramToText(h)), h);
        QCOMPARE(RequestStats::histogramToText(h), QStringLiteral("3:7,40:2"));
    }

    void percentilesFromTheHistogram()
    {
        RequestStats stats;
        // 98 fast requests of 1 ms and 2 slow ones of 500 ms.
        for (int i = 0; i < 98; ++i) {
            stats.record(QStringLiteral("GET"), QStringLiteral("/v1/transactions"), 200, 1000);
        }
        stats.record(QStringLiteral("GET"), QStringLiteral("/v1/transactions"), 200, 500'000);
        stats.record(QStringLiteral("GET"), QStringLiteral("/v1/transactions"), 200, 500'000);
        qint64 requests = 0;
        RequestStats::Histogram merged{};
        qint64 max = 0;
        for (const RequestStats::Bucket& b : stats.pending()) {
            requests += b.requests;
            max = std::max(max, b.maxMicros);
            for (int i = 0; i < RequestStats::kHistogramBuckets; ++i) {
                merged[i] += b.histogram[i];
            }
        }
        QCOMPARE(requests, 100);
        QCOMPARE(max, 500'000);
        const qint64 p50 = RequestStats::percentile(merged, 0.50, max);
        QVERIFY2(p50 >= 1000 && p50 <= 1200, qPrintable(QString::number(p50)));
        // The 99th request is a slow one; the bucket's bound is capped by the maximum seen.
        QCOMPARE(RequestStats::percentile(merged, 0.99, max), 500'000);
        QCOMPARE(RequestStats::percentile(RequestStats::Histogram{}, 0.5, 0), 0);
    }

    void recordsFromSeveralThreads()
    {
        RequestStats stats;
        constexpr int kThreads = 4;
        constexpr int kEach = 5000;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&stats, t] {
                for (int i = 0; i < kEach; ++i) {
                    stats.record(QStringLiteral("GET"), QStringLiteral("/v1/accounts"), 200, 100 + i);
                    const int status = i % 10 == 0 ? 500 : (i % 5 == 0 ? 404 : 201);
                    stats.record(QStringLiteral("POST"), QStringLiteral("/v1/transactions/{id}/category"), status,
                                 2000 + t);
                }
            });
        }
        for (std::thread& t : threads) {
            t.join();
        }
        QCOMPARE(stats.pendingRequests(), 2 * kThreads * kEach);
        qint64 post = 0;
        qint64 clientErrors = 0;
        qint64 serverErrors = 0;
        qint64 getSum = 0;
        for (const RequestStats::Bucket& b : stats.pending()) {
            if (b.method == QStringLiteral("POST")) {
                post += b.requests;
                clientErrors += b.clientErrors;
                serverErrors += b.serverErrors;
            } else {
                getSum += b.sumMicros;
            }
        }
        QCOMPARE(post, kThreads * kEach);
        QCOMPARE(serverErrors, kThreads * kEach / 10);
        QCOMPARE(clientErrors, kThreads * kEach / 10); // i % 5 == 0 but not i % 10 == 0
        QCOMPARE(getSum, qint64(kThreads) * (100LL * kEach + qint64(kEach) * (kEach - 1) / 2));
    }

    void flushWritesAggregatesAndClears()
    {
        RequestStats stats;
        stats.setSource(QStringLiteral("desk-1:100"));
        for (int i = 0; i < 90; ++i) {
            stats.record(QStringLiteral("GET"), QStringLiteral("/v1/accounts"), 200, 2000);
        }
        for (int i = 0; i < 10; ++i) {
            stats.record(QStringLiteral("GET"), QStringLiteral("/v1/accounts"), i < 6 ? 404 : 503, 40'000);
        }
        QVERIFY(stats.flushTo(*m_db));
        QCOMPARE(stats.pendingRequests(), 0);
        QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM api_request_stats")) >= 1);
        QCOMPARE(scalar(QStringLiteral("SELECT sum(requests) FROM api_request_stats WHERE source = 'desk-1:100'")), 100);

        // A second process flushing the same minute adds up with the first.
        RequestStats other;
        other.setSource(QStringLiteral("desk-2:200"));
        for (int i = 0; i < 100; ++i) {
            other.record(QStringLiteral("GET"), QStringLiteral("/v1/accounts"), 200, 2000);
        }
        QVERIFY(other.flushTo(*m_db));
        QVERIFY(stats.flushTo(*m_db)); // nothing pending: nothing written
        QCOMPARE(scalar(QStringLiteral("SELECT sum(requests) FROM api_request_stats")), 200);

        auto routes = MonitorQuery(m_db, {}).routes(MonitorRange::LastHour);
        QVERIFY2(routes, qPrintable(routes ? QString() : routes.error().message()));
        const RouteStats* r = find(*routes, QStringLiteral("GET"), QStringLiteral("/v1/accounts"));
        QVERIFY(r);
        QCOMPARE(r->requests, 200);
        QCOMPARE(r->clientErrors, 6);
        QCOMPARE(r->serverErrors, 4);
        QCOMPARE(r->maxMicros, 40'000);
        QCOMPARE(r->meanMicros, (190 * 2000 + 10 * 40'000) / 200);
        QVERIFY2(r->p50Micros >= 2000 && r->p50Micros <= 2400, qPrintable(QString::number(r->p50Micros)));
        QCOMPARE(r->p99Micros, 40'000); // 10 of 200 are slow: the 198th request is one
    }

    void aFailedFlushKeepsTheCounts()
    {
        RequestStats stats;
        stats.record(QStringLiteral("DELETE"), QStringLiteral("/v1/x"), 204, 10);
        TestDatabase bare;
        DatabasePtr broken = bare.open(false); // no schema
        QVERIFY(broken);
        QVERIFY(!stats.flushTo(*broken));
        stats.record(QStringLiteral("DELETE"), QStringLiteral("/v1/x"), 204, 10);
        QCOMPARE(stats.pendingRequests(), 2);
        QVERIFY(stats.flushTo(*m_db));
        QCOMPARE(scalar(QStringLiteral("SELECT sum(requests) FROM api_request_stats WHERE route = '/v1/x'")), 2);
    }

    void anUnreachableDatabaseCostsBoundedMemory()
    {
        auto* clock = new ManualClock(QDateTime(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC));
        Clock::setInstance(std::unique_ptr<Clock>(clock));
        auto restore = qScopeGuard([] { Clock::setInstance(nullptr); });
        RequestStats stats;
        stats.setMaxPendingBuckets(3);
        TestDatabase bare;
        DatabasePtr broken = bare.open(false); // no schema: every flush fails
        QVERIFY(broken);
        // Five minutes of one route, the database away all along: the three newest minutes stay.
        for (int minute = 0; minute < 5; ++minute) {
            stats.record(QStringLiteral("GET"), QStringLiteral("/v1/y"), 200, 10);
            stats.record(QStringLiteral("GET"), QStringLiteral("/v1/y"), 200, 10);
            const Status flushed = stats.flushTo(*broken);
            QVERIFY(!flushed);
            QCOMPARE(flushed.error().message().contains(QStringLiteral("statistics of 2 older requests were dropped")),
                     minute >= 3);
            clock->advanceSeconds(60);
        }
        const QList<RequestStats::Bucket> kept = stats.pending();
        QCOMPARE(kept.size(), 3);
        QCOMPARE(kept.first().minute, QDateTime(QDate(2026, 5, 4), QTime(10, 2), Qt::UTC));
        QCOMPARE(stats.pendingRequests(), 6);
        // Back again: what was kept is written.
        QVERIFY(stats.flushTo(*m_db));
        QCOMPARE(scalar(QStringLiteral("SELECT sum(requests) FROM api_request_stats WHERE route = '/v1/y'")), 6);
    }

    void aSignedInWorkstationFlushesButReadsOnlyWithMonitorRead()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("the workstation role is PostgreSQL's");
        }
        QVERIFY(AuthService(m_db).createEnrolledUsers({{QStringLiteral("fred"), QStringLiteral("Fred"), {},
                                                         QStringLiteral("finance_analyst"),
                                                         QStringLiteral("request stats tests 1")}}));
        test::Workstation ws = test::openWorkstation(*m_tdb, *m_db);
        QVERIFY2(ws.db, qPrintable(ws.error));
        const auto dropRole = qScopeGuard([&] { test::dropWorkstationRole(*m_tdb, ws.role); });
        RequestStats stats;
        stats.record(QStringLiteral("GET"), QStringLiteral("/v1/me"), 200, 500);
        QVERIFY(!stats.flushTo(*ws.db)); // nobody signed in
        auto fred = test::signInAtWorkstation(ws.db, QStringLiteral("fred"), QStringLiteral("request stats tests 1"));
        QVERIFY(fred);
        auto flushed = stats.flushTo(*ws.db);
        QVERIFY2(flushed, qPrintable(flushed ? QString() : flushed.error().message()));
        QCOMPARE(scalar(QStringLiteral("SELECT sum(requests) FROM api_request_stats WHERE route = '/v1/me'")), 1);
        auto raw = ws.db->exec(QStringLiteral("SELECT count(*) FROM api_request_stats"));
        QVERIFY(raw && raw->next());
        QCOMPARE(raw->value(0).toLongLong(), 0);
        QVERIFY(!ws.db->exec(QStringLiteral("DELETE FROM api_request_stats")));
    }
};

QTEST_GUILESS_MAIN(TestRequestStats)
#include "TestRequestStats.moc"
