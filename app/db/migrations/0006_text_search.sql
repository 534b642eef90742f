-- Text search over transactions (issue #4): what someone types into the browser's search box is
-- found by index, not by reading the table. Every word must occur, case-insensitively, as a
-- substring of the description, the counterparty or the reference (TransactionSearch builds the
-- queries; the expression and the table names below are repeated there).

-- @dialect postgresql
-- One trigram index over the three columns joined by spaces: a word never contains a space, so it
-- can only match inside one column, and one bitmap scan answers all the words of a search.
CREATE INDEX transactions_text_idx ON transactions USING gin
    ((description || ' ' || coalesce(counterparty, '') || ' ' || coalesce(reference, '')) gin_trgm_ops);

-- @dialect sqlite
-- FTS5 with the trigram tokenizer over the same columns, reading their text from transactions
-- (external content: the text is not stored twice). The index holds exactly the rows with
-- id <= search_index_state.indexed_to; TransactionSearch::catchUp adds the newer ones in one
-- statement after a bulk load and before a search. There is no insert trigger: any trigger on
-- INSERT, even one that never fires, makes SQLite journal every single-row insert of a bulk load
-- and halves its speed. Triggers keep the indexed rows current when they are updated or deleted;
-- deleting the newest rows lowers the mark, so that SQLite's reuse of their ids cannot put a new
-- row under it unindexed. (Rows are never inserted with explicit ids below the mark: SQLite
-- assigns them, and the demo loads into an empty workspace.)
CREATE VIRTUAL TABLE transactions_fts USING fts5(description, counterparty, reference,
    content = 'transactions', content_rowid = 'id', tokenize = 'trigram');

CREATE TABLE search_index_state (
    index_name TEXT PRIMARY KEY,
    indexed_to INTEGER NOT NULL
);
INSERT INTO transactions_fts (rowid, description, counterparty, reference)
    SELECT id, description, counterparty, reference FROM transactions;
INSERT INTO search_index_state (index_name, indexed_to)
    VALUES ('transactions_fts', coalesce((SELECT max(id) FROM transactions), 0));

CREATE TRIGGER transactions_fts_delete AFTER DELETE ON transactions
    WHEN old.id <= (SELECT indexed_to FROM search_index_state WHERE index_name = 'transactions_fts')
BEGIN
    INSERT INTO transactions_fts (transactions_fts, rowid, description, counterparty, reference)
        VALUES ('delete', old.id, old.description, old.counterparty, old.reference);
    UPDATE search_index_state SET indexed_to = coalesce((SELECT max(id) FROM transactions), 0)
        WHERE index_name = 'transactions_fts' AND indexed_to > coalesce((SELECT max(id) FROM transactions), 0);
END;

CREATE TRIGGER transactions_fts_update AFTER UPDATE OF id, description, counterparty, reference ON transactions
BEGIN
    INSERT INTO transactions_fts (transactions_fts, rowid, description, counterparty, reference)
        SELECT 'delete', old.id, old.description, old.counterparty, old.reference
        WHERE old.id <= (SELECT indexed_to FROM search_index_state WHERE index_name = 'transactions_fts');
    INSERT INTO transactions_fts (rowid, description, counterparty, reference)
        SELECT new.id, new.description, new.counterparty, new.reference
        WHERE new.id <= (SELECT indexed_to FROM search_index_state WHERE index_name = 'transactions_fts');
END;
