#pragma once

#include "TransactionQuery.h"
#include "TransactionSearch.h"
#include "core/Result.h"
#include "db/Database.h"

#include <QList>

namespace flowlet {

enum class TransactionGrouping { Category, Month, Counterparty };

// One group of an analysis: the sum and number of the matching transactions of one key and currency.
struct TransactionTotal
{
    QString key; // category name (empty: uncategorised), "YYYY-MM" of the booking date, or counterparty
    Money total;
    qint64 count = 0;
};

// Reads transactions for browsing: keyset pages over indexed orderings, counts and single rows.
// Never loads a table whole. Safe to use from any thread (each uses its own connection).
class TransactionRepository final
{
public:
    explicit TransactionRepository(DatabasePtr db);

    // Up to `limit` rows next to the cursor in the given direction, always in sort order.
    Result<QList<TransactionRow>> page(const TransactionFilter& filter, const TransactionSort& sort,
                                       PageDirection direction, const std::optional<TransactionCursor>& cursor,
                                       int limit) const;
    Result<qint64> count(const TransactionFilter& filter) const;
    Result<TransactionDetail> byId(qint64 id) const;
    // Sums of the filtered transactions per group and currency, largest count first, at most `limit` groups.
    Result<QList<TransactionTotal>> totals(const TransactionFilter& filter, TransactionGrouping grouping,
                                           int limit) const;

private:
    Result<QList<TransactionRow>> pageQuery(const TransactionFilter& filter, const TransactionSort& sort,
                                            PageDirection direction, const std::optional<TransactionCursor>& cursor,
                                            int limit, TransactionSearch::Lookup lookup) const;
    // The filter as SQL, with or without its text search.
    QString whereClause(const TransactionFilter& filter, QVariantList& bindings, bool withText) const;

    // How many rows a page of a common word reads in page order before the index answers instead.
    static constexpr int kWalkRows = 20000;

    DatabasePtr m_db;
};

} // namespace flowlet
