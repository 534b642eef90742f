#pragma once

#include "core/Result.h"
#include "db/Database.h"

#include <QStringList>
#include <QVariantList>

namespace flowlet {

// Text search over transactions: every word of what was typed must occur, case-insensitively, as a
// substring of the description, the counterparty or the reference. Answered by index (migration
// 0006): a trigram GIN index on PostgreSQL, an FTS5 trigram table on SQLite that bulk loads bring
// up to date with catchUp() instead of row by row.
class TransactionSearch final
{
public:
    // Words shorter than this cannot be looked up by trigrams; they narrow the rows the longer
    // words found, or are a scan when a search has no longer word.
    static constexpr int kIndexedWordLength = 3;

    // How a query finds the matching rows. PostgreSQL's planner makes this choice itself, from its
    // statistics; SQLite's cannot see into the FTS5 table, so lookupFor() makes it.
    enum class Lookup {
        Index,  // the rows the index finds for the words, then sorted: fast when few rows match
        Filter, // the rows in the page's order, each tested, until the page is full: fast when many match
    };

    // The words of a search: split at white space; none for blank text.
    static QStringList words(const QString& text);

    // Index when the index finds fewer than kManyRows rows for the words of `text`, else Filter.
    static Result<Lookup> lookupFor(Database& db, const QString& text);
    static constexpr int kManyRows = 5000;

    // A condition over `transactions t` that holds for the rows matching every word of `text`,
    // with its bindings appended; empty when there is no word. On SQLite the index must have
    // caught up (catchUp(Database&)) for rows inserted since the last bulk load to be found.
    static QString condition(const SqlDialect& dialect, const QString& text, QVariantList& bindings,
                             Lookup lookup = Lookup::Index);

    // SQLite: indexes the rows inserted since the index last caught up, in one statement. Call it
    // inside a bulk load's transaction once the rows are written. Nothing to do on PostgreSQL.
    static Status catchUp(const SqlDialect& dialect, QSqlDatabase& connection);
    // The same in a transaction of its own, and only when rows are missing: before a search.
    static Status catchUp(Database& db);
};

} // namespace flowlet
