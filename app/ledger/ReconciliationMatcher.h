#pragma once

#include <QList>
#include <QString>

#include <compare>

namespace flowlet {

// Pairs the lines of a bank statement with the entries of the book, in memory and without a
// database: the algorithm behind Reconciliation::autoMatch. Amounts are signed micros of one
// currency; days count from 1970-01-01.

// A statement line as the import addresses it: batch and 1-based line number.
struct StatementLineKey
{
    qint64 batchId = 0;
    int lineNo = 0;

    auto operator<=>(const StatementLineKey&) const = default;
};

struct MatchStatementLine
{
    StatementLineKey key;
    qint64 day = 0;
    qint64 amountMicros = 0;
    QString bankId;              // the bank's own id (OFX FITID, camt AcctSvcrRef)
    QString reference;           // creditor / structured reference
    QString endToEndId;          // SEPA end-to-end id
    QString text;                // counterparty and remittance text
    qint64 linkedTransactionId = 0; // the transaction the line became, duplicates or was linked to at import
};

struct MatchBookEntry
{
    qint64 id = 0;
    qint64 day = 0;
    qint64 amountMicros = 0;
    QString externalId;          // the bank id the transaction was imported with
    QString reference;
    QString endToEndId;
    QString text;
};

struct MatcherSettings
{
    int dateToleranceDays = 3;         // phase 2: how far apart a line and its entry may be booked
    qint64 amountToleranceMicros = 0;  // phase 2: how much their amounts may differ (fees, rounding)
    int maxGroupSize = 3;              // phase 3: at most this many entries on the "many" side
    int groupWindowDays = 3;           // phase 3: every member within this many days of the single side
};

enum class MatchKind { Exact, Tolerance, OneToMany, ManyToOne, Manual };

// "exact", "tolerance", "one_to_many", "many_to_one", "manual": reconciliation_matches.kind.
QString matchKindKey(MatchKind kind);
MatchKind matchKindFrom(QStringView key);

struct ReconciliationMatch
{
    MatchKind kind = MatchKind::Exact;
    int score = 100;                       // 0..100, how sure the matcher is
    QString reason;                        // "same bank id B-17", "2 day(s) apart, same reference", ...
    QList<StatementLineKey> statement;     // in ascending key order
    QList<qint64> book;                    // in ascending id order
};

// Phases, each on what the earlier ones left over; nothing is used twice:
//  1. exact: the line's linked transaction, then bank id == external id, then the same amount on
//     the same day where that (day, amount) occurs once among the unmatched lines and once among the
//     unmatched entries. Amounts must be equal. Score 100.
//  2. tolerance: |amount difference| <= amount tolerance and |days apart| <= date tolerance; every
//     such pair is scored (date 40 → 10 at the edge, amount 30 → 10 at the edge, same reference or
//     end-to-end id 20, shared words up to 10) and pairs are taken greedily, best first.
//  3. groups: a line whose amount is the exact sum of 2..maxGroupSize unmatched entries of the same
//     sign within the group window (one_to_many), then the reverse (many_to_one). The search is
//     bounded: candidates sorted by amount, only the 128 nearest in date (48 for groups of three
//     or more sought from the book side, where every open entry is a target), pruned by partial
//     sums, the last two members found by one two-pointer sweep, and a work budget per target and
//     per run. It is never exponential; what it gives up on stays unmatched for the user. The
//     fewest members win, then the closest dates. Score: date 40 → 10, sum 30, reference 20,
//     words 10, minus 5 per member beyond two and 15 when another group would have fitted as well.
// Ties are broken by day, amount and key / id, so the result does not depend on input order.
class ReconciliationMatcher final
{
public:
    explicit ReconciliationMatcher(MatcherSettings settings = {});

    QList<ReconciliationMatch> match(const QList<MatchStatementLine>& lines, const QList<MatchBookEntry>& book) const;

    const MatcherSettings& settings() const { return m_settings; }

    // The words two texts are compared by: case-folded, at least three characters, sorted, unique.
    static QStringList wordsOf(QStringView text);
    // 0..100: the share of words two wordsOf() lists have in common (Jaccard).
    static int wordOverlapPercent(const QStringList& a, const QStringList& b);

private:
    MatcherSettings m_settings;
};

} // namespace flowlet
