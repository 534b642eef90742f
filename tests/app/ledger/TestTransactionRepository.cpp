#include "audit/AuditLog.h"
#include "ingest/ImportService.h"
#include "ledger/TransactionRepository.h"
#include "ledger/TransactionSearch.h"
#include "support/Fixtures.h"
#include "support/Statements.h"
#include "support/TestDatabase.h"

#include <QtConcurrent>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

namespace {
constexpr int kRows = 257;

QList<qint64> ids(const QList<TransactionRow>& rows)
{
    QList<qint64> out;
    for (const auto& r : rows) {
        out << r.id;
    }
    return out;
}

// The order a person expects: by the key, ties broken by id, in the same direction.
QList<qint64> expectedOrder(TransactionSortKey key, bool descending)
{
    QList<qint64> order;
    for (int i = 1; i <= kRows; ++i) {
        order << i;
    }
    auto sortKey = [key](qint64 i) -> qint64 {
        if (key == TransactionSortKey::OccurredAt) {
            return i / 3;
        }
        if (key == TransactionSortKey::Amount) {
            return (i % 2 == 0 ? -1 : 1) * i;
        }
        return i;
    };
    std::sort(order.begin(), order.end(), [&](qint64 a, qint64 b) {
        const auto ka = std::make_pair(sortKey(a), a);
        const auto kb = std::make_pair(sortKey(b), b);
        return descending ? kb < ka : ka < kb;
    });
    return order;
}

// What a text search must find, worked out from the table itself: the rows in which every word
// occurs, ignoring case, in the description, the counterparty or the reference; newest first.
QList<qint64> rowsContainingEveryWord(Database& db, const QString& text)
{
    auto q = db.exec(QStringLiteral("SELECT id, description, counterparty, reference FROM transactions "
                                    "ORDER BY occurred_at DESC, id DESC"));
    if (!q) {
        return {-1};
    }
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    QList<qint64> out;
    while (q->next()) {
        const QStringList columns{q->value(1).toString(), q->value(2).toString(), q->value(3).toString()};
        const bool all = std::all_of(words.cbegin(), words.cend(), [&](const QString& w) {
            return std::any_of(columns.cbegin(), columns.cend(),
                               [&](const QString& c) { return c.contains(w, Qt::CaseInsensitive); });
        });
        if (all) {
            out << q->value(0).toLongLong();
        }
    }
    return out;
}

// Every search the user could type that tests a rule: case (ASCII and not), 1-2 character words,
// LIKE's, GLOB's and FTS5's special characters, several words in different columns, and a word
// that would only match across two columns.
const QStringList kSearches = {
    QStringLiteral("payment"),      QStringLiteral("PAYMENT 1"),     QStringLiteral("  payment   12  "),
    QStringLiteral("party 3 ref-4"), QStringLiteral("müller"),        QStringLiteral("MÜLLER"),
    QStringLiteral("Ü"),            QStringLiteral("ü"),             QStringLiteral("ll"),
    QStringLiteral("e"),            QStringLiteral("50%"),           QStringLiteral("%"),
    QStringLiteral("_"),            QStringLiteral("under_"),        QStringLiteral("\\"),
    QStringLiteral("inv\\2"),     QStringLiteral("[promo]"),       QStringLiteral("["),
    QStringLiteral("*"),            QStringLiteral("?"),             QStringLiteral("*50?"),
    QStringLiteral("\"hello\""),  QStringLiteral("\""),           QStringLiteral("foobar"),
    QStringLiteral("foo bar"),      QStringLiteral("rent müller"),   QStringLiteral("zoë"),
    QStringLiteral("ZOË"),          QStringLiteral("überlingen"),    QStringLiteral("anna"),
    QStringLiteral("zzzz"),         QStringLiteral("payment 10"),    QStringLiteral("party 4"),
};
} // namespace

class TestTransactionRepository : public QObject
{
    Q_OBJECT

private:
    TestDatabase* m_tdb = nullptr;
    DatabasePtr m_db;

    // Runs every search of kSearches, walking its pages, against what the table says it must find.
    void checkSearches(Database& db, const QString& stage)
    {
        const TransactionRepository repo(db.shared_from_this());
        for (const QString& text : kSearches) {
            TransactionFilter f;
            f.text = text;
            QList<qint64> found;
            std::optional<TransactionCursor> cursor;
            for (int guard = 0; guard < 100; ++guard) {
                auto page = repo.page(f, {}, PageDirection::Forward, cursor, 7);
                QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().message()));
                if (page->isEmpty()) {
                    break;
                }
                found << ids(*page);
                cursor = page->last().cursor;
            }
            const QList<qint64> expected = rowsContainingEveryWord(db, text);
            QVERIFY2(found == expected, qPrintable(QStringLiteral("%1, search \"%2\": found %3 rows, expected %4")
                                                       .arg(stage, text)
                                                       .arg(found.size())
                                                       .arg(expected.size())));
            QCOMPARE(*repo.count(f), qint64(expected.size()));

            // The other way SQLite answers a page (for words in thousands of rows) finds the same.
            QVariantList bindings;
            const QString condition =
                TransactionSearch::condition(db.dialect(), text, bindings, TransactionSearch::Lookup::Filter);
            auto q = db.exec(QStringLiteral("SELECT t.id FROM transactions t WHERE %1 ORDER BY t.occurred_at DESC, t.id DESC")
                                 .arg(condition),
                             bindings);
            QVERIFY2(q.ok(), qPrintable(q.ok() ? QString() : q.error().message()));
            QList<qint64> filtered;
            while (q->next()) {
                filtered << q->value(0).toLongLong();
            }
            QVERIFY2(filtered == expected, qPrintable(QStringLiteral("%1, search \"%2\" row by row: found %3 rows, expected %4")
                                                          .arg(stage, text)
                                                          .arg(filtered.size())
                                                          .arg(expected.size())));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = new TestDatabase;
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        auto s = test::insertFixtureTransactions(*m_db, kRows);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message()));
    }
    void cleanupTestCase()
    {
        m_db.reset();
        delete m_tdb;
    }

    void forwardPagesVisitEveryRowOnceInOrder_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<bool>("descending");
        QTest::newRow("date desc") << int(TransactionSortKey::OccurredAt) << true;
        QTest::newRow("date asc") << int(TransactionSortKey::OccurredAt) << false;
        QTest::newRow("amount asc") << int(TransactionSortKey::Amount) << false;
        QTest::newRow("amount desc") << int(TransactionSortKey::Amount) << true;
        QTest::newRow("id asc") << int(TransactionSortKey::Id) << false;
    }
    void forwardPagesVisitEveryRowOnceInOrder()
    {
        QFETCH(int, key);
        QFETCH(bool, descending);
        const TransactionRepository repo(m_db);
        const TransactionSort sort{TransactionSortKey(key), descending};
        QList<qint64> seen;
        std::optional<TransactionCursor> cursor;
        for (int guard = 0; guard < 100; ++guard) {
            auto page = repo.page({}, sort, PageDirection::Forward, cursor, 20);
            QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().message()));
            if (page->isEmpty()) {
                break;
            }
            seen << ids(*page);
            cursor = page->last().cursor;
        }
        QCOMPARE(seen, expectedOrder(TransactionSortKey(key), descending));
    }

    void backwardPagesFromTheEndMirrorForwardPages()
    {
        const TransactionRepository repo(m_db);
        const TransactionSort sort{TransactionSortKey::OccurredAt, true};
        const QList<qint64> expected = expectedOrder(sort.key, sort.descending);
        // The last page, straight away.
        auto last = repo.page({}, sort, PageDirection::Backward, std::nullopt, 20);
        QVERIFY(last.ok());
        QCOMPARE(ids(*last), expected.mid(expected.size() - 20));
        // And walking back from there reaches the start.
        QList<qint64> seen = ids(*last);
        std::optional<TransactionCursor> cursor = last->first().cursor;
        for (;;) {
            auto page = repo.page({}, sort, PageDirection::Backward, cursor, 20);
            QVERIFY(page.ok());
            if (page->isEmpty()) {
                break;
            }
            seen = ids(*page) + seen;
            cursor = page->first().cursor;
        }
        QCOMPARE(seen, expected);
    }

    void filtersNarrow()
    {
        const TransactionRepository repo(m_db);
        TransactionFilter f;
        f.minAbsMicros = 100 * 1'000'000LL; // |amount| >= 100 -> i >= 80
        f.maxAbsMicros = 125 * 1'000'000LL; // |amount| <= 125 -> i <= 100
        QCOMPARE(*repo.count(f), qint64(21));
        auto page = repo.page(f, {TransactionSortKey::Amount, false}, PageDirection::Forward, std::nullopt, 100);
        QVERIFY(page.ok());
        for (const auto& r : *page) {
            QVERIFY(r.id >= 80 && r.id <= 100);
        }

        TransactionFilter byAccount;
        byAccount.accountId = 2;
        QCOMPARE(*repo.count(byAccount), qint64(kRows / 2 + 1)); // odd ids

        TransactionFilter byDate;
        byDate.from = QDate(2026, 1, 2);
        byDate.to = QDate(2026, 1, 2);
        // 2026-01-02 covers hours 24..47, i.e. i / 3 in [24, 47] -> i in [72, 143]
        QCOMPARE(*repo.count(byDate), qint64(72));
    }

    void textSearchTreatsWildcardsLiterally()
    {
        const TransactionRepository repo(m_db);
        TransactionFilter f;
        f.text = QStringLiteral("50%");
        QCOMPARE(*repo.count(f), qint64(1));
        f.text = QStringLiteral("under_");
        QCOMPARE(*repo.count(f), qint64(1));
        f.text = QStringLiteral("_");
        QCOMPARE(*repo.count(f), qint64(1));
        f.text = QStringLiteral("PARTY 3"); // case-insensitive; every word, each in any column
        qint64 withBoth = 0;
        for (int i = 1; i <= kRows; ++i) {
            withBoth += i % 7 == 3 || QString::number(i).contains(u'3') ? 1 : 0;
        }
        QCOMPARE(*repo.count(f), withBoth);
        f.text = QStringLiteral("ref-257"); // and in the reference
        QCOMPARE(*repo.count(f), qint64(1));
        f.text = QStringLiteral("'; DROP TABLE transactions; --");
        QCOMPARE(*repo.count(f), qint64(0));
        QCOMPARE(*repo.count({}), qint64(kRows));
    }

    // Rows loaded without the index (the fixture), then imported, then updated, deleted and
    // re-inserted under a reused id: at every step a search finds exactly the rows whose text holds
    // every word, on both backends, page after page.
    void textSearchFindsEveryWordWhereverTheRowCameFrom()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        QVERIFY(test::insertFixtureTransactions(*db, 120).ok());
        checkSearches(*db, QStringLiteral("bulk-loaded rows"));
        if (QTest::currentTestFailed()) {
            return;
        }

        ingest::StatementEntry rent = test::statementEntry(QDate(2025, 6, 2), "-950.00", QStringLiteral("Rent March"));
        rent.counterpartyName = QStringLiteral("Jürgen MÜLLER");
        rent.reference = QStringLiteral("INV\\2024");
        ingest::StatementEntry gift =
            test::statementEntry(QDate(2025, 6, 3), "-17.31", QStringLiteral("Gift card [promo] *50?*"));
        gift.counterpartyName = QStringLiteral("Anna Müller");
        ingest::StatementEntry hello = test::statementEntry(QDate(2025, 6, 4), "3.07", QStringLiteral("Say \"hello\""));
        hello.counterpartyName = QStringLiteral("xfoo");
        hello.reference = QStringLiteral("barx");
        ingest::ImportService service(db, Actor{std::nullopt, QStringLiteral("tester"), std::nullopt});
        const auto file = test::statementFile(QStringLiteral("DE89370400440532013000"), {rent, gift, hello});
        auto plan = service.plan(file, ingest::ImportService::fileHash("search"), {});
        QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().message()));
        auto imported = service.commit(*plan);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message()));
        QCOMPARE(imported->rowsNew, 3);
        checkSearches(*db, QStringLiteral("imported rows"));
        if (QTest::currentTestFailed()) {
            return;
        }

        // Changed text is found by its new words only; deleted rows are gone; a row that SQLite
        // gives the id of the deleted newest row is found by its own text, not by the old one.
        const TransactionRepository repo(db);
        TransactionFilter zoe;
        zoe.text = QStringLiteral("zoë");
        QCOMPARE(*repo.count(zoe), qint64(0));
        QVERIFY(db->exec(QStringLiteral("UPDATE transactions SET description = 'Refund ZOË' WHERE id = 10")).ok());
        QVERIFY(db->exec(QStringLiteral("UPDATE transactions SET counterparty = NULL WHERE id = 11")).ok());
        QVERIFY(db->exec(QStringLiteral("DELETE FROM transactions WHERE id = 12")).ok());
        auto newest = db->exec(QStringLiteral("SELECT max(id) FROM transactions"));
        QVERIFY(newest && newest->next());
        const qint64 newestId = newest->value(0).toLongLong();
        QVERIFY(db->exec(QStringLiteral("DELETE FROM transactions WHERE id = ?"), {newestId}).ok());
        QVERIFY(db->exec(QStringLiteral("INSERT INTO transactions (account_id, occurred_at, booking_date, amount_micros, "
                                        "currency, description, counterparty, source) VALUES (1, ?, ?, -2500000, 'EUR', "
                                        "'Kiosk Überlingen', 'Kiosk', 'manual')"),
                         {db->dialect().timestampValue(QDateTime(QDate(2025, 7, 1), QTime(9, 0), QTimeZone::utc())),
                          db->dialect().dateValue(QDate(2025, 7, 1))})
                     .ok());
        QCOMPARE(*repo.count(zoe), qint64(1));
        checkSearches(*db, QStringLiteral("changed rows"));
        if (QTest::currentTestFailed()) {
            return;
        }

        if (!db->dialect().isPostgres()) {
            // The index agrees with the table row for row (FTS5 reports any difference).
            auto check = db->exec(QStringLiteral(
                "INSERT INTO transactions_fts (transactions_fts, rank) VALUES ('integrity-check', 1)"));
            QVERIFY2(check.ok(), qPrintable(check.ok() ? QString() : check.error().message()));
        }
    }

    // On SQLite a word in thousands of rows fills a page fastest by testing rows in the page's
    // order; rarer words are looked up. Either way the page is the newest matching rows.
    void commonWordsAndRareWordsPageAlike()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        const int rows = TransactionSearch::kManyRows + 100;
        QVERIFY(test::insertFixtureTransactions(*db, rows).ok());
        QVERIFY(TransactionSearch::catchUp(*db).ok());
        const bool sqlite = !db->dialect().isPostgres();
        using Lookup = TransactionSearch::Lookup;
        QCOMPARE(*TransactionSearch::lookupFor(*db, QStringLiteral("payment")), sqlite ? Lookup::Filter : Lookup::Index);
        QCOMPARE(*TransactionSearch::lookupFor(*db, QStringLiteral("payment 4999")), Lookup::Index);
        QCOMPARE(*TransactionSearch::lookupFor(*db, QStringLiteral("ab")), sqlite ? Lookup::Filter : Lookup::Index);

        const TransactionRepository repo(db);
        for (const QString& text : {QStringLiteral("PAYMENT"), QStringLiteral("payment 4999"), QStringLiteral("ref-1")}) {
            TransactionFilter f;
            f.text = text;
            auto page = repo.page(f, {}, PageDirection::Forward, std::nullopt, 20);
            QVERIFY(page.ok());
            QCOMPARE(ids(*page), rowsContainingEveryWord(*db, text).mid(0, 20));
        }
        // Paged to the end, the last page short of a full one included.
        TransactionFilter f;
        f.text = QStringLiteral("payment");
        QList<qint64> seen;
        std::optional<TransactionCursor> cursor;
        for (int guard = 0; guard < 20; ++guard) {
            auto page = repo.page(f, {TransactionSortKey::Amount, false}, PageDirection::Forward, cursor, 1000);
            QVERIFY(page.ok());
            if (page->isEmpty()) {
                break;
            }
            seen << ids(*page);
            cursor = page->last().cursor;
        }
        QList<qint64> expected = rowsContainingEveryWord(*db, f.text);
        std::sort(expected.begin(), expected.end(), [](qint64 a, qint64 b) {
            return std::make_pair((a % 2 == 0 ? -1 : 1) * a, a) < std::make_pair((b % 2 == 0 ? -1 : 1) * b, b);
        });
        QCOMPARE(seen, expected);
    }

    // The browser asks for a page and for the count at once, on two threads; right after a bulk
    // load both find the index behind and bring it up to date, one after the other.
    void pageAndCountAtOnceAfterABulkLoad()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        QVERIFY(test::insertFixtureTransactions(*db, 20000).ok());
        TransactionFilter f;
        f.text = QStringLiteral("ref-1234");
        const TransactionRepository repo(db);
        QFuture<Result<qint64>> count = QtConcurrent::run(db->pool(), [&] { return repo.count(f); });
        QFuture<Result<QList<TransactionRow>>> page =
            QtConcurrent::run(db->pool(), [&] { return repo.page(f, {}, PageDirection::Forward, std::nullopt, 50); });
        const Result<qint64> counted = count.result();
        const Result<QList<TransactionRow>> paged = page.result();
        QVERIFY2(counted.ok(), qPrintable(counted.ok() ? QString() : counted.error().message()));
        QVERIFY2(paged.ok(), qPrintable(paged.ok() ? QString() : paged.error().message()));
        QCOMPARE(*counted, qint64(11)); // REF-1234 and REF-12340 to REF-12349
        QCOMPARE(paged->size(), 11);
    }

    // The search is answered by the trigram index, not by reading the table.
    void textSearchUsesTheIndex()
    {
        QVariantList bindings;
        QString condition = TransactionSearch::condition(m_db->dialect(), QStringLiteral("ref-257"), bindings);
        for (const QVariant& b : std::as_const(bindings)) { // EXPLAIN cannot be prepared on PostgreSQL
            condition.replace(condition.indexOf(u'?'), 1, u'\'' + b.toString().replace(u'\'', QStringLiteral("''")) + u'\'');
        }
        const bool pg = m_db->dialect().isPostgres();
        if (pg) { // 257 rows are read faster than any index; the plan for millions is the point
            QVERIFY(m_db->exec(QStringLiteral("SET enable_seqscan = off")).ok());
        }
        auto plan = m_db->exec((pg ? QStringLiteral("EXPLAIN ") : QStringLiteral("EXPLAIN QUERY PLAN "))
                               + QStringLiteral("SELECT count(*) FROM transactions t WHERE ") + condition);
        QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().message()));
        QString text;
        while (plan->next()) {
            text += plan->value(pg ? 0 : 3).toString() + u'\n';
        }
        if (pg) {
            QVERIFY(m_db->exec(QStringLiteral("RESET enable_seqscan")).ok());
        }
        QVERIFY2(text.contains(pg ? QStringLiteral("transactions_text_idx") : QStringLiteral("VIRTUAL TABLE INDEX")),
                 qPrintable(text));
        TransactionFilter f;
        f.text = QStringLiteral("ref-257");
        QCOMPARE(*TransactionRepository(m_db).count(f), qint64(1));
    }

    void detailOfOneRow()
    {
        const TransactionRepository repo(m_db);
        auto d = repo.byId(10);
        QVERIFY(d.ok());
        QCOMPARE(d->row.amount.toString(), QStringLiteral("-12.50"));
        QCOMPARE(d->row.accountName, QStringLiteral("Main"));
        QCOMPARE(d->accountIban, QStringLiteral("DE89370400440532013000"));
        QCOMPARE(d->reference, QStringLiteral("REF-10"));
        QCOMPARE(d->row.occurredAt, QDateTime(QDate(2026, 1, 1), QTime(3, 0), QTimeZone::utc()));
        auto missing = repo.byId(99999);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code(), ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestTransactionRepository)
#include "TestTransactionRepository.moc"
