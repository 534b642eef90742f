#include "audit/AuditLog.h"
#include "auth/AuthService.h"
#include "ingest/ImportService.h"
#include "ingest/StatementReader.h"
#include "ledger/Reconciliation.h"
#include "support/Statements.h"
#include "support/TestDatabase.h"
#include "support/Workstation.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace flowlet;
using namespace flowlet::ingest;
using flowlet::test::TestDatabase;
using flowlet::test::eur;

namespace {

const QString kIban = QStringLiteral("NL91ABNA0417164300");

QDate march(int day)
{
    return QDate(2026, 3, day);
}

StatementEntry entry(const QDate& date, const char* amount, const QString& text, const QString& reference = {})
{
    StatementEntry e = test::statementEntry(date, amount, text);
    e.reference = reference;
    return e;
}

// A statement of the account's whole March so far; the closing balance is the opening plus the
// entries unless given.
StatementFile statementOf(QList<StatementEntry> entries, const char* opening, const char* closing = nullptr)
{
    StatementFile f = test::statementFile(kIban, std::move(entries), QStringLiteral("march.xml"));
    Statement& st = f.statements.first();
    st.from = march(1);
    st.to = march(7);
    st.closingDate = march(7);
    Money sum = eur(opening);
    for (const StatementEntry& e : std::as_const(st.entries)) {
        sum = *sum.plus(e.amount);
    }
    st.openingBalance = eur(opening);
    st.closingBalance = closing ? eur(closing) : sum;
    return f;
}

QString why(const Status& s)
{
    return s ? QString() : s.error().message();
}

template <typename T>
QString why(const Result<T>& r)
{
    return r ? QString() : r.error().message();
}

} // namespace

class TestReconciliation : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    const Actor m_actor {std::nullopt, QStringLiteral("tester"), std::nullopt};
    QString m_role; // a workstation role to drop after the test (roles outlive databases)

    qint64 scalar(const QString& sql, const QVariantList& bindings = {})
    {
        auto q = m_db->exec(sql, bindings);
        if (!q || !q->next()) {
            qWarning() << (q ? QStringLiteral("no row") : q.error().message());
            return -1;
        }
        return q->value(0).toLongLong();
    }

    QString text(const QString& sql, const QVariantList& bindings = {})
    {
        auto q = m_db->exec(sql, bindings);
        return q && q->next() ? q->value(0).toString() : QString();
    }

    qint64 addAccount(const char* opening)
    {
        auto q = m_db->exec(QStringLiteral("INSERT INTO accounts (kind, name, iban, currency, opening_balance_micros) "
                                           "VALUES ('own', 'Nostro', ?, 'EUR', ?) RETURNING id"),
                            {kIban, *eur(opening).toMicros()});
        const qint64 id = q && q->next() ? q->value(0).toLongLong() : -1;
        if (q) {
            q->finish();
        }
        return id;
    }

    // A transaction entered by hand: the book the statement is reconciled against.
    qint64 addBook(qint64 account, const QDate& date, const char* amount, const QString& description,
                   const QString& reference = {})
    {
        return test::addBookEntry(*m_db, account, date, eur(amount), description, reference);
    }

    qint64 importStatementOnly(qint64 account, const StatementFile& f)
    {
        ImportService service(m_db, m_actor);
        ImportOptions options;
        options.statementOnly = true;
        options.accountId = account;
        static int n = 0;
        auto plan = service.plan(f, ImportService::fileHash(QByteArray::number(++n)), options);
        if (!plan) {
            qWarning() << plan.error().message();
            return -1;
        }
        auto done = service.commit(*plan);
        if (!done) {
            qWarning() << done.error().message();
            return -1;
        }
        return done->batchIds.first();
    }

    QString stateOf(qint64 transaction)
    {
        return text(QStringLiteral("SELECT reconcile_state FROM transactions WHERE id = ?"), {transaction});
    }

    // The match that holds a book transaction.
    qint64 matchOf(qint64 transaction)
    {
        return scalar(QStringLiteral("SELECT match_id FROM reconciliation_match_items WHERE transaction_id = ?"),
                      {transaction});
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
        if (!m_role.isEmpty()) {
            m_tdb->ownerExec(QStringLiteral("DROP OWNED BY \"%1\"").arg(m_role));
        }
        m_db.reset();
        m_tdb.reset();
        if (!m_role.isEmpty()) {
            QSqlDatabase admin = QSqlDatabase::database(QStringLiteral("flowlet-test-admin-"), false);
            QSqlQuery(admin).exec(QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(m_role));
            m_role.clear();
        }
    }

    void importedSampleReconcilesAndLocks()
    {
        const QString path = QStringLiteral(FLOWLET_SAMPLES_DIR "/camt/genkgo-camt__camt053.v2.minimal.xml");
        auto bytes = readStatementBytes(path);
        QVERIFY2(bytes, qPrintable(why(bytes)));
        auto file = readStatement(*bytes, QStringLiteral("genkgo-camt__camt053.v2.minimal.xml"));
        QVERIFY2(file, qPrintable(why(file)));
        ImportService importer(m_db, m_actor);
        ImportOptions options;
        options.createMissingAccounts = true;
        auto plan = importer.plan(*file, ImportService::fileHash(*bytes), options);
        QVERIFY2(plan, qPrintable(why(plan)));
        auto imported = importer.commit(*plan);
        QVERIFY2(imported, qPrintable(why(imported)));
        const qint64 batch = imported->batchIds.first();
        const qint64 account = scalar(QStringLiteral("SELECT account_id FROM import_batches WHERE id = ?"), {batch});
        const qint64 tx = scalar(QStringLiteral("SELECT id FROM transactions WHERE import_batch_id = ?"), {batch});

        Reconciliation rec(m_db, m_actor);
        // The file's closing balance is in SEK on a EUR account, so the reader left it out: the
        // user has to enter the one printed on the statement.
        auto refused = rec.start(account, batch);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::InvalidArgument);
        QVERIFY2(refused.error().message().contains(QStringLiteral("closing balance")),
                 qPrintable(refused.error().message()));
        auto session = rec.start(account, batch, {}, eur("27.00"));
        QVERIFY2(session, qPrintable(why(session)));

        auto loaded = rec.load(*session);
        QVERIFY(loaded);
        QCOMPARE(loaded->statementDate, QDate(2014, 12, 31));
        QCOMPARE(loaded->closingBalance, eur("27.00"));
        QCOMPARE(loaded->openingBalance, std::optional<Money>(eur("18.15")));

        auto matched = rec.autoMatch(*session);
        QVERIFY2(matched, qPrintable(why(matched)));
        QCOMPARE(matched->exact, 1);
        QCOMPARE(matched->suggested, 0);
        QCOMPARE(stateOf(tx), QStringLiteral("cleared"));

        auto summary = rec.summary(*session);
        QVERIFY2(summary, qPrintable(why(summary)));
        QCOMPARE(summary->accountOpening, eur("18.15"));
        QCOMPARE(summary->clearedBalance, eur("27.00"));
        QVERIFY(summary->difference.isZero());
        QCOMPARE(summary->statementLines, 1);
        QCOMPARE(summary->statementMatched, 1);
        QCOMPARE(summary->statementUnmatched, 0);
        QVERIFY(summary->canFinish());

        auto finished = rec.finish(*session);
        QVERIFY2(finished, qPrintable(why(finished)));
        QCOMPARE(stateOf(tx), QStringLiteral("reconciled"));
        QCOMPARE(scalar(QStringLiteral("SELECT reconciliation_id FROM transactions WHERE id = ?"), {tx}), *session);
        QCOMPARE(text(QStringLiteral("SELECT status FROM reconciliation_sessions WHERE id = ?"), {*session}),
                 QStringLiteral("finished"));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'reconciliation.finished' "
                                       "AND object_id = ?"),
                        {QString::number(*session)}),
                 1);
        const QString audited = text(QStringLiteral("SELECT CAST(after AS TEXT) FROM audit_log WHERE action = "
                                                    "'reconciliation.finished'"));
        QVERIFY2(audited.contains(QStringLiteral("27.00")) &&
                     audited.contains(QStringLiteral("transactions_reconciled")),
                 qPrintable(audited));
        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified && !verified->firstBroken);

        // Locked: every change is refused, and the figures stay as they were.
        const qint64 match = matchOf(tx);
        const auto locked = [](const Error& e) {
            return e.code() == ErrorCode::PermissionDenied && e.message().contains(QStringLiteral("locked"));
        };
        QVERIFY(locked(rec.unmatch(match).error()));
        QVERIFY(locked(rec.setCleared(*session, tx, false).error()));
        QVERIFY(locked(rec.finish(*session).error()));
        QVERIFY(locked(rec.autoMatch(*session).error()));
        QVERIFY(locked(rec.manualMatch(*session, {{batch, 1}}, {tx}).error()));
        QCOMPARE(stateOf(tx), QStringLiteral("reconciled"));
        auto after = rec.summary(*session);
        QVERIFY(after && after->finished && after->difference.isZero() && !after->canFinish());
        QCOMPARE(after->clearedBalance, eur("27.00"));
        // The statement cannot be reconciled twice, nor its import undone.
        auto again = rec.start(account, batch, {}, eur("27.00"));
        QVERIFY(!again);
        QVERIFY2(again.error().message().contains(QStringLiteral("reconciled already")),
                 qPrintable(again.error().message()));
        QVERIFY(!importer.undo(batch));
    }

    void statementOnlyAgainstTheBook()
    {
        const qint64 account = addAccount("1000.00");
        const qint64 supplies = addBook(account, march(2), "-45.99", QStringLiteral("Office supplies"));
        const qint64 invoice =
            addBook(account, march(3), "1500.00", QStringLiteral("ACME invoice 17"), QStringLiteral("INV-17"));
        const qint64 partA = addBook(account, march(4), "-100.00", QStringLiteral("Supplier A"));
        const qint64 partB = addBook(account, march(4), "-200.00", QStringLiteral("Supplier B"));
        const qint64 transfer = addBook(account, march(6), "50.00", QStringLiteral("Refund"));
        const qint64 cheque = addBook(account, march(7), "-75.00", QStringLiteral("Cheque 1001"));
        const qint64 older = addBook(account, QDate(2026, 2, 20), "-10.00", QStringLiteral("February cheque"));

        const qint64 batch = importStatementOnly(
            account,
            statementOf({entry(march(2), "-45.99", QStringLiteral("Office supplies")),
                         entry(march(5), "1500.00", QStringLiteral("ACME GmbH"), QStringLiteral("INV-17")),
                         entry(march(4), "-300.00", QStringLiteral("Collective debit")),
                         entry(march(6), "20.00", QStringLiteral("Refund part 1")),
                         entry(march(6), "30.00", QStringLiteral("Refund part 2")),
                         entry(march(7), "-12.50", QStringLiteral("Account fee"))},
                        "1000.00"));
        QVERIFY(batch > 0);
        QCOMPARE(scalar(QStringLiteral("SELECT closing_balance_micros FROM import_batches WHERE id = ?"), {batch}),
                 *eur("2191.51").toMicros());

        Reconciliation rec(m_db, m_actor);
        auto session = rec.start(account, batch);
        QVERIFY2(session, qPrintable(why(session)));
        auto matched = rec.autoMatch(*session);
        QVERIFY2(matched, qPrintable(why(matched)));
        QCOMPARE(matched->statementLines, 6);
        QCOMPARE(matched->exact, 1);
        QCOMPARE(matched->tolerance, 1);
        QCOMPARE(matched->oneToMany, 1);
        QCOMPARE(matched->manyToOne, 1);
        QCOMPARE(matched->suggested, 3);
        QCOMPARE(stateOf(supplies), QStringLiteral("cleared"));
        QCOMPARE(stateOf(invoice), QStringLiteral("new")); // suggested only
        QCOMPARE(matchOf(partA), matchOf(partB));
        QCOMPARE(text(QStringLiteral("SELECT kind FROM reconciliation_matches WHERE id = ?"), {matchOf(partA)}),
                 QStringLiteral("one_to_many"));
        QCOMPARE(text(QStringLiteral("SELECT kind FROM reconciliation_matches WHERE id = ?"), {matchOf(transfer)}),
                 QStringLiteral("many_to_one"));
        QCOMPARE(text(QStringLiteral("SELECT kind FROM reconciliation_matches WHERE id = ?"), {matchOf(invoice)}),
                 QStringLiteral("tolerance"));

        auto summary = rec.summary(*session);
        QVERIFY2(summary, qPrintable(why(summary)));
        QCOMPARE(summary->clearedBalance, eur("954.01"));
        QCOMPARE(summary->statementClosing, eur("2191.51"));
        QCOMPARE(summary->difference, eur("1237.50"));
        QCOMPARE(summary->suggestedAmount, eur("1250.00"));
        QCOMPARE(summary->matchesSuggested, 3);
        QCOMPARE(summary->statementMatched, 1);
        QCOMPARE(summary->statementSuggested, 4);
        QCOMPARE(summary->statementUnmatched, 1); // the fee
        QCOMPARE(summary->bookSuggested, 4);
        QCOMPARE(summary->bookUnmatched, 1);   // the cheque
        QCOMPARE(summary->bookOutstanding, 1); // February's cheque

        auto refused = rec.finish(*session);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::InvalidArgument);
        QVERIFY2(refused.error().message().contains(QStringLiteral("954.01")) &&
                     refused.error().message().contains(QStringLiteral("2,191.51")) &&
                     refused.error().message().contains(QStringLiteral("1,237.50")),
                 qPrintable(refused.error().message()));

        auto review = rec.items(*session);
        QVERIFY2(review, qPrintable(why(review)));
        QCOMPARE(review->matchedTotal, 1);
        QCOMPARE(review->suggestedTotal, 3);
        QCOMPARE(review->suggested.size(), 3);
        for (const MatchView& m : std::as_const(review->suggested)) {
            QVERIFY(!m.statement.isEmpty() && !m.book.isEmpty());
            MoneyRaw lines = 0, book = 0;
            for (const StatementLineView& l : m.statement) {
                lines += *l.amount.toMicros();
            }
            for (const BookEntryView& b : m.book) {
                book += *b.amount.toMicros();
            }
            QVERIFY(lines == book);
        }
        QCOMPARE(review->unmatchedStatement.size(), 1);
        QCOMPARE(review->unmatchedStatement.first().amount, eur("-12.50"));
        QCOMPARE(review->unmatchedStatement.first().key.lineNo, 6);
        QCOMPARE(review->unmatchedBook.size(), 1);
        QCOMPARE(review->unmatchedBook.first().id, cheque);
        ReviewQuery everything;
        everything.includeOutstanding = true;
        auto withOlder = rec.items(*session, everything);
        QVERIFY(withOlder);
        QCOMPARE(withOlder->unmatchedBookTotal, 2);
        QCOMPARE(withOlder->unmatchedBook.first().id, older);

        for (const MatchView& m : std::as_const(review->suggested)) {
            QVERIFY(rec.accept(m.id));
        }
        QCOMPARE(stateOf(invoice), QStringLiteral("cleared"));
        summary = rec.summary(*session);
        QVERIFY(summary);
        QCOMPARE(summary->difference, eur("-12.50"));
        QVERIFY(!rec.finish(*session));

        // The fee is not in the book yet: enter it, then pair it by hand. A pair that does not add
        // up is refused.
        auto wrong = rec.manualMatch(*session, {{batch, 6}}, {cheque});
        QVERIFY(!wrong);
        QVERIFY2(wrong.error().message().contains(QStringLiteral("add up")), qPrintable(wrong.error().message()));
        const qint64 fee = addBook(account, march(7), "-12.50", QStringLiteral("Bank fee March"));
        auto manual = rec.manualMatch(*session, {{batch, 6}}, {fee});
        QVERIFY2(manual, qPrintable(why(manual)));
        QVERIFY(!rec.manualMatch(*session, {{batch, 6}}, {cheque})); // the line is taken

        summary = rec.summary(*session);
        QVERIFY(summary);
        QVERIFY(summary->difference.isZero());
        QVERIFY(summary->canFinish());
        auto finished = rec.finish(*session);
        QVERIFY2(finished, qPrintable(why(finished)));
        for (qint64 id : {supplies, invoice, partA, partB, transfer, fee}) {
            QCOMPARE(stateOf(id), QStringLiteral("reconciled"));
        }
        QCOMPARE(stateOf(cheque), QStringLiteral("new"));
        QCOMPARE(stateOf(older), QStringLiteral("new"));
        QCOMPARE(
            scalar(QStringLiteral(
                       "SELECT count(*) FROM reconciliation_matches WHERE session_id = ? AND state = 'reconciled'"),
                   {*session}),
            5);
        // Every decision is in the audit trail, each with what it changed; refused attempts are not.
        QStringList actions;
        auto q = m_db->exec(QStringLiteral("SELECT action FROM audit_log WHERE action LIKE 'reconciliation.%' ORDER BY id"));
        while (q && q->next()) {
            actions << q->value(0).toString();
        }
        QCOMPARE(actions, (QStringList{QStringLiteral("reconciliation.started"), QStringLiteral("reconciliation.auto_matched"),
                                       QStringLiteral("reconciliation.match_accepted"),
                                       QStringLiteral("reconciliation.match_accepted"),
                                       QStringLiteral("reconciliation.match_accepted"),
                                       QStringLiteral("reconciliation.match_made"), QStringLiteral("reconciliation.finished")}));
        const QString accepted = text(QStringLiteral("SELECT before || ' -> ' || after FROM audit_log WHERE object_id = ? "
                                                     "AND action = 'reconciliation.match_accepted'"),
                                      {QString::number(matchOf(invoice))});
        QVERIFY2(accepted.contains(QStringLiteral("\"state\":\"suggested\"")) &&
                     accepted.contains(QStringLiteral("-> {\"book\":\"%1\"").arg(invoice)) &&
                     accepted.contains(QStringLiteral("\"state\":\"cleared\"")),
                 qPrintable(accepted));
        QVERIFY(AuditLog::verify(*m_db)->firstBroken == std::nullopt);
    }

    void undecidedSuggestionsBlockFinishingAndRejectionsAreRemembered()
    {
        const qint64 account = addAccount("500.00");
        const qint64 early = addBook(account, march(3), "-20.00", QStringLiteral("Taxi"));
        const qint64 ticked = addBook(account, march(1), "-20.00", QStringLiteral("Parking"));
        // The statement's line is two days after the taxi: a suggestion, not an exact match.
        const qint64 batch = importStatementOnly(
            account, statementOf({entry(march(5), "-20.00", QStringLiteral("Card payment"))}, "500.00"));
        QVERIFY(batch > 0);
        Reconciliation rec(m_db, m_actor);
        MatcherSettings strict;
        strict.dateToleranceDays = 3;
        strict.groupWindowDays = 1;
        auto session = rec.start(account, batch, strict);
        QVERIFY2(session, qPrintable(why(session)));
        auto matched = rec.autoMatch(*session);
        QVERIFY(matched);
        QCOMPARE(matched->suggested, 1);
        const qint64 suggestion = matchOf(early);
        QVERIFY(suggestion > 0);

        // Ticking the parking by hand brings the difference to zero, yet the suggestion is open.
        QVERIFY(!rec.setCleared(*session, early, true)); // part of a match
        QVERIFY2(rec.setCleared(*session, ticked, true), "tick");
        auto summary = rec.summary(*session);
        QVERIFY(summary && summary->difference.isZero());
        QVERIFY(!summary->canFinish());
        auto refused = rec.finish(*session);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().contains(QStringLiteral("undecided")),
                 qPrintable(refused.error().message()));

        QVERIFY(rec.reject(suggestion));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM reconciliation_matches WHERE session_id = ?"), {*session}),
                 0);
        // The rejection is audited with what was suggested.
        QVERIFY(text(QStringLiteral("SELECT before FROM audit_log WHERE action = 'reconciliation.match_rejected' "
                                    "AND object_id = ?"),
                     {QString::number(suggestion)})
                    .contains(QStringLiteral("\"state\":\"suggested\"")));
        auto again = rec.autoMatch(*session);
        QVERIFY(again);
        QCOMPARE(again->skippedRejected, 1);
        QCOMPARE(again->suggested, 0);
        QVERIFY2(rec.finish(*session), "finish");
        QCOMPARE(stateOf(ticked), QStringLiteral("reconciled"));
        QCOMPARE(stateOf(early), QStringLiteral("new"));
    }

    void staleChangeFromAnotherWorkstationIsRefused()
    {
        const qint64 account = addAccount("0.00");
        const qint64 a = addBook(account, march(2), "-10.00", QStringLiteral("A"));
        const qint64 b = addBook(account, march(2), "-11.00", QStringLiteral("B"));
        const qint64 batch = importStatementOnly(account,
                                                 statementOf({entry(march(4), "-10.00", QStringLiteral("A")),
                                                              entry(march(4), "-11.00", QStringLiteral("B"))},
                                                             "0.00"));
        Reconciliation first(m_db, m_actor);
        auto session = first.start(account, batch);
        QVERIFY(session);
        QVERIFY(first.autoMatch(*session));
        const qint64 matchA = matchOf(a), matchB = matchOf(b);
        QVERIFY(matchA > 0 && matchB > 0 && matchA != matchB);

        Reconciliation second(m_db, m_actor); // another workstation
        QVERIFY(first.load(*session));
        QVERIFY(second.load(*session));
        QVERIFY(first.accept(matchA));
        auto stale = second.reject(matchB);
        QVERIFY(!stale);
        QCOMPARE(stale.error().code(), ErrorCode::AlreadyExists);
        QVERIFY2(stale.error().message().contains(QStringLiteral("another workstation")),
                 qPrintable(stale.error().message()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM reconciliation_matches WHERE id = ?"), {matchB}), 1);
        // Having seen the change, the second workstation may go on.
        QVERIFY(second.load(*session));
        QVERIFY(second.accept(matchB));

        // Both ready to finish: one wins, the other is told it was finished meanwhile.
        QVERIFY(first.load(*session));
        QVERIFY(second.load(*session));
        QVERIFY2(first.finish(*session), "first finishes");
        auto late = second.finish(*session);
        QVERIFY(!late);
        QCOMPARE(late.error().code(), ErrorCode::AlreadyExists);
        QVERIFY2(late.error().message().contains(QStringLiteral("finished meanwhile")),
                 qPrintable(late.error().message()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'reconciliation.finished'")), 1);
    }

    void simultaneousChangesOneWins()
    {
        const qint64 account = addAccount("0.00");
        const qint64 a = addBook(account, march(2), "-10.00", QStringLiteral("A"));
        const qint64 b = addBook(account, march(2), "-20.00", QStringLiteral("B"));
        Reconciliation opener(m_db, m_actor);
        auto session = opener.startManual(account, march(7), eur("-30.00"));
        QVERIFY(session);

        // Two workstations that both loaded version 1 tick at the same moment, each on its own
        // thread and connection: exactly one change is taken.
        Reconciliation one(m_db, m_actor), two(m_db, m_actor);
        QVERIFY(one.load(*session));
        QVERIFY(two.load(*session));
        std::atomic_int ready {0};
        Status resultOne, resultTwo;
        const qint64 id = *session;
        const auto racer = [&ready, id](Reconciliation* r, qint64 tx, Status* out) {
            return QThread::create([&ready, id, r, tx, out] {
                ++ready;
                while (ready.load() < 2) {
                    QThread::yieldCurrentThread();
                }
                *out = r->setCleared(id, tx, true);
            });
        };
        std::unique_ptr<QThread> t1(racer(&one, a, &resultOne));
        std::unique_ptr<QThread> t2(racer(&two, b, &resultTwo));
        t1->start();
        t2->start();
        QVERIFY(t1->wait(30000));
        QVERIFY(t2->wait(30000));
        QVERIFY2(resultOne.ok() != resultTwo.ok(), qPrintable(why(resultOne) + u'|' + why(resultTwo)));
        const Status& loser = resultOne.ok() ? resultTwo : resultOne;
        QCOMPARE(loser.error().code(), ErrorCode::AlreadyExists);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE reconcile_state = 'cleared'")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT row_version FROM reconciliation_sessions WHERE id = ?"), {*session}), 2);
    }

    void savedSessionResumes()
    {
        const qint64 account = addAccount("0.00");
        addBook(account, march(2), "-10.00", QStringLiteral("A"));
        addBook(account, march(3), "-20.00", QStringLiteral("B"));
        const qint64 batch = importStatementOnly(account,
                                                 statementOf({entry(march(2), "-10.00", QStringLiteral("A")),
                                                              entry(march(5), "-20.00", QStringLiteral("B"))},
                                                             "0.00"));
        MatcherSettings settings;
        settings.dateToleranceDays = 5;
        settings.amountToleranceMicros = 10'000;
        qint64 id = 0;
        {
            Reconciliation rec(m_db, m_actor);
            auto session = rec.start(account, batch, settings);
            QVERIFY(session);
            id = *session;
            QVERIFY(rec.autoMatch(id));
        }
        // The application was closed; a new one finds the open session with all decisions so far.
        Reconciliation later(m_db, m_actor);
        auto open = later.openSessionFor(account);
        QVERIFY2(open, qPrintable(why(open)));
        QVERIFY(open->has_value());
        QCOMPARE((*open)->id, id);
        QCOMPARE((*open)->batchId, std::optional<qint64>(batch));
        QCOMPARE((*open)->settings.dateToleranceDays, 5);
        QCOMPARE((*open)->settings.amountToleranceMicros, qint64(10'000));
        QCOMPARE((*open)->periodFrom, march(1));
        QVERIFY(!(*open)->finished);
        auto summary = later.summary(id);
        QVERIFY(summary);
        QCOMPARE(summary->matchesCleared, 1);
        QCOMPARE(summary->matchesSuggested, 1);
        // Starting another for the same account points at the open one.
        auto second = later.start(account, batch);
        QVERIFY(!second);
        QCOMPARE(second.error().code(), ErrorCode::AlreadyExists);
        QVERIFY2(second.error().message().contains(QStringLiteral("#%1").arg(id)),
                 qPrintable(second.error().message()));
        auto review = later.items(id);
        QVERIFY(review);
        QVERIFY(later.accept(review->suggested.first().id));
        QVERIFY2(later.finish(id), "finish after resuming");
        auto none = later.openSessionFor(account);
        QVERIFY(none && !none->has_value());
    }

    void paperStatementByTicking()
    {
        const qint64 account = addAccount("100.00");
        QList<qint64> ids;
        for (int i = 0; i < 300; ++i) {
            ids.append(addBook(account, march(1 + i % 7), "-1.00", QStringLiteral("Coffee %1").arg(i)));
        }
        const qint64 later = addBook(account, QDate(2026, 4, 20), "-5.00", QStringLiteral("April"));
        Reconciliation rec(m_db, m_actor);
        auto session = rec.startManual(account, march(7), eur("97.00"));
        QVERIFY2(session, qPrintable(why(session)));
        auto matched = rec.autoMatch(*session);
        QVERIFY(matched && matched->statementLines == 0);

        // The review pages through the book; it never hands out all of it.
        ReviewQuery page;
        page.limit = 50;
        page.offset = 100;
        auto review = rec.items(*session, page);
        QVERIFY2(review, qPrintable(why(review)));
        QCOMPARE(review->unmatchedBook.size(), 50);
        QCOMPARE(review->unmatchedBookTotal, 300);
        QVERIFY(review->unmatchedStatement.isEmpty());

        QVERIFY(!rec.setCleared(*session, later, true)); // after the statement's date
        for (int i = 0; i < 3; ++i) {
            QVERIFY(rec.setCleared(*session, ids.at(i), true));
        }
        QVERIFY(rec.setCleared(*session, ids.at(3), true));
        QVERIFY(rec.setCleared(*session, ids.at(3), false)); // changed one's mind
        // Each tick and untick is in the audit trail, with the entry's state before and after.
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'reconciliation.entry_ticked'")), 4);
        QCOMPARE(text(QStringLiteral("SELECT before || ' -> ' || after FROM audit_log "
                                     "WHERE action = 'reconciliation.entry_unticked' AND object_id = ?"),
                      {QString::number(ids.at(3))}),
                 QStringLiteral("{\"reconcile_state\":\"cleared\",\"reconciliation_id\":\"%1\"} -> "
                                "{\"reconcile_state\":\"new\"}")
                     .arg(*session));
        auto summary = rec.summary(*session);
        QVERIFY(summary);
        QCOMPARE(summary->clearedBalance, eur("97.00"));
        QCOMPARE(summary->bookCleared, 3);
        QVERIFY(summary->canFinish());
        QVERIFY(rec.finish(*session));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE reconcile_state = 'reconciled'")), 3);

        // The next paper statement starts the day after, and counts what was reconciled.
        auto next = rec.startManual(account, QDate(2026, 3, 31), eur("96.00"));
        QVERIFY2(next, qPrintable(why(next)));
        auto loaded = rec.load(*next);
        QVERIFY(loaded);
        QCOMPARE(loaded->periodFrom, march(8));
        QVERIFY(rec.setCleared(*next, ids.at(10), true));
        summary = rec.summary(*next);
        QVERIFY(summary);
        QCOMPARE(summary->reconciledBefore, eur("-3.00"));
        QCOMPARE(summary->clearedBalance, eur("96.00"));
        QCOMPARE(summary->bookOutstanding, 296); // March 1–7, still open
    }

    void statementsOfAnAccountShowWhatIsReconciled()
    {
        const qint64 account = addAccount("100.00");
        addBook(account, march(2), "-40.00", QStringLiteral("Rent"));
        const qint64 march1 = importStatementOnly(
            account, statementOf({entry(march(2), "-40.00", QStringLiteral("Rent"))}, "100.00"));
        const qint64 march2 = importStatementOnly(
            account, statementOf({entry(march(3), "-5.00", QStringLiteral("Fee"))}, "60.00"));
        const qint64 undone = importStatementOnly(
            account, statementOf({entry(march(4), "-7.00", QStringLiteral("Other fee"))}, "55.00"));
        QVERIFY(march1 > 0 && march2 > 0 && undone > 0);
        QVERIFY(ImportService(m_db, m_actor).undo(undone));

        Reconciliation rec(m_db, m_actor);
        auto listed = rec.statementsOf(account);
        QVERIFY2(listed, qPrintable(why(listed)));
        QCOMPARE(listed->size(), 2); // the undone import is not offered
        QCOMPARE(listed->at(0).batchId, march2); // newest first
        QCOMPARE(listed->at(1).batchId, march1);
        const AccountStatement& first = listed->at(1);
        QCOMPARE(first.fileName, QStringLiteral("march.xml"));
        QVERIFY(first.statementOnly);
        QCOMPARE(first.periodFrom, march(1));
        QCOMPARE(first.periodTo, march(7));
        QCOMPARE(first.closingDate, march(7));
        QCOMPARE(first.openingBalance, std::optional<Money>(eur("100.00")));
        QCOMPARE(first.closingBalance, std::optional<Money>(eur("60.00")));
        QVERIFY(!first.openSessionId && !first.finishedSessionId);

        auto session = rec.start(account, march1);
        QVERIFY2(session, qPrintable(why(session)));
        listed = rec.statementsOf(account);
        QVERIFY(listed);
        QCOMPARE(listed->at(1).openSessionId, std::optional<qint64>(*session));
        QVERIFY(!listed->at(0).openSessionId);
        QVERIFY(rec.autoMatch(*session));
        QVERIFY2(rec.finish(*session), "finish");
        listed = rec.statementsOf(account);
        QVERIFY(listed);
        QVERIFY(!listed->at(1).openSessionId);
        QCOMPARE(listed->at(1).finishedSessionId, std::optional<qint64>(*session));
        QVERIFY(!listed->at(0).finishedSessionId);

        auto none = rec.statementsOf(account + 1); // no such account
        QVERIFY(none && none->isEmpty());
    }

    void reviewReadsOneListAndShowsTickedEntries()
    {
        const qint64 account = addAccount("0.00");
        const qint64 rent = addBook(account, march(2), "-40.00", QStringLiteral("Rent"));
        const qint64 taxi = addBook(account, march(3), "-12.00", QStringLiteral("Taxi"));
        const qint64 lunch = addBook(account, march(4), "-8.00", QStringLiteral("Lunch"));
        const qint64 batch = importStatementOnly(
            account, statementOf({entry(march(2), "-40.00", QStringLiteral("Rent")),
                                  entry(march(6), "-12.00", QStringLiteral("Card payment"))},
                                 "0.00"));
        QVERIFY(batch > 0);
        Reconciliation rec(m_db, m_actor);
        MatcherSettings strict;
        strict.dateToleranceDays = 1;
        strict.groupWindowDays = 1;
        auto session = rec.start(account, batch, strict);
        QVERIFY2(session, qPrintable(why(session)));
        auto matched = rec.autoMatch(*session);
        QVERIFY(matched && matched->exact == 1 && matched->suggested == 0);
        // The card payment was the taxi: ticked by hand rather than paired.
        QVERIFY2(rec.setCleared(*session, taxi, true), "tick");

        // One list at a time: the others stay empty and are not counted.
        ReviewQuery lines;
        lines.only = ReviewList::UnmatchedStatement;
        auto onlyLines = rec.items(*session, lines);
        QVERIFY2(onlyLines, qPrintable(why(onlyLines)));
        QCOMPARE(onlyLines->unmatchedStatementTotal, 1);
        QCOMPARE(onlyLines->unmatchedStatement.first().amount, eur("-12.00"));
        QVERIFY(onlyLines->matched.isEmpty() && onlyLines->matchedTotal == 0);
        QVERIFY(onlyLines->unmatchedBook.isEmpty() && onlyLines->unmatchedBookTotal == 0);
        ReviewQuery matches;
        matches.only = ReviewList::Matched;
        auto onlyMatches = rec.items(*session, matches);
        QVERIFY(onlyMatches);
        QCOMPARE(onlyMatches->matchedTotal, 1);
        QCOMPARE(onlyMatches->matched.first().book.first().id, rent);
        QVERIFY(onlyMatches->unmatchedStatement.isEmpty() && onlyMatches->unmatchedStatementTotal == 0);

        // The ticked taxi leaves the open entries, and comes back marked cleared when asked for.
        ReviewQuery book;
        book.only = ReviewList::UnmatchedBook;
        auto open = rec.items(*session, book);
        QVERIFY(open);
        QCOMPARE(open->unmatchedBookTotal, 1);
        QCOMPARE(open->unmatchedBook.first().id, lunch);
        book.includeTicked = true;
        auto withTicked = rec.items(*session, book);
        QVERIFY2(withTicked, qPrintable(why(withTicked)));
        QCOMPARE(withTicked->unmatchedBookTotal, 2);
        QCOMPARE(withTicked->unmatchedBook.size(), 2);
        QCOMPARE(withTicked->unmatchedBook.at(0).id, taxi); // booking order
        QCOMPARE(withTicked->unmatchedBook.at(0).state, ReconcileState::Cleared);
        QCOMPARE(withTicked->unmatchedBook.at(1).id, lunch);
        QCOMPARE(withTicked->unmatchedBook.at(1).state, ReconcileState::New);
        book.offset = 1;
        book.limit = 1;
        auto second = rec.items(*session, book);
        QVERIFY(second);
        QCOMPARE(second->unmatchedBook.size(), 1);
        QCOMPARE(second->unmatchedBook.first().id, lunch);
        QCOMPARE(second->unmatchedBookTotal, 2);

        auto summary = rec.summary(*session);
        QVERIFY(summary && summary->difference.isZero() && summary->canFinish());
        QVERIFY2(rec.finish(*session), "finish");
        book.offset = 0;
        book.limit = 10;
        auto finished = rec.items(*session, book);
        QVERIFY(finished);
        QCOMPARE(finished->unmatchedBook.first().id, taxi);
        QCOMPARE(finished->unmatchedBook.first().state, ReconcileState::Reconciled);
        QCOMPARE(finished->unmatchedBookTotal, 2);
    }

    void onlyThoseWhoReconcileChangeASession()
    {
        // An auditor may look but not reconcile; the service refuses on every backend.
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO staff_users (username, display_name, password_hash, role_id) "
                                          "SELECT 'aude', 'Aude', 'x', id FROM roles WHERE code = 'auditor'")));
        const Actor aude{scalar(QStringLiteral("SELECT id FROM staff_users WHERE username = 'aude'")),
                         QStringLiteral("aude"), std::nullopt};
        const qint64 account = addAccount("100.00");
        const qint64 rent = addBook(account, march(2), "-40.00", QStringLiteral("Rent"));
        Reconciliation asAude(m_db, aude);
        auto refused = asAude.startManual(account, march(31), eur("60.00"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM reconciliation_sessions")), 0);

        auto session = Reconciliation(m_db, m_actor).startManual(account, march(31), eur("60.00"));
        QVERIFY(session);
        QCOMPARE(asAude.setCleared(*session, rent, true).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(stateOf(rent), QStringLiteral("new"));
    }

    void throughTheWorkstationRole()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("row-level security is PostgreSQL's");
        }
        // An analyst signs in at a workstation that connects as the low-privilege role: every row
        // the reconciliation reads or writes passes the server's policies, and the audit entry
        // names the signed-in user (the server takes it from the bound session).
        const QString password = QStringLiteral("reconcile every friday");
        QVERIFY(AuthService(m_db).createEnrolledUsers({{QStringLiteral("finance"),
                                                        QStringLiteral("Felix Finance"),
                                                        {},
                                                        QStringLiteral("finance_analyst"),
                                                        password}}));
        test::Workstation ws = test::openWorkstation(*m_tdb, *m_db);
        m_role = ws.role;
        QVERIFY2(ws.db, qPrintable(ws.error));
        const DatabasePtr workstation = ws.db;
        AuthService auth(workstation);
        QVERIFY(auth.serverEnforced());
        auto signedIn = test::signInAtWorkstation(workstation, QStringLiteral("finance"), password);
        QVERIFY2(signedIn, qPrintable(why(signedIn)));

        const qint64 account = addAccount("100.00");
        const qint64 rent = addBook(account, march(2), "-40.00", QStringLiteral("Rent"));
        const qint64 sale = addBook(account, march(3), "25.00", QStringLiteral("Sale"));
        const qint64 batch = importStatementOnly(account,
                                                 statementOf({entry(march(2), "-40.00", QStringLiteral("Rent")),
                                                              entry(march(5), "25.00", QStringLiteral("Sale"))},
                                                             "100.00"));
        QVERIFY(batch > 0);

        Reconciliation rec(workstation, Actor {signedIn->userId, signedIn->username, std::nullopt});
        auto session = rec.start(account, batch);
        QVERIFY2(session, qPrintable(why(session)));
        auto matched = rec.autoMatch(*session);
        QVERIFY2(matched, qPrintable(why(matched)));
        QCOMPARE(matched->exact, 1);
        QCOMPARE(matched->suggested, 1);
        auto review = rec.items(*session);
        QVERIFY2(review, qPrintable(why(review)));
        QCOMPARE(review->suggested.size(), 1);
        QVERIFY2(rec.accept(review->suggested.first().id), "accept");
        auto finished = rec.finish(*session);
        QVERIFY2(finished, qPrintable(why(finished)));
        QCOMPARE(stateOf(rent), QStringLiteral("reconciled"));
        QCOMPARE(stateOf(sale), QStringLiteral("reconciled"));
        QCOMPARE(scalar(QStringLiteral("SELECT actor_id FROM audit_log WHERE action = 'reconciliation.finished'")),
                 signedIn->userId);
        // What the panel reads passes the policies too.
        auto listed = rec.statementsOf(account);
        QVERIFY2(listed, qPrintable(why(listed)));
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().finishedSessionId, std::optional<qint64>(*session));
        ReviewQuery bookOnly;
        bookOnly.only = ReviewList::UnmatchedBook;
        bookOnly.includeTicked = true;
        auto book = rec.items(*session, bookOnly);
        QVERIFY2(book, qPrintable(why(book)));
        QCOMPARE(book->unmatchedBookTotal, 0);
        auto locked = rec.setCleared(*session, rent, false);
        QCOMPARE(locked.error().code(), ErrorCode::PermissionDenied);
        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified && !verified->firstBroken);

        // Signed out, the workstation sees no reconciliation at all.
        QVERIFY(auth.logout(*signedIn));
        QCOMPARE(rec.load(*session).error().code(), ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestReconciliation)
#include "TestReconciliation.moc"
