#include "ApiEndpoints.h"
#include "ApiJson.h"
#include "ledger/AccountRepository.h"
#include "ledger/Reconciliation.h"

namespace flowlet::api::endpoints {

namespace {

QJsonValue optionalMoney(const std::optional<Money>& m)
{
    return m ? QJsonValue(amountText(*m)) : QJsonValue();
}

QJsonObject sessionJson(const ReconciliationSession& s, const ReconciliationSummary& sum)
{
    return QJsonObject{
        {QStringLiteral("session_id"), s.id},
        {QStringLiteral("account_id"), s.accountId},
        {QStringLiteral("batch_id"), s.batchId ? QJsonValue(*s.batchId) : QJsonValue()},
        {QStringLiteral("period_from"), s.periodFrom.isValid() ? QJsonValue(dateText(s.periodFrom)) : QJsonValue()},
        {QStringLiteral("statement_date"), dateText(s.statementDate)},
        {QStringLiteral("currency"), s.closingBalance.currency().code()},
        {QStringLiteral("finished"), s.finished},
        {QStringLiteral("can_finish"), sum.canFinish()},
        {QStringLiteral("statement_closing"), amountText(sum.statementClosing)},
        {QStringLiteral("statement_opening"), optionalMoney(sum.statementOpening)},
        {QStringLiteral("cleared_balance"), amountText(sum.clearedBalance)},
        {QStringLiteral("difference"), amountText(sum.difference)},
        {QStringLiteral("suggested_amount"), amountText(sum.suggestedAmount)},
        {QStringLiteral("matches_cleared"), sum.matchesCleared},
        {QStringLiteral("matches_suggested"), sum.matchesSuggested},
        {QStringLiteral("statement_lines"), sum.statementLines},
        {QStringLiteral("statement_matched"), sum.statementMatched},
        {QStringLiteral("statement_unmatched"), sum.statementUnmatched},
        {QStringLiteral("book_cleared"), sum.bookCleared},
        {QStringLiteral("book_unmatched"), sum.bookUnmatched},
        {QStringLiteral("book_outstanding"), sum.bookOutstanding},
    };
}

Result<ApiResponse> sessionResponse(Reconciliation& r, qint64 sessionId, int status, const QJsonObject& extra = {})
{
    auto session = r.load(sessionId);
    if (!session) {
        return session.error();
    }
    auto summary = r.summary(sessionId);
    if (!summary) {
        return summary.error();
    }
    QJsonObject json = sessionJson(*session, *summary);
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        json.insert(it.key(), it.value());
    }
    return jsonResponse(json, status);
}

} // namespace

Result<ApiResponse> startReconciliation(ApiContext& c)
{
    if (auto s = checkQueryKeys(c.request.query, {}); !s) {
        return s.error();
    }
    auto body = jsonBody(c.request, {QStringLiteral("account_id"), QStringLiteral("batch_id"),
                                     QStringLiteral("statement_date"), QStringLiteral("closing_balance"),
                                     QStringLiteral("auto_match")});
    if (!body) {
        return body.error();
    }
    auto accountId = positiveId(body->value(QStringLiteral("account_id")), QStringLiteral("account_id"));
    if (!accountId) {
        return accountId.error();
    }
    const QJsonValue autoMatch = body->value(QStringLiteral("auto_match"));
    if (!autoMatch.isUndefined() && !autoMatch.isBool()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("\"auto_match\" must be true or false"));
    }
    auto account = AccountRepository(c.db).byId(*accountId);
    if (!account) {
        return account.error();
    }
    if (!*account) {
        return Error(ErrorCode::NotFound, QStringLiteral("account %1 does not exist").arg(*accountId));
    }
    std::optional<Money> closing;
    if (const QJsonValue v = body->value(QStringLiteral("closing_balance")); !v.isUndefined()) {
        auto parsed = v.isString() ? Money::parse(v.toString(), (*account)->currency)
                                   : Result<Money>(Error(ErrorCode::InvalidArgument, {}));
        if (!parsed) {
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("\"closing_balance\" must be an amount as decimal text, e.g. \"1234.50\""));
        }
        closing = *parsed;
    }
    Reconciliation r(c.db, c.principal.actor());
    Result<qint64> session = Error();
    if (body->contains(QStringLiteral("batch_id"))) {
        if (body->contains(QStringLiteral("statement_date"))) {
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("give either \"batch_id\" (an imported statement) or \"statement_date\""));
        }
        auto batch = positiveId(body->value(QStringLiteral("batch_id")), QStringLiteral("batch_id"));
        if (!batch) {
            return batch.error();
        }
        session = r.start(*accountId, *batch, {}, closing);
    } else {
        const QJsonValue dateValue = body->value(QStringLiteral("statement_date"));
        const QDate date = QDate::fromString(dateValue.toString(), Qt::ISODate);
        if (!dateValue.isString() || !date.isValid() || !closing) {
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("a statement without \"batch_id\" needs \"statement_date\" (YYYY-MM-DD) and "
                                        "\"closing_balance\""));
        }
        session = r.startManual(*accountId, date, *closing);
    }
    if (!session) {
        return session.error();
    }
    QJsonObject extra;
    if (autoMatch.toBool(true) && body->contains(QStringLiteral("batch_id"))) {
        auto matched = r.autoMatch(*session);
        if (!matched) {
            return matched.error();
        }
        extra.insert(QStringLiteral("auto_match"),
                     QJsonObject{{QStringLiteral("exact"), matched->exact},
                                 {QStringLiteral("tolerance"), matched->tolerance},
                                 {QStringLiteral("one_to_many"), matched->oneToMany},
                                 {QStringLiteral("many_to_one"), matched->manyToOne},
                                 {QStringLiteral("cleared"), matched->cleared},
                                 {QStringLiteral("suggested"), matched->suggested}});
    }
    return sessionResponse(r, *session, 201, extra);
}

Result<ApiResponse> reconciliationStatus(ApiContext& c)
{
    const QUrlQuery& q = c.request.query;
    if (auto s = checkQueryKeys(q, {QStringLiteral("session_id"), QStringLiteral("account_id")}); !s) {
        return s.error();
    }
    auto sessionId = optionalId(q, QStringLiteral("session_id"));
    auto accountId = optionalId(q, QStringLiteral("account_id"));
    if (!sessionId || !accountId) {
        return !sessionId ? sessionId.error() : accountId.error();
    }
    if (sessionId->has_value() == accountId->has_value()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("give exactly one of \"session_id\" and \"account_id\""));
    }
    Reconciliation r(c.db, c.principal.actor());
    qint64 id = sessionId->value_or(0);
    if (accountId->has_value()) {
        auto open = r.openSessionFor(**accountId);
        if (!open) {
            return open.error();
        }
        if (!*open) {
            return Error(ErrorCode::NotFound,
                         QStringLiteral("account %1 has no open reconciliation").arg(**accountId));
        }
        id = (*open)->id;
    }
    return sessionResponse(r, id, 200);
}

} // namespace flowlet::api::endpoints
