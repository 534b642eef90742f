#include "audit/AuditQuery.h"
#include "auth/AuthService.h"
#include "core/Clock.h"
#include "support/TestDatabase.h"
#include "support/Workstation.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

Q_DECLARE_METATYPE(flowlet::AuditFilter)

namespace {

QStringList list(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* item : items) {
        out << QString::fromLatin1(item);
    }
    return out;
}

} // namespace

// The audit viewer's reads: filters, newest-first keyset pages, the CSV export and who may.
class TestAuditQuery : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    Actor m_alma; // administrator: audit.read
    Actor m_fred; // finance analyst: no audit.read
    const QDateTime m_start = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);

    qint64 scalar(const QString& sql) const
    {
        auto q = m_db->exec(sql);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    Actor actorOf(const QString& name) const
    {
        return {scalar(QStringLiteral("SELECT id FROM staff_users WHERE username = '%1'").arg(name)), name, std::nullopt};
    }

    void add(const Actor& actor, const QString& action, const QString& type, const QString& id, const QString& after)
    {
        AuditEntry e;
        e.actorId = actor.userId;
        e.actorName = actor.name;
        e.workstation = QStringLiteral("desk-7");
        e.action = action;
        e.objectType = type;
        e.objectId = id;
        e.after = after;
        QVERIFY(m_db->transaction([&](QSqlDatabase& c) { return AuditLog::append(c, m_db->dialect(), e); }));
    }

    QList<qint64> ids(const AuditFilter& filter, int limit) const
    {
        QList<qint64> out;
        auto page = AuditQuery(m_db, m_alma).page(filter, std::nullopt, limit);
        if (page) {
            for (const AuditRecord& r : std::as_const(page->rows)) {
                out << r.id;
            }
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        QVERIFY(AuthService(m_db).createEnrolledUsers(
            {{QStringLiteral("alma"), QStringLiteral("Alma"), {}, QStringLiteral("admin"),
              QStringLiteral("audit viewer tests 1")},
             {QStringLiteral("fred"), QStringLiteral("Fred"), {}, QStringLiteral("finance_analyst"),
              QStringLiteral("audit viewer tests 2")}}));
        m_alma = actorOf(QStringLiteral("alma"));
        m_fred = actorOf(QStringLiteral("fred"));
        // One entry an hour from 09:00, so that time filters have edges to hit.
        auto manual = std::make_unique<ManualClock>(m_start);
        ManualClock* clock = manual.get();
        Clock::setInstance(std::move(manual));
        const auto step = [clock] { clock->advanceSeconds(3600); };
        add(m_alma, QStringLiteral("auth.login"), QStringLiteral("staff_session"), QStringLiteral("1"), {});
        step();
        add(m_fred, QStringLiteral("auth.login"), QStringLiteral("staff_session"), QStringLiteral("2"), {});
        step();
        add(m_fred, QStringLiteral("transaction.categorised"), QStringLiteral("transaction"), QStringLiteral("42"),
            QStringLiteral("{\"category\":\"=HYPERLINK(\\\"http://x\\\")\"}"));
        step();
        add(m_fred, QStringLiteral("transactions.exported"), QStringLiteral("transactions"), QString(), QStringLiteral("{}"));
        step();
        add(m_alma, QStringLiteral("authx.odd"), QStringLiteral("staff_user"), QStringLiteral("42"), {});
        Clock::setInstance(nullptr);
    }

    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void filters_data()
    {
        QTest::addColumn<AuditFilter>("filter");
        QTest::addColumn<QStringList>("expected"); // action:object_id, newest first
        AuditFilter f;
        f.user = QStringLiteral("Fred");
        QTest::newRow("user name, any case") << f
            << list({"transactions.exported:", "transaction.categorised:42", "auth.login:2"});
        f = {};
        f.action = QStringLiteral("auth.");
        QTest::newRow("action prefix stops at the dot") << f << list({"auth.login:2", "auth.login:1"});
        f.action = QStringLiteral("auth*");
        QTest::newRow("action prefix with a star") << f << list({"authx.odd:42", "auth.login:2", "auth.login:1"});
        f.action = QStringLiteral("auth.login");
        f.user = QStringLiteral("alma");
        QTest::newRow("exact action and user") << f << list({"auth.login:1"});
        f = {};
        f.objectId = QStringLiteral("42");
        QTest::newRow("object id") << f << list({"authx.odd:42", "transaction.categorised:42"});
        f.objectType = QStringLiteral("transaction");
        QTest::newRow("object type and id") << f << list({"transaction.categorised:42"});
        f = {};
        f.from = m_start.addSecs(3600);
        f.to = m_start.addSecs(3 * 3600);
        QTest::newRow("from inclusive, to exclusive") << f
            << list({"transaction.categorised:42", "auth.login:2"});
        f = {};
        f.action = QStringLiteral("100%_sure.");
        QTest::newRow("LIKE's characters are literal") << f << QStringList();
    }

    void filters()
    {
        QFETCH(AuditFilter, filter);
        QFETCH(QStringList, expected);
        auto page = AuditQuery(m_db, m_alma).page(filter, std::nullopt, 100);
        QVERIFY2(page, qPrintable(page ? QString() : page.error().message()));
        QStringList got;
        for (const AuditRecord& r : std::as_const(page->rows)) {
            if (r.entry.workstation == QStringLiteral("desk-7")) { // not the users' creation entries
                got << r.entry.action + u':' + r.entry.objectId;
            }
        }
        QCOMPARE(got, expected);
        QVERIFY(!page->more);
    }

    void userIdFiltersToo()
    {
        AuditFilter f;
        f.user = QString::number(*m_fred.userId);
        auto page = AuditQuery(m_db, m_alma).page(f, std::nullopt, 100);
        QVERIFY(page);
        QCOMPARE(qint64(page->rows.size()),
                 scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE actor_id = %1").arg(*m_fred.userId)));
        QVERIFY(page->rows.size() >= 3);
        for (const AuditRecord& r : std::as_const(page->rows)) {
            QCOMPARE(r.entry.actorName, QStringLiteral("fred"));
        }
    }

    void pagesNewestFirstWithoutGapsOrRepeats()
    {
        const QList<qint64> all = ids({}, 1000);
        QCOMPARE(all.size(), scalar(QStringLiteral("SELECT count(*) FROM audit_log")));
        QList<qint64> paged;
        std::optional<qint64> before;
        int pages = 0;
        for (;;) {
            auto page = AuditQuery(m_db, m_alma).page({}, before, 2);
            QVERIFY(page);
            ++pages;
            for (const AuditRecord& r : std::as_const(page->rows)) {
                paged << r.id;
            }
            if (!page->more) {
                break;
            }
            before = page->rows.last().id;
        }
        QCOMPARE(paged, all);
        QCOMPARE(pages, int((all.size() + 1) / 2));
        QVERIFY(std::is_sorted(all.rbegin(), all.rend()));
        // The detail a viewer shows: who, where, when, what.
        auto page = AuditQuery(m_db, m_alma).page({}, std::nullopt, 1);
        QVERIFY(page && page->more);
        const AuditRecord& newest = page->rows.first();
        QCOMPARE(newest.entry.action, QStringLiteral("authx.odd"));
        QCOMPARE(newest.entry.actorName, QStringLiteral("alma"));
        QCOMPARE(newest.entry.actorId, m_alma.userId);
        QCOMPARE(newest.entry.workstation, QStringLiteral("desk-7"));
        QCOMPARE(newest.at, m_start.addSecs(4 * 3600));
    }

    void exportWritesTheFilteredEntriesDefused()
    {
        const qint64 exportsBefore = scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'audit.exported'"));
        AuditFilter f;
        f.user = QStringLiteral("fred");
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        auto written = AuditQuery(m_db, m_alma).writeCsv(f, out);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message()));
        QCOMPARE(*written, qint64(3));
        const QByteArray bytes = out.data();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const QStringList lines = QString::fromUtf8(bytes.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.first(), AuditQuery::csvHeader().join(u','));
        QVERIFY(lines.at(1).contains(QStringLiteral(",transactions.exported,")));
        // The after text starts with '{', but its category would run as a formula if it led a cell;
        // a cell that starts with '=' is defused.
        QVERIFY2(lines.at(2).contains(QStringLiteral("\"{\"\"category\"\":\"\"=HYPERLINK")), qPrintable(lines.at(2)));
        QVERIFY(lines.at(3).contains(QStringLiteral(",fred,desk-7,,auth.login,staff_session,2,")));

        // And the export itself is in the trail, with its filter and row count.
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'audit.exported'")),
                 exportsBefore + 1);
        auto q = m_db->exec(QStringLiteral("SELECT actor_name, after FROM audit_log WHERE action = 'audit.exported' "
                                           "ORDER BY id DESC LIMIT 1"));
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), QStringLiteral("alma"));
        const QJsonObject after = QJsonDocument::fromJson(q->value(1).toByteArray()).object();
        QCOMPARE(after.value(QStringLiteral("rows")).toString(), QStringLiteral("3"));
        QCOMPARE(after.value(QStringLiteral("filter")).toObject().value(QStringLiteral("user")).toString(),
                 QStringLiteral("fred"));
    }

    void aCellThatStartsAFormulaIsDefused()
    {
        add(m_alma, QStringLiteral("test.formula"), QStringLiteral("thing"), QStringLiteral("=1+1"), {});
        AuditFilter f;
        f.action = QStringLiteral("test.formula");
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QVERIFY(AuditQuery(m_db, m_alma).writeCsv(f, out));
        const QStringList lines = QString::fromUtf8(out.data().mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(1).contains(QStringLiteral(",test.formula,thing,'=1+1,")), qPrintable(lines.at(1)));
    }

    void readingNeedsAuditRead()
    {
        // Fred (a finance analyst) may not read the trail: refused, nothing written, nothing audited.
        const qint64 entries = scalar(QStringLiteral("SELECT count(*) FROM audit_log"));
        auto refused = AuditQuery(m_db, m_fred).page({}, std::nullopt, 10);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        auto exported = AuditQuery(m_db, m_fred).writeCsv({}, out);
        QVERIFY(!exported);
        QCOMPARE(exported.error().code(), ErrorCode::PermissionDenied);
        QVERIFY(out.data().isEmpty());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log")), entries);
    }

    void theServerHidesTheTrailFromOthers()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("row-level security is PostgreSQL's");
        }
        test::Workstation ws = test::openWorkstation(*m_tdb, *m_db);
        QVERIFY2(ws.db, qPrintable(ws.error));
        const auto dropRole = qScopeGuard([&] { test::dropWorkstationRole(*m_tdb, ws.role); });
        auto fred = test::signInAtWorkstation(ws.db, QStringLiteral("fred"), QStringLiteral("audit viewer tests 2"));
        QVERIFY(fred);
        auto refused = AuditQuery(ws.db, {fred->userId, fred->username, std::nullopt}).page({}, std::nullopt, 10);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
        // Past the application, the rows are not there for him.
        auto raw = ws.db->exec(QStringLiteral("SELECT count(*) FROM audit_log"));
        QVERIFY(raw && raw->next());
        QCOMPARE(raw->value(0).toLongLong(), 0);

        auto alma = test::signInAtWorkstation(ws.db, QStringLiteral("alma"), QStringLiteral("audit viewer tests 1"));
        QVERIFY(alma);
        auto page = AuditQuery(ws.db, {alma->userId, alma->username, std::nullopt}).page({}, std::nullopt, 500);
        QVERIFY2(page, qPrintable(page ? QString() : page.error().message()));
        QCOMPARE(qint64(page->rows.size()), scalar(QStringLiteral("SELECT count(*) FROM audit_log")));
    }
};

QTEST_GUILESS_MAIN(TestAuditQuery)
#include "TestAuditQuery.moc"
