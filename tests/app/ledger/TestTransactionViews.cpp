#include "auth/AuthService.h"
#include "core/CsvWriter.h"
#include "ledger/SavedViews.h"
#include "ledger/TransactionExport.h"
#include "ledger/TransactionRepository.h"
#include "support/Fixtures.h"
#include "support/TestDatabase.h"
#include "support/Workstation.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

namespace {

constexpr int kRows = 12'345; // more than two export pages

// A device that fails after `limit` bytes, like a full disk.
class FullDisk final : public QIODevice
{
public:
    explicit FullDisk(qint64 limit)
        : m_limit(limit)
    {
        open(QIODevice::WriteOnly);
    }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char*, qint64 len) override
    {
        if (m_written + len > m_limit) {
            setErrorString(QStringLiteral("No space left on device"));
            return -1;
        }
        m_written += len;
        return len;
    }

private:
    qint64 m_limit;
    qint64 m_written = 0;
};

QList<QStringList> parseCsv(const QByteArray& bytes)
{
    // Only what the exporter writes: quoted fields may hold commas, quotes and line breaks.
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    const QString text = QString::fromUtf8(bytes);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

} // namespace

class TestTransactionViews : public QObject
{
    Q_OBJECT

private:
    TestDatabase* m_tdb = nullptr;
    DatabasePtr m_db;
    const Actor m_ana{std::nullopt, QStringLiteral("ana"), std::nullopt};

    qint64 scalar(const QString& sql)
    {
        auto q = m_db->exec(sql);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = new TestDatabase;
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        auto s = test::insertFixtureTransactions(*m_db, kRows);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message()));
        // Text a spreadsheet would run as a formula, and text that needs quoting.
        QVERIFY(m_db->exec(QStringLiteral("UPDATE transactions SET description = '=HYPERLINK(\"http://x\")', "
                                          "counterparty = 'Smith, \"Jr\"' WHERE id = 7")));
    }
    void cleanupTestCase()
    {
        m_db.reset();
        delete m_tdb;
    }

    void filterRoundTripsThroughJson()
    {
        TransactionFilter f;
        f.from = QDate(2026, 1, 2);
        f.to = QDate(2026, 3, 31);
        f.minAbsMicros = 12'500'000;
        f.maxAbsMicros = 1'000'000'000;
        f.text = QStringLiteral("Müller 50%");
        f.accountId = 2;
        f.categoryId = 9;
        auto back = filterFromJson(filterToJson(f));
        QVERIFY(back);
        QCOMPARE(*back, f);
        QCOMPARE(filterToJson(f).value(QStringLiteral("min_abs_amount")).toString(), QStringLiteral("12.5"));

        f.uncategorised = true;
        back = filterFromJson(filterToJson(f));
        QVERIFY(back);
        QVERIFY(back->uncategorised);
        QVERIFY(!back->categoryId); // "uncategorised" wins; the category is not kept beside it
    }

    void filterJsonRefusesWhatItCannotMean_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("names");
        QTest::newRow("unknown key") << QByteArray(R"({"amount": "5"})") << "amount";
        QTest::newRow("amount as a number") << QByteArray(R"({"min_abs_amount": 12.5})") << "min_abs_amount";
        QTest::newRow("amount text") << QByteArray(R"({"max_abs_amount": "12,5x"})") << "max_abs_amount";
        QTest::newRow("date") << QByteArray(R"({"from": "31.12.2026"})") << "from";
        QTest::newRow("account") << QByteArray(R"({"account_id": "1; DROP TABLE x"})") << "account_id";
        QTest::newRow("negative id") << QByteArray(R"({"category_id": -3})") << "category_id";
        QTest::newRow("flag") << QByteArray(R"({"uncategorised": "yes"})") << "uncategorised";
    }
    void filterJsonRefusesWhatItCannotMean()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, names);
        auto parsed = filterFromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code(), ErrorCode::InvalidArgument);
        QVERIFY2(parsed.error().message().contains(names), qPrintable(parsed.error().message()));
    }

    void categoryFiltersNarrowTheBrowser()
    {
        const qint64 groceries = scalar(QStringLiteral("SELECT id FROM categories WHERE name = 'Groceries'"));
        QVERIFY(groceries > 0);
        QVERIFY(m_db->exec(QStringLiteral("UPDATE transactions SET category_id = ?, category_source = 'user' "
                                          "WHERE id IN (3, 4, 5)"),
                           {groceries}));
        TransactionRepository repository(m_db);
        TransactionFilter f;
        f.categoryId = groceries;
        QCOMPARE(*repository.count(f), 3);
        f.uncategorised = true;
        QCOMPARE(*repository.count(f), kRows - 3);
        QVERIFY(m_db->exec(QStringLiteral("UPDATE transactions SET category_id = NULL, category_source = NULL "
                                          "WHERE id IN (3, 4, 5)")));
    }

    void exportWritesEveryMatchingRowExactlyInOrder()
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        TransactionFilter filter;
        filter.accountId = 1; // even ids: the negative amounts
        qint64 lastProgress = 0;
        int progressCalls = 0;
        auto written = TransactionExport(m_db, m_ana).writeCsv(filter, {TransactionSortKey::Id, false}, out,
                                                               [&](qint64 rows) {
                                                                   lastProgress = rows;
                                                                   ++progressCalls;
                                                                   return true;
                                                               });
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message()));
        QCOMPARE(*written, kRows / 2);
        QCOMPARE(lastProgress, kRows / 2);
        QVERIFY(progressCalls >= 2); // paged, not one query for everything

        QVERIFY(out.data().startsWith("\xEF\xBB\xBF")); // a spreadsheet reads the UTF-8 right
        const QList<QStringList> rows = parseCsv(out.data().mid(3));
        QCOMPARE(rows.size(), 1 + kRows / 2);
        QCOMPARE(rows.first(), TransactionExport::csvHeader());
        QCOMPARE(rows.at(1).at(0), QStringLiteral("2"));
        QCOMPARE(rows.at(1).at(6), QStringLiteral("-2.50")); // exact, a '.' whatever the locale
        QCOMPARE(rows.at(1).at(7), QStringLiteral("EUR"));
        QCOMPARE(rows.at(1).at(2), QStringLiteral("2026-01-01"));
        QCOMPARE(rows.last().at(0), QString::number(kRows - 1));
        QCOMPARE(rows.last().at(6), QStringLiteral("-%1.00").arg((kRows - 1) * 5 / 4)); // 12344 * 1.25
    }

    void exportDefusesFormulasAndQuotes()
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        TransactionFilter filter;
        filter.text = QStringLiteral("HYPERLINK");
        auto written = TransactionExport(m_db, m_ana).writeCsv(filter, {}, out);
        QVERIFY(written);
        QCOMPARE(*written, 1);
        const QList<QStringList> rows = parseCsv(out.data().mid(3));
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(1).at(5), QStringLiteral("'=HYPERLINK(\"http://x\")"));
        QCOMPARE(rows.at(1).at(4), QStringLiteral("Smith, \"Jr\""));
        QCOMPARE(CsvWriter::field(QStringLiteral("-5"), false), QStringLiteral("-5"));
        QCOMPARE(CsvWriter::field(QStringLiteral("@SUM(A1)")), QStringLiteral("'@SUM(A1)"));
    }

    void everyExportIsAudited()
    {
        const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'transactions.exported'"));
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        TransactionFilter filter;
        filter.accountId = 2;
        QVERIFY(TransactionExport(m_db, m_ana).writeCsv(filter, {}, out));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'transactions.exported'")),
                 before + 1);
        auto q = m_db->exec(QStringLiteral("SELECT actor_name, after FROM audit_log "
                                           "WHERE action = 'transactions.exported' ORDER BY id DESC LIMIT 1"));
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), QStringLiteral("ana"));
        const QJsonObject after = QJsonDocument::fromJson(q->value(1).toByteArray()).object();
        QCOMPARE(after.value(QStringLiteral("rows")).toString(), QString::number((kRows + 1) / 2));
        QCOMPARE(after.value(QStringLiteral("filter")).toObject().value(QStringLiteral("account_id")).toString(),
                 QStringLiteral("2"));
    }

    void exportNeedsTheExportPermission()
    {
        // An auditor reads everything but may not take it away: nothing is written, nothing audited.
        QVERIFY(m_db->exec(QStringLiteral(
            "INSERT INTO staff_users (username, display_name, password_hash, role_id) "
            "SELECT 'aude', 'Aude', 'x', id FROM roles WHERE code = 'auditor'")));
        const Actor aude{scalar(QStringLiteral("SELECT id FROM staff_users WHERE username = 'aude'")),
                         QStringLiteral("aude"), std::nullopt};
        const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'transactions.exported'"));
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        auto refused = TransactionExport(m_db, aude).writeCsv({}, {}, out);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
        QVERIFY(refused.error().message().contains(QStringLiteral("transactions.export")));
        QVERIFY(out.data().isEmpty());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'transactions.exported'")),
                 before);

        // The same person as a finance analyst may.
        QVERIFY(m_db->exec(QStringLiteral("UPDATE staff_users SET role_id = (SELECT id FROM roles WHERE code = "
                                          "'finance_analyst') WHERE username = 'aude'")));
        TransactionFilter one;
        one.text = QStringLiteral("HYPERLINK");
        QVERIFY(TransactionExport(m_db, aude).writeCsv(one, {}, out));
    }

    void cancelledOrFailedExportIsNotAudited()
    {
        const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'transactions.exported'"));
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        auto cancelled = TransactionExport(m_db, m_ana).writeCsv({}, {}, out, [](qint64) { return false; });
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().code(), ErrorCode::Cancelled);

        FullDisk disk(100'000);
        auto failed = TransactionExport(m_db, m_ana).writeCsv({}, {}, disk);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code(), ErrorCode::IoError);
        QVERIFY(failed.error().message().contains(QStringLiteral("No space left")));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'transactions.exported'")),
                 before);
    }

    void savedViewsAreNamedPerUserAndReplaceByName()
    {
        SavedViews ana(m_db, m_ana);
        SavedViews cli(m_db, Actor{std::nullopt, QStringLiteral("cli"), std::nullopt});
        QVERIFY(m_db->exec(QStringLiteral("DELETE FROM saved_views")));

        TransactionFilter big;
        big.minAbsMicros = 1'000'000'000;
        auto first = ana.save(QStringLiteral("  Large   payments "), big, {TransactionSortKey::Amount, true});
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message()));
        TransactionFilter wallet;
        wallet.accountId = 2;
        QVERIFY(ana.save(QStringLiteral("Wallet"), wallet, {}));

        auto views = ana.list();
        QVERIFY(views);
        QCOMPARE(views->size(), 2);
        QCOMPARE(views->at(0).name, QStringLiteral("Large payments")); // whitespace tidied
        QCOMPARE(views->at(0).filter, big);
        QCOMPARE(views->at(0).sort.key, TransactionSortKey::Amount);
        QVERIFY(views->at(0).sort.descending);

        // Saving under an existing name replaces that view: one row, the new filter.
        big.text = QStringLiteral("rent");
        auto again = ana.save(QStringLiteral("Large payments"), big, {});
        QVERIFY(again);
        QCOMPARE(*again, *first);
        views = ana.list();
        QCOMPARE(views->size(), 2);
        QCOMPARE(views->at(0).filter.text, QStringLiteral("rent"));

        QVERIFY(!ana.save(QStringLiteral("   "), big, {}));
        QVERIFY(!ana.save(QString(101, u'x'), big, {}));

        QVERIFY(ana.remove(views->at(1).id));
        QCOMPARE(ana.remove(views->at(1).id).error().code(), ErrorCode::NotFound);
        QCOMPARE(ana.list()->size(), 1);
    }

    void usersSeeOnlyTheirOwnViews()
    {
        QVERIFY(m_db->exec(QStringLiteral("DELETE FROM saved_views")));
        QVERIFY(m_db->exec(QStringLiteral(
            "INSERT INTO staff_users (username, display_name, password_hash, role_id) "
            "SELECT 'otto', 'Otto', 'x', id FROM roles WHERE code = 'finance_analyst'")));
        const qint64 otto = scalar(QStringLiteral("SELECT id FROM staff_users WHERE username = 'otto'"));
        QVERIFY(otto > 0);
        SavedViews local(m_db, m_ana);
        SavedViews ottos(m_db, Actor{otto, QStringLiteral("otto"), std::nullopt});
        QVERIFY(local.save(QStringLiteral("Mine"), {}, {}));
        QVERIFY(ottos.save(QStringLiteral("Mine"), {}, {})); // the same name is another user's own
        QCOMPARE(local.list()->size(), 1);
        QCOMPARE(ottos.list()->size(), 1);
        const qint64 ottosView = ottos.list()->first().id;
        QCOMPARE(local.remove(ottosView).error().code(), ErrorCode::NotFound);
        QCOMPARE(ottos.list()->size(), 1);
    }

    void theServerKeepsViewsPrivate()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("row-level security is PostgreSQL's");
        }
        // Two analysts at workstations on the low-privilege role: each sees, changes and deletes
        // only their own views, whatever the application asks for.
        TestDatabase tdb; // a workspace of its own: staff users are created only in an empty one
        const DatabasePtr owner = tdb.open(true);
        QVERIFY(owner);
        const auto count = [&owner](const QString& sql) {
            auto q = owner->exec(sql);
            return q && q->next() ? q->value(0).toLongLong() : -1;
        };
        const QString password = QStringLiteral("views are personal 42");
        QVERIFY(AuthService(owner).createEnrolledUsers(
            {{QStringLiteral("fiona"), QStringLiteral("Fiona"), {}, QStringLiteral("finance_analyst"), password},
             {QStringLiteral("frank"), QStringLiteral("Frank"), {}, QStringLiteral("finance_analyst"), password}}));
        test::Workstation fionas = test::openWorkstation(tdb, *owner);
        QVERIFY2(fionas.db, qPrintable(fionas.error));
        const auto dropRole = qScopeGuard([&] { test::dropWorkstationRole(tdb, fionas.role); });
        auto fiona = test::signInAtWorkstation(fionas.db, QStringLiteral("fiona"), password);
        QVERIFY(fiona);
        TransactionFilter wallet;
        wallet.accountId = 2;
        QVERIFY(SavedViews(fionas.db, Actor{fiona->userId, fiona->username, std::nullopt}).save(QStringLiteral("Wallet"),
                                                                                               wallet, {}));
        const qint64 fionasView = count(QStringLiteral("SELECT id FROM saved_views WHERE name = 'Wallet'"));
        QVERIFY(fionasView > 0);

        // Frank signs in at the same workstation after her.
        auto frank = test::signInAtWorkstation(fionas.db, QStringLiteral("frank"), password);
        QVERIFY(frank);
        const test::Workstation& frankWs = fionas;
        const Actor asFrank{frank->userId, frank->username, std::nullopt};
        auto seen = SavedViews(frankWs.db, asFrank).list();
        QVERIFY(seen);
        QVERIFY(seen->isEmpty());
        // Past the application's own owner filter: the server still hides and protects the row.
        auto all = frankWs.db->exec(QStringLiteral("SELECT count(*) FROM saved_views"));
        QVERIFY(all && all->next());
        QCOMPARE(all->value(0).toLongLong(), 0);
        auto removed = frankWs.db->exec(QStringLiteral("DELETE FROM saved_views WHERE id = ?"), {fionasView});
        QVERIFY(removed);
        QCOMPARE(removed->numRowsAffected(), 0);
        auto forged = frankWs.db->exec(QStringLiteral("INSERT INTO saved_views (owner_id, name, definition) "
                                                      "VALUES (?, 'Planted', '{}')"),
                                       {fiona->userId});
        QVERIFY(!forged);
        QCOMPARE(forged.error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM saved_views")), 1);
    }
};

QTEST_GUILESS_MAIN(TestTransactionViews)
#include "TestTransactionViews.moc"
