#include "Reconciliation.h"

#include "auth/Authorization.h"
#include "auth/Permissions.h"
#include "core/Clock.h"
#include "core/Logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace flowlet {

namespace {

// Literal id lists are cut into statements of this many ids: both backends parse them fast, and
// SQLite's limit on host parameters never comes into play (the ids are our own integers).
constexpr qsizetype kChunk = 500;

const QDate kEpoch(1970, 1, 1);
// "From the beginning" as a date both backends compare correctly (SQLite compares ISO text).
const QDate kBeginning(1, 1, 1);

qint64 epochDays(const QDate& date)
{
    return kEpoch.daysTo(date);
}

QVariant nullableInt(const std::optional<qint64>& v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
}

std::optional<qint64> optionalInt(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

QString idList(const QList<qint64>& ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids) {
        parts.append(QString::number(id));
    }
    return parts.join(u',');
}

template <typename T>
QList<QList<T>> chunksOf(const QList<T>& all)
{
    QList<QList<T>> out;
    for (qsizetype at = 0; at < all.size(); at += kChunk) {
        out.append(all.mid(at, kChunk));
    }
    return out;
}

// Amounts in messages: grouped, with the currency, the same on every machine.
QString shown(const Money& m)
{
    return m.toDisplayString(QLocale(QLocale::English, QLocale::UnitedStates));
}

Result<qint64> scalarOn(QSqlDatabase& c, const QString& sql, const QVariantList& bindings)
{
    auto q = Database::execOn(c, sql, bindings);
    if (!q) {
        return q.error();
    }
    if (!q->next()) {
        return Error(ErrorCode::DatabaseQuery, QStringLiteral("the query returned no row"));
    }
    return q->value(0).toLongLong();
}

Status ran(const Result<QSqlQuery>& q)
{
    return q ? Status() : Status(q.error());
}

// The lines of the session's statement: the transactions the batch created and its kept
// statement_lines rows, each with `earlier` set when an earlier reconciliation settled it already
// (its transaction is reconciled, or — for a statement-only line seen before — the first copy of
// it is in a finished reconciliation). `taken`: this session's statement items, found by the
// batch's index and checked per item, so that no plan can join two match tables the planner has
// not analysed yet by scanning one for every row of the other (that took seconds).
// Bindings: session, batch, session, batch, session, batch.
const QString kLinesSql = QStringLiteral(
    "WITH lines AS ("
    "SELECT t.import_line AS line_no, t.booking_date AS booking_date, t.amount_micros AS amount_micros, "
    "t.description AS description, t.counterparty AS counterparty, t.reference AS reference, "
    "t.end_to_end_id AS end_to_end_id, t.external_id AS bank_id, t.id AS transaction_id, "
    "CASE WHEN t.reconcile_state = 'reconciled' AND (t.reconciliation_id IS NULL OR t.reconciliation_id <> ?) "
    "THEN 1 ELSE 0 END AS earlier "
    "FROM transactions t{byBatch} WHERE t.import_batch_id = ? AND t.import_line IS NOT NULL "
    "UNION ALL "
    "SELECT l.line_no, l.booking_date, l.amount_micros, l.description, l.counterparty, l.reference, "
    "l.end_to_end_id, l.bank_id, l.transaction_id, "
    "CASE WHEN EXISTS (SELECT 1 FROM transactions x WHERE x.id = l.transaction_id AND x.reconcile_state = 'reconciled' "
    "AND (x.reconciliation_id IS NULL OR x.reconciliation_id <> ?)) "
    "OR (l.transaction_id IS NULL AND l.decision = 'duplicate' AND EXISTS (SELECT 1 FROM statement_lines o "
    "JOIN reconciliation_match_items i ON i.batch_id = o.batch_id AND i.line_no = o.line_no "
    "JOIN reconciliation_matches m ON m.id = i.match_id "
    "WHERE o.account_id = l.account_id AND o.fingerprint = l.fingerprint AND o.batch_id <> l.batch_id "
    "AND m.state = 'reconciled')) THEN 1 ELSE 0 END "
    "FROM statement_lines l WHERE l.batch_id = ?), "
    "taken AS (SELECT line_no, state FROM (SELECT i.line_no AS line_no, (SELECT m.state FROM reconciliation_matches m "
    "WHERE m.id = i.match_id AND m.session_id = ?) AS state FROM reconciliation_match_items i "
    "WHERE i.batch_id = ? AND i.side = 'statement') x WHERE state IS NOT NULL) ");

// SQLite keeps one average per index prefix, so an index on (account, state) over a book that is
// nearly all one state, or one on the batch of a book that is mostly not imported, looks useless
// to it and it scans a million rows instead: these name the index. PostgreSQL's per-value
// statistics choose well on their own.
QString hinted(const SqlDialect& d, QString sql)
{
    sql.replace(QStringLiteral("{byState}"),
                d.isPostgres() ? QString() : QStringLiteral(" INDEXED BY transactions_reconcile_idx"));
    sql.replace(QStringLiteral("{byBatch}"),
                d.isPostgres() ? QString() : QStringLiteral(" INDEXED BY transactions_batch_idx"));
    return sql;
}

QString linesSql(const SqlDialect& d)
{
    return hinted(d, kLinesSql);
}

QVariantList linesBindings(qint64 session, qint64 batch)
{
    return {session, batch, session, batch, session, batch};
}

const QString kLineColumns = QStringLiteral(
    "line_no, booking_date, amount_micros, description, counterparty, reference, bank_id, transaction_id, "
    "end_to_end_id");

const QString kBookColumns = QStringLiteral(
    "t.id, t.booking_date, t.amount_micros, t.description, t.counterparty, t.reference, t.reconcile_state, "
    "t.external_id, t.end_to_end_id");

// The book side of this session's matches (transaction_id, state); binding: the session. On
// PostgreSQL each match looks its items up through a LATERAL fence: the match tables are often
// not analysed yet right after autoMatch filled them, and a planner that believes them tiny
// joins them by scanning one for every row of the other.
QString sessionBookItems(const SqlDialect& d)
{
    return d.isPostgres()
        ? QStringLiteral("SELECT i.transaction_id AS transaction_id, m.state AS state FROM reconciliation_matches m "
                         "CROSS JOIN LATERAL (SELECT x.transaction_id FROM reconciliation_match_items x "
                         "WHERE x.match_id = m.id AND x.side = 'book' OFFSET 0) i WHERE m.session_id = ?")
        : QStringLiteral("SELECT i.transaction_id AS transaction_id, m.state AS state FROM reconciliation_matches m "
                         "JOIN reconciliation_match_items i ON i.match_id = m.id WHERE m.session_id = ? "
                         "AND i.side = 'book'");
}

// The same with each item's transaction as `t` (amount_micros, reconcile_state, booking_date),
// looked up by primary key.
QString sessionBookTransactions(const SqlDialect& d)
{
    return QStringLiteral("FROM (%1) b ").arg(sessionBookItems(d)) +
        (d.isPostgres()
             ? QStringLiteral("CROSS JOIN LATERAL (SELECT x.amount_micros, x.reconcile_state, x.booking_date "
                              "FROM transactions x WHERE x.id = b.transaction_id OFFSET 0) t ")
             : QStringLiteral("JOIN transactions t ON t.id = b.transaction_id "));
}

// Which of some transactions are in one of this session's matches; binding: the session.
QString inSessionMatches(const QString& transactionIds)
{
    return QStringLiteral("SELECT i.transaction_id FROM reconciliation_match_items i WHERE i.transaction_id IN (%1) "
                          "AND i.side = 'book' AND (SELECT m.session_id FROM reconciliation_matches m "
                          "WHERE m.id = i.match_id) = ?")
        .arg(transactionIds);
}

QString signatureOf(const QList<StatementLineKey>& lines, const QList<qint64>& book)
{
    QList<StatementLineKey> l = lines;
    QList<qint64> b = book;
    std::sort(l.begin(), l.end());
    std::sort(b.begin(), b.end());
    QStringList keys;
    for (const StatementLineKey& k : l) {
        keys.append(QStringLiteral("%1:%2").arg(k.batchId).arg(k.lineNo));
    }
    return keys.join(u',') + u'|' + idList(b);
}

// A match as its audit entries record it: the statement lines ("batch:line") and the book entries.
QJsonObject matchJson(const QList<StatementLineKey>& lines, const QList<qint64>& book, const QString& state)
{
    QJsonArray keys;
    for (const StatementLineKey& k : lines) {
        keys.append(QStringLiteral("%1:%2").arg(k.batchId).arg(k.lineNo));
    }
    return {{QStringLiteral("state"), state},
            {QStringLiteral("statement_lines"), keys},
            {QStringLiteral("book"), AuditLog::idRanges(book)}};
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject settingsJson(const MatcherSettings& s)
{
    // The tolerance travels as text: a JSON number is a double.
    return {{QStringLiteral("date_tolerance_days"), s.dateToleranceDays},
            {QStringLiteral("amount_tolerance_micros"), QString::number(s.amountToleranceMicros)},
            {QStringLiteral("max_group_size"), s.maxGroupSize},
            {QStringLiteral("group_window_days"), s.groupWindowDays}};
}

MatcherSettings settingsFrom(const QJsonObject& o)
{
    MatcherSettings s;
    s.dateToleranceDays = o.value(QStringLiteral("date_tolerance_days")).toInt(s.dateToleranceDays);
    s.amountToleranceMicros = o.value(QStringLiteral("amount_tolerance_micros")).toString().toLongLong();
    s.maxGroupSize = o.value(QStringLiteral("max_group_size")).toInt(s.maxGroupSize);
    s.groupWindowDays = o.value(QStringLiteral("group_window_days")).toInt(s.groupWindowDays);
    return s;
}

Status validSettings(const MatcherSettings& s)
{
    if (s.dateToleranceDays < 0 || s.dateToleranceDays > 60 || s.groupWindowDays < 0 || s.groupWindowDays > 60) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("date tolerances must be between 0 and 60 days"));
    }
    if (s.amountToleranceMicros < 0) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the amount tolerance cannot be negative"));
    }
    if (s.maxGroupSize < 1 || s.maxGroupSize > 8) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a group may have between 1 and 8 members"));
    }
    return {};
}

} // namespace

QString reconcileStateKey(ReconcileState state)
{
    switch (state) {
    case ReconcileState::New:
        return QStringLiteral("new");
    case ReconcileState::Cleared:
        return QStringLiteral("cleared");
    case ReconcileState::Reconciled:
        return QStringLiteral("reconciled");
    }
    return QStringLiteral("new");
}

ReconcileState reconcileStateFrom(QStringView key)
{
    return key == u"reconciled" ? ReconcileState::Reconciled
        : key == u"cleared"     ? ReconcileState::Cleared
                                : ReconcileState::New;
}

QString matchStateKey(MatchState state)
{
    switch (state) {
    case MatchState::Suggested:
        return QStringLiteral("suggested");
    case MatchState::Cleared:
        return QStringLiteral("cleared");
    case MatchState::Reconciled:
        return QStringLiteral("reconciled");
    }
    return QStringLiteral("suggested");
}

MatchState matchStateFrom(QStringView key)
{
    return key == u"reconciled" ? MatchState::Reconciled
        : key == u"cleared"     ? MatchState::Cleared
                                : MatchState::Suggested;
}

// A session as stored, plus what is derived from its batch.
struct Reconciliation::Row
{
    qint64 id = 0;
    qint64 accountId = 0;
    std::optional<qint64> batchId;
    QDate statementDate;
    QDate periodFrom;
    qint64 closing = 0;
    std::optional<qint64> opening;
    Currency currency;
    bool finished = false;
    std::optional<qint64> startedBy;
    QDateTime startedAt;
    std::optional<qint64> finishedBy;
    QDateTime finishedAt;
    int rowVersion = 0;
    QJsonObject settingsJson;
    MatcherSettings settings;

    Money money(qint64 micros) const { return Money::fromMicros(micros, currency); }
    QDate from() const { return periodFrom.isValid() ? periodFrom : kBeginning; }
};

Reconciliation::Reconciliation(DatabasePtr db, Actor actor)
    : m_db(std::move(db))
    , m_actor(std::move(actor))
    , m_throughServer(m_db->actsThroughServer())
{
}

Result<Reconciliation::Row> Reconciliation::readSession(QSqlDatabase& c, qint64 sessionId) const
{
    const SqlDialect& d = m_db->dialect();
    auto q = Database::execOn(
        c,
        QStringLiteral("SELECT s.id, s.account_id, s.import_batch_id, s.statement_date, s.statement_closing_micros, "
                       "s.statement_opening_micros, s.currency, s.status, s.started_by, s.started_at, s.finished_by, "
                       "s.finished_at, s.row_version, s.settings, b.statement_from "
                       "FROM reconciliation_sessions s LEFT JOIN import_batches b ON b.id = s.import_batch_id "
                       "WHERE s.id = ?"),
        {sessionId});
    if (!q) {
        return q.error();
    }
    if (!q->next()) {
        return Error(ErrorCode::NotFound, QStringLiteral("there is no reconciliation #%1").arg(sessionId));
    }
    Row r;
    r.id = q->value(0).toLongLong();
    r.accountId = q->value(1).toLongLong();
    r.batchId = optionalInt(q->value(2));
    r.statementDate = d.dateFrom(q->value(3));
    r.closing = q->value(4).toLongLong();
    r.opening = optionalInt(q->value(5));
    const auto currency = Currency::fromCode(q->value(6).toString());
    if (!currency) {
        return Error(
            ErrorCode::DatabaseCorrupt,
            QStringLiteral("reconciliation #%1 has an unknown currency %2").arg(sessionId).arg(q->value(6).toString()));
    }
    r.currency = *currency;
    r.finished = q->value(7).toString() == u"finished";
    r.startedBy = optionalInt(q->value(8));
    r.startedAt = d.timestampFrom(q->value(9));
    r.finishedBy = optionalInt(q->value(10));
    r.finishedAt = d.timestampFrom(q->value(11));
    r.rowVersion = q->value(12).toInt();
    r.settingsJson = QJsonDocument::fromJson(q->value(13).toString().toUtf8()).object();
    r.settings = settingsFrom(r.settingsJson);
    r.periodFrom = d.dateFrom(q->value(14));
    q->finish();
    if (r.batchId) {
        // Some files state a period that their entries do not keep to: the lines have the last word.
        auto first = Database::execOn(
            c,
            hinted(d,
                   QStringLiteral("SELECT min(booking_date) FROM (SELECT booking_date FROM transactions{byBatch} "
                                  "WHERE import_batch_id = ? UNION ALL SELECT booking_date FROM "
                                  "statement_lines WHERE batch_id = ?) x")),
            {*r.batchId, *r.batchId});
        if (!first) {
            return first.error();
        }
        const QDate firstLine = first->next() ? d.dateFrom(first->value(0)) : QDate();
        if (firstLine.isValid() && (!r.periodFrom.isValid() || firstLine < r.periodFrom)) {
            r.periodFrom = firstLine;
        }
    } else {
        // A statement on paper covers what the account's last finished reconciliation did not.
        auto last = Database::execOn(c,
                                     QStringLiteral("SELECT max(statement_date) FROM reconciliation_sessions "
                                                    "WHERE account_id = ? AND status = 'finished' AND id <> ? "
                                                    "AND statement_date < ?"),
                                     {r.accountId, r.id, d.dateValue(r.statementDate)});
        if (!last) {
            return last.error();
        }
        if (last->next() && !last->value(0).isNull()) {
            r.periodFrom = d.dateFrom(last->value(0)).addDays(1);
        }
    }
    return r;
}

ReconciliationSession Reconciliation::sessionFrom(const Row& r) const
{
    ReconciliationSession s;
    s.id = r.id;
    s.accountId = r.accountId;
    s.batchId = r.batchId;
    s.periodFrom = r.periodFrom;
    s.statementDate = r.statementDate;
    s.closingBalance = r.money(r.closing);
    if (r.opening) {
        s.openingBalance = r.money(*r.opening);
    }
    s.finished = r.finished;
    s.startedBy = r.startedBy;
    s.startedAt = r.startedAt;
    s.finishedBy = r.finishedBy;
    s.finishedAt = r.finishedAt;
    s.rowVersion = r.rowVersion;
    s.settings = r.settings;
    return s;
}

Result<qint64> Reconciliation::start(qint64 accountId, qint64 batchId, const MatcherSettings& settings,
                                     const std::optional<Money>& closingBalance)
{
    return startSession(accountId, batchId, QDate(), closingBalance, settings);
}

Result<qint64> Reconciliation::startManual(qint64 accountId, const QDate& statementDate, const Money& closingBalance,
                                           const MatcherSettings& settings)
{
    if (!statementDate.isValid()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("enter the date of the statement"));
    }
    return startSession(accountId, std::nullopt, statementDate, closingBalance, settings);
}

Result<qint64> Reconciliation::startSession(qint64 accountId, std::optional<qint64> batchId, const QDate& givenDate,
                                            const std::optional<Money>& closing, const MatcherSettings& settings)
{
    if (auto s = validSettings(settings); !s) {
        return s.error();
    }
    if (auto allowed = requirePermission(*m_db, m_actor, Permission::ReconciliationPerform); !allowed) {
        return allowed.error();
    }
    const SqlDialect& d = m_db->dialect();
    qint64 sessionId = 0;
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        if (d.isPostgres()) {
            // Two workstations starting at once would both see no open session: one waits here.
            constexpr qint64 kLockSpace = qint64(0x5245434F) << 32;
            if (auto s = ran(
                    Database::execOn(c, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kLockSpace | accountId}));
                !s) {
                return s;
            }
        }
        auto account =
            Database::execOn(c, QStringLiteral("SELECT currency, name FROM accounts WHERE id = ?"), {accountId});
        if (!account) {
            return account.error();
        }
        if (!account->next()) {
            return Error(ErrorCode::NotFound,
                         QStringLiteral("there is no account #%1 in this workspace").arg(accountId));
        }
        const QString currencyCode = account->value(0).toString();
        const QString accountName = account->value(1).toString();
        account->finish();
        const auto currency = Currency::fromCode(currencyCode);
        if (!currency) {
            return Error(ErrorCode::DatabaseCorrupt,
                         QStringLiteral("account #%1 has an unknown currency").arg(accountId));
        }

        QDate statementDate = givenDate;
        std::optional<qint64> closingMicros;
        std::optional<qint64> openingMicros;
        if (closing) {
            if (closing->currency().code() != currencyCode) {
                return Error(ErrorCode::CurrencyMismatch,
                             QStringLiteral("the closing balance is in %1 but %2 is kept in %3")
                                 .arg(closing->currency().code(), accountName, currencyCode));
            }
            auto micros = closing->toMicros();
            if (!micros) {
                return micros.error();
            }
            closingMicros = *micros;
        }
        if (batchId) {
            auto batch =
                Database::execOn(c,
                                 QStringLiteral("SELECT account_id, status, currency, closing_date, statement_to, "
                                                "opening_balance_micros, closing_balance_micros, file_name "
                                                "FROM import_batches WHERE id = ?"),
                                 {*batchId});
            if (!batch) {
                return batch.error();
            }
            if (!batch->next()) {
                return Error(ErrorCode::NotFound, QStringLiteral("there is no imported statement #%1").arg(*batchId));
            }
            const QString fileName = batch->value(7).toString();
            if (batch->value(0).toLongLong() != accountId) {
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("statement #%1 (%2) is not a statement of %3")
                                 .arg(*batchId)
                                 .arg(fileName, accountName));
            }
            if (batch->value(1).toString() != u"committed") {
                return Error(
                    ErrorCode::InvalidArgument,
                    QStringLiteral("statement #%1 (%2) was undone; import it again").arg(*batchId).arg(fileName));
            }
            if (!batch->value(2).isNull() && batch->value(2).toString() != currencyCode) {
                return Error(ErrorCode::CurrencyMismatch,
                             QStringLiteral("statement #%1 is in %2 but %3 is kept in %4")
                                 .arg(*batchId)
                                 .arg(batch->value(2).toString(), accountName, currencyCode));
            }
            statementDate = d.dateFrom(batch->value(3));
            if (!statementDate.isValid()) {
                statementDate = d.dateFrom(batch->value(4));
            }
            openingMicros = optionalInt(batch->value(5));
            const std::optional<qint64> batchClosing = optionalInt(batch->value(6));
            batch->finish();
            if (batchClosing && closingMicros && *batchClosing != *closingMicros) {
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("statement #%1 says its closing balance is %2, not %3")
                                 .arg(*batchId)
                                 .arg(shown(Money::fromMicros(*batchClosing, *currency)), shown(*closing)));
            }
            if (batchClosing) {
                closingMicros = batchClosing;
            }
            if (!closingMicros) {
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("statement #%1 (%2) does not give its closing balance; enter the closing "
                                            "balance printed on the statement")
                                 .arg(*batchId)
                                 .arg(fileName));
            }
            auto last = Database::execOn(
                c,
                hinted(d,
                       QStringLiteral("SELECT max(booking_date) FROM (SELECT booking_date FROM transactions{byBatch} "
                                      "WHERE import_batch_id = ? UNION ALL SELECT booking_date FROM "
                                      "statement_lines WHERE batch_id = ?) x")),
                {*batchId, *batchId});
            if (!last) {
                return last.error();
            }
            const QDate lastLine = last->next() ? d.dateFrom(last->value(0)) : QDate();
            last->finish();
            if (lastLine.isValid() && (!statementDate.isValid() || lastLine > statementDate)) {
                statementDate = lastLine;
            }
            if (!statementDate.isValid()) {
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("statement #%1 has no lines and no date").arg(*batchId));
            }
        }
        if (!closingMicros) {
            return Error(ErrorCode::InvalidArgument, QStringLiteral("enter the statement's closing balance"));
        }

        auto inserted = Database::execOn(
            c,
            QStringLiteral(
                "INSERT INTO reconciliation_sessions (account_id, import_batch_id, statement_date, "
                "statement_closing_micros, statement_opening_micros, currency, status, started_by, started_at, "
                "settings) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id"),
            {accountId, nullableInt(batchId), d.dateValue(statementDate), *closingMicros, nullableInt(openingMicros),
             currencyCode, nullableInt(m_actor.userId), d.timestampValue(Clock::now()),
             QString::fromUtf8(QJsonDocument(settingsJson(settings)).toJson(QJsonDocument::Compact))});
        if (!inserted) {
            return inserted.error();
        }
        if (!inserted->next()) {
            return Error(ErrorCode::DatabaseQuery, QStringLiteral("the reconciliation was not stored"));
        }
        sessionId = inserted->value(0).toLongLong();
        inserted->finish();

        // Checked after the insert: on SQLite the insert is what serialises two writers.
        auto open = Database::execOn(c,
                                     QStringLiteral("SELECT id, statement_date FROM reconciliation_sessions "
                                                    "WHERE account_id = ? AND status = 'open' AND id <> ? ORDER BY id"),
                                     {accountId, sessionId});
        if (!open) {
            return open.error();
        }
        if (open->next()) {
            return Error(
                ErrorCode::AlreadyExists,
                QStringLiteral("reconciliation #%1 of %2 (statement of %3) is still open; resume it, or finish it "
                               "before starting another")
                    .arg(open->value(0).toLongLong())
                    .arg(accountName, d.dateFrom(open->value(1)).toString(Qt::ISODate)));
        }
        open->finish();
        if (batchId) {
            auto used =
                Database::execOn(c,
                                 QStringLiteral("SELECT id FROM reconciliation_sessions WHERE import_batch_id = ? "
                                                "AND status = 'finished'"),
                                 {*batchId});
            if (!used) {
                return used.error();
            }
            if (used->next()) {
                return Error(ErrorCode::AlreadyExists,
                             QStringLiteral("statement #%1 was reconciled already (reconciliation #%2)")
                                 .arg(*batchId)
                                 .arg(used->value(0).toLongLong()));
            }
        }
        const QJsonObject after {
            {QStringLiteral("account_id"), QString::number(accountId)},
            {QStringLiteral("batch_id"), batchId ? QJsonValue(QString::number(*batchId)) : QJsonValue()},
            {QStringLiteral("statement_date"), statementDate.toString(Qt::ISODate)},
            {QStringLiteral("closing"), Money::fromMicros(*closingMicros, *currency).toString()},
            {QStringLiteral("currency"), currencyCode}};
        return AuditLog::record(c, d, m_throughServer, m_actor, QStringLiteral("reconciliation.started"),
                                QStringLiteral("reconciliation_session"), QString::number(sessionId),
                                QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact)));
    });
    if (!status) {
        return status.error();
    }
    m_seenVersion.insert(sessionId, 1);
    qCInfo(lcLedger) << "reconciliation" << sessionId << "started for account" << accountId;
    return sessionId;
}

Result<std::optional<ReconciliationSession>> Reconciliation::openSessionFor(qint64 accountId)
{
    auto q =
        m_db->exec(QStringLiteral("SELECT id FROM reconciliation_sessions WHERE account_id = ? AND status = 'open' "
                                  "ORDER BY id LIMIT 1"),
                   {accountId});
    if (!q) {
        return q.error();
    }
    if (!q->next()) {
        return std::optional<ReconciliationSession>();
    }
    const qint64 id = q->value(0).toLongLong();
    q->finish();
    auto session = load(id);
    if (!session) {
        return session.error();
    }
    return std::optional<ReconciliationSession>(*session);
}

Result<ReconciliationSession> Reconciliation::load(qint64 sessionId)
{
    auto c = m_db->connection();
    if (!c) {
        return c.error();
    }
    auto row = readSession(*c, sessionId);
    if (!row) {
        return row.error();
    }
    m_seenVersion.insert(sessionId, row->rowVersion);
    return sessionFrom(*row);
}

Result<QList<AccountStatement>> Reconciliation::statementsOf(qint64 accountId, int limit) const
{
    const SqlDialect& d = m_db->dialect();
    auto q = m_db->exec(
        QStringLiteral("SELECT b.id, b.file_name, b.imported_at, b.mode, b.statement_from, b.statement_to, "
                       "b.closing_date, b.opening_balance_micros, b.closing_balance_micros, "
                       "COALESCE(b.currency, a.currency), "
                       "(SELECT max(s.id) FROM reconciliation_sessions s WHERE s.import_batch_id = b.id "
                       "AND s.status = 'open'), "
                       "(SELECT max(s.id) FROM reconciliation_sessions s WHERE s.import_batch_id = b.id "
                       "AND s.status = 'finished') "
                       "FROM import_batches b JOIN accounts a ON a.id = b.account_id "
                       "WHERE b.account_id = ? AND b.status = 'committed' ORDER BY b.id DESC LIMIT ?"),
        {accountId, std::clamp(limit, 1, 1000)});
    if (!q) {
        return q.error();
    }
    QList<AccountStatement> out;
    while (q->next()) {
        AccountStatement st;
        st.batchId = q->value(0).toLongLong();
        st.fileName = q->value(1).toString();
        st.importedAt = d.timestampFrom(q->value(2));
        st.statementOnly = q->value(3).toString() == u"statement";
        st.periodFrom = d.dateFrom(q->value(4));
        st.periodTo = d.dateFrom(q->value(5));
        st.closingDate = d.dateFrom(q->value(6));
        const auto currency = Currency::fromCode(q->value(9).toString());
        if (!currency) {
            return Error(ErrorCode::DatabaseCorrupt, QStringLiteral("statement #%1 has an unknown currency %2")
                                                         .arg(st.batchId)
                                                         .arg(q->value(9).toString()));
        }
        if (const auto opening = optionalInt(q->value(7))) {
            st.openingBalance = Money::fromMicros(*opening, *currency);
        }
        if (const auto closing = optionalInt(q->value(8))) {
            st.closingBalance = Money::fromMicros(*closing, *currency);
        }
        st.openSessionId = optionalInt(q->value(10));
        st.finishedSessionId = optionalInt(q->value(11));
        out.append(st);
    }
    return out;
}

Status Reconciliation::change(qint64 sessionId, const std::function<Status(QSqlDatabase&, const Row&)>& work)
{
    if (auto allowed = requirePermission(*m_db, m_actor, Permission::ReconciliationPerform); !allowed) {
        return allowed;
    }
    int expected = 0;
    if (auto seen = m_seenVersion.constFind(sessionId); seen != m_seenVersion.cend()) {
        expected = *seen;
    } else {
        // Read before the transaction: on SQLite a read and then a write in one transaction can
        // fail on a busy snapshot, while a first write simply waits for the other writer.
        auto v =
            m_db->exec(QStringLiteral("SELECT row_version FROM reconciliation_sessions WHERE id = ?"), {sessionId});
        if (!v) {
            return v.error();
        }
        if (!v->next()) {
            return Error(ErrorCode::NotFound, QStringLiteral("there is no reconciliation #%1").arg(sessionId));
        }
        expected = v->value(0).toInt();
    }
    const SqlDialect& d = m_db->dialect();
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        auto cas = Database::execOn(c,
                                    QStringLiteral("UPDATE reconciliation_sessions SET row_version = row_version + 1 "
                                                   "WHERE id = ? AND row_version = ? AND status = 'open'"),
                                    {sessionId, expected});
        if (!cas) {
            return cas.error();
        }
        if (cas->numRowsAffected() != 1) {
            auto now = Database::execOn(c,
                                        QStringLiteral("SELECT status, row_version, finished_at, finished_by "
                                                       "FROM reconciliation_sessions WHERE id = ?"),
                                        {sessionId});
            if (!now) {
                return now.error();
            }
            if (!now->next()) {
                return Error(ErrorCode::NotFound, QStringLiteral("there is no reconciliation #%1").arg(sessionId));
            }
            const bool finished = now->value(0).toString() == u"finished";
            const bool stale = now->value(1).toInt() != expected;
            if (finished) {
                // Staff names are out of the workstation role's reach; the owner's path can say who.
                QString by;
                if (!m_throughServer && !now->value(3).isNull()) {
                    auto name = Database::execOn(c, QStringLiteral("SELECT display_name FROM staff_users WHERE id = ?"),
                                                 {now->value(3)});
                    if (name && name->next()) {
                        by = name->value(0).toString();
                    }
                }
                const QString when = d.timestampFrom(now->value(2)).toString(Qt::ISODate);
                const QString who = by.isEmpty() ? when : QStringLiteral("%1 by %2").arg(when, by);
                if (stale) {
                    return Error(
                        ErrorCode::AlreadyExists,
                        QStringLiteral("reconciliation #%1 was finished meanwhile on another workstation (%2); "
                                       "it is locked and nothing was changed")
                            .arg(sessionId)
                            .arg(who));
                }
                return Error(
                    ErrorCode::PermissionDenied,
                    QStringLiteral("reconciliation #%1 was finished (%2) and is locked; start a new reconciliation "
                                   "to make changes")
                        .arg(sessionId)
                        .arg(who));
            }
            return Error(ErrorCode::AlreadyExists,
                         QStringLiteral("reconciliation #%1 was changed on another workstation since you loaded it; "
                                        "reload it to see the changes and try again")
                             .arg(sessionId));
        }
        if (auto s = tune(c); !s) {
            return s;
        }
        auto row = readSession(c, sessionId);
        if (!row) {
            return row.error();
        }
        return work(c, *row);
    });
    if (status) {
        m_seenVersion.insert(sessionId, expected + 1);
    }
    return status;
}

Result<qint64> Reconciliation::sessionOfMatch(qint64 matchId) const
{
    auto q = m_db->exec(QStringLiteral("SELECT session_id FROM reconciliation_matches WHERE id = ?"), {matchId});
    if (!q) {
        return q.error();
    }
    if (!q->next()) {
        return Error(ErrorCode::NotFound,
                     QStringLiteral("there is no match #%1 (it may have been undone meanwhile)").arg(matchId));
    }
    return q->value(0).toLongLong();
}

namespace {

// Stores matches found by the matcher or made by hand: ids first (so that items can point at
// them without a round trip per match), then multi-row inserts of integers only.
struct NewMatch
{
    MatchKind kind;
    MatchState state;
    int score;
    QList<StatementLineKey> lines;
    QList<qint64> book;
};

Result<QList<qint64>> reserveMatchIds(QSqlDatabase& c, const SqlDialect& d, qsizetype n)
{
    QList<qint64> ids;
    if (n == 0) {
        return ids;
    }
    if (d.isPostgres()) {
        auto q =
            Database::execOn(c,
                             QStringLiteral("SELECT nextval(pg_get_serial_sequence('reconciliation_matches', 'id')) "
                                            "FROM generate_series(1, ?)"),
                             {qint64(n)});
        if (!q) {
            return q.error();
        }
        while (q->next()) {
            ids.append(q->value(0).toLongLong());
        }
    } else {
        // SQLite: this transaction already holds the write lock (the session's compare-and-set),
        // so nobody else can take these ids.
        auto top = scalarOn(c, QStringLiteral("SELECT COALESCE(max(id), 0) FROM reconciliation_matches"), {});
        if (!top) {
            return top.error();
        }
        for (qsizetype i = 1; i <= n; ++i) {
            ids.append(*top + i);
        }
    }
    if (ids.size() != n) {
        return Error(ErrorCode::DatabaseQuery, QStringLiteral("could not reserve match ids"));
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

Result<QList<qint64>> storeMatches(QSqlDatabase& c, const SqlDialect& d, qint64 sessionId,
                                   const QList<NewMatch>& matches)
{
    auto ids = reserveMatchIds(c, d, matches.size());
    if (!ids) {
        return ids.error();
    }
    QStringList matchRows, itemRows;
    const auto flushMatches = [&]() -> Status {
        if (matchRows.isEmpty()) {
            return {};
        }
        auto q =
            Database::execOn(c,
                             QStringLiteral("INSERT INTO reconciliation_matches (id, session_id, kind, score, state) "
                                            "VALUES %1")
                                 .arg(matchRows.join(u',')));
        matchRows.clear();
        return ran(q);
    };
    const auto flushItems = [&]() -> Status {
        if (itemRows.isEmpty()) {
            return {};
        }
        auto q =
            Database::execOn(c,
                             QStringLiteral("INSERT INTO reconciliation_match_items (match_id, side, transaction_id, "
                                            "batch_id, line_no) VALUES %1")
                                 .arg(itemRows.join(u',')));
        itemRows.clear();
        return ran(q);
    };
    for (qsizetype i = 0; i < matches.size(); ++i) {
        const NewMatch& m = matches.at(i);
        const qint64 id = ids->at(i);
        matchRows.append(QStringLiteral("(%1, %2, '%3', %4, '%5')")
                             .arg(id)
                             .arg(sessionId)
                             .arg(matchKindKey(m.kind))
                             .arg(m.score)
                             .arg(matchStateKey(m.state)));
        for (const StatementLineKey& k : m.lines) {
            itemRows.append(QStringLiteral("(%1, 'statement', NULL, %2, %3)").arg(id).arg(k.batchId).arg(k.lineNo));
        }
        for (qint64 b : m.book) {
            itemRows.append(QStringLiteral("(%1, 'book', %2, NULL, NULL)").arg(id).arg(b));
        }
        if (matchRows.size() >= kChunk) {
            if (auto s = flushMatches(); !s) {
                return s.error();
            }
        }
    }
    if (auto s = flushMatches(); !s) {
        return s.error();
    }
    // Items after all their matches: the foreign key wants the match first.
    QStringList pending = itemRows;
    itemRows.clear();
    for (qsizetype at = 0; at < pending.size(); at += kChunk) {
        itemRows = pending.mid(at, kChunk);
        if (auto s = flushItems(); !s) {
            return s.error();
        }
    }
    return *ids;
}

// Ticks (or unticks) book transactions for a session. Only rows in the expected state move, so
// a transaction reconciled elsewhere is never touched; the count tells the caller.
Result<qint64> setStates(QSqlDatabase& c, const QList<qint64>& ids, ReconcileState from, ReconcileState to,
                         std::optional<qint64> sessionId)
{
    qint64 moved = 0;
    for (const QList<qint64>& chunk : chunksOf(ids)) {
        const QString target = sessionId ? QString::number(*sessionId) : QStringLiteral("NULL");
        auto q =
            Database::execOn(c,
                             QStringLiteral("UPDATE transactions SET reconcile_state = '%1', reconciliation_id = %2, "
                                            "row_version = row_version + 1 WHERE id IN (%3) AND reconcile_state = '%4'")
                                 .arg(reconcileStateKey(to), target, idList(chunk), reconcileStateKey(from)));
        if (!q) {
            return q.error();
        }
        moved += q->numRowsAffected();
    }
    return moved;
}

} // namespace

Result<AutoMatchOutcome> Reconciliation::autoMatch(qint64 sessionId)
{
    const SqlDialect& d = m_db->dialect();
    AutoMatchOutcome outcome;
    auto status = change(sessionId, [&](QSqlDatabase& c, const Row& row) -> Status {
        outcome = {};
        if (!row.batchId) {
            return {}; // a statement on paper has no lines to match: entries are ticked by hand
        }
        const MatcherSettings& settings = row.settings;

        // Statement lines nobody has decided on yet.
        QList<MatchStatementLine> lines;
        qint64 firstDay = epochDays(row.statementDate), lastDay = firstDay;
        {
            auto q = Database::execOn(c,
                                      linesSql(d) +
                                          QStringLiteral("SELECT %1 FROM lines WHERE earlier = 0 AND line_no NOT IN "
                                                         "(SELECT line_no FROM taken) ORDER BY line_no")
                                              .arg(kLineColumns),
                                      linesBindings(row.id, *row.batchId));
            if (!q) {
                return q.error();
            }
            while (q->next()) {
                MatchStatementLine l;
                l.key = {*row.batchId, q->value(0).toInt()};
                l.day = epochDays(d.dateFrom(q->value(1)));
                l.amountMicros = q->value(2).toLongLong();
                l.text = q->value(3).toString() + u' ' + q->value(4).toString();
                l.reference = q->value(5).toString();
                l.bankId = q->value(6).toString();
                l.linkedTransactionId = q->value(7).toLongLong();
                l.endToEndId = q->value(8).toString();
                firstDay = std::min(firstDay, l.day);
                lastDay = std::max(lastDay, l.day);
                lines.append(l);
            }
        }
        outcome.statementLines = int(lines.size());
        if (lines.isEmpty()) {
            return {};
        }

        // Book transactions that are open: new, or ticked by hand in this session; not yet in a match
        // of it. Only the statement's period and the tolerances around it can match by date, and the
        // index on (account, state, date) finds them without reading the rest of the book.
        QSet<qint64> taken;
        {
            auto q = Database::execOn(c, sessionBookItems(d), {row.id});
            if (!q) {
                return q.error();
            }
            while (q->next()) {
                taken.insert(q->value(0).toLongLong());
            }
        }
        const int margin = std::max(settings.dateToleranceDays, settings.groupWindowDays);
        if (row.periodFrom.isValid()) {
            firstDay = std::min(firstDay, epochDays(row.periodFrom));
        }
        QList<MatchBookEntry> book;
        QSet<qint64> loaded;
        const auto readBook = [&](QSqlQuery& q) {
            while (q.next()) {
                const qint64 id = q.value(0).toLongLong();
                if (taken.contains(id) || loaded.contains(id)) {
                    continue;
                }
                if (q.value(6).toString() == u"cleared" && q.value(9).toLongLong() != row.id) {
                    continue; // ticked in some other session: not ours to take
                }
                MatchBookEntry b;
                b.id = id;
                b.day = epochDays(d.dateFrom(q.value(1)));
                b.amountMicros = q.value(2).toLongLong();
                b.text = q.value(3).toString() + u' ' + q.value(4).toString();
                b.reference = q.value(5).toString();
                b.externalId = q.value(7).toString();
                b.endToEndId = q.value(8).toString();
                loaded.insert(id);
                book.append(std::move(b));
            }
        };
        {
            auto q = Database::execOn(
                c,
                hinted(
                    d,
                    QStringLiteral("SELECT %1, t.reconciliation_id FROM transactions t{byState} WHERE t.account_id = ? "
                                   "AND t.reconcile_state IN ('new', 'cleared') AND t.booking_date BETWEEN ? AND ?"))
                    .arg(kBookColumns),
                {row.accountId, d.dateValue(kEpoch.addDays(firstDay - margin)),
                 d.dateValue(kEpoch.addDays(lastDay + margin))});
            if (!q) {
                return q.error();
            }
            readBook(*q);
        }
        // A line linked at import to a transaction outside that range still finds it.
        QList<qint64> missing;
        for (const MatchStatementLine& l : std::as_const(lines)) {
            if (l.linkedTransactionId != 0 && !loaded.contains(l.linkedTransactionId) &&
                !taken.contains(l.linkedTransactionId)) {
                missing.append(l.linkedTransactionId);
            }
        }
        for (const QList<qint64>& chunk : chunksOf(missing)) {
            auto q =
                Database::execOn(c,
                                 QStringLiteral("SELECT %1, t.reconciliation_id FROM transactions t WHERE t.id IN (%2) "
                                                "AND t.account_id = ? AND t.reconcile_state IN ('new', 'cleared')")
                                     .arg(kBookColumns, idList(chunk)),
                                 {row.accountId});
            if (!q) {
                return q.error();
            }
            readBook(*q);
        }
        outcome.bookEntries = int(book.size());

        const QList<ReconciliationMatch> found = ReconciliationMatcher(settings).match(lines, book);
        const QJsonArray rejectedJson = row.settingsJson.value(QStringLiteral("rejected")).toArray();
        QSet<QString> rejected;
        for (const QJsonValue& v : rejectedJson) {
            rejected.insert(v.toString());
        }
        QList<NewMatch> toStore;
        QList<qint64> toClear;
        for (const ReconciliationMatch& m : found) {
            if (rejected.contains(signatureOf(m.statement, m.book))) {
                ++outcome.skippedRejected;
                continue;
            }
            const bool exact = m.kind == MatchKind::Exact;
            toStore.append({m.kind, exact ? MatchState::Cleared : MatchState::Suggested, m.score, m.statement, m.book});
            switch (m.kind) {
            case MatchKind::Exact:
                ++outcome.exact;
                toClear.append(m.book);
                break;
            case MatchKind::Tolerance:
                ++outcome.tolerance;
                break;
            case MatchKind::OneToMany:
                ++outcome.oneToMany;
                break;
            case MatchKind::ManyToOne:
                ++outcome.manyToOne;
                break;
            case MatchKind::Manual:
                break;
            }
            outcome.suggested += exact ? 0 : 1;
        }
        auto stored = storeMatches(c, d, row.id, toStore);
        if (!stored) {
            return stored.error();
        }
        auto cleared = setStates(c, toClear, ReconcileState::New, ReconcileState::Cleared, row.id);
        if (!cleared) {
            return cleared.error();
        }
        outcome.cleared = int(*cleared);
        if (toStore.isEmpty()) {
            return {};
        }
        // Exact matches clear their book entries at once (they were 'new'); the others wait for a person.
        const QJsonObject after{{QStringLiteral("exact"), outcome.exact},
                                {QStringLiteral("suggested"), outcome.suggested},
                                {QStringLiteral("cleared"), AuditLog::idRanges(toClear)},
                                {QStringLiteral("reconcile_state"), QStringLiteral("cleared")}};
        const QJsonObject before{{QStringLiteral("reconcile_state"), QStringLiteral("new")}};
        return audit(c, QStringLiteral("reconciliation.auto_matched"), QStringLiteral("reconciliation_session"), row.id,
                     compact(after), toClear.isEmpty() ? QString() : compact(before));
    });
    if (!status) {
        return status.error();
    }
    qCInfo(lcLedger) << "reconciliation" << sessionId << "auto-matched:" << outcome.exact << "exact,"
                     << outcome.tolerance << "within tolerance," << outcome.oneToMany + outcome.manyToOne << "groups";
    return outcome;
}

namespace {

struct StoredMatch
{
    qint64 sessionId = 0;
    MatchState state = MatchState::Suggested;
    QList<StatementLineKey> lines;
    QList<qint64> book;
};

Result<StoredMatch> readMatch(QSqlDatabase& c, qint64 matchId)
{
    auto q = Database::execOn(c, QStringLiteral("SELECT session_id, state FROM reconciliation_matches WHERE id = ?"),
                              {matchId});
    if (!q) {
        return q.error();
    }
    if (!q->next()) {
        return Error(ErrorCode::NotFound,
                     QStringLiteral("there is no match #%1 (it may have been undone meanwhile)").arg(matchId));
    }
    StoredMatch m;
    m.sessionId = q->value(0).toLongLong();
    m.state = matchStateFrom(q->value(1).toString());
    q->finish();
    auto items = Database::execOn(
        c,
        QStringLiteral("SELECT side, transaction_id, batch_id, line_no FROM reconciliation_match_items "
                       "WHERE match_id = ?"),
        {matchId});
    if (!items) {
        return items.error();
    }
    while (items->next()) {
        if (items->value(0).toString() == u"book") {
            m.book.append(items->value(1).toLongLong());
        } else {
            m.lines.append({items->value(2).toLongLong(), items->value(3).toInt()});
        }
    }
    return m;
}

} // namespace

Status Reconciliation::accept(qint64 matchId)
{
    auto session = sessionOfMatch(matchId);
    if (!session) {
        return session.error();
    }
    return change(*session, [&](QSqlDatabase& c, const Row& row) -> Status {
        auto m = readMatch(c, matchId);
        if (!m) {
            return m.error();
        }
        if (m->state != MatchState::Suggested) {
            return Error(ErrorCode::InvalidArgument, QStringLiteral("match #%1 was accepted already").arg(matchId));
        }
        if (auto s = ran(Database::execOn(
                c, QStringLiteral("UPDATE reconciliation_matches SET state = 'cleared' WHERE id = ?"), {matchId}));
            !s) {
            return s;
        }
        auto moved = setStates(c, m->book, ReconcileState::New, ReconcileState::Cleared, row.id);
        if (!moved) {
            return moved.error();
        }
        return audit(c, QStringLiteral("reconciliation.match_accepted"), QStringLiteral("reconciliation_match"),
                     matchId, compact(matchJson(m->lines, m->book, QStringLiteral("cleared"))),
                     compact(matchJson(m->lines, m->book, QStringLiteral("suggested"))));
    });
}

Status Reconciliation::reject(qint64 matchId)
{
    auto session = sessionOfMatch(matchId);
    if (!session) {
        return session.error();
    }
    return change(*session, [&](QSqlDatabase& c, const Row& row) -> Status {
        auto m = readMatch(c, matchId);
        if (!m) {
            return m.error();
        }
        if (m->state != MatchState::Suggested) {
            return Error(
                ErrorCode::InvalidArgument,
                QStringLiteral("match #%1 is not a suggestion any more; undo it (unmatch) instead").arg(matchId));
        }
        if (auto s = ran(Database::execOn(
                c, QStringLiteral("DELETE FROM reconciliation_match_items WHERE match_id = ?"), {matchId}));
            !s) {
            return s;
        }
        if (auto s =
                ran(Database::execOn(c, QStringLiteral("DELETE FROM reconciliation_matches WHERE id = ?"), {matchId}));
            !s) {
            return s;
        }
        QJsonObject settings = row.settingsJson;
        QJsonArray rejected = settings.value(QStringLiteral("rejected")).toArray();
        rejected.append(signatureOf(m->lines, m->book));
        settings.insert(QStringLiteral("rejected"), rejected);
        if (auto s = ran(
                Database::execOn(c, QStringLiteral("UPDATE reconciliation_sessions SET settings = ? WHERE id = ?"),
                                 {QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact)), row.id}));
            !s) {
            return s;
        }
        return audit(c, QStringLiteral("reconciliation.match_rejected"), QStringLiteral("reconciliation_match"),
                     matchId, compact(matchJson(m->lines, m->book, QStringLiteral("rejected"))),
                     compact(matchJson(m->lines, m->book, QStringLiteral("suggested"))));
    });
}

Result<qint64> Reconciliation::manualMatch(qint64 sessionId, const QList<StatementLineKey>& statementLines,
                                           const QList<qint64>& bookTransactionIds)
{
    if (statementLines.isEmpty() || bookTransactionIds.isEmpty()) {
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("choose at least one statement line and one book entry; to clear a book entry "
                                    "without a line, tick it"));
    }
    QList<StatementLineKey> lineKeys = statementLines;
    QList<qint64> bookIds = bookTransactionIds;
    std::sort(lineKeys.begin(), lineKeys.end());
    std::sort(bookIds.begin(), bookIds.end());
    if (std::adjacent_find(lineKeys.begin(), lineKeys.end()) != lineKeys.end() ||
        std::adjacent_find(bookIds.begin(), bookIds.end()) != bookIds.end()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a line or an entry was chosen twice"));
    }
    const SqlDialect& d = m_db->dialect();
    qint64 matchId = 0;
    auto status = change(sessionId, [&](QSqlDatabase& c, const Row& row) -> Status {
        if (!row.batchId) {
            return Error(
                ErrorCode::InvalidArgument,
                QStringLiteral("reconciliation #%1 has no statement lines; tick the book entries instead").arg(row.id));
        }
        QList<qint64> lineNos;
        for (const StatementLineKey& k : std::as_const(lineKeys)) {
            if (k.batchId != *row.batchId) {
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("line %1 of statement #%2 is not on the statement being reconciled (#%3)")
                                 .arg(k.lineNo)
                                 .arg(k.batchId)
                                 .arg(*row.batchId));
            }
            lineNos.append(k.lineNo);
        }
        MoneyRaw statementSum = 0, bookSum = 0;
        {
            auto q = Database::execOn(
                c,
                linesSql(d) +
                    QStringLiteral("SELECT line_no, amount_micros, earlier, "
                                   "CASE WHEN line_no IN (SELECT line_no FROM taken) THEN 1 ELSE 0 END "
                                   "FROM lines WHERE line_no IN (%1)")
                        .arg(idList(lineNos)),
                linesBindings(row.id, *row.batchId));
            if (!q) {
                return q.error();
            }
            QSet<int> found;
            while (q->next()) {
                const int line = q->value(0).toInt();
                if (q->value(2).toInt() != 0) {
                    return Error(ErrorCode::InvalidArgument,
                                 QStringLiteral("line %1 was reconciled by an earlier reconciliation").arg(line));
                }
                if (q->value(3).toInt() != 0) {
                    return Error(ErrorCode::InvalidArgument,
                                 QStringLiteral("line %1 is matched already; undo that match first").arg(line));
                }
                found.insert(line);
                statementSum += q->value(1).toLongLong();
            }
            for (qint64 line : std::as_const(lineNos)) {
                if (!found.contains(int(line))) {
                    return Error(ErrorCode::NotFound,
                                 QStringLiteral("statement #%1 has no line %2").arg(*row.batchId).arg(line));
                }
            }
        }
        {
            QSet<qint64> inMatches;
            auto taken = Database::execOn(c, inSessionMatches(idList(bookIds)), {row.id});
            if (!taken) {
                return taken.error();
            }
            while (taken->next()) {
                inMatches.insert(taken->value(0).toLongLong());
            }
            auto q = Database::execOn(
                c,
                QStringLiteral("SELECT id, account_id, amount_micros, reconcile_state, reconciliation_id "
                               "FROM transactions WHERE id IN (%1)")
                    .arg(idList(bookIds)),
                {});
            if (!q) {
                return q.error();
            }
            QSet<qint64> found;
            while (q->next()) {
                const qint64 id = q->value(0).toLongLong();
                const QString state = q->value(3).toString();
                if (q->value(1).toLongLong() != row.accountId) {
                    return Error(ErrorCode::InvalidArgument,
                                 QStringLiteral("transaction #%1 belongs to another account").arg(id));
                }
                if (state == u"reconciled" || (state == u"cleared" && q->value(4).toLongLong() != row.id)) {
                    return Error(ErrorCode::InvalidArgument,
                                 QStringLiteral("transaction #%1 was reconciled already").arg(id));
                }
                if (inMatches.contains(id)) {
                    return Error(ErrorCode::InvalidArgument,
                                 QStringLiteral("transaction #%1 is matched already; undo that match first").arg(id));
                }
                found.insert(id);
                bookSum += q->value(2).toLongLong();
            }
            for (qint64 id : std::as_const(bookIds)) {
                if (!found.contains(id)) {
                    return Error(ErrorCode::NotFound, QStringLiteral("there is no transaction #%1").arg(id));
                }
            }
        }
        const MoneyRaw apart = statementSum > bookSum ? statementSum - bookSum : bookSum - statementSum;
        if (apart > row.settings.amountToleranceMicros) {
            const Money s = Money::fromMicros(qint64(statementSum), row.currency);
            const Money b = Money::fromMicros(qint64(bookSum), row.currency);
            return Error(
                ErrorCode::InvalidArgument,
                QStringLiteral("the statement lines add up to %1 but the book entries to %2 (%3 apart); choose "
                               "entries that add up to the same amount")
                    .arg(shown(s), shown(b), shown(Money::fromMicros(qint64(apart), row.currency))));
        }
        auto stored = storeMatches(c, d, row.id, {{MatchKind::Manual, MatchState::Cleared, 100, lineKeys, bookIds}});
        if (!stored) {
            return stored.error();
        }
        matchId = stored->first();
        auto moved = setStates(c, bookIds, ReconcileState::New, ReconcileState::Cleared, row.id);
        if (!moved) {
            return moved.error();
        }
        return audit(c, QStringLiteral("reconciliation.match_made"), QStringLiteral("reconciliation_match"), matchId,
                     compact(matchJson(lineKeys, bookIds, QStringLiteral("cleared"))));
    });
    if (!status) {
        return status.error();
    }
    return matchId;
}

Status Reconciliation::unmatch(qint64 matchId)
{
    auto session = sessionOfMatch(matchId);
    if (!session) {
        return session.error();
    }
    return change(*session, [&](QSqlDatabase& c, const Row&) -> Status {
        auto m = readMatch(c, matchId);
        if (!m) {
            return m.error();
        }
        if (m->state == MatchState::Cleared) {
            auto moved = setStates(c, m->book, ReconcileState::Cleared, ReconcileState::New, std::nullopt);
            if (!moved) {
                return moved.error();
            }
        }
        if (auto s = ran(Database::execOn(
                c, QStringLiteral("DELETE FROM reconciliation_match_items WHERE match_id = ?"), {matchId}));
            !s) {
            return s;
        }
        if (auto s = ran(Database::execOn(c, QStringLiteral("DELETE FROM reconciliation_matches WHERE id = ?"),
                                          {matchId}));
            !s) {
            return s;
        }
        const QString was = m->state == MatchState::Cleared ? QStringLiteral("cleared") : QStringLiteral("suggested");
        return audit(c, QStringLiteral("reconciliation.match_undone"), QStringLiteral("reconciliation_match"), matchId,
                     compact(matchJson({}, m->book, QStringLiteral("undone"))), compact(matchJson(m->lines, m->book, was)));
    });
}

Status Reconciliation::setCleared(qint64 sessionId, qint64 transactionId, bool cleared)
{
    const SqlDialect& d = m_db->dialect();
    return change(sessionId, [&](QSqlDatabase& c, const Row& row) -> Status {
        auto q = Database::execOn(c,
                                  QStringLiteral("SELECT account_id, reconcile_state, reconciliation_id, booking_date "
                                                 "FROM transactions WHERE id = ?"),
                                  {transactionId});
        if (!q) {
            return q.error();
        }
        if (!q->next()) {
            return Error(ErrorCode::NotFound, QStringLiteral("there is no transaction #%1").arg(transactionId));
        }
        const qint64 account = q->value(0).toLongLong();
        const QString state = q->value(1).toString();
        const qint64 owner = q->value(2).toLongLong();
        const QDate booked = d.dateFrom(q->value(3));
        q->finish();
        if (account != row.accountId) {
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("transaction #%1 belongs to another account").arg(transactionId));
        }
        if (state == u"reconciled") {
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("transaction #%1 was reconciled already and is locked").arg(transactionId));
        }
        auto inMatch = Database::execOn(c, inSessionMatches(QString::number(transactionId)), {row.id});
        if (!inMatch) {
            return inMatch.error();
        }
        if (inMatch->next()) {
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("transaction #%1 is part of a match; accept, reject or undo the match instead")
                             .arg(transactionId));
        }
        inMatch->finish();
        if (cleared) {
            if (state == u"cleared") {
                return owner == row.id ? Status()
                                       : Status(Error(ErrorCode::InvalidArgument,
                                                      QStringLiteral("transaction #%1 is ticked in reconciliation #%2")
                                                          .arg(transactionId)
                                                          .arg(owner)));
            }
            const QDate last = row.statementDate.addDays(row.settings.dateToleranceDays);
            if (booked > last) {
                return Error(
                    ErrorCode::InvalidArgument,
                    QStringLiteral("transaction #%1 is booked on %2, after the statement's date %3; it belongs "
                                   "to a later statement")
                        .arg(transactionId)
                        .arg(booked.toString(Qt::ISODate), row.statementDate.toString(Qt::ISODate)));
            }
            auto moved = setStates(c, {transactionId}, ReconcileState::New, ReconcileState::Cleared, row.id);
            if (!moved) {
                return moved.error();
            }
            return audit(c, QStringLiteral("reconciliation.entry_ticked"), QStringLiteral("transaction"), transactionId,
                         compact({{QStringLiteral("reconcile_state"), QStringLiteral("cleared")},
                                  {QStringLiteral("reconciliation_id"), QString::number(row.id)}}),
                         compact({{QStringLiteral("reconcile_state"), state}}));
        }
        if (state != u"cleared" || owner != row.id) {
            return {};
        }
        auto moved = setStates(c, {transactionId}, ReconcileState::Cleared, ReconcileState::New, std::nullopt);
        if (!moved) {
            return moved.error();
        }
        return audit(c, QStringLiteral("reconciliation.entry_unticked"), QStringLiteral("transaction"), transactionId,
                     compact({{QStringLiteral("reconcile_state"), QStringLiteral("new")}}),
                     compact({{QStringLiteral("reconcile_state"), state},
                              {QStringLiteral("reconciliation_id"), QString::number(row.id)}}));
    });
}

// Open book entries booked between two days: counted on the (account, state, date) index, minus
// the few that sit in this session's suggestions, rather than by an anti-join over the book.
Result<qint64> Reconciliation::openBookCount(QSqlDatabase& c, const Row& row, const QDate& from, const QDate& to) const
{
    const SqlDialect& d = m_db->dialect();
    auto all = scalarOn(
        c,
        hinted(d,
               QStringLiteral(
                   "SELECT count(*) FROM transactions{byState} WHERE account_id = ? AND reconcile_state = 'new' "
                   "AND booking_date BETWEEN ? AND ?")),
        {row.accountId, d.dateValue(from), d.dateValue(to)});
    auto suggested = all
        ? scalarOn(
              c,
              QStringLiteral("SELECT count(*) %1 WHERE t.reconcile_state = 'new' AND t.booking_date BETWEEN ? AND ?")
                  .arg(sessionBookTransactions(d)),
              {row.id, d.dateValue(from), d.dateValue(to)})
        : all;
    if (!suggested) {
        return suggested.error();
    }
    return *all - *suggested;
}

Result<ReconciliationSummary> Reconciliation::summaryOn(QSqlDatabase& c, const Row& row) const
{
    const SqlDialect& d = m_db->dialect();
    ReconciliationSummary s;
    s.finished = row.finished;
    s.statementClosing = row.money(row.closing);
    if (row.opening) {
        s.statementOpening = row.money(*row.opening);
    }
    // Sums come back as BIGINT (PostgreSQL's sum(bigint) is numeric, which the driver would hand
    // over as a double).
    auto opening =
        scalarOn(c, QStringLiteral("SELECT opening_balance_micros FROM accounts WHERE id = ?"), {row.accountId});
    auto before = opening
        ? scalarOn(
              c,
              hinted(d,
                     QStringLiteral("SELECT CAST(COALESCE(sum(amount_micros), 0) AS BIGINT) FROM transactions{byState} "
                                    "WHERE account_id = ? AND reconcile_state = 'reconciled' "
                                    "AND (reconciliation_id IS NULL OR reconciliation_id <> ?)")),
              {row.accountId, row.id})
        : opening;
    if (!before) {
        return before.error();
    }
    s.accountOpening = row.money(*opening);
    s.reconciledBefore = row.money(*before);
    {
        auto q = Database::execOn(
            c,
            hinted(d,
                   QStringLiteral(
                       "SELECT count(*), CAST(COALESCE(sum(amount_micros), 0) AS BIGINT) FROM transactions{byState} "
                       "WHERE account_id = ? AND reconcile_state = ? AND reconciliation_id = ?")),
            {row.accountId, row.finished ? QStringLiteral("reconciled") : QStringLiteral("cleared"), row.id});
        if (!q || !q->next()) {
            return q ? Error(ErrorCode::DatabaseQuery, QStringLiteral("no sum")) : q.error();
        }
        s.bookCleared = q->value(0).toLongLong();
        s.clearedInSession = row.money(q->value(1).toLongLong());
    }
    auto balance = s.accountOpening.plus(s.reconciledBefore);
    if (balance) {
        balance = balance->plus(s.clearedInSession);
    }
    auto difference = balance ? s.statementClosing.minus(*balance) : balance;
    if (!difference) {
        return difference.error();
    }
    s.clearedBalance = *balance;
    s.difference = *difference;
    // This session's book items, once: what its suggestions would add, and how many open entries
    // they hold in and before the period (subtracted from the index counts below).
    qint64 heldInPeriod = 0, heldBefore = 0;
    {
        auto q = Database::execOn(
            c,
            QStringLiteral(
                "SELECT COALESCE(sum(CASE WHEN b.state = 'suggested' AND t.reconcile_state = 'new' THEN 1 ELSE 0 END), 0), "
                "CAST(COALESCE(sum(CASE WHEN b.state = 'suggested' AND t.reconcile_state = 'new' "
                "THEN t.amount_micros ELSE 0 END), 0) AS BIGINT), "
                "COALESCE(sum(CASE WHEN t.reconcile_state = 'new' AND t.booking_date BETWEEN ? AND ? THEN 1 ELSE 0 END), 0), "
                "COALESCE(sum(CASE WHEN t.reconcile_state = 'new' AND t.booking_date < ? THEN 1 ELSE 0 END), 0) %1")
                .arg(sessionBookTransactions(d)),
            {d.dateValue(row.from()), d.dateValue(row.statementDate), d.dateValue(row.from()), row.id});
        if (!q || !q->next()) {
            return q ? Error(ErrorCode::DatabaseQuery, QStringLiteral("no sum")) : q.error();
        }
        s.bookSuggested = q->value(0).toLongLong();
        s.suggestedAmount = row.money(q->value(1).toLongLong());
        heldInPeriod = q->value(2).toLongLong();
        heldBefore = q->value(3).toLongLong();
    }
    {
        auto q =
            Database::execOn(c,
                             QStringLiteral("SELECT state, count(*) FROM reconciliation_matches WHERE session_id = ? "
                                            "GROUP BY state"),
                             {row.id});
        if (!q) {
            return q.error();
        }
        while (q->next()) {
            (q->value(0).toString() == u"suggested" ? s.matchesSuggested : s.matchesCleared) += q->value(1).toInt();
        }
    }
    if (row.batchId) {
        auto q =
            Database::execOn(c,
                             linesSql(d) +
                                 QStringLiteral("SELECT count(*), COALESCE(sum(earlier), 0), "
                                                "(SELECT count(*) FROM taken WHERE state <> 'suggested'), "
                                                "(SELECT count(*) FROM taken WHERE state = 'suggested') FROM lines"),
                             linesBindings(row.id, *row.batchId));
        if (!q || !q->next()) {
            return q ? Error(ErrorCode::DatabaseQuery, QStringLiteral("no count")) : q.error();
        }
        s.statementLines = q->value(0).toInt();
        s.statementEarlier = q->value(1).toInt();
        s.statementMatched = q->value(2).toInt();
        s.statementSuggested = q->value(3).toInt();
        s.statementUnmatched = s.statementLines - s.statementEarlier - s.statementMatched - s.statementSuggested;
    }
    // Open entries up to the statement date, and of those the period's, in one pass over the
    // (account, state, date) index: the history before the period is the larger part.
    {
        auto q = Database::execOn(
            c,
            hinted(d,
                   QStringLiteral("SELECT count(*), COALESCE(sum(CASE WHEN booking_date >= ? THEN 1 ELSE 0 END), 0) "
                                  "FROM transactions{byState} WHERE account_id = ? AND reconcile_state = 'new' "
                                  "AND booking_date <= ?")),
            {d.dateValue(row.from()), row.accountId, d.dateValue(row.statementDate)});
        if (!q || !q->next()) {
            return q ? Error(ErrorCode::DatabaseQuery, QStringLiteral("no count")) : q.error();
        }
        const qint64 upToDate = q->value(0).toLongLong();
        const qint64 inPeriod = q->value(1).toLongLong();
        s.bookUnmatched = inPeriod - heldInPeriod;
        s.bookOutstanding = upToDate - inPeriod - heldBefore;
    }
    return s;
}

Result<ReconciliationSummary> Reconciliation::summary(qint64 sessionId)
{
    ReconciliationSummary out;
    auto status = read([&](QSqlDatabase& c) -> Status {
        auto row = readSession(c, sessionId);
        if (!row) {
            return row.error();
        }
        m_seenVersion.insert(sessionId, row->rowVersion);
        auto figures = summaryOn(c, *row);
        if (!figures) {
            return figures.error();
        }
        out = *figures;
        return {};
    });
    if (!status) {
        return status.error();
    }
    return out;
}

// Reads run in a transaction of their own: one snapshot for all the figures of a summary or a
// review page, even while another workstation changes the session.
Status Reconciliation::read(const std::function<Status(QSqlDatabase&)>& work) const
{
    return m_db->transaction([&](QSqlDatabase& c) -> Status {
        if (m_db->dialect().isPostgres()) {
            if (auto s = ran(
                    Database::execOn(c, QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")));
                !s) {
                return s;
            }
        }
        if (auto s = tune(c); !s) {
            return s;
        }
        return work(c);
    });
}

// PostgreSQL's JIT compiles for about 90 ms whenever a plan's cost estimate crosses its
// threshold, which the ten-thousand-row statements here do, while they run in a few ms.
Status Reconciliation::tune(QSqlDatabase& c) const
{
    if (!m_db->dialect().isPostgres()) {
        return {};
    }
    return ran(Database::execOn(c, QStringLiteral("SET LOCAL jit = off")));
}

Result<ReviewItems> Reconciliation::items(qint64 sessionId, const ReviewQuery& query)
{
    const SqlDialect& d = m_db->dialect();
    const int limit = std::clamp(query.limit, 1, 5000);
    const int offset = std::max(0, query.offset);
    ReviewItems out;
    auto status = read([&](QSqlDatabase& c) -> Status {
        out = {};
        auto rowResult = readSession(c, sessionId);
        if (!rowResult) {
            return rowResult.error();
        }
        const Row& row = *rowResult;
        m_seenVersion.insert(sessionId, row.rowVersion);

        const auto lineView = [&](const QSqlQuery& q) {
            StatementLineView v;
            v.key = {row.batchId.value_or(0), q.value(0).toInt()};
            v.bookingDate = d.dateFrom(q.value(1));
            v.amount = row.money(q.value(2).toLongLong());
            v.description = q.value(3).toString();
            v.counterparty = q.value(4).toString();
            v.reference = q.value(5).toString();
            v.bankId = q.value(6).toString();
            v.transactionId = optionalInt(q.value(7));
            return v;
        };
        const auto bookView = [&](const QSqlQuery& q) {
            BookEntryView v;
            v.id = q.value(0).toLongLong();
            v.bookingDate = d.dateFrom(q.value(1));
            v.amount = row.money(q.value(2).toLongLong());
            v.description = q.value(3).toString();
            v.counterparty = q.value(4).toString();
            v.reference = q.value(5).toString();
            v.state = reconcileStateFrom(q.value(6).toString());
            return v;
        };

        // Matches: one page of each kind, then their items and the rows behind them in three queries.
        const auto matchPage = [&](bool suggested, QList<MatchView>& views, qint64& total) -> Status {
            const QString where =
                suggested ? QStringLiteral("state = 'suggested'") : QStringLiteral("state <> 'suggested'");
            auto count = scalarOn(
                c, QStringLiteral("SELECT count(*) FROM reconciliation_matches WHERE session_id = ? AND %1").arg(where),
                {row.id});
            if (!count) {
                return count.error();
            }
            total = *count;
            auto q = Database::execOn(
                c,
                QStringLiteral("SELECT id, kind, score, state FROM reconciliation_matches WHERE session_id = ? "
                               "AND %1 ORDER BY id LIMIT ? OFFSET ?")
                    .arg(where),
                {row.id, limit, offset});
            if (!q) {
                return q.error();
            }
            QList<qint64> ids;
            QHash<qint64, qsizetype> at;
            while (q->next()) {
                MatchView v;
                v.id = q->value(0).toLongLong();
                v.kind = matchKindFrom(q->value(1).toString());
                v.score = q->value(2).toInt();
                v.state = matchStateFrom(q->value(3).toString());
                at.insert(v.id, views.size());
                ids.append(v.id);
                views.append(v);
            }
            if (ids.isEmpty()) {
                return {};
            }
            auto items = Database::execOn(
                c,
                QStringLiteral("SELECT match_id, side, transaction_id, line_no FROM reconciliation_match_items "
                               "WHERE match_id IN (%1) ORDER BY match_id, line_no, transaction_id")
                    .arg(idList(ids)),
                {});
            if (!items) {
                return items.error();
            }
            QMultiHash<qint64, qsizetype> ofTransaction, ofLine;
            QList<qint64> txIds, lineNos;
            while (items->next()) {
                const qsizetype view = at.value(items->value(0).toLongLong());
                if (items->value(1).toString() == u"book") {
                    ofTransaction.insert(items->value(2).toLongLong(), view);
                    txIds.append(items->value(2).toLongLong());
                } else {
                    ofLine.insert(items->value(3).toLongLong(), view);
                    lineNos.append(items->value(3).toLongLong());
                }
            }
            if (!txIds.isEmpty()) {
                auto tx = Database::execOn(
                    c,
                    QStringLiteral("SELECT %1 FROM transactions t WHERE t.id IN (%2) ORDER BY t.booking_date, t.id")
                        .arg(kBookColumns, idList(txIds)),
                    {});
                if (!tx) {
                    return tx.error();
                }
                while (tx->next()) {
                    const BookEntryView v = bookView(*tx);
                    for (qsizetype view : ofTransaction.values(v.id)) {
                        views[view].book.append(v);
                    }
                }
            }
            if (!lineNos.isEmpty() && row.batchId) {
                auto lines =
                    Database::execOn(c,
                                     linesSql(d) +
                                         QStringLiteral("SELECT %1 FROM lines WHERE line_no IN (%2) ORDER BY line_no")
                                             .arg(kLineColumns, idList(lineNos)),
                                     linesBindings(row.id, *row.batchId));
                if (!lines) {
                    return lines.error();
                }
                while (lines->next()) {
                    const StatementLineView v = lineView(*lines);
                    for (qsizetype view : ofLine.values(v.key.lineNo)) {
                        views[view].statement.append(v);
                    }
                }
            }
            return {};
        };
        const auto wanted = [&](ReviewList list) { return !query.only || *query.only == list; };
        if (wanted(ReviewList::Matched)) {
            if (auto s = matchPage(false, out.matched, out.matchedTotal); !s) {
                return s.error();
            }
        }
        if (wanted(ReviewList::Suggested)) {
            if (auto s = matchPage(true, out.suggested, out.suggestedTotal); !s) {
                return s.error();
            }
        }

        if (row.batchId && wanted(ReviewList::UnmatchedStatement)) {
            const QString open =
                QStringLiteral("FROM lines WHERE earlier = 0 AND line_no NOT IN (SELECT line_no FROM taken)");
            auto count = scalarOn(c, linesSql(d) + QStringLiteral("SELECT count(*) ") + open,
                                  linesBindings(row.id, *row.batchId));
            if (!count) {
                return count.error();
            }
            out.unmatchedStatementTotal = *count;
            QVariantList bindings = linesBindings(row.id, *row.batchId);
            bindings << limit << offset;
            auto q = Database::execOn(
                c,
                linesSql(d) + QStringLiteral("SELECT %1 %2 ORDER BY line_no LIMIT ? OFFSET ?").arg(kLineColumns, open),
                bindings);
            if (!q) {
                return q.error();
            }
            while (q->next()) {
                out.unmatchedStatement.append(lineView(*q));
            }
        }

        if (!wanted(ReviewList::UnmatchedBook)) {
            return {};
        }
        // Open book entries of the period (or all up to the statement date), in booking order; NOT IN
        // keeps the session's items a hashed probe. Entries ticked by hand in this session come
        // from the same index (state, then this session), a few rows beside the open ones.
        const QDate from = query.includeOutstanding ? kBeginning : row.from();
        const QString tickedState = row.finished ? QStringLiteral("reconciled") : QStringLiteral("cleared");
        QVariantList bindings {row.accountId, d.dateValue(from), d.dateValue(row.statementDate)};
        QString source = QStringLiteral("SELECT %1 FROM transactions t{byState} WHERE t.account_id = ? "
                                        "AND t.reconcile_state = 'new' AND t.booking_date BETWEEN ? AND ?")
                             .arg(kBookColumns);
        if (query.includeTicked) {
            source = QStringLiteral("SELECT * FROM (%1 UNION ALL SELECT %2 FROM transactions t{byState} "
                                    "WHERE t.account_id = ? AND t.reconcile_state = ? AND t.reconciliation_id = ?) t")
                         .arg(source, kBookColumns);
            bindings << row.accountId << tickedState << row.id;
        }
        bindings << row.id << limit << offset;
        auto page = Database::execOn(
            c,
            hinted(d,
                   QStringLiteral("%1 %2 t.id NOT IN (SELECT transaction_id FROM (%3) b) "
                                  "ORDER BY t.booking_date, t.id LIMIT ? OFFSET ?")
                       .arg(source, query.includeTicked ? QStringLiteral("WHERE") : QStringLiteral("AND"),
                            sessionBookItems(d))),
            bindings);
        if (!page) {
            return page.error();
        }
        while (page->next()) {
            out.unmatchedBook.append(bookView(*page));
        }
        page->finish();
        auto total = openBookCount(c, row, from, row.statementDate);
        if (!total) {
            return total.error();
        }
        out.unmatchedBookTotal = *total;
        if (query.includeTicked) {
            auto ticked = scalarOn(
                c,
                hinted(d,
                       QStringLiteral("SELECT count(*) FROM transactions t{byState} WHERE t.account_id = ? "
                                      "AND t.reconcile_state = ? AND t.reconciliation_id = ? "
                                      "AND t.id NOT IN (SELECT transaction_id FROM (%1) b)")
                           .arg(sessionBookItems(d))),
                {row.accountId, tickedState, row.id, row.id});
            if (!ticked) {
                return ticked.error();
            }
            out.unmatchedBookTotal += *ticked;
        }
        return {};
    });
    if (!status) {
        return status.error();
    }
    return out;
}

Status Reconciliation::audit(QSqlDatabase& c, const QString& action, const QString& objectType, qint64 objectId,
                             const QString& afterJson, const QString& beforeJson) const
{
    return AuditLog::record(c, m_db->dialect(), m_throughServer, m_actor, action, objectType,
                            QString::number(objectId), afterJson, beforeJson);
}

Status Reconciliation::finish(qint64 sessionId)
{
    return change(sessionId, [&](QSqlDatabase& c, const Row& row) { return finishOn(c, row); });
}

Status Reconciliation::finishOn(QSqlDatabase& c, const Row& row)
{
    const SqlDialect& d = m_db->dialect();
    auto figures = summaryOn(c, row);
    if (!figures) {
        return figures.error();
    }
    if (!figures->difference.isZero()) {
        return Error(
            ErrorCode::InvalidArgument,
            QStringLiteral("the cleared balance %1 differs from the statement's closing balance %2 by %3: match "
                           "or tick more entries")
                .arg(shown(figures->clearedBalance), shown(figures->statementClosing), shown(figures->difference)));
    }
    if (figures->matchesSuggested > 0) {
        return Error(
            ErrorCode::InvalidArgument,
            QStringLiteral("%1 suggested match(es) are still undecided: accept or reject each before finishing")
                .arg(figures->matchesSuggested));
    }
    auto reconciled =
        Database::execOn(c,
                         hinted(d,
                                QStringLiteral("UPDATE transactions{byState} SET reconcile_state = 'reconciled', "
                                               "row_version = row_version + 1 WHERE account_id = ? "
                                               "AND reconcile_state = 'cleared' AND reconciliation_id = ?")),
                         {row.accountId, row.id});
    if (!reconciled) {
        return reconciled.error();
    }
    const qint64 transactions = reconciled->numRowsAffected();
    const QDateTime now = Clock::now();
    auto steps =
        Database::execOn(c,
                         QStringLiteral("UPDATE reconciliation_matches SET state = 'reconciled' WHERE session_id = ? "
                                        "AND state = 'cleared'"),
                         {row.id});
    if (steps) {
        steps =
            Database::execOn(c,
                             QStringLiteral("UPDATE reconciliation_sessions SET status = 'finished', finished_by = ?, "
                                            "finished_at = ? WHERE id = ?"),
                             {nullableInt(m_actor.userId), d.timestampValue(now), row.id});
    }
    if (!steps) {
        return steps.error();
    }
    const QJsonObject after {
        {QStringLiteral("account_id"), QString::number(row.accountId)},
        {QStringLiteral("batch_id"), row.batchId ? QJsonValue(QString::number(*row.batchId)) : QJsonValue()},
        {QStringLiteral("statement_date"), row.statementDate.toString(Qt::ISODate)},
        {QStringLiteral("currency"), row.currency.code()},
        {QStringLiteral("closing"), figures->statementClosing.toString()},
        {QStringLiteral("opening"),
         figures->statementOpening ? QJsonValue(figures->statementOpening->toString()) : QJsonValue()},
        {QStringLiteral("cleared_balance"), figures->clearedBalance.toString()},
        {QStringLiteral("cleared_in_session"), figures->clearedInSession.toString()},
        {QStringLiteral("difference"), figures->difference.toString()},
        {QStringLiteral("transactions_reconciled"), QString::number(transactions)},
        {QStringLiteral("matches"), figures->matchesCleared},
        {QStringLiteral("statement_lines_unmatched"), figures->statementUnmatched},
    };
    // The session was open and its entries cleared; now it is finished and they are reconciled.
    const QJsonObject before{{QStringLiteral("status"), QStringLiteral("open")},
                             {QStringLiteral("reconcile_state"), QStringLiteral("cleared")}};
    if (auto s = audit(c, QStringLiteral("reconciliation.finished"), QStringLiteral("reconciliation_session"), row.id,
                       compact(after), compact(before));
        !s) {
        return s;
    }
    qCInfo(lcLedger) << "reconciliation" << row.id << "finished:" << transactions << "transactions reconciled";
    return {};
}

} // namespace flowlet
