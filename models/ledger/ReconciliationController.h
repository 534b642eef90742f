#pragma once

#include "audit/AuditLog.h"
#include "db/Database.h"
#include "ledger/AccountRepository.h"
#include "ledger/Reconciliation.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace flowlet {

class ReconciliationBookModel;
class ReconciliationLineModel;
class ReconciliationListModel;
class ReconciliationMatchModel;

// Drives the reconciliation panel: the own accounts and their imported statements, starting,
// resuming and finishing a session, and every decision in between. Each call to the engine runs
// off the UI thread on the database's pool, one after the other through one Reconciliation (which
// remembers the version of the session the user saw). After each change the session, its summary
// and the four review lists are read again. A change refused because another workstation changed
// the session first is reported (errorOccurred) and the view reloaded with that change.
class ReconciliationController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationController)

public:
    ReconciliationController(DatabasePtr db, Actor actor, QObject* parent = nullptr);
    ~ReconciliationController() override;

    ReconciliationMatchModel* matchedModel() const { return m_matched; }
    ReconciliationMatchModel* suggestedModel() const { return m_suggested; }
    ReconciliationLineModel* lineModel() const { return m_lines; }
    ReconciliationBookModel* bookModel() const { return m_book; }

    const QList<AccountSummary>& accounts() const { return m_accounts; }
    std::optional<qint64> accountId() const { return m_accountId; }
    // The chosen account's committed statement imports, newest first.
    const QList<AccountStatement>& statements() const { return m_statements; }
    // The chosen account's open session, to resume (whether or not it is the one shown).
    const std::optional<ReconciliationSession>& openSession() const { return m_openSession; }
    // The session shown, and its figures.
    const std::optional<ReconciliationSession>& session() const { return m_session; }
    const std::optional<ReconciliationSummary>& summary() const { return m_summary; }
    bool isBusy() const { return m_busy; }
    bool isLocked() const { return m_session && m_session->finished; }

public Q_SLOTS:
    void loadAccounts();
    // Reads the account's statements and open session; shows no session until one is started or
    // resumed.
    void setAccount(qint64 accountId);
    // A session for an imported statement; `closingBalance` for one whose file gave none. The
    // settings are the session's matching tolerances, kept with it.
    void start(qint64 batchId, const std::optional<Money>& closingBalance = std::nullopt,
               const MatcherSettings& settings = {});
    // A statement on paper: its date and closing balance.
    void startPaper(const QDate& statementDate, const Money& closingBalance, const MatcherSettings& settings = {});
    // Shows a session: the open one to resume, or a finished one to look at.
    void open(qint64 sessionId);
    void autoMatch();
    void accept(qint64 matchId);
    void reject(qint64 matchId);
    void unmatch(qint64 matchId);
    void match(const QList<StatementLineKey>& statementLines, const QList<qint64>& bookTransactionIds);
    void setCleared(qint64 transactionId, bool cleared);
    void finish();
    // Reads the shown session, its figures and lists again.
    void reload();

Q_SIGNALS:
    void busyChanged(bool busy);
    void accountsChanged();
    void statementsChanged();
    void sessionChanged();
    void summaryChanged();
    // What went wrong, for the user.
    void errorOccurred(const QString& message);
    // What a step did ("3 exact matches cleared, …"), for the user.
    void noticed(const QString& message);

private:
    struct Engine;
    struct Outcome;
    using Job = std::function<Outcome(Engine&)>;
    // A change of the shown session; says what it did.
    using Step = std::function<Result<QString>(Reconciliation&, qint64 sessionId)>;

    QList<ReconciliationListModel*> lists() const;
    void enqueue(Job job);
    void runNext();
    void apply(Outcome outcome);
    // Starts a session for the chosen account, then shows it.
    void startWith(std::function<Result<qint64>(Reconciliation&, qint64 accountId)> starting);
    // Runs a step on the shown session, then reads the session again.
    void change(Step step);

    DatabasePtr m_db;
    std::shared_ptr<Engine> m_engine;
    QList<Job> m_queue;
    bool m_busy = false;

    ReconciliationMatchModel* m_matched;
    ReconciliationMatchModel* m_suggested;
    ReconciliationLineModel* m_lines;
    ReconciliationBookModel* m_book;

    QList<AccountSummary> m_accounts;
    std::optional<qint64> m_accountId;
    QList<AccountStatement> m_statements;
    std::optional<ReconciliationSession> m_openSession;
    std::optional<ReconciliationSession> m_session;
    std::optional<ReconciliationSummary> m_summary;
};

} // namespace flowlet
