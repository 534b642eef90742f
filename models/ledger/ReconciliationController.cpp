#include "ReconciliationController.h"

#include "PendingWork.h"
#include "ReconciliationBookModel.h"
#include "ReconciliationLineModel.h"
#include "ReconciliationMatchModel.h"
#include "core/Logging.h"


namespace flowlet {

// The engine is made on the first worker thread that needs it: making it asks the database a
// question, which the UI thread must not wait for.
struct ReconciliationController::Engine
{
    DatabasePtr db;
    Actor actor;
    std::unique_ptr<Reconciliation> made;

    Reconciliation& reconciliation()
    {
        if (!made) {
            made = std::make_unique<Reconciliation>(db, actor);
        }
        return *made;
    }
};

// What a job read or did, applied on the UI thread.
struct ReconciliationController::Outcome
{
    std::optional<Error> error;
    bool conflict = false; // another workstation changed the session first
    QString notice;
    std::optional<QList<AccountSummary>> accounts;
    std::optional<qint64> statementsOf; // the account the statements and open session below are of
    QList<AccountStatement> statements;
    std::optional<ReconciliationSession> openSession;
    bool sessionRead = false; // the session and summary below replace the ones shown
    std::optional<ReconciliationSession> session;
    std::optional<ReconciliationSummary> summary;

    void fail(const Error& e)
    {
        if (!error) {
            error = e;
        }
    }

    void readAccount(Reconciliation& rec, qint64 accountId)
    {
        auto statementsRead = rec.statementsOf(accountId);
        auto open = statementsRead ? rec.openSessionFor(accountId)
                                   : Result<std::optional<ReconciliationSession>>(statementsRead.error());
        if (!open) {
            fail(open.error());
            return;
        }
        statementsOf = accountId;
        statements = std::move(statementsRead).value();
        openSession = *open;
    }

    void readSession(Reconciliation& rec, qint64 sessionId)
    {
        sessionRead = true;
        auto loaded = rec.load(sessionId);
        if (!loaded) {
            fail(loaded.error());
            return;
        }
        session = *loaded;
        auto figures = rec.summary(sessionId);
        if (!figures) {
            fail(figures.error());
            return;
        }
        summary = *figures;
    }
};

ReconciliationController::ReconciliationController(DatabasePtr db, Actor actor, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_engine(std::make_shared<Engine>(Engine {db, std::move(actor), nullptr}))
    , m_matched(new ReconciliationMatchModel(db, ReviewList::Matched, this))
    , m_suggested(new ReconciliationMatchModel(db, ReviewList::Suggested, this))
    , m_lines(new ReconciliationLineModel(db, this))
    , m_book(new ReconciliationBookModel(db, this))
{
    for (ReconciliationListModel* model : lists()) {
        connect(model, &ReconciliationListModel::errorOccurred, this, &ReconciliationController::errorOccurred);
    }
    connect(m_book, &ReconciliationBookModel::clearedChangeRequested, this, &ReconciliationController::setCleared);
}

QList<ReconciliationListModel*> ReconciliationController::lists() const
{
    return {m_matched, m_suggested, m_lines, m_book};
}

ReconciliationController::~ReconciliationController()
{
    m_queue.clear();
    waitForPendingWork(this);
}

void ReconciliationController::enqueue(Job job)
{
    m_queue.append(std::move(job));
    if (!m_busy) {
        runNext();
    }
}

void ReconciliationController::runNext()
{
    if (m_queue.isEmpty()) {
        if (m_busy) {
            m_busy = false;
            Q_EMIT busyChanged(false);
        }
        return;
    }
    Job job = m_queue.takeFirst();
    if (!m_busy) {
        m_busy = true;
        Q_EMIT busyChanged(true);
    }
    runInPool<Outcome>(
        this, m_db->pool(), [engine = m_engine, job = std::move(job)]() { return job(*engine); },
        [this](Outcome outcome) {
            apply(std::move(outcome));
            runNext();
        });
}

void ReconciliationController::apply(Outcome outcome)
{
    if (outcome.accounts) {
        m_accounts = std::move(*outcome.accounts);
        Q_EMIT accountsChanged();
    }
    if (outcome.statementsOf && outcome.statementsOf == m_accountId) {
        m_statements = std::move(outcome.statements);
        m_openSession = std::move(outcome.openSession);
        Q_EMIT statementsChanged();
    }
    // A session of an account no longer chosen stays out of view.
    if (outcome.sessionRead && (!outcome.session || outcome.session->accountId == m_accountId)) {
        const bool another = !m_session || !outcome.session || m_session->id != outcome.session->id;
        m_session = std::move(outcome.session);
        m_summary = std::move(outcome.summary);
        m_book->setReadOnly(isLocked());
        const std::optional<qint64> id = m_session ? std::optional<qint64>(m_session->id) : std::nullopt;
        for (ReconciliationListModel* model : lists()) {
            if (another) {
                model->setSession(id);
            } else {
                model->reload();
            }
        }
        Q_EMIT sessionChanged();
        Q_EMIT summaryChanged();
    }
    if (outcome.error) {
        QString message = outcome.error->message();
        if (outcome.conflict) {
            message = isLocked()
                ? tr("Another workstation finished this reconciliation meanwhile. It is locked now; your change "
                     "was not made.")
                : tr("Another workstation changed this reconciliation since it was shown here, so your change was "
                     "not made. It has been reloaded with their changes: check them and try again.");
        }
        qCInfo(lcModels) << "reconciliation step refused:" << outcome.error->message();
        Q_EMIT errorOccurred(message);
    } else if (!outcome.notice.isEmpty()) {
        Q_EMIT noticed(outcome.notice);
    }
}

void ReconciliationController::loadAccounts()
{
    enqueue([](Engine& e) {
        Outcome out;
        auto accounts = AccountRepository(e.db).ownAccounts();
        if (accounts) {
            out.accounts = std::move(accounts).value();
        } else {
            out.fail(accounts.error());
        }
        return out;
    });
}

void ReconciliationController::setAccount(qint64 accountId)
{
    m_accountId = accountId;
    m_statements.clear();
    m_openSession.reset();
    Q_EMIT statementsChanged();
    if (m_session) {
        m_session.reset();
        m_summary.reset();
        for (ReconciliationListModel* model : lists()) {
            model->setSession(std::nullopt);
        }
        Q_EMIT sessionChanged();
        Q_EMIT summaryChanged();
    }
    enqueue([accountId](Engine& e) {
        Outcome out;
        out.readAccount(e.reconciliation(), accountId);
        return out;
    });
}

void ReconciliationController::start(qint64 batchId, const std::optional<Money>& closingBalance,
                                     const MatcherSettings& settings)
{
    startWith([batchId, closingBalance, settings](Reconciliation& rec, qint64 accountId) {
        return rec.start(accountId, batchId, settings, closingBalance);
    });
}

void ReconciliationController::startPaper(const QDate& statementDate, const Money& closingBalance,
                                          const MatcherSettings& settings)
{
    startWith([statementDate, closingBalance, settings](Reconciliation& rec, qint64 accountId) {
        return rec.startManual(accountId, statementDate, closingBalance, settings);
    });
}

void ReconciliationController::startWith(std::function<Result<qint64>(Reconciliation&, qint64 accountId)> starting)
{
    if (!m_accountId) {
        return;
    }
    enqueue([accountId = *m_accountId, starting = std::move(starting)](Engine& e) {
        Outcome out;
        Reconciliation& rec = e.reconciliation();
        auto id = starting(rec, accountId);
        if (id) {
            out.readSession(rec, *id);
        } else {
            out.fail(id.error());
        }
        out.readAccount(rec, accountId);
        return out;
    });
}

void ReconciliationController::open(qint64 sessionId)
{
    enqueue([sessionId](Engine& e) {
        Outcome out;
        out.readSession(e.reconciliation(), sessionId);
        return out;
    });
}

void ReconciliationController::reload()
{
    if (m_session) {
        open(m_session->id);
    }
}

void ReconciliationController::change(Step step)
{
    if (!m_session) {
        return;
    }
    enqueue([sessionId = m_session->id, accountId = m_session->accountId, step = std::move(step)](Engine& e) {
        Outcome out;
        Reconciliation& rec = e.reconciliation();
        auto done = step(rec, sessionId);
        if (done) {
            out.notice = *done;
        } else {
            out.fail(done.error());
            out.conflict = done.error().code() == ErrorCode::AlreadyExists;
        }
        // Read again whatever happened: after a refusal the view shows what is stored now.
        out.readSession(rec, sessionId);
        out.readAccount(rec, accountId);
        return out;
    });
}

void ReconciliationController::autoMatch()
{
    change([](Reconciliation& rec, qint64 id) -> Result<QString> {
        auto outcome = rec.autoMatch(id);
        if (!outcome) {
            return outcome.error();
        }
        QString notice = tr("Auto-match: %n exact match(es) cleared,", nullptr, outcome->exact) + u' ' +
            tr("%n suggestion(s) to accept or reject.", nullptr, outcome->suggested);
        if (outcome->skippedRejected > 0) {
            notice += u' ' +
                tr("%n proposal(s) you rejected before were left out.", nullptr, outcome->skippedRejected);
        }
        return notice;
    });
}

namespace {

// A step whose success needs no more words than `notice`.
template <typename F>
auto saying(QString notice, F step)
{
    return [notice = std::move(notice), step = std::move(step)](Reconciliation& rec, qint64 id) -> Result<QString> {
        const Status s = step(rec, id);
        return s ? Result<QString>(notice) : Result<QString>(s.error());
    };
}

} // namespace

void ReconciliationController::accept(qint64 matchId)
{
    change(saying(tr("Suggestion accepted: its entries are cleared."),
                  [matchId](Reconciliation& rec, qint64) { return rec.accept(matchId); }));
}

void ReconciliationController::reject(qint64 matchId)
{
    change(saying(tr("Suggestion rejected: auto-match will not propose it again."),
                  [matchId](Reconciliation& rec, qint64) { return rec.reject(matchId); }));
}

void ReconciliationController::unmatch(qint64 matchId)
{
    change(saying(tr("Match undone: its lines and entries are open again."),
                  [matchId](Reconciliation& rec, qint64) { return rec.unmatch(matchId); }));
}

void ReconciliationController::match(const QList<StatementLineKey>& statementLines,
                                     const QList<qint64>& bookTransactionIds)
{
    change(saying(tr("Matched by hand: the entries are cleared."),
                  [statementLines, bookTransactionIds](Reconciliation& rec, qint64 id) {
                      auto matched = rec.manualMatch(id, statementLines, bookTransactionIds);
                      return matched ? Status() : Status(matched.error());
                  }));
}

void ReconciliationController::setCleared(qint64 transactionId, bool cleared)
{
    change(saying(cleared ? tr("Entry ticked as cleared.") : tr("Entry unticked."),
                  [transactionId, cleared](Reconciliation& rec, qint64 id) {
                      return rec.setCleared(id, transactionId, cleared);
                  }));
}

void ReconciliationController::finish()
{
    change(saying(tr("Reconciliation finished: its entries are reconciled and locked."),
                  [](Reconciliation& rec, qint64 id) { return rec.finish(id); }));
}

} // namespace flowlet
