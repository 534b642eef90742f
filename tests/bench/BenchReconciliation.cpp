// Benchmark: reconciling a 10,000-line bank statement against an account with 1,000,000 open book
// transactions. `--setup` fills the database once (the book through COPY, the statement through
// the real statement-only import); a run then times start + autoMatch + summary as a workstation
// does them, prints the figures beside the target and the peak memory of the run, and finally
// times the matcher alone, in memory, on the same statement against the whole book.
// Timings are printed, never asserted.
//   bench_reconciliation --db URL [--size small|full] --setup
//   bench_reconciliation --db URL [--size small|full]

#include "core/Money.h"
#include "BenchSupport.h"
#include "db/BulkWriter.h"
#include "db/Migrator.h"
#include "ingest/ImportService.h"
#include "ledger/Reconciliation.h"
#include "ledger/ReconciliationMatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>

#include <cstdio>

using namespace flowlet;

namespace {

const QString kIban = QStringLiteral("DE02120300000000202051");
const QDate kEpoch(1970, 1, 1);
constexpr int kBookDays = 365;

struct Size
{
    int book;
    int lines;
};

struct BookRow
{
    qint64 day;
    qint64 amount;
    QByteArray externalId;
    QByteArray text;
};

struct Line
{
    qint64 day;
    qint64 amount;
    QString bankId;
    QString text;
};

// The book and a statement derived from its most recent entries, the same on every call (a
// fixed seed): most lines are copies, some a day or two late, some one line for several entries
// or several lines for one, and some on one side only.
struct Data
{
    QList<BookRow> book;
    QList<Line> lines;  // in booking order
    qint64 opening = 0; // the balance before the statement's first entry
};

Data generate(const Size& size)
{
    Data out;
    QRandomGenerator rng(20260307);
    const qint64 firstDay = kEpoch.daysTo(QDate(2025, 3, 8));
    out.book.reserve(size.book);
    static const char* const names[] = {"Acme Supplies", "Northwind",      "Contoso Ltd",      "Globex",
                                        "Initech",       "Umbrella Corp",  "Stark Industries", "Wayne Enterprises",
                                        "Hooli",         "Vandelay Import"};
    for (int i = 0; i < size.book; ++i) {
        BookRow r;
        r.day = firstDay + qint64(i) * kBookDays / size.book;
        const qint64 cents = 100 + qint64(rng.bounded(500'000));
        r.amount = (rng.bounded(2) == 0 ? -cents : cents) * 10'000;
        if (rng.bounded(10) < 3) {
            r.externalId = "BK" + QByteArray::number(i);
        }
        r.text = QByteArray(names[rng.bounded(10)]) + " invoice " + QByteArray::number(rng.bounded(100'000));
        out.book.append(std::move(r));
    }

    // Walk back from the newest entry until the statement is full.
    QList<Line> reversed;
    int i = size.book - 1;
    while (reversed.size() < size.lines && i >= 1) {
        const BookRow& b = out.book.at(i);
        const int fate = int(rng.bounded(1000));
        if (fate < 20) { // in the book, not yet on the statement
            --i;
            continue;
        }
        if (fate < 30) { // on the statement only: a bank fee
            reversed.append({b.day, -qint64(10 + rng.bounded(2500)) * 10'000, {}, QStringLiteral("Account fee")});
            continue;
        }
        if (fate < 60) { // one collective line for 2–3 entries of the same sign
            const int want = 2 + int(rng.bounded(2));
            qint64 sum = 0;
            int taken = 0;
            while (taken < want && i - taken >= 0 && (out.book.at(i - taken).amount > 0) == (b.amount > 0)) {
                sum += out.book.at(i - taken).amount;
                ++taken;
            }
            if (taken >= 2) {
                reversed.append({b.day, sum, {}, QStringLiteral("Collective booking")});
                i -= taken;
                continue;
            }
        } else if (fate < 80) { // one entry the bank split into 2–3 lines
            const int parts = 2 + int(rng.bounded(2));
            qint64 left = b.amount;
            for (int p = 0; p < parts; ++p) {
                const qint64 part = p + 1 == parts ? left : b.amount / parts;
                reversed.append({b.day, part, {}, QString::fromUtf8(b.text)});
                left -= part;
            }
            --i;
            continue;
        } else if (fate < 130) { // booked by the bank a day or two later
            reversed.append({b.day + 1 + rng.bounded(2), b.amount, {}, QString::fromUtf8(b.text)});
            --i;
            continue;
        }
        reversed.append({b.day, b.amount, QString::fromLatin1(b.externalId), QString::fromUtf8(b.text)});
        --i;
    }
    for (int k = 0; k <= i; ++k) {
        out.opening += out.book.at(k).amount;
    }
    out.lines = QList<Line>(reversed.crbegin(), reversed.crend());
    std::stable_sort(out.lines.begin(), out.lines.end(), [](const Line& a, const Line& b) { return a.day < b.day; });
    return out;
}

QString count(qint64 n)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(n);
}

QString money(const Money& m)
{
    return m.toDisplayString(QLocale(QLocale::English, QLocale::UnitedStates));
}

double seconds(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

int fail(const Error& e, const char* what)
{
    std::fprintf(stderr, "bench_reconciliation: %s: %s\n", what, qPrintable(e.message()));
    return 1;
}

Result<qint64> scalar(Database& db, const QString& sql, const QVariantList& bindings = {})
{
    auto q = db.exec(sql, bindings);
    if (!q) {
        return q.error();
    }
    if (!q->next()) {
        return Error(ErrorCode::NotFound, QStringLiteral("no row: ") + sql);
    }
    return q->value(0).toLongLong();
}

int setup(const DatabasePtr& db, const Size& size)
{
    if (auto m = Migrator::migrate(*db); !m) {
        return fail(m.error(), "migrating");
    }
    if (auto existing = scalar(*db, QStringLiteral("SELECT count(*) FROM accounts WHERE iban = ?"), {kIban});
        existing && *existing > 0) {
        std::printf("  the benchmark data is there already\n");
        return 0;
    }
    QElapsedTimer timer;
    timer.start();
    const Data data = generate(size);
    const Actor actor {std::nullopt, QStringLiteral("bench"), std::nullopt};
    const SqlDialect& d = db->dialect();
    qint64 account = 0;
    auto loaded = db->transaction([&](QSqlDatabase& c) -> Status {
        // The balance before the statement is carried as the account's opening balance, as if the
        // history had been reconciled: the figures printed are then this statement's own. The
        // history itself stays open, so the engine still faces a million open book entries.
        auto a =
            Database::execOn(c,
                             QStringLiteral("INSERT INTO accounts (kind, name, iban, currency, opening_balance_micros) "
                                            "VALUES ('own', 'Nostro (benchmark)', ?, 'EUR', ?) RETURNING id"),
                             {kIban, data.opening});
        if (!a || !a->next()) {
            return a ? Status(Error(ErrorCode::DatabaseQuery, QStringLiteral("no account"))) : Status(a.error());
        }
        account = a->value(0).toLongLong();
        a->finish();
        auto deferred = DeferredIndexes::drop(d, c, QStringLiteral("transactions"));
        if (!deferred) {
            return deferred.error();
        }
        auto writer = BulkWriter::create(d, c, QStringLiteral("transactions"),
                                         {QStringLiteral("account_id"), QStringLiteral("occurred_at"),
                                          QStringLiteral("booking_date"), QStringLiteral("amount_micros"),
                                          QStringLiteral("currency"), QStringLiteral("description"),
                                          QStringLiteral("external_id"), QStringLiteral("source")});
        if (!writer) {
            return writer.error();
        }
        for (const BookRow& r : data.book) {
            BulkWriter& w = **writer;
            w.addInt(account);
            w.addTimestamp(r.day * 86400 + 43200);
            w.addDate(r.day);
            w.addInt(r.amount);
            w.addText("EUR");
            w.addText(r.text);
            w.addOptionalText(r.externalId);
            w.addText("manual");
            if (auto s = w.endRow(); !s) {
                return s;
            }
        }
        if (auto s = (*writer)->finish(); !s) {
            return s;
        }
        return deferred->recreate(c);
    });
    if (!loaded) {
        return fail(loaded.error(), "loading the book");
    }
    std::printf("  book: %s transactions on one account in %.1f s\n", qPrintable(count(data.book.size())),
                seconds(timer));

    timer.restart();
    const Currency eur = *Currency::fromCode(u"EUR");
    ingest::Statement st;
    st.account.iban = kIban;
    st.account.currency = QStringLiteral("EUR");
    st.id = QStringLiteral("BENCH-1");
    st.from = kEpoch.addDays(data.lines.first().day);
    st.to = kEpoch.addDays(data.lines.last().day);
    st.closingDate = st.to;
    st.openingBalance = Money::fromMicros(data.opening, eur);
    qint64 closing = data.opening;
    for (int i = 0; i < data.lines.size(); ++i) {
        const Line& l = data.lines.at(i);
        ingest::StatementEntry e;
        e.bookingDate = kEpoch.addDays(l.day);
        e.amount = Money::fromMicros(l.amount, eur);
        e.remittanceText = l.text;
        e.bankId = l.bankId;
        e.sourceLine = i + 1;
        closing += l.amount;
        st.entries.append(e);
    }
    st.closingBalance = Money::fromMicros(closing, eur);
    ingest::StatementFile file;
    file.format = ingest::StatementFormat::Camt;
    file.variant = QStringLiteral("benchmark");
    file.fileName = QStringLiteral("bench-statement.xml");
    file.statements = {st};
    ingest::ImportService importer(db, actor);
    ingest::ImportOptions options;
    options.statementOnly = true;
    options.accountId = account;
    auto plan = importer.plan(file, ingest::ImportService::fileHash("bench-statement"), options);
    if (!plan) {
        return fail(plan.error(), "planning the statement");
    }
    auto committed = importer.commit(*plan);
    if (!committed) {
        return fail(committed.error(), "importing the statement");
    }
    std::printf("  statement: %s lines (statement-only import) in %.1f s\n", qPrintable(count(data.lines.size())),
                seconds(timer));
    timer.restart();
    // What autovacuum would have done by the time someone reconciles: statistics and the
    // visibility map for index-only counts.
    for (const char* table : {"transactions", "statement_lines", "import_batches"}) {
        const QString sql = d.isPostgres() ? QStringLiteral("VACUUM ANALYZE %1").arg(QLatin1String(table))
                                           : QStringLiteral("ANALYZE %1").arg(QLatin1String(table));
        if (auto q = db->exec(sql); !q) {
            return fail(q.error(), "analysing");
        }
    }
    std::printf("  vacuum/analyse: %.1f s\n", seconds(timer));
    return 0;
}

// A run leaves an open session behind; the next run starts from the imported state again.
Status resetSessions(Database& db, qint64 account)
{
    return db.transaction([&](QSqlDatabase& c) -> Status {
        const QStringList steps = {
            QStringLiteral("UPDATE transactions SET reconcile_state = 'new', reconciliation_id = NULL "
                           "WHERE account_id = ? AND reconcile_state <> 'new'"),
            QStringLiteral(
                "DELETE FROM reconciliation_match_items WHERE match_id IN (SELECT m.id FROM reconciliation_matches m "
                "JOIN reconciliation_sessions s ON s.id = m.session_id WHERE s.account_id = ?)"),
            QStringLiteral(
                "DELETE FROM reconciliation_matches WHERE session_id IN (SELECT id FROM reconciliation_sessions "
                "WHERE account_id = ?)"),
            QStringLiteral("DELETE FROM reconciliation_sessions WHERE account_id = ?"),
        };
        for (const QString& sql : steps) {
            if (auto q = Database::execOn(c, sql, {account}); !q) {
                return q.error();
            }
        }
        return {};
    });
}

int run(const DatabasePtr& db, const Size& size)
{
    auto account = scalar(*db, QStringLiteral("SELECT id FROM accounts WHERE iban = ?"), {kIban});
    if (!account) {
        return fail(account.error(), "finding the benchmark account (run --setup first)");
    }
    auto batch =
        scalar(*db, QStringLiteral("SELECT max(id) FROM import_batches WHERE account_id = ? AND status = 'committed'"),
               {*account});
    auto book = scalar(*db, QStringLiteral("SELECT count(*) FROM transactions WHERE account_id = ?"), {*account});
    auto lines =
        scalar(*db, QStringLiteral("SELECT count(*) FROM statement_lines WHERE batch_id = ?"), {batch.valueOr(0)});
    if (!batch || !book || !lines) {
        return fail((!batch ? batch : !book ? book : lines).error(), "reading the benchmark data");
    }
    if (auto s = resetSessions(*db, *account); !s) {
        return fail(s.error(), "resetting earlier runs");
    }
    const double baseline = bench::peakMegabytes();
    const Actor actor {std::nullopt, QStringLiteral("bench"), std::nullopt};

    QElapsedTimer total, step;
    total.start();
    step.start();
    Reconciliation rec(db, actor);
    auto session = rec.start(*account, *batch);
    if (!session) {
        return fail(session.error(), "start");
    }
    const double startS = seconds(step);
    step.restart();
    auto matched = rec.autoMatch(*session);
    if (!matched) {
        return fail(matched.error(), "autoMatch");
    }
    const double matchS = seconds(step);
    step.restart();
    auto summary = rec.summary(*session);
    if (!summary) {
        return fail(summary.error(), "summary");
    }
    const double summaryS = seconds(step);
    const double totalS = seconds(total);
    const double peak = bench::peakMegabytes();

    step.restart();
    auto review = rec.items(*session);
    if (!review) {
        return fail(review.error(), "items");
    }
    const double reviewS = seconds(step);

    const bool full = size.book >= 1'000'000;
    std::printf("reconcile %s lines vs %s book entries: %.2f s (%s)\n", qPrintable(count(*lines)),
                qPrintable(count(*book)), totalS,
                full ? "target < 2 s" : "quick run; the target, < 2 s, is for 10,000 vs 1,000,000");
    std::printf("  start %.3f s, autoMatch %.3f s, summary %.3f s\n", startS, matchS, summaryS);
    std::printf("  autoMatch read %s statement lines and %s open book entries of the statement's period\n",
                qPrintable(count(matched->statementLines)), qPrintable(count(matched->bookEntries)));
    std::printf("  matches: %s exact, %s within tolerance, %s one-to-many, %s many-to-one (%s cleared, %s suggested)\n",
                qPrintable(count(matched->exact)), qPrintable(count(matched->tolerance)),
                qPrintable(count(matched->oneToMany)), qPrintable(count(matched->manyToOne)),
                qPrintable(count(matched->cleared)), qPrintable(count(matched->suggested)));
    std::printf("  statement lines: %s matched, %s suggested, %s unmatched\n",
                qPrintable(count(summary->statementMatched)), qPrintable(count(summary->statementSuggested)),
                qPrintable(count(summary->statementUnmatched)));
    std::printf("  book: %s cleared, %s suggested, %s open in the period, %s open before it\n",
                qPrintable(count(summary->bookCleared)), qPrintable(count(summary->bookSuggested)),
                qPrintable(count(summary->bookUnmatched)), qPrintable(count(summary->bookOutstanding)));
    std::printf("  cleared balance %s, statement closing %s, difference %s, %s if every suggestion is accepted\n",
                qPrintable(money(summary->clearedBalance)), qPrintable(money(summary->statementClosing)),
                qPrintable(money(summary->difference)),
                qPrintable(money(*summary->difference.minus(summary->suggestedAmount))));
    std::printf("  review, first page of each list: %.3f s\n", reviewS);
    std::printf("  peak memory: %.0f MB (%.0f MB before the run)\n", peak, baseline);

    // The algorithm alone against the whole book, not just the statement's period.
    const Data data = generate(size);
    QList<MatchStatementLine> mLines;
    for (int i = 0; i < data.lines.size(); ++i) {
        const Line& l = data.lines.at(i);
        mLines.append({{*batch, i + 1}, l.day, l.amount, l.bankId, {}, {}, l.text, 0});
    }
    QList<MatchBookEntry> mBook;
    mBook.reserve(data.book.size());
    for (int i = 0; i < data.book.size(); ++i) {
        const BookRow& b = data.book.at(i);
        mBook.append({i + 1, b.day, b.amount, QString::fromLatin1(b.externalId), {}, {}, QString::fromUtf8(b.text)});
    }
    step.restart();
    const QList<ReconciliationMatch> inMemory = ReconciliationMatcher().match(mLines, mBook);
    std::printf("matcher alone, in memory, %s lines vs the whole book of %s entries: %.2f s (%s matches)\n",
                qPrintable(count(mLines.size())), qPrintable(count(mBook.size())), seconds(step),
                qPrintable(count(inMemory.size())));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QString url;
    Size size {1'000'000, 10'000};
    bool doSetup = false;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args.at(i) == u"--db" && i + 1 < args.size()) {
            url = args.at(++i);
        } else if (args.at(i) == u"--size" && i + 1 < args.size()) {
            size = args.at(++i) == u"small" ? Size {100'000, 1'000} : Size {1'000'000, 10'000};
        } else if (args.at(i) == u"--setup") {
            doSetup = true;
        }
    }
    auto parsed = DatabaseUrl::parse(url);
    if (url.isEmpty() || !parsed) {
        std::fprintf(stderr, "usage: bench_reconciliation --db URL [--size small|full] [--setup]\n");
        return 2;
    }
    auto db = Database::open(*parsed, Database::OpenMode::CreateIfMissing);
    if (!db) {
        return fail(db.error(), "opening the database");
    }
    return doSetup ? setup(*db, size) : run(*db, size);
}
