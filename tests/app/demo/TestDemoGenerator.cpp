#include "demo/DemoGenerator.h"
#include "support/TestDatabase.h"

#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

namespace {

qint64 scalar(Database& db, const QString& sql)
{
    auto q = db.exec(sql);
    if (!q) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.error().message()));
        return -1;
    }
    if (!q->next()) {
        return -1;
    }
    return q->value(0).toLongLong();
}

// A digest of what a person would see: enough columns that any change in generation shows.
QString digest(Database& db)
{
    auto q = db.exec(QStringLiteral(
        "SELECT t.id, t.account_id, t.amount_micros, t.currency, t.description, COALESCE(t.counterparty, ''), "
        "t.channel, COALESCE(t.country, '') FROM transactions t WHERE t.id % 997 = 1 ORDER BY t.id"));
    QStringList rows;
    while (q && q->next()) {
        QStringList cols;
        for (int i = 0; i < 8; ++i) {
            cols << q->value(i).toString();
        }
        rows << cols.join(u'|');
    }
    return rows.join(u'\n');
}

} // namespace

class TestDemoGenerator : public QObject
{
    Q_OBJECT

private:
    TestDatabase* m_tdb = nullptr;
    DatabasePtr m_db;
    DemoReport m_report;

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = new TestDatabase;
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        DemoGenerator generator(m_db, DemoSize::Small);
        auto report = generator.run();
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
        m_report = *report;
    }
    void cleanupTestCase()
    {
        m_db.reset();
        delete m_tdb;
    }

    void fillsEveryPartOfTheWorkspace()
    {
        const DemoSpec spec = DemoGenerator::spec(DemoSize::Small);
        QCOMPARE(m_report.transactions, spec.transactions);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM transactions")), spec.transactions);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM customers")), qint64(spec.customers));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM accounts")), m_report.accounts);
        QVERIFY(scalar(*m_db, QStringLiteral("SELECT count(*) FROM cards")) > 0);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM kyc_records")), qint64(spec.customers));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM risk_assessments")), qint64(spec.customers));
        // Every KYC level and risk rating occurs.
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(DISTINCT kyc_level) FROM customers")), qint64(4));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(DISTINCT risk_rating) FROM customers")), qint64(3));
        // Cards are tokenised: no PAN in clear anywhere.
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM cards WHERE length(pan_last4) <> 4 "
                                              "OR pan_token NOT LIKE 'tok_%'")),
                 qint64(0));
        // The load is in the audit trail, with its size.
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'demo.created' "
                                              "AND after LIKE '%\"transactions\":%1}'")
                                   .arg(spec.transactions)),
                 qint64(1));
    }

    void keepsTheTransactionIndexes()
    {
        // The loader drops secondary indexes for speed; they must all be back afterwards.
        auto q = m_db->exec(m_db->dialect().secondaryIndexesSql(), {QStringLiteral("transactions")});
        QVERIFY(q.ok());
        QStringList names;
        while (q->next()) {
            names << q->value(0).toString();
        }
        if (m_db->dialect().isPostgres()) { // the text search index; SQLite's is an FTS5 table
            QVERIFY(names.removeOne(QStringLiteral("transactions_text_idx")));
        }
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("transactions_account_idx"), QStringLiteral("transactions_amount_idx"),
                                     QStringLiteral("transactions_batch_idx"), QStringLiteral("transactions_occurred_idx"),
                                     QStringLiteral("transactions_reconcile_idx"),
                                     QStringLiteral("transactions_reconciliation_idx"),
                                     QStringLiteral("transactions_uncategorised_idx")}));
    }

    void ibansAreValid()
    {
        auto q = m_db->exec(QStringLiteral("SELECT iban FROM accounts WHERE iban IS NOT NULL"));
        QVERIFY(q.ok());
        int checked = 0;
        while (q->next()) {
            const QString iban = q->value(0).toString();
            const QString moved = iban.mid(4) + iban.left(4);
            int mod = 0;
            for (QChar c : moved) {
                const int v = c.isDigit() ? c.digitValue() : c.toUpper().unicode() - 'A' + 10;
                mod = (v >= 10 ? mod * 100 + v : mod * 10 + v) % 97;
            }
            QVERIFY2(mod == 1, qPrintable(iban));
            ++checked;
        }
        QVERIFY(checked > 100);
    }

    void ledgerIsBalanced()
    {
        QVERIFY(m_report.journals > 300);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM (SELECT journal_id FROM ledger_entries GROUP BY "
                                              "journal_id, currency HAVING sum(debit_micros) <> sum(credit_micros)) x")),
                 qint64(0));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM ledger_journals j WHERE NOT EXISTS "
                                              "(SELECT 1 FROM ledger_entries e WHERE e.journal_id = j.id)")),
                 qint64(0));
        // The book's customer funds equal what the customer accounts hold, per currency.
        auto q = m_db->exec(QStringLiteral(
            "SELECT a.currency, sum(a.balance_micros), (SELECT sum(e.credit_micros) - sum(e.debit_micros) "
            "FROM ledger_entries e JOIN ledger_accounts l ON l.id = e.ledger_account_id "
            "WHERE l.type = 'liability' AND l.currency = a.currency) FROM accounts a WHERE a.kind <> 'own' "
            "GROUP BY a.currency"));
        QVERIFY(q.ok());
        int currencies = 0;
        while (q->next()) {
            QCOMPARE(q->value(1).toLongLong(), q->value(2).toLongLong());
            ++currencies;
        }
        QCOMPARE(currencies, 4);
    }

    void balancesMatchTransactions()
    {
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM accounts a WHERE a.kind <> 'own' AND a.balance_micros <> "
                                              "(SELECT COALESCE(sum(amount_micros), 0) FROM transactions t "
                                              "WHERE t.account_id = a.id)")),
                 qint64(0));
    }

    void plantsEveryPatternTruthfully()
    {
        for (const char* pattern : {"structuring", "rapid_in_out", "unusual_country", "night_burst", "round_amounts",
                                    "velocity_spike"}) {
            QVERIFY2(scalar(*m_db, QStringLiteral("SELECT count(*) FROM demo_ground_truth WHERE pattern = '%1'")
                                       .arg(QLatin1String(pattern)))
                         >= 3,
                     pattern);
        }
        QCOMPARE(m_report.planted, scalar(*m_db, QStringLiteral("SELECT count(*) FROM demo_ground_truth")));
        // Structuring deposits sit just under 10,000.
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM transactions t JOIN demo_ground_truth g "
                                              "ON g.transaction_id = t.id WHERE g.pattern = 'structuring' AND "
                                              "(t.amount_micros < 9000000000 OR t.amount_micros >= 10000000000)")),
                 qint64(0));
        // Round amounts are whole thousands.
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM transactions t JOIN demo_ground_truth g "
                                              "ON g.transaction_id = t.id WHERE g.pattern = 'round_amounts' AND "
                                              "t.amount_micros % 1000000000 <> 0")),
                 qint64(0));
        // Unusual-country card payments happen outside the customer's country.
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM transactions t JOIN demo_ground_truth g "
                                              "ON g.transaction_id = t.id JOIN accounts a ON a.id = t.account_id "
                                              "JOIN customers c ON c.id = a.customer_id WHERE g.pattern = "
                                              "'unusual_country' AND t.country = c.country")),
                 qint64(0));
        // Outside the planted sets, nobody deposits cash just under the threshold.
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM transactions t WHERE t.channel = 'cash' AND "
                                              "NOT EXISTS (SELECT 1 FROM demo_ground_truth g WHERE g.transaction_id = t.id)")),
                 qint64(0));
    }

    void isDeterministic()
    {
        TestDatabase other;
        DatabasePtr db = other.open(true);
        QVERIFY(db);
        auto report = DemoGenerator(db, DemoSize::Small).run();
        QVERIFY(report.ok());
        QCOMPARE(report->transactions, m_report.transactions);
        QCOMPARE(report->planted, m_report.planted);
        QCOMPARE(digest(*db), digest(*m_db));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT sum(amount_micros) FROM transactions")),
                 scalar(*m_db, QStringLiteral("SELECT sum(amount_micros) FROM transactions")));
    }

    void refusesAWorkspaceWithData()
    {
        auto again = DemoGenerator(m_db, DemoSize::Small).run();
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code(), ErrorCode::AlreadyExists);
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM transactions")),
                 DemoGenerator::spec(DemoSize::Small).transactions);
    }

    void cancelLeavesNothingBehind()
    {
        TestDatabase other;
        DatabasePtr db = other.open(true);
        QVERIFY(db);
        std::atomic_bool cancel{false};
        DemoGenerator generator(db, DemoSize::Small);
        generator.setCancelFlag(&cancel);
        generator.setProgress([&](const QString& phase, qint64 done, qint64) {
            if (phase == QStringLiteral("transactions") && done > 10'000) {
                cancel.store(true);
            }
        });
        auto report = generator.run();
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code(), ErrorCode::Cancelled);
        for (const char* table : {"customers", "accounts", "cards", "transactions", "ledger_entries", "audit_log"}) {
            QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))), qint64(0));
        }
    }

    void idsContinueAfterTheDemo()
    {
        // A row added after the demo gets a fresh id rather than colliding with a generated one.
        auto q = m_db->exec(QStringLiteral("INSERT INTO customers (external_ref, full_name) VALUES ('NEW-1', 'New Customer') "
                                           "RETURNING id"));
        QVERIFY2(q.ok(), qPrintable(q.ok() ? QString() : q.error().message()));
        QVERIFY(q->next());
        QCOMPARE(q->value(0).toLongLong(), qint64(DemoGenerator::spec(DemoSize::Small).customers + 1));
    }
};

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "TestDemoGenerator.moc"
