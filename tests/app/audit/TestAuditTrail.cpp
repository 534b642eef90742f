#include "audit/AuditLog.h"
#include "auth/AuthService.h"
#include "support/AuditTrail.h"
#include "support/CommandLine.h"
#include "support/TestDatabase.h"
#include "support/Workstation.h"

#include <QScopeGuard>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// The audit trail as its acceptance reads: nobody changes it quietly, not even the database owner;
// whoever gets past the triggers is named by `flowlet audit verify`; concurrent writers never fork
// the chain.
namespace {

const Actor kCli{std::nullopt, QStringLiteral("cli"), std::nullopt};
const QString kPassword = QStringLiteral("an audit trail is forever");

// The real command line, as an administrator runs it.
test::Run runVerify(const TestDatabase& tdb, const QString& home)
{
    return test::runFlowlet({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), tdb.url().toString()},
                            home);
}

Status recordOne(Database& db, const Actor& actor, int n, const QString& before = {})
{
    const bool throughServer = db.actsThroughServer();
    return db.transaction([&](QSqlDatabase& c) {
        return AuditLog::record(c, db.dialect(), throughServer, actor, QStringLiteral("test.entry"),
                                QStringLiteral("thing"), QString::number(n), QStringLiteral("{\"n\":%1}").arg(n),
                                before);
    });
}

} // namespace

class TestAuditTrail : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    static qint64 scalar(Database& db, const QString& sql)
    {
        auto q = db.exec(sql);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void theOwnerCannotChangeOrRemoveEntries()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        for (int i = 1; i <= 3; ++i) {
            QVERIFY(recordOne(*db, kCli, i));
        }
        QVERIFY(!tdb.ownerExec(QStringLiteral("UPDATE audit_log SET actor_name = 'mallory' WHERE id = 2")));
        QVERIFY2(tdb.lastError().contains(QStringLiteral("append-only")), qPrintable(tdb.lastError()));
        QVERIFY(!tdb.ownerExec(QStringLiteral("DELETE FROM audit_log WHERE id = 2")));
        QVERIFY2(tdb.lastError().contains(QStringLiteral("append-only")), qPrintable(tdb.lastError()));
        if (TestDatabase::backend() == Backend::PostgreSql) {
            QVERIFY(!tdb.ownerExec(QStringLiteral("TRUNCATE audit_log")));
            QVERIFY2(tdb.lastError().contains(QStringLiteral("append-only")), qPrintable(tdb.lastError()));
        }
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM audit_log")), qint64(3));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM audit_log WHERE actor_name = 'mallory'")), qint64(0));
        // Appending goes on as before.
        QVERIFY(recordOne(*db, kCli, 4));
        auto verified = AuditLog::verify(*db);
        QVERIFY(verified);
        QCOMPARE(verified->entries, qint64(4));
        QVERIFY(!verified->firstBroken);
    }

    void theWorkstationRoleCanOnlyRead()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("the workstation role is PostgreSQL's");
        }
        TestDatabase tdb;
        DatabasePtr owner = tdb.open(true);
        QVERIFY(AuthService(owner).createEnrolledUsers(
            {{QStringLiteral("alma"), QStringLiteral("Alma"), {}, QStringLiteral("admin"), kPassword}}));
        test::Workstation ws = test::openWorkstation(tdb, *owner);
        QVERIFY2(ws.db, qPrintable(ws.error));
        const auto dropRole = qScopeGuard([&] { test::dropWorkstationRole(tdb, ws.role); });
        // Connected as the workstation but not signed in, the trail is hidden: verify refuses rather
        // than calling an empty trail intact.
        auto hidden = AuditLog::verify(*ws.db);
        QVERIFY(!hidden);
        QCOMPARE(hidden.error().code(), ErrorCode::PermissionDenied);
        auto alma = test::signInAtWorkstation(ws.db, QStringLiteral("alma"), kPassword);
        QVERIFY2(alma, qPrintable(alma ? QString() : alma.error().message()));

        // Installing the role is itself a security event in the trail (without its password).
        QCOMPARE(scalar(*owner, QStringLiteral("SELECT count(*) FROM audit_log WHERE action IN "
                                               "('db.workstation_role_created', 'db.workstation_role_granted') "
                                               "AND object_id = '%1'")
                                    .arg(ws.role)),
                 qint64(1));
        // An administrator reads the trail (audit.read) ...
        const qint64 entries = scalar(*ws.db, QStringLiteral("SELECT count(*) FROM audit_log"));
        QVERIFY(entries >= 3);
        // ... and may change nothing in it, whatever SQL she types.
        for (const char* sql : {"UPDATE audit_log SET actor_name = 'mallory'", "DELETE FROM audit_log",
                                "TRUNCATE audit_log",
                                "INSERT INTO audit_log (at, actor_name, action, prev_hash, hash) "
                                "VALUES (now(), 'x', 'forged', 'x', 'x')",
                                "SELECT flowlet_auth.append_audit(NULL, 'x', '', 'forged', '', '', NULL, NULL)"}) {
            QVERIFY2(!ws.db->exec(QString::fromLatin1(sql)), sql);
        }
        QCOMPARE(scalar(*owner, QStringLiteral("SELECT count(*) FROM audit_log")), entries);

        // Her edits made through the server record before and after, chained like the application's.
        QVERIFY(recordOne(*ws.db, {alma->userId, alma->username, std::nullopt}, 7, QStringLiteral("{\"n\":6}")));
        auto q = owner->exec(QStringLiteral("SELECT actor_name, before, after FROM audit_log ORDER BY id DESC LIMIT 1"));
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), QStringLiteral("alma"));
        QCOMPARE(q->value(1).toString(), QStringLiteral("{\"n\":6}"));
        QCOMPARE(q->value(2).toString(), QStringLiteral("{\"n\":7}"));
        auto verified = AuditLog::verify(*owner);
        QVERIFY(verified);
        QVERIFY(!verified->firstBroken);
    }

    void verifyNamesAChangedEntry()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        for (int i = 1; i <= 5; ++i) {
            QVERIFY(recordOne(*db, kCli, i, i > 1 ? QStringLiteral("{\"n\":%1}").arg(i - 1) : QString()));
        }
        test::Run r = runVerify(tdb, m_home.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("intact: 5 entries")), qPrintable(r.out + r.err));

        // The owner switches the triggers off and rewrites what entry 3 says was there before.
        QVERIFY(test::tamperWithAuditLog(tdb, QStringLiteral("UPDATE audit_log SET before = '{\"n\":0}' WHERE id = 3")));
        r = runVerify(tdb, m_home.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("BROKEN at entry 3")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("content was changed")), qPrintable(r.err));
        auto verified = AuditLog::verify(*db);
        QVERIFY(verified);
        QCOMPARE(verified->firstBroken, std::optional<qint64>(3));
        QCOMPARE(verified->broken, AuditLog::Verification::Break::ContentChanged);
    }

    void verifyNamesTheEntryAfterARemovedOne()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        for (int i = 1; i <= 5; ++i) {
            QVERIFY(recordOne(*db, kCli, i));
        }
        QVERIFY(test::tamperWithAuditLog(tdb, QStringLiteral("DELETE FROM audit_log WHERE id = 2")));
        const test::Run r = runVerify(tdb, m_home.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("BROKEN at entry 3")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("does not follow the entry before it")), qPrintable(r.err));
        auto verified = AuditLog::verify(*db);
        QVERIFY(verified);
        QCOMPARE(verified->broken, AuditLog::Verification::Break::LinkBroken);
    }

    void verifyReadsPastItsFirstPage()
    {
        // More entries than one page of the verification: a break on a later page is still found,
        // under its own id.
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        const int total = 4500;
        QVERIFY(test::appendAuditEntries(*db, total, [](int i) {
            AuditEntry e;
            e.actorName = QStringLiteral("cli");
            e.action = QStringLiteral("test.entry");
            e.objectId = QString::number(i);
            return e;
        }));
        int progressCalls = 0;
        auto intact = AuditLog::verify(*db, [&](qint64) { return ++progressCalls > 0; });
        QVERIFY(intact);
        QCOMPARE(intact->entries, qint64(total));
        QVERIFY(!intact->firstBroken);
        auto head = db->exec(QStringLiteral("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"));
        QVERIFY(head && head->next());
        QCOMPARE(intact->headHash, head->value(0).toString());
        head->finish(); // an open SQLite statement would keep this connection on its old snapshot
        QVERIFY(progressCalls >= 3);

        const qint64 victim = scalar(*db, QStringLiteral("SELECT id FROM audit_log WHERE object_id = '4321'"));
        QVERIFY(test::tamperWithAuditLog(tdb, QStringLiteral("UPDATE audit_log SET object_id = '1' WHERE id = %1").arg(victim)));
        auto broken = AuditLog::verify(*db);
        QVERIFY(broken);
        QVERIFY2(broken->firstBroken == std::optional<qint64>(victim), qPrintable(AuditLog::describe(*broken)));
        QCOMPARE(broken->entries, qint64(4321));
    }

    void concurrentWritersKeepOneChain()
    {
        TestDatabase tdb;
        DatabasePtr owner = tdb.open(true);
        const int threads = 6;
        const int perThread = 30;
        // On PostgreSQL half the writers go through the server's definer function as a signed-in
        // workstation, half through the application as the owner: both take the same lock.
        DatabasePtr workstation = owner;
        Actor wsActor = kCli;
        test::Workstation ws;
        const auto dropRole = qScopeGuard([&] { test::dropWorkstationRole(tdb, ws.role); });
        if (TestDatabase::backend() == Backend::PostgreSql) {
            QVERIFY(AuthService(owner).createEnrolledUsers(
                {{QStringLiteral("alma"), QStringLiteral("Alma"), {}, QStringLiteral("admin"), kPassword}}));
            ws = test::openWorkstation(tdb, *owner);
            QVERIFY2(ws.db, qPrintable(ws.error));
            auto alma = test::signInAtWorkstation(ws.db, QStringLiteral("alma"), kPassword);
            QVERIFY(alma);
            workstation = ws.db;
            wsActor = {alma->userId, alma->username, std::nullopt};
        }
        const qint64 before = scalar(*owner, QStringLiteral("SELECT count(*) FROM audit_log"));

        QThreadPool pool;
        pool.setMaxThreadCount(threads);
        QList<QFuture<QString>> runs;
        for (int t = 0; t < threads; ++t) {
            runs << QtConcurrent::run(&pool, [&, t]() -> QString {
                Database& db = t % 2 ? *workstation : *owner;
                const Actor& actor = t % 2 ? wsActor : kCli;
                for (int i = 0; i < perThread; ++i) {
                    if (auto s = recordOne(db, actor, t * 1000 + i); !s) {
                        return s.error().message();
                    }
                }
                return {};
            });
        }
        for (auto& run : runs) {
            run.waitForFinished();
            QVERIFY2(run.result().isEmpty(), qPrintable(run.result()));
        }
        QCOMPARE(scalar(*owner, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'test.entry'")),
                 qint64(threads * perThread));
        // No two entries claim the same predecessor: the chain did not fork.
        const qint64 total = scalar(*owner, QStringLiteral("SELECT count(*) FROM audit_log"));
        QVERIFY(total >= before + threads * perThread);
        QCOMPARE(scalar(*owner, QStringLiteral("SELECT count(DISTINCT prev_hash) FROM audit_log")), total);
        auto verified = AuditLog::verify(*owner);
        QVERIFY(verified);
        QVERIFY2(!verified->firstBroken, qPrintable(AuditLog::describe(*verified)));
        QCOMPARE(verified->entries, total);
        pool.waitForDone(); // the pool threads close their connections before the database goes
    }
};

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "TestAuditTrail.moc"
