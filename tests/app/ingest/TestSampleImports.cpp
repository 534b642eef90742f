#include "ingest/ImportService.h"
#include "ingest/StatementReader.h"
#include "support/TestDatabase.h"

#include <QDir>
#include <QtTest>

using namespace flowlet;
using namespace flowlet::ingest;
using flowlet::test::TestDatabase;

// Every statement sample in ../shared/samples, end to end through the pipeline on both backends:
// read, plan, commit, and the second import of the same file adds nothing.
class TestSampleImports : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;

    qint64 scalar(const QString& sql)
    {
        auto q = m_db->exec(sql);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        // CSV exports do not name their account: the user picks one.
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO accounts (id, kind, name, currency) VALUES "
                                          "(9001, 'own', 'Bank of Ireland current', 'EUR'), "
                                          "(9002, 'own', 'bunq', 'EUR'), (9003, 'own', 'Monzo', 'GBP')")));
        if (m_db->dialect().isPostgres()) {
            QVERIFY(m_db->exec(m_db->dialect().resetIdentitySql(QStringLiteral("accounts"))));
        }
    }
    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void importsOnceAndOnlyOnce_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("account");    // 0: the file's own account, created
        QTest::addColumn<int>("entries");
        QTest::addColumn<bool>("balancesAddUp"); // the sample's own balances (several test files do not)
        const QString dir = QStringLiteral(FLOWLET_SAMPLES_DIR);
        const struct
        {
            const char* file;
            qint64 account;
            int entries;
            bool balances;
        } rows[] = {
            {"ofx/asgrim-ofxparser__ofxdata-credit-card.ofx", 0, 1, true},
            {"ofx/asgrim-ofxparser__ofxdata-investments-xml.ofx", 0, 1, true},
            {"ofx/ofxparse__anzcc.ofx", 0, 1, true},
            {"ofx/ofxparse__bank_medium.ofx", 0, 3, true},
            {"ofx/ofxtools__stmtrs.ofx", 0, 2, true},
            {"camt/OCA-bank-statement-import__test-camt053.xml", 0, 4, false},
            {"camt/genkgo-camt__camt052.v2.xml", 0, 1, true},
            {"camt/genkgo-camt__camt053.v2.minimal.xml", 0, 1, true},
            {"camt/genkgo-camt__camt053.v4.xml", 0, 1, true},
            {"mt940/wolph-mt940__betterplace_sepa_snippet.sta", 0, 11, false},
            {"mt940/wolph-mt940__jejik_abnamro.sta", 0, 10, false},
            {"mt940/wolph-mt940__jejik_ing.sta", 0, 7, false},
            {"mt940/wolph-mt940__jejik_postfinance.sta", 0, 4, false},
            {"mt940/wolph-mt940__jejik_rabobank-iban.sta", 0, 4, true},
            {"bank_csv/bank2ynab__DE-Commerzbank__Umsaetze_KtoNr538917600.CSV", 0, 1, true},
            {"bank_csv/bank2ynab__IE-BankOfIreland__test_BOI_TransactionExport.csv", 9001, -1, true},
            {"bank_csv/bank2ynab__NL-bunq__2019-03-02_bunq-statement.csv", 9002, -1, true},
            {"bank_csv/bank2ynab__UK-Monzo__MonzoDataExport_February2018.csv", 9003, -1, true},
        };
        for (const auto& r : rows) {
            QTest::newRow(r.file) << dir + u'/' + QString::fromLatin1(r.file) << r.account << r.entries << r.balances;
        }
    }
    void importsOnceAndOnlyOnce()
    {
        QFETCH(QString, file);
        QFETCH(qint64, account);
        QFETCH(int, entries);
        QFETCH(bool, balancesAddUp);
        auto bytes = readStatementBytes(file);
        QVERIFY(bytes);
        ImportOptions options;
        options.createMissingAccounts = account == 0;
        if (account != 0) {
            options.accountId = account;
        }
        const QString currency = account == 9003 ? QStringLiteral("GBP") : QStringLiteral("EUR");
        auto read = readStatement(*bytes, QFileInfo(file).fileName(), std::nullopt, currency);
        QVERIFY2(read, qPrintable(read ? QString() : read.error().message()));
        if (entries >= 0) {
            QCOMPARE(int(read->entryCount()), entries);
        }
        ImportService service(m_db, Actor{std::nullopt, QStringLiteral("tester"), std::nullopt});
        const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM transactions"));
        auto plan = service.plan(*read, ImportService::fileHash(*bytes), options);
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message()));
        QCOMPARE(plan->balancesMatch(), balancesAddUp);
        const int fresh = plan->count(LineDecision::New);
        QVERIFY(fresh > 0);
        if (!balancesAddUp) {
            QVERIFY(!service.commit(*plan)); // refused until the user accepts the mismatch
            plan->balanceMismatchAccepted = true;
        }
        auto done = service.commit(*plan);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), before + fresh);

        // The same file again: everything is a duplicate, nothing is added.
        options.createMissingAccounts = false;
        auto again = service.plan(*read, ImportService::fileHash(*bytes), options);
        QVERIFY2(again, qPrintable(again ? QString() : again.error().message()));
        QCOMPARE(again->count(LineDecision::New), 0);
        QCOMPARE(again->count(LineDecision::Duplicate), int(again->lines.size()));
        QVERIFY(!again->earlierBatchesOfSameFile.isEmpty());
        again->balanceMismatchAccepted = true;
        QVERIFY(service.commit(*again));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), before + fresh);
    }
};

QTEST_GUILESS_MAIN(TestSampleImports)
#include "TestSampleImports.moc"
