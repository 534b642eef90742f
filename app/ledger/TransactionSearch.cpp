#include "TransactionSearch.h"

#include "core/Logging.h"

#include <QElapsedTimer>

namespace flowlet {

namespace {

// The expression migration 0006 indexes on PostgreSQL; the planner uses the index only for
// exactly this expression.
const QString kPgText =
    QStringLiteral("(t.description || ' ' || coalesce(t.counterparty, '') || ' ' || coalesce(t.reference, ''))");

// How far the SQLite index reaches: it holds exactly the rows with id <= indexed_to.
const QString kIndexedTo =
    QStringLiteral("(SELECT indexed_to FROM search_index_state WHERE index_name = 'transactions_fts')");

bool indexable(const QString& word)
{
    return word.toUcs4().size() >= TransactionSearch::kIndexedWordLength;
}

// An FTS5 string: the trigram tokenizer matches it as a case-folded substring of one column.
QString ftsPhrase(QString word)
{
    word.replace(u'"', QStringLiteral("\"\""));
    return u'"' + word + u'"';
}

// The FTS5 query for the words the index can look up: all of them. Empty when there is none.
QString ftsQuery(const QStringList& words)
{
    QStringList phrases;
    for (const QString& word : words) {
        if (indexable(word)) {
            phrases << ftsPhrase(word);
        }
    }
    return phrases.join(QStringLiteral(" AND "));
}

// A GLOB pattern for `word` anywhere, every letter in any of its cases: SQLite's LIKE folds ASCII
// letters only, while FTS5 and PostgreSQL's ILIKE fold all letters ("ü" finds "MÜLLER").
QString globAnyCase(const QString& word)
{
    QString pattern = QStringLiteral("*");
    for (const char32_t c : word.toUcs4()) {
        QList<char32_t> variants{c};
        for (const char32_t v : {QChar::toLower(c), QChar::toUpper(c), QChar::toUpper(QChar::toLower(c))}) {
            if (!variants.contains(v)) {
                variants << v;
            }
        }
        const bool wildcard = c == U'*' || c == U'?' || c == U'[';
        if (variants.size() == 1 && !wildcard) {
            pattern += QString::fromUcs4(&c, 1);
            continue;
        }
        pattern += u'[';
        for (const char32_t v : std::as_const(variants)) {
            pattern += QString::fromUcs4(&v, 1);
        }
        pattern += u']';
    }
    return pattern + u'*';
}

} // namespace

QStringList TransactionSearch::words(const QString& text)
{
    QStringList out;
    QString word;
    for (const QChar c : text) {
        if (!c.isSpace()) {
            word += c;
        } else if (!word.isEmpty()) {
            out << std::exchange(word, {});
        }
    }
    if (!word.isEmpty()) {
        out << word;
    }
    out.removeDuplicates();
    return out;
}

Result<TransactionSearch::Lookup> TransactionSearch::lookupFor(Database& db, const QString& text)
{
    if (db.dialect().isPostgres()) {
        return Lookup::Index;
    }
    const QString query = ftsQuery(words(text));
    if (query.isEmpty()) {
        return Lookup::Filter; // short words only: no index to ask
    }
    // Counting stops at kManyRows: a few milliseconds even for a word in every row.
    auto q = db.exec(QStringLiteral("SELECT count(*) FROM (SELECT rowid FROM transactions_fts "
                                    "WHERE transactions_fts MATCH ? LIMIT %1)")
                         .arg(kManyRows),
                     {query});
    if (!q) {
        return q.error();
    }
    return q->next() && q->value(0).toLongLong() >= kManyRows ? Lookup::Filter : Lookup::Index;
}

QString TransactionSearch::condition(const SqlDialect& dialect, const QString& text, QVariantList& bindings,
                                     Lookup lookup)
{
    const QStringList all = words(text);
    QStringList terms;
    if (dialect.isPostgres()) {
        // A word without trigrams (shorter than three characters) is left to the recheck of the
        // rows the other words found; the planner knows that such a pattern cannot use the index.
        for (const QString& word : all) {
            terms << kPgText + QStringLiteral(" ILIKE ?");
            bindings << SqlDialect::likePattern(word);
        }
        return terms.join(QStringLiteral(" AND "));
    }
    const QString query = lookup == Lookup::Index ? ftsQuery(all) : QString();
    if (!query.isEmpty()) {
        terms << QStringLiteral("t.id IN (SELECT rowid FROM transactions_fts WHERE transactions_fts MATCH ?)");
        bindings << query;
    }
    for (const QString& word : all) {
        if (query.isEmpty() || !indexable(word)) {
            const QString pattern = globAnyCase(word);
            terms << QStringLiteral("(t.description GLOB ? OR t.counterparty GLOB ? OR t.reference GLOB ?)");
            bindings << pattern << pattern << pattern;
        }
    }
    return terms.join(QStringLiteral(" AND "));
}

Status TransactionSearch::catchUp(const SqlDialect& dialect, QSqlDatabase& connection)
{
    if (dialect.isPostgres()) {
        return {}; // the GIN index is maintained by every insert (COPY included)
    }
    QElapsedTimer timer;
    timer.start();
    auto added = Database::execOn(connection,
                                  QStringLiteral("INSERT INTO transactions_fts (rowid, description, counterparty, reference) "
                                                 "SELECT id, description, counterparty, reference FROM transactions "
                                                 "WHERE id > %1")
                                      .arg(kIndexedTo));
    if (!added) {
        return added.error();
    }
    const int rows = added->numRowsAffected();
    auto moved = Database::execOn(connection,
                                  QStringLiteral("UPDATE search_index_state SET indexed_to = "
                                                 "(SELECT max(id) FROM transactions) WHERE index_name = 'transactions_fts' "
                                                 "AND indexed_to < (SELECT max(id) FROM transactions)"));
    if (!moved) {
        return moved.error();
    }
    if (rows > 0) {
        qCInfo(lcDb) << "text search index caught up:" << rows << "rows in" << timer.elapsed() << "ms";
    }
    return {};
}

Status TransactionSearch::catchUp(Database& db)
{
    if (db.dialect().isPostgres()) {
        return {};
    }
    {
        auto behind = db.exec(
            QStringLiteral("SELECT %1 < (SELECT coalesce(max(id), 0) FROM transactions)").arg(kIndexedTo));
        if (!behind) {
            return behind.error();
        }
        if (!behind->next() || !behind->value(0).toBool()) {
            return {};
        }
    } // the read ends before the write begins
    return db.transaction([&db](QSqlDatabase& c) -> Status {
        // Takes the write lock first, waiting for another writer (the other pool thread catching
        // up for the count): a statement writing only to the FTS5 table starts as a reader, and
        // its upgrade to a writer fails at once with "database is locked".
        auto locked = Database::execOn(c, QStringLiteral("UPDATE search_index_state SET indexed_to = indexed_to "
                                                         "WHERE index_name = 'transactions_fts'"));
        if (!locked) {
            return locked.error();
        }
        return catchUp(db.dialect(), c);
    });
}

} // namespace flowlet
