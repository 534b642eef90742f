#include "TransactionRepository.h"

#include <QSqlRecord>

#include <algorithm>

namespace flowlet {

namespace {

// The columns readRow reads, in its order.
const QString kSelectColumns = QStringLiteral(
    "t.id, t.account_id, a.name, t.occurred_at, t.booking_date, t.amount_micros, t.currency, "
    "t.counterparty, t.description, c.name, t.channel, t.country, t.status");
constexpr int kOccurredAtColumn = 3;
constexpr int kAmountColumn = 5;

QString sortColumn(TransactionSortKey key)
{
    switch (key) {
    case TransactionSortKey::OccurredAt: return QStringLiteral("t.occurred_at");
    case TransactionSortKey::Amount: return QStringLiteral("t.amount_micros");
    case TransactionSortKey::Id: return QStringLiteral("t.id");
    }
    return QStringLiteral("t.id");
}

// Reads the kSelectColumns part of a result row.
TransactionRow readRow(const SqlRow& q)
{
    TransactionRow r;
    r.id = q.int64(0);
    r.accountId = q.int64(1);
    r.accountName = q.text(2);
    r.occurredAt = q.timestamp(kOccurredAtColumn);
    r.bookingDate = q.date(4);
    const auto currency = Currency::fromCode(q.text(6));
    r.amount = Money::fromMicros(q.int64(kAmountColumn), currency.value_or(Currency()));
    r.counterparty = q.text(7);
    r.description = q.text(8);
    r.category = q.text(9);
    r.channel = q.text(10);
    r.country = q.text(11);
    r.status = q.text(12);
    return r;
}

// The keyset position of a row read by readRow: the sort column's exact value (a timestamp as the
// database's own text, which keeps PostgreSQL's microseconds) and the id.
TransactionCursor cursorOf(const SqlRow& q, const TransactionRow& r, TransactionSortKey key)
{
    switch (key) {
    case TransactionSortKey::OccurredAt: return {q.text(kOccurredAtColumn), r.id};
    case TransactionSortKey::Amount: return {q.int64(kAmountColumn), r.id};
    case TransactionSortKey::Id: break;
    }
    return {r.id, r.id};
}

} // namespace

TransactionRepository::TransactionRepository(DatabasePtr db)
    : m_db(std::move(db))
{
}

QString TransactionRepository::whereClause(const TransactionFilter& filter, QVariantList& bindings,
                                           bool withText) const
{
    const SqlDialect& d = m_db->dialect();
    QStringList terms;
    if (filter.from.isValid()) {
        terms << QStringLiteral("t.booking_date >= ?");
        bindings << d.dateValue(filter.from);
    }
    if (filter.to.isValid()) {
        terms << QStringLiteral("t.booking_date <= ?");
        bindings << d.dateValue(filter.to);
    }
    if (filter.minAbsMicros) {
        terms << QStringLiteral("abs(t.amount_micros) >= ?");
        bindings << *filter.minAbsMicros;
    }
    if (filter.maxAbsMicros) {
        terms << QStringLiteral("abs(t.amount_micros) <= ?");
        bindings << *filter.maxAbsMicros;
    }
    if (filter.accountId) {
        terms << QStringLiteral("t.account_id = ?");
        bindings << *filter.accountId;
    }
    if (filter.uncategorised) {
        terms << QStringLiteral("t.category_id IS NULL");
    } else if (filter.categoryId) {
        terms << QStringLiteral("t.category_id = ?");
        bindings << *filter.categoryId;
    }
    if (const QString text = withText ? TransactionSearch::condition(d, filter.text, bindings) : QString();
        !text.isEmpty()) {
        terms << text;
    }
    return terms.isEmpty() ? QString() : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

Result<QList<TransactionRow>> TransactionRepository::page(const TransactionFilter& filter,
                                                          const TransactionSort& sort, PageDirection direction,
                                                          const std::optional<TransactionCursor>& cursor,
                                                          int limit) const
{
    if (!TransactionSearch::words(filter.text).isEmpty()) {
        if (auto indexed = TransactionSearch::catchUp(*m_db); !indexed) {
            return indexed.error();
        }
        auto lookup = TransactionSearch::lookupFor(*m_db, filter.text);
        if (!lookup) {
            return lookup.error();
        }
        if (*lookup == TransactionSearch::Lookup::Filter) {
            // Words in many rows: the page usually fills within the first rows in its order. If
            // not (the order runs through a stretch without them), the index answers after all.
            auto rows = pageQuery(filter, sort, direction, cursor, limit, TransactionSearch::Lookup::Filter);
            if (!rows || rows->size() >= limit) {
                return rows;
            }
        }
    }
    return pageQuery(filter, sort, direction, cursor, limit, TransactionSearch::Lookup::Index);
}

Result<QList<TransactionRow>> TransactionRepository::pageQuery(const TransactionFilter& filter,
                                                               const TransactionSort& sort, PageDirection direction,
                                                               const std::optional<TransactionCursor>& cursor,
                                                               int limit, TransactionSearch::Lookup lookup) const
{
    const SqlDialect& d = m_db->dialect();
    const bool walk = lookup == TransactionSearch::Lookup::Filter;
    QVariantList bindings;
    QString where = whereClause(filter, bindings, !walk);

    // Walking backward is walking forward in the reversed order, then flipping the rows.
    const bool descending = sort.descending != (direction == PageDirection::Backward);
    const QString column = sortColumn(sort.key);
    const bool timeKey = sort.key == TransactionSortKey::OccurredAt;
    const bool idOnly = sort.key == TransactionSortKey::Id;
    const QString dir = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QString order = idOnly ? QStringLiteral("t.id") + dir : column + dir + QStringLiteral(", t.id") + dir;
    const QString keyExpr = timeKey ? d.timestampAsText(column) : column;

    // Rows after (or, with `until`, up to and including) a position in page order.
    auto addKeyset = [&](const TransactionCursor& at, bool until) {
        const QString op = until ? (descending ? QStringLiteral(">=") : QStringLiteral("<="))
                                 : (descending ? QStringLiteral("<") : QStringLiteral(">"));
        QString term;
        if (idOnly) {
            term = QStringLiteral("t.id %1 ?").arg(op);
            bindings << at.id;
        } else {
            term = QStringLiteral("(%1, t.id) %2 (%3, ?)")
                       .arg(column, op, timeKey ? d.textAsTimestamp() : QStringLiteral("?"));
            bindings << at.key << at.id;
        }
        where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) + term;
    };
    if (cursor) {
        addKeyset(*cursor, false);
    }
    if (walk) {
        // Tests no more than the next kWalkRows rows in page order, however the words are spread:
        // the position of the last of them bounds the walk (an index-only read).
        auto last = m_db->exec(QStringLiteral("SELECT %1, t.id FROM transactions t%2 ORDER BY %3 LIMIT 1 OFFSET %4")
                                   .arg(keyExpr, where, order)
                                   .arg(kWalkRows - 1),
                               bindings);
        if (!last) {
            return last.error();
        }
        if (last->next()) {
            addKeyset({last->value(0), last->value(1).toLongLong()}, true);
        }
        where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND "))
            + TransactionSearch::condition(d, filter.text, bindings, lookup);
    }

    const QString sql = QStringLiteral("SELECT %1 FROM transactions t "
                                       "JOIN accounts a ON a.id = t.account_id "
                                       "LEFT JOIN categories c ON c.id = t.category_id%2 ORDER BY %3 LIMIT %4")
                            .arg(kSelectColumns, where, order)
                            .arg(std::max(1, limit));
    // Kept prepared: paging and the API ask the same few shapes again and again.
    QList<TransactionRow> rows;
    rows.reserve(limit);
    const Status read = m_db->readRows(sql, bindings, [&](const SqlRow& q) {
        TransactionRow r = readRow(q);
        r.cursor = cursorOf(q, r, sort.key);
        rows << std::move(r);
    });
    if (!read) {
        return read.error();
    }
    if (direction == PageDirection::Backward) {
        std::reverse(rows.begin(), rows.end());
    }
    return rows;
}

Result<qint64> TransactionRepository::count(const TransactionFilter& filter) const
{
    if (!TransactionSearch::words(filter.text).isEmpty()) {
        if (auto indexed = TransactionSearch::catchUp(*m_db); !indexed) {
            return indexed.error();
        }
    }
    QVariantList bindings;
    const QString where = whereClause(filter, bindings, true);
    auto q = m_db->exec(QStringLiteral("SELECT count(*) FROM transactions t") + where, bindings);
    if (!q) {
        return q.error();
    }
    q->next();
    return q->value(0).toLongLong();
}

Result<TransactionDetail> TransactionRepository::byId(qint64 id) const
{
    std::optional<TransactionDetail> found;
    const Status read = m_db->readRows(
        QStringLiteral("SELECT %1, a.iban, t.value_date, t.counterparty_account, t.reference, "
                       "t.end_to_end_id, t.bank_tx_code, t.merchant_category, t.device_id, "
                       "t.ip_address, t.source, t.external_id, t.fingerprint, t.import_batch_id, "
                       "t.created_at FROM transactions t JOIN accounts a ON a.id = t.account_id "
                       "LEFT JOIN categories c ON c.id = t.category_id WHERE t.id = ?")
            .arg(kSelectColumns),
        {id}, [&](const SqlRow& q) {
            TransactionDetail& t = found.emplace();
            t.row = readRow(q);
            t.accountIban = q.text(13);
            t.valueDate = q.date(14);
            t.counterpartyAccount = q.text(15);
            t.reference = q.text(16);
            t.endToEndId = q.text(17);
            t.bankTxCode = q.text(18);
            t.merchantCategory = q.text(19);
            t.deviceId = q.text(20);
            t.ipAddress = q.text(21);
            t.source = q.text(22);
            t.externalId = q.text(23);
            t.fingerprint = q.text(24);
            if (!q.isNull(25)) {
                t.importBatchId = q.int64(25);
            }
            t.createdAt = q.timestamp(26);
        });
    if (!read) {
        return read.error();
    }
    if (!found) {
        return Error(ErrorCode::NotFound, QStringLiteral("transaction %1 does not exist").arg(id));
    }
    return *found;
}

Result<QList<TransactionTotal>> TransactionRepository::totals(const TransactionFilter& filter,
                                                             TransactionGrouping grouping, int limit) const
{
    if (!TransactionSearch::words(filter.text).isEmpty()) {
        if (auto indexed = TransactionSearch::catchUp(*m_db); !indexed) {
            return indexed.error();
        }
    }
    const SqlDialect& d = m_db->dialect();
    QString key;
    switch (grouping) {
    case TransactionGrouping::Category: key = QStringLiteral("COALESCE(c.name, '')"); break;
    case TransactionGrouping::Month:
        key = d.isPostgres() ? QStringLiteral("to_char(t.booking_date, 'YYYY-MM')")
                             : QStringLiteral("substr(t.booking_date, 1, 7)");
        break;
    case TransactionGrouping::Counterparty: key = QStringLiteral("COALESCE(t.counterparty, '')"); break;
    }
    QVariantList bindings;
    const QString where = whereClause(filter, bindings, true);
    // The sum travels as text: PostgreSQL's sum(bigint) is numeric, which the driver would hand over as a double.
    auto q = m_db->exec(QStringLiteral("SELECT %1 AS k, t.currency, CAST(sum(t.amount_micros) AS TEXT), count(*) "
                                       "FROM transactions t LEFT JOIN categories c ON c.id = t.category_id%2 "
                                       "GROUP BY 1, 2 ORDER BY 4 DESC, 1, 2 LIMIT %3")
                            .arg(key, where)
                            .arg(std::max(1, limit)),
                        bindings);
    if (!q) {
        return q.error();
    }
    QList<TransactionTotal> totals;
    while (q->next()) {
        bool ok = false;
        const qint64 micros = q->value(2).toString().toLongLong(&ok);
        if (!ok) {
            return Error(ErrorCode::Overflow, QStringLiteral("a total is too large to report"));
        }
        const auto currency = Currency::fromCode(q->value(1).toString());
        totals << TransactionTotal{q->value(0).toString(), Money::fromMicros(micros, currency.value_or(Currency())),
                                   q->value(3).toLongLong()};
    }
    return totals;
}

} // namespace flowlet
