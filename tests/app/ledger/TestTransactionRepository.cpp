#include "ledger/TransactionRepository.h"
#include "support/Fixtures.h"
#include "support/TestDatabase.h"

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
} // namespace

class TestTransactionRepository : public QObject
{
    Q_OBJECT

private:
    TestDatabase* m_tdb = nullptr;
    DatabasePtr m_db;

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
        f.text = QStringLiteral("PARTY 3"); // case-insensitive, in the counterparty
        QCOMPARE(*repo.count(f), qint64((kRows - 3) / 7 + 1));
        f.text = QStringLiteral("ref-257"); // and in the reference
        QCOMPARE(*repo.count(f), qint64(1));
        f.text = QStringLiteral("'; DROP TABLE transactions; --");
        QCOMPARE(*repo.count(f), qint64(0));
        QCOMPARE(*repo.count({}), qint64(kRows));
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
