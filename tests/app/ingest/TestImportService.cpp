#include "audit/AuditLog.h"
#include "ingest/ImportService.h"
#include "support/Statements.h"
#include "support/TestDatabase.h"

#include <QtTest>

using namespace flowlet;
using namespace flowlet::ingest;
using flowlet::test::TestDatabase;
using flowlet::test::eur;

namespace {

const QString kIbanA = QStringLiteral("NL91ABNA0417164300");
const QString kIbanB = QStringLiteral("DE89370400440532013000");

StatementEntry entry(const QDate& date, const char* amount, const QString& text, const QString& bankId = {})
{
    StatementEntry e = test::statementEntry(date, amount, text);
    e.bankId = bankId;
    return e;
}

StatementFile statementFor(const QString& iban, QList<StatementEntry> entries)
{
    return test::statementFile(iban, std::move(entries));
}

// A different hash per call: re-imports are judged by content, not by the file's hash.
QByteArray hashOf(const StatementFile& f)
{
    static int n = 0;
    return ImportService::fileHash(f.fileName.toUtf8() + QByteArray::number(++n));
}

} // namespace

class TestImportService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    const Actor m_actor{std::nullopt, QStringLiteral("tester"), std::nullopt};

    qint64 scalar(const QString& sql, const QVariantList& bindings = {})
    {
        auto q = m_db->exec(sql, bindings);
        if (!q || !q->next()) {
            qWarning() << (q ? QStringLiteral("no row") : q.error().message());
            return -1;
        }
        return q->value(0).toLongLong();
    }

    qint64 addAccount(const QString& iban, const QString& name)
    {
        auto q = m_db->exec(QStringLiteral("INSERT INTO accounts (kind, name, iban, currency) VALUES ('own', ?, ?, 'EUR') "
                                           "RETURNING id"),
                            {name, iban});
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    Result<ImportOutcome> importNow(const StatementFile& f, const ImportOptions& options = {})
    {
        ImportService service(m_db, m_actor);
        auto plan = service.plan(f, hashOf(f), options);
        if (!plan) {
            return plan.error();
        }
        return service.commit(*plan);
    }

private Q_SLOTS:
    void init()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
    }
    void cleanup()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void unknownAccountIsRefusedUnlessCreated()
    {
        const auto f = statementFor(kIbanA, {entry(QDate(2026, 3, 1), "-12.50", QStringLiteral("Coffee"))});
        ImportService service(m_db, m_actor);
        auto refused = service.plan(f, hashOf(f), {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::NotFound);
        QVERIFY2(refused.error().message().contains(kIbanA), qPrintable(refused.error().message()));

        ImportOptions create;
        create.createMissingAccounts = true;
        auto plan = service.plan(f, hashOf(f), create);
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message()));
        QCOMPARE(plan->count(LineDecision::New), 1);
        auto done = service.commit(*plan);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM accounts WHERE iban = ? AND kind = 'own'"), {kIbanA}), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT amount_micros FROM transactions WHERE source = 'import'")), -12'500'000);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'import.committed'")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'account.created'")), 1);
        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified && !verified->firstBroken);
    }

    void sameStatementTwiceAddsNothing()
    {
        addAccount(kIbanA, QStringLiteral("Main"));
        const auto f = statementFor(kIbanA, {entry(QDate(2026, 3, 1), "-12.50", QStringLiteral("Coffee"), QStringLiteral("B1")),
                                             entry(QDate(2026, 3, 2), "1500.00", QStringLiteral("Salary"), QStringLiteral("B2")),
                                             entry(QDate(2026, 3, 2), "-3.10", QStringLiteral("Bus"))});
        auto first = importNow(f);
        QVERIFY(first);
        QCOMPARE(first->rowsNew, 3);
        auto second = importNow(f);
        QVERIFY(second);
        QCOMPARE(second->rowsNew, 0);
        QCOMPARE(second->rowsDuplicate, 3);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 3);
        // The duplicates are remembered with the transaction they repeat.
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM statement_lines WHERE decision = 'duplicate' "
                                       "AND transaction_id IS NOT NULL")),
                 3);
    }

    void aPreviewOvertakenByAnotherImportIsRefused()
    {
        // Two previews of the same file side by side (two windows, a script holding an API preview):
        // once one is committed, the other's duplicate checks are stale and it must store nothing.
        const qint64 account = addAccount(kIbanA, QStringLiteral("Main"));
        const auto f = statementFor(kIbanA, {entry(QDate(2026, 3, 1), "-12.50", QStringLiteral("Coffee")),
                                             entry(QDate(2026, 3, 2), "1500.00", QStringLiteral("Salary"))});
        ImportService service(m_db, m_actor);
        auto first = service.plan(f, hashOf(f), {});
        auto second = service.plan(f, hashOf(f), {});
        QVERIFY(first && second);
        QVERIFY(service.commit(*first));
        auto late = service.commit(*second);
        QVERIFY(!late);
        QCOMPARE(late.error().code(), ErrorCode::Conflict);
        QVERIFY2(late.error().message().contains(QStringLiteral("preview the file again")),
                 qPrintable(late.error().message()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches")), 1);
        // An import into another account does not make the preview stale; a fresh one reads as duplicates.
        addAccount(kIbanB, QStringLiteral("Savings"));
        QVERIFY(importNow(statementFor(kIbanB, {entry(QDate(2026, 3, 3), "5.00", QStringLiteral("Interest"))})));
        auto again = service.plan(f, hashOf(f), {});
        QVERIFY(again);
        QVERIFY(importNow(statementFor(kIbanB, {entry(QDate(2026, 3, 4), "6.00", QStringLiteral("Interest"))})));
        auto done = service.commit(*again);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message()));
        QCOMPARE(done->rowsNew, 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE account_id = %1").arg(account)), 2);
    }

    void bankIdDecidesEvenWhenTheTextChanged()
    {
        addAccount(kIbanA, QStringLiteral("Main"));
        QVERIFY(importNow(statementFor(kIbanA, {entry(QDate(2026, 3, 1), "-12.50", QStringLiteral("CARD 1234 Coffee"),
                                                      QStringLiteral("FIT-1"))})));
        ImportService service(m_db, m_actor);
        const auto again = statementFor(kIbanA, {entry(QDate(2026, 3, 1), "-12.50", QStringLiteral("Coffee Shop Ltd"),
                                                       QStringLiteral("FIT-1")),
                                                 entry(QDate(2026, 3, 1), "-12.50", QStringLiteral("Coffee Shop Ltd"),
                                                       QStringLiteral("FIT-2"))});
        auto plan = service.plan(again, hashOf(again), {});
        QVERIFY(plan);
        QCOMPARE(plan->lines.at(0).decision, LineDecision::Duplicate);
        QVERIFY(plan->lines.at(0).reason.contains(QStringLiteral("FIT-1")));
        // A second coffee with its own id is a second coffee.
        QCOMPARE(plan->lines.at(1).decision, LineDecision::New);
    }

    void identicalRowsAreCountedNotCollapsed()
    {
        addAccount(kIbanA, QStringLiteral("Main"));
        const auto coffee = [] { return entry(QDate(2026, 3, 1), "-2.40", QStringLiteral("Coffee")); };
        auto first = importNow(statementFor(kIbanA, {coffee(), coffee(), coffee()}));
        QVERIFY(first);
        QCOMPARE(first->rowsNew, 3); // three coffees that day, all kept
        auto second = importNow(statementFor(kIbanA, {coffee(), coffee(), coffee(), coffee()}));
        QVERIFY(second);
        QCOMPARE(second->rowsDuplicate, 3);
        QCOMPARE(second->rowsNew, 1); // the fourth is new
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 4);
    }

    void bookTransactionIsMatchedNotDoubled()
    {
        const qint64 account = addAccount(kIbanA, QStringLiteral("Main"));
        auto manual = m_db->exec(
            QStringLiteral("INSERT INTO transactions (account_id, occurred_at, booking_date, amount_micros, currency, "
                           "description, counterparty, source) VALUES (?, ?, ?, -89990000, 'EUR', 'Office chair', "
                           "'Furniture World', 'manual') RETURNING id"),
            {account, m_db->dialect().timestampValue(QDateTime(QDate(2026, 3, 4), QTime(10, 0), Qt::UTC)),
             m_db->dialect().dateValue(QDate(2026, 3, 4))});
        QVERIFY(manual && manual->next());
        const qint64 manualId = manual->value(0).toLongLong();
        manual->finish(); // RETURNING keeps SQLite's statement open until it is finished

        auto f = statementFor(kIbanA, {entry(QDate(2026, 3, 5), "-89.99", QStringLiteral("FURNITURE WORLD office chair"))});
        ImportService service(m_db, m_actor);
        auto plan = service.plan(f, hashOf(f), {});
        QVERIFY(plan);
        QCOMPARE(plan->lines.at(0).decision, LineDecision::Match);
        QCOMPARE(plan->lines.at(0).existingTransactionId, manualId);
        QVERIFY2(plan->lines.at(0).reason.contains(QStringLiteral("1 day(s) apart")), qPrintable(plan->lines.at(0).reason));

        // The user's threshold decides: a stricter one leaves it new.
        ImportOptions strict;
        strict.matching.matchThreshold = 95;
        auto strictPlan = service.plan(f, hashOf(f), strict);
        QVERIFY(strictPlan);
        QCOMPARE(strictPlan->lines.at(0).decision, LineDecision::New);
        // ... and so does the date window.
        ImportOptions sameDay;
        sameDay.matching.dateWindowDays = 0;
        auto sameDayPlan = service.plan(f, hashOf(f), sameDay);
        QVERIFY(sameDayPlan);
        QCOMPARE(sameDayPlan->lines.at(0).decision, LineDecision::New);

        auto committed = service.commit(*plan);
        QVERIFY2(committed, qPrintable(committed ? QString() : committed.error().message()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT transaction_id FROM statement_lines WHERE decision = 'match'")), manualId);
        // Seen again, the line is a duplicate of what was linked.
        auto again = importNow(f);
        QVERIFY(again);
        QCOMPARE(again->rowsDuplicate, 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 1);
    }

    void transferBetweenOwnAccountsIsLinked()
    {
        const qint64 a = addAccount(kIbanA, QStringLiteral("Current"));
        const qint64 b = addAccount(kIbanB, QStringLiteral("Savings"));
        auto out = entry(QDate(2026, 3, 10), "-500.00", QStringLiteral("To savings"));
        out.counterpartyAccount = kIbanB;
        QVERIFY(importNow(statementFor(kIbanA, {out})));
        auto in = entry(QDate(2026, 3, 11), "500.00", QStringLiteral("From current"));
        in.counterpartyAccount = kIbanA;
        auto done = importNow(statementFor(kIbanB, {in}));
        QVERIFY(done);
        QCOMPARE(done->transfersLinked, 1);
        const qint64 outId = scalar(QStringLiteral("SELECT id FROM transactions WHERE account_id = ?"), {a});
        const qint64 inId = scalar(QStringLiteral("SELECT id FROM transactions WHERE account_id = ?"), {b});
        QCOMPARE(scalar(QStringLiteral("SELECT linked_transaction_id FROM transactions WHERE id = ?"), {outId}), inId);
        QCOMPARE(scalar(QStringLiteral("SELECT linked_transaction_id FROM transactions WHERE id = ?"), {inId}), outId);
    }

    void twoEqualTransfersGetAMirrorEach()
    {
        const qint64 a = addAccount(kIbanA, QStringLiteral("Current"));
        const qint64 b = addAccount(kIbanB, QStringLiteral("Savings"));
        auto in1 = entry(QDate(2026, 3, 10), "200.00", QStringLiteral("From current"));
        auto in2 = entry(QDate(2026, 3, 11), "200.00", QStringLiteral("From current"));
        in1.counterpartyAccount = in2.counterpartyAccount = kIbanA;
        QVERIFY(importNow(statementFor(kIbanB, {in1, in2})));
        auto out1 = entry(QDate(2026, 3, 10), "-200.00", QStringLiteral("To savings"));
        auto out2 = entry(QDate(2026, 3, 11), "-200.00", QStringLiteral("To savings, again"));
        out1.counterpartyAccount = out2.counterpartyAccount = kIbanB;
        auto done = importNow(statementFor(kIbanA, {out1, out2}));
        QVERIFY(done);
        QCOMPARE(done->transfersLinked, 2);
        // Each side points at a different mirror, and the mirrors point back.
        QCOMPARE(scalar(QStringLiteral("SELECT count(DISTINCT linked_transaction_id) FROM transactions WHERE account_id = ?"), {a}), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions t JOIN transactions m ON m.id = t.linked_transaction_id "
                                       "WHERE t.account_id = ? AND m.linked_transaction_id = t.id"),
                        {b}),
                 2);
    }

    void balanceMismatchStoresNothing()
    {
        addAccount(kIbanA, QStringLiteral("Main"));
        auto f = statementFor(kIbanA, {entry(QDate(2026, 3, 1), "-12.50", QStringLiteral("Coffee")),
                                       entry(QDate(2026, 3, 2), "100.00", QStringLiteral("Refund"))});
        f.statements[0].openingBalance = eur("1000.00");
        f.statements[0].closingBalance = eur("1087.50");
        ImportService service(m_db, m_actor);
        auto good = service.plan(f, hashOf(f), {});
        QVERIFY(good);
        QVERIFY(good->statements.at(0).balanceChecked);
        QVERIFY(good->balancesMatch());

        f.statements[0].closingBalance = eur("1090.00");
        auto bad = service.plan(f, hashOf(f), {});
        QVERIFY(bad);
        QVERIFY(!bad->balancesMatch());
        QVERIFY2(bad->statements.at(0).balanceNote.contains(QStringLiteral("1087.50")),
                 qPrintable(bad->statements.at(0).balanceNote));
        QVERIFY(!service.commit(*bad));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches")), 0);
    }

    void cancelledCommitStoresNothing()
    {
        addAccount(kIbanA, QStringLiteral("Main"));
        QList<StatementEntry> many;
        for (int i = 0; i < 10'000; ++i) {
            many << entry(QDate(2026, 1, 1).addDays(i % 300), "-1.00", QStringLiteral("Row %1").arg(i));
        }
        const auto f = statementFor(kIbanA, many);
        ImportService service(m_db, m_actor);
        auto plan = service.plan(f, hashOf(f), {});
        QVERIFY(plan);
        auto cancelled = service.commit(*plan, [](qint64 done, qint64) { return done < 5000; });
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().code(), ErrorCode::Cancelled);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'import.committed'")), 0);
    }

    void droppedConnectionMidCommitStoresNothing()
    {
        if (!m_db->dialect().isPostgres()) {
            QSKIP("a server connection to drop exists only on PostgreSQL");
        }
        addAccount(kIbanA, QStringLiteral("Main"));
        QList<StatementEntry> many;
        for (int i = 0; i < 20'000; ++i) {
            many << entry(QDate(2026, 1, 1).addDays(i % 300), "-1.00", QStringLiteral("Row %1").arg(i));
        }
        const auto f = statementFor(kIbanA, many);
        ImportService service(m_db, m_actor);
        auto plan = service.plan(f, hashOf(f), {});
        QVERIFY(plan);
        bool dropped = false;
        // Half-way through the COPY the server ends every other connection to this database.
        auto failed = service.commit(*plan, [&](qint64 done, qint64) {
            if (!dropped && done >= 8000) {
                dropped = m_tdb->ownerExec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                                          "WHERE datname = current_database() AND pid <> pg_backend_pid()"));
            }
            return true;
        });
        QVERIFY(dropped);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code(), ErrorCode::ConnectionLost);
        QVERIFY2(failed.error().message().contains(QStringLiteral("nothing was stored")), qPrintable(failed.error().message()));
        // The connection comes back for the next question, and the half-written batch is not there.
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches")), 0);
        auto retried = service.commit(*plan);
        QVERIFY2(retried, qPrintable(retried ? QString() : retried.error().message()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 20'000);
    }

    void undoRemovesTheBatch()
    {
        addAccount(kIbanA, QStringLiteral("Main"));
        const auto f = statementFor(kIbanA, {entry(QDate(2026, 3, 1), "-12.50", QStringLiteral("Coffee"), QStringLiteral("B1"))});
        auto done = importNow(f);
        QVERIFY(done);
        ImportService service(m_db, m_actor);
        QVERIFY(service.undo(done->batchIds.first()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches WHERE status = 'undone'")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'import.undone'")), 1);
        // The entry says what was there before the undo and what is left.
        auto entry = m_db->exec(QStringLiteral("SELECT before, after FROM audit_log WHERE action = 'import.undone'"));
        QVERIFY(entry && entry->next());
        QVERIFY2(entry->value(0).toString().contains(QStringLiteral("\"status\":\"committed\"")) &&
                     entry->value(0).toString().contains(QStringLiteral("\"transactions\":1")),
                 qPrintable(entry->value(0).toString()));
        QVERIFY2(entry->value(1).toString().contains(QStringLiteral("\"status\":\"undone\"")),
                 qPrintable(entry->value(1).toString()));
        entry->finish();
        auto twice = service.undo(done->batchIds.first());
        QVERIFY(!twice);
        // Undone means never imported: the same statement is new again.
        auto again = importNow(f);
        QVERIFY(again);
        QCOMPARE(again->rowsNew, 1);
    }

    void onlyThoseWhoMayImportStoreAnything()
    {
        // The window hides Import from an auditor; the service refuses too (SQLite has no server
        // to do it), and so does undo. The role is read at the moment of the change.
        addAccount(kIbanA, QStringLiteral("Main"));
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO staff_users (username, display_name, password_hash, role_id) "
                                          "SELECT 'aude', 'Aude', 'x', id FROM roles WHERE code = 'auditor'")));
        const Actor aude{scalar(QStringLiteral("SELECT id FROM staff_users WHERE username = 'aude'")),
                         QStringLiteral("aude"), std::nullopt};
        const auto f = statementFor(kIbanA, {entry(QDate(2026, 3, 1), "-12.50", QStringLiteral("Coffee"), QStringLiteral("B1"))});
        ImportService asAude(m_db, aude);
        auto plan = asAude.plan(f, hashOf(f), {}); // looking is reading
        QVERIFY(plan);
        auto refused = asAude.commit(*plan);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
        QVERIFY(refused.error().message().contains(QStringLiteral("transactions.import")));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches")), 0);

        auto done = importNow(f);
        QVERIFY(done);
        QCOMPARE(asAude.undo(done->batchIds.first()).error().code(), ErrorCode::PermissionDenied);
        QVERIFY(m_db->exec(QStringLiteral("UPDATE staff_users SET role_id = (SELECT id FROM roles WHERE code = "
                                          "'finance_analyst') WHERE username = 'aude'")));
        QVERIFY(asAude.undo(done->batchIds.first()));
    }

    void foreignCurrencyEntryIsRefused()
    {
        addAccount(kIbanA, QStringLiteral("Main"));
        auto f = statementFor(kIbanA, {entry(QDate(2026, 3, 1), "-12.50", QStringLiteral("Coffee"))});
        f.statements[0].entries[0].amount = *Money::parse(u"-12.50", u"USD");
        ImportService service(m_db, m_actor);
        auto plan = service.plan(f, hashOf(f), {});
        QVERIFY(!plan);
        QCOMPARE(plan.error().code(), ErrorCode::CurrencyMismatch);
        QVERIFY(plan.error().message().contains(QStringLiteral("USD")));
    }

    void statementOnlyKeepsLinesOutOfTheBook()
    {
        addAccount(kIbanA, QStringLiteral("Nostro"));
        ImportOptions options;
        options.statementOnly = true;
        const auto f = statementFor(kIbanA, {entry(QDate(2026, 3, 1), "-12.50", QStringLiteral("Fee")),
                                             entry(QDate(2026, 3, 1), "250.00", QStringLiteral("Incoming"))});
        auto done = importNow(f, options);
        QVERIFY(done);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM statement_lines WHERE decision = 'statement'")), 2);
        auto again = importNow(f, options);
        QVERIFY(again);
        QCOMPARE(again->rowsDuplicate, 2);
    }

    void rulesCategoriseNewLines()
    {
        addAccount(kIbanA, QStringLiteral("Main"));
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO categories (id, name, kind) VALUES (901, 'Coffee', 'expense')")));
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO category_rules (name, field, condition, value, category_id, priority) "
                                          "VALUES ('coffee', 'description', 'contains', 'COFFEE', 901, 10)")));
        auto done = importNow(statementFor(kIbanA, {entry(QDate(2026, 3, 1), "-2.40", QStringLiteral("Morning coffee")),
                                                    entry(QDate(2026, 3, 1), "-9.99", QStringLiteral("Books"))}));
        QVERIFY(done);
        QCOMPARE(scalar(QStringLiteral("SELECT category_id FROM transactions WHERE description = 'Morning coffee'")), 901);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE category_id IS NULL")), 1);
    }
};

QTEST_GUILESS_MAIN(TestImportService)
#include "TestImportService.moc"
