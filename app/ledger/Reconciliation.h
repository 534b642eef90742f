#pragma once

#include "ReconciliationMatcher.h"
#include "audit/AuditLog.h"
#include "core/Money.h"
#include "core/Result.h"
#include "db/Database.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace flowlet {

// Reconciling an account against a bank statement: a session pairs the statement's lines with the
// account's book transactions (automatically, by hand, or by ticking entries without a line), and
// is finished when the cleared balance equals the statement's closing balance. Finished sessions
// are locked and audited. Every change is one database transaction and takes the session by
// compare-and-set on its row_version, so two workstations never change one session at once.
//
// One object per thread and user (it remembers which version of each session it last showed);
// two objects are two workstations.

// A book transaction is new, cleared (ticked in the open reconciliation) or reconciled (part of a
// finished one, locked).
enum class ReconcileState { New, Cleared, Reconciled };
QString reconcileStateKey(ReconcileState state); // "new", "cleared", "reconciled"
ReconcileState reconcileStateFrom(QStringView key);

enum class MatchState { Suggested, Cleared, Reconciled };
QString matchStateKey(MatchState state); // "suggested", "cleared", "reconciled"
MatchState matchStateFrom(QStringView key);

struct ReconciliationSession
{
    qint64 id = 0;
    qint64 accountId = 0;
    std::optional<qint64> batchId; // none: a statement entered by hand (closing balance only)
    QDate periodFrom;              // first day the statement covers; invalid: from the beginning
    QDate statementDate;
    Money closingBalance;
    std::optional<Money> openingBalance;
    bool finished = false;
    std::optional<qint64> startedBy;
    QDateTime startedAt;
    std::optional<qint64> finishedBy;
    QDateTime finishedAt;
    int rowVersion = 0;
    MatcherSettings settings;
};

struct AutoMatchOutcome
{
    int statementLines = 0; // open lines the matcher saw
    int bookEntries = 0;    // open book transactions it saw (the statement period and the tolerance around it)
    int exact = 0;
    int tolerance = 0;
    int oneToMany = 0;
    int manyToOne = 0;
    int cleared = 0;   // book transactions ticked by exact matches
    int suggested = 0; // matches waiting for accept or reject
    int skippedRejected = 0; // proposals the user had rejected before
};

struct ReconciliationSummary
{
    Money statementClosing;
    std::optional<Money> statementOpening;
    Money accountOpening;    // accounts.opening_balance_micros
    Money reconciledBefore;  // transactions reconciled by other sessions
    Money clearedInSession;  // transactions cleared (or reconciled) in this session
    Money clearedBalance;    // accountOpening + reconciledBefore + clearedInSession
    Money difference;        // statementClosing - clearedBalance
    Money suggestedAmount;   // what accepting every suggestion would add to the cleared balance

    int matchesCleared = 0;  // cleared or reconciled matches
    int matchesSuggested = 0;

    int statementLines = 0;     // all lines of the statement
    int statementMatched = 0;   // in a cleared / reconciled match
    int statementSuggested = 0; // in a suggested match
    int statementUnmatched = 0;
    int statementEarlier = 0;   // settled by an earlier reconciliation (overlapping statements)

    qint64 bookCleared = 0;      // transactions cleared / reconciled in this session
    qint64 bookSuggested = 0;    // in a suggested match
    qint64 bookUnmatched = 0;    // open and booked in the statement's period
    qint64 bookOutstanding = 0;  // open and booked before the period (cheques not yet presented, ...)

    bool finished = false;
    bool canFinish() const { return !finished && difference.isZero() && matchesSuggested == 0; }
};

// What the review view shows of one statement line / book transaction.
struct StatementLineView
{
    StatementLineKey key;
    QDate bookingDate;
    Money amount;
    QString description;
    QString counterparty;
    QString reference;
    QString bankId;
    std::optional<qint64> transactionId; // the transaction the line became or is linked to
};

struct BookEntryView
{
    qint64 id = 0;
    QDate bookingDate;
    Money amount;
    QString description;
    QString counterparty;
    QString reference;
    ReconcileState state = ReconcileState::New;
};

struct MatchView
{
    qint64 id = 0;
    MatchKind kind = MatchKind::Manual;
    MatchState state = MatchState::Suggested;
    int score = 0;
    QList<StatementLineView> statement;
    QList<BookEntryView> book;
};

enum class ReviewList { Matched, Suggested, UnmatchedStatement, UnmatchedBook };

// Each list of the review is one page: `limit` rows from `offset`, with the total beside it.
struct ReviewQuery
{
    int offset = 0;
    int limit = 200;
    bool includeOutstanding = false; // unmatched book entries before the period too
    // Unmatched book entries: also those ticked by hand in this session (cleared, or reconciled
    // once it is finished), in booking order among the open ones, so that they can be unticked.
    bool includeTicked = false;
    std::optional<ReviewList> only; // read just this list (a view paging one list); none: all four
};

struct ReviewItems
{
    QList<MatchView> matched; // cleared and reconciled
    qint64 matchedTotal = 0;
    QList<MatchView> suggested;
    qint64 suggestedTotal = 0;
    QList<StatementLineView> unmatchedStatement;
    qint64 unmatchedStatementTotal = 0;
    QList<BookEntryView> unmatchedBook; // the statement period (or everything up to its date)
    qint64 unmatchedBookTotal = 0;
};

// An imported statement of an account, as offered for reconciling.
struct AccountStatement
{
    qint64 batchId = 0;
    QString fileName;
    QDateTime importedAt;
    bool statementOnly = false; // imported for reconciliation only, not into the book
    QDate periodFrom;           // invalid when the file does not say
    QDate periodTo;
    QDate closingDate;
    std::optional<Money> openingBalance;
    std::optional<Money> closingBalance; // none: the file gave none; the user enters the printed one
    std::optional<qint64> openSessionId;     // being reconciled
    std::optional<qint64> finishedSessionId; // reconciled already
};

class Reconciliation final
{
public:
    Reconciliation(DatabasePtr db, Actor actor);

    // A session for an imported statement: its date, closing and opening balance come from the
    // batch. `closingBalance` stands in for a statement that does not carry one (the reader left it
    // out); it must agree with the batch when the batch has one. One open session per account.
    Result<qint64> start(qint64 accountId, qint64 batchId, const MatcherSettings& settings = {},
                         const std::optional<Money>& closingBalance = std::nullopt);
    // A statement on paper: only its date and closing balance; entries are ticked by hand.
    Result<qint64> startManual(qint64 accountId, const QDate& statementDate, const Money& closingBalance,
                               const MatcherSettings& settings = {});

    // Resuming: the account's open session, if any, or any session by id.
    Result<std::optional<ReconciliationSession>> openSessionFor(qint64 accountId);
    Result<ReconciliationSession> load(qint64 sessionId);
    // The account's committed statement imports, newest first, at most `limit`.
    Result<QList<AccountStatement>> statementsOf(qint64 accountId, int limit = 100) const;

    // Matches the statement's open lines with the account's open transactions of the statement
    // period (and the tolerances around it): exact matches are cleared at once, the others are
    // suggested. May run again after manual changes; it never undoes a decision.
    Result<AutoMatchOutcome> autoMatch(qint64 sessionId);

    Status accept(qint64 matchId);
    // A rejected proposal is remembered and not made again by autoMatch.
    Status reject(qint64 matchId);
    // The statement lines and book transactions must add up to the same amount (within the
    // session's amount tolerance).
    Result<qint64> manualMatch(qint64 sessionId, const QList<StatementLineKey>& statementLines,
                               const QList<qint64>& bookTransactionIds);
    Status unmatch(qint64 matchId);
    // Ticking without a statement line, as on a paper statement.
    Status setCleared(qint64 sessionId, qint64 transactionId, bool cleared);

    Result<ReconciliationSummary> summary(qint64 sessionId);
    Result<ReviewItems> items(qint64 sessionId, const ReviewQuery& query = {});

    // Refused unless the difference is zero and no suggestion is undecided. Cleared transactions
    // become reconciled; the session is locked and an audit entry records the figures.
    Status finish(qint64 sessionId);

private:
    struct Row;
    Result<Row> readSession(QSqlDatabase& c, qint64 sessionId) const;
    ReconciliationSession sessionFrom(const Row& row) const;
    Result<qint64> startSession(qint64 accountId, std::optional<qint64> batchId, const QDate& statementDate,
                                const std::optional<Money>& closing, const MatcherSettings& settings);
    Status change(qint64 sessionId, const std::function<Status(QSqlDatabase&, const Row&)>& work);
    Status read(const std::function<Status(QSqlDatabase&)>& work) const;
    Status tune(QSqlDatabase& c) const;
    Result<qint64> sessionOfMatch(qint64 matchId) const;
    Result<ReconciliationSummary> summaryOn(QSqlDatabase& c, const Row& row) const;
    Result<qint64> openBookCount(QSqlDatabase& c, const Row& row, const QDate& from, const QDate& to) const;
    Status finishOn(QSqlDatabase& c, const Row& row);
    // The audit entry of a decision, inside its transaction.
    Status audit(QSqlDatabase& c, const QString& action, const QString& objectType, qint64 objectId,
                 const QString& afterJson, const QString& beforeJson = {}) const;

    DatabasePtr m_db;
    Actor m_actor;
    bool m_throughServer = false;
    QHash<qint64, int> m_seenVersion; // session -> the row_version this workstation last read or wrote
};

} // namespace flowlet
