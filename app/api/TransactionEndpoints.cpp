#include "ApiEndpoints.h"
#include "ApiJson.h"
#include "ledger/Categorisation.h"
#include "ledger/TransactionRepository.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace flowlet::api::endpoints {

namespace {

constexpr int kDefaultPage = 100;
constexpr int kMaxPage = 500;

QJsonObject rowJson(const TransactionRow& r)
{
    return QJsonObject{
        {QStringLiteral("id"), r.id},
        {QStringLiteral("account_id"), r.accountId},
        {QStringLiteral("account_name"), r.accountName},
        {QStringLiteral("occurred_at"), timestampText(r.occurredAt)},
        {QStringLiteral("booking_date"), dateText(r.bookingDate)},
        {QStringLiteral("amount"), amountText(r.amount)},
        {QStringLiteral("currency"), r.amount.currency().code()},
        {QStringLiteral("counterparty"), r.counterparty},
        {QStringLiteral("description"), r.description},
        {QStringLiteral("category"), r.category.isEmpty() ? QJsonValue() : QJsonValue(r.category)},
        {QStringLiteral("channel"), r.channel},
        {QStringLiteral("country"), r.country},
        {QStringLiteral("status"), r.status},
    };
}

// The same fields as rowJson, written straight into the response: the list endpoint is the hot
// path, and a page of QJsonObjects costs more than the query that filled it.
void appendRow(QByteArray& out, const TransactionRow& r)
{
    const auto key = [&out](const char* name) {
        out += '"';
        out += name;
        out += "\":";
    };
    const auto text = [&](const char* name, QStringView value) {
        out += ',';
        key(name);
        appendJsonString(out, value);
    };
    out += '{';
    key("id");
    out += QByteArray::number(r.id);
    out += ',';
    key("account_id");
    out += QByteArray::number(r.accountId);
    text("account_name", r.accountName);
    out += ",\"occurred_at\":";
    appendJsonTimestamp(out, r.occurredAt);
    out += ",\"booking_date\":";
    appendJsonDate(out, r.bookingDate);
    text("amount", amountText(r.amount));
    text("currency", r.amount.currency().code());
    text("counterparty", r.counterparty);
    text("description", r.description);
    if (r.category.isEmpty()) {
        out += ",\"category\":null";
    } else {
        text("category", r.category);
    }
    text("channel", r.channel);
    text("country", r.country);
    text("status", r.status);
    out += '}';
}

QString sortName(TransactionSortKey key)
{
    switch (key) {
    case TransactionSortKey::OccurredAt: return QStringLiteral("occurred_at");
    case TransactionSortKey::Amount: return QStringLiteral("amount");
    case TransactionSortKey::Id: return QStringLiteral("id");
    }
    return QStringLiteral("id");
}

// The cursor is opaque to clients: base64url of "sort.order.id.key". Its key is bound as a query
// parameter, but it is still checked for its type so that a forged one is a 400, not a 500.
QString encodeCursor(const TransactionSort& sort, const TransactionCursor& cursor)
{
    const QString text = QStringLiteral("%1.%2.%3.%4")
                             .arg(sortName(sort.key), sort.descending ? QStringLiteral("desc") : QStringLiteral("asc"))
                             .arg(cursor.id)
                             .arg(cursor.key.toString());
    return QString::fromLatin1(text.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<TransactionCursor> decodeCursor(const QString& encoded, const TransactionSort& sort)
{
    const Error bad(ErrorCode::InvalidArgument, QStringLiteral("\"cursor\" is not a cursor of this listing "
                                                               "(use next_cursor as given, with the same sort and order)"));
    auto decoded = QByteArray::fromBase64Encoding(encoded.toLatin1(), QByteArray::Base64UrlEncoding
                                                                          | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || encoded.size() > 200) {
        return bad;
    }
    const QString text = QString::fromUtf8(*decoded);
    const QStringList parts = text.split(u'.');
    if (parts.size() < 3 || parts.at(0) != sortName(sort.key)
        || parts.at(1) != (sort.descending ? QStringLiteral("desc") : QStringLiteral("asc"))) {
        return bad;
    }
    bool ok = false;
    TransactionCursor cursor;
    cursor.id = parts.at(2).toLongLong(&ok);
    if (!ok || cursor.id <= 0) {
        return bad;
    }
    const QString key = text.section(u'.', 3);
    switch (sort.key) {
    case TransactionSortKey::Id: break;
    case TransactionSortKey::Amount: {
        const qint64 amount = key.toLongLong(&ok);
        if (!ok) {
            return bad;
        }
        cursor.key = amount;
        break;
    }
    case TransactionSortKey::OccurredAt: {
        static const QRegularExpression timestamp(QStringLiteral(
            R"(^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$)"));
        if (!timestamp.match(key).hasMatch()) {
            return bad;
        }
        cursor.key = key;
        break;
    }
    }
    return cursor;
}

Result<TransactionSort> sortFrom(const QUrlQuery& q)
{
    TransactionSort sort;
    const QString key = q.queryItemValue(QStringLiteral("sort"), QUrl::FullyDecoded);
    if (key == QStringLiteral("amount")) {
        sort.key = TransactionSortKey::Amount;
    } else if (key == QStringLiteral("id")) {
        sort.key = TransactionSortKey::Id;
    } else if (!key.isEmpty() && key != QStringLiteral("occurred_at")) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("\"sort\" must be occurred_at, amount or id"));
    }
    const QString order = q.queryItemValue(QStringLiteral("order"), QUrl::FullyDecoded);
    if (order == QStringLiteral("asc")) {
        sort.descending = false;
    } else if (!order.isEmpty() && order != QStringLiteral("desc")) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("\"order\" must be asc or desc"));
    }
    return sort;
}

QSet<QString> withFilterKeys(std::initializer_list<QString> extra)
{
    QSet<QString> keys = filterKeys();
    for (const QString& k : extra) {
        keys.insert(k);
    }
    return keys;
}

// The parameters the filtered endpoints share: only `allowed` keys, the filter, and `limit`.
struct FilteredQuery
{
    TransactionFilter filter;
    int limit = kDefaultPage;
};

Result<FilteredQuery> filteredQuery(const QUrlQuery& q, const QSet<QString>& allowed, int maxLimit)
{
    if (auto s = checkQueryKeys(q, allowed); !s) {
        return s.error();
    }
    auto filter = filterFromQuery(q);
    if (!filter) {
        return filter.error();
    }
    auto limit = intParameter(q, QStringLiteral("limit"), kDefaultPage, 1, maxLimit);
    if (!limit) {
        return limit.error();
    }
    return FilteredQuery{*filter, *limit};
}

} // namespace

Result<ApiResponse> listTransactions(ApiContext& c)
{
    const QUrlQuery& q = c.request.query;
    static const QSet<QString> allowed = withFilterKeys(
        {QStringLiteral("limit"), QStringLiteral("cursor"), QStringLiteral("sort"), QStringLiteral("order")});
    auto parameters = filteredQuery(q, allowed, kMaxPage);
    if (!parameters) {
        return parameters.error();
    }
    auto sort = sortFrom(q);
    if (!sort) {
        return sort.error();
    }
    const int limit = parameters->limit;
    std::optional<TransactionCursor> cursor;
    if (q.hasQueryItem(QStringLiteral("cursor"))) {
        auto decoded = decodeCursor(q.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded), *sort);
        if (!decoded) {
            return decoded.error();
        }
        cursor = *decoded;
    }
    // One row more than asked says whether another page follows, without counting.
    auto rows = TransactionRepository(c.db).page(parameters->filter, *sort, PageDirection::Forward, cursor, limit + 1);
    if (!rows) {
        return rows.error();
    }
    const bool more = rows->size() > limit;
    ApiResponse response;
    QByteArray& out = response.body;
    out.reserve(512 * int(rows->size()) + 128);
    out += "{\"items\":[";
    for (int i = 0; i < std::min<int>(limit, rows->size()); ++i) {
        if (i > 0) {
            out += ',';
        }
        appendRow(out, rows->at(i));
    }
    out += "],\"next_cursor\":";
    if (more) {
        appendJsonString(out, encodeCursor(*sort, rows->at(limit - 1).cursor));
    } else {
        out += "null";
    }
    out += '}';
    return response;
}

Result<ApiResponse> transaction(ApiContext& c)
{
    if (auto s = checkQueryKeys(c.request.query, {}); !s) {
        return s.error();
    }
    auto id = positiveId(c.request.pathParameters.value(QStringLiteral("id")), QStringLiteral("id"));
    if (!id) {
        return id.error();
    }
    auto t = TransactionRepository(c.db).byId(*id);
    if (!t) {
        return t.error();
    }
    QJsonObject json = rowJson(t->row);
    const auto text = [](const QString& s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    json.insert(QStringLiteral("account_iban"), text(t->accountIban));
    json.insert(QStringLiteral("value_date"), text(dateText(t->valueDate)));
    json.insert(QStringLiteral("counterparty_account"), text(t->counterpartyAccount));
    json.insert(QStringLiteral("reference"), text(t->reference));
    json.insert(QStringLiteral("end_to_end_id"), text(t->endToEndId));
    json.insert(QStringLiteral("bank_tx_code"), text(t->bankTxCode));
    json.insert(QStringLiteral("merchant_category"), text(t->merchantCategory));
    json.insert(QStringLiteral("source"), text(t->source));
    json.insert(QStringLiteral("external_id"), text(t->externalId));
    json.insert(QStringLiteral("import_batch_id"), t->importBatchId ? QJsonValue(*t->importBatchId) : QJsonValue());
    json.insert(QStringLiteral("created_at"), timestampText(t->createdAt));
    return jsonResponse(json);
}

Result<ApiResponse> proposals(ApiContext& c)
{
    const QUrlQuery& q = c.request.query;
    static const QSet<QString> allowed = withFilterKeys({QStringLiteral("limit"), QStringLiteral("after_id")});
    auto parameters = filteredQuery(q, allowed, 1000);
    if (!parameters) {
        return parameters.error();
    }
    auto after = optionalId(q, QStringLiteral("after_id"));
    if (!after) {
        return after.error();
    }
    parameters->filter.uncategorised = true;
    auto found = Categorisation(c.db, c.principal.actor())
                     .proposeUncategorised(parameters->filter, after->value_or(0), parameters->limit);
    if (!found) {
        return found.error();
    }
    QJsonArray items;
    for (const TransactionProposal& p : *found) {
        items.append(QJsonObject{
            {QStringLiteral("transaction_id"), p.transactionId},
            {QStringLiteral("category_id"), p.proposal.categoryId},
            {QStringLiteral("category_name"), p.proposal.categoryName},
            {QStringLiteral("confidence"), p.proposal.confidence},
            {QStringLiteral("reason"), p.proposal.reason},
            {QStringLiteral("source"), p.proposal.source},
        });
    }
    // Rows nothing could be said about are skipped, so a short page is not yet the end: the
    // next page starts after the last row returned.
    return jsonResponse(QJsonObject{
        {QStringLiteral("items"), items},
        {QStringLiteral("next_after_id"),
         found->isEmpty() ? QJsonValue() : QJsonValue(found->constLast().transactionId)},
    });
}

Result<ApiResponse> applyProposals(ApiContext& c)
{
    auto body = jsonBody(c.request, {QStringLiteral("items")});
    if (!body) {
        return body.error();
    }
    const QJsonValue itemsValue = body->value(QStringLiteral("items"));
    if (!itemsValue.isArray() || itemsValue.toArray().isEmpty()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("\"items\" must be a non-empty array of "
                                                                "{\"transaction_id\", \"category_id\"}"));
    }
    const QJsonArray items = itemsValue.toArray();
    if (items.size() > Categorisation::kMaxAssign) {
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("at most %1 items at once").arg(Categorisation::kMaxAssign));
    }
    QList<TransactionProposal> chosen;
    chosen.reserve(items.size());
    for (const QJsonValue& v : items) {
        const QJsonObject item = v.toObject();
        for (auto it = item.begin(); it != item.end(); ++it) {
            if (it.key() != QStringLiteral("transaction_id") && it.key() != QStringLiteral("category_id")) {
                return Error(ErrorCode::InvalidArgument, QStringLiteral("unknown field \"items[].%1\"").arg(it.key().left(64)));
            }
        }
        auto tx = positiveId(item.value(QStringLiteral("transaction_id")), QStringLiteral("items[].transaction_id"));
        auto cat = positiveId(item.value(QStringLiteral("category_id")), QStringLiteral("items[].category_id"));
        if (!v.isObject() || !tx || !cat) {
            return !tx ? tx.error() : !cat ? cat.error()
                                           : Error(ErrorCode::InvalidArgument, QStringLiteral("items must be objects"));
        }
        TransactionProposal p;
        p.transactionId = *tx;
        p.proposal.categoryId = *cat;
        p.proposal.source = QStringLiteral("model");
        chosen << p;
    }
    auto applied = Categorisation(c.db, c.principal.actor()).applyProposals(chosen);
    if (!applied) {
        return applied.error();
    }
    return jsonResponse(QJsonObject{{QStringLiteral("applied"), *applied}});
}

Result<ApiResponse> analyze(ApiContext& c)
{
    const QUrlQuery& q = c.request.query;
    static const QSet<QString> allowed = withFilterKeys({QStringLiteral("group_by"), QStringLiteral("limit")});
    auto parameters = filteredQuery(q, allowed, 1000);
    if (!parameters) {
        return parameters.error();
    }
    static const QList<QPair<QString, TransactionGrouping>> groupings = {
        {QStringLiteral("category"), TransactionGrouping::Category},
        {QStringLiteral("month"), TransactionGrouping::Month},
        {QStringLiteral("counterparty"), TransactionGrouping::Counterparty},
    };
    QStringList wanted;
    if (q.hasQueryItem(QStringLiteral("group_by"))) {
        wanted = q.queryItemValue(QStringLiteral("group_by"), QUrl::FullyDecoded).split(u',');
    } else {
        for (const auto& g : groupings) {
            wanted << g.first;
        }
    }
    QJsonObject result;
    const TransactionRepository repository(c.db);
    for (const QString& name : std::as_const(wanted)) {
        auto g = std::find_if(groupings.begin(), groupings.end(), [&](const auto& p) { return p.first == name; });
        if (g == groupings.end()) {
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("\"group_by\" takes category, month and counterparty, comma-separated"));
        }
        auto totals = repository.totals(parameters->filter, g->second, parameters->limit);
        if (!totals) {
            return totals.error();
        }
        QJsonArray rows;
        for (const TransactionTotal& t : *totals) {
            rows.append(QJsonObject{
                {QStringLiteral("key"), t.key},
                {QStringLiteral("currency"), t.total.currency().code()},
                {QStringLiteral("total"), amountText(t.total)},
                {QStringLiteral("count"), t.count},
            });
        }
        result.insert(QStringLiteral("by_") + name, rows);
    }
    return jsonResponse(result);
}

} // namespace flowlet::api::endpoints
