-- Statement import (issue #4): what a bank statement said, kept beside the book it fed.
--
-- A line of an imported statement that became a transaction of its own is that transaction
-- (import_batch_id + import_line). Lines that did not — duplicates of rows already stored, lines
-- linked to a book transaction that was already there, and every line of a statement-only import
-- (a nostro statement reconciled against a book kept elsewhere) — are kept in statement_lines.
-- Together they are the statement as the bank sent it: the input of de-duplication next time and
-- of reconciliation.

-- @dialect all
ALTER TABLE accounts ADD COLUMN account_number TEXT;
ALTER TABLE accounts ADD COLUMN bank_code TEXT;
ALTER TABLE accounts ADD COLUMN opening_balance_micros BIGINT NOT NULL DEFAULT 0;
CREATE INDEX accounts_number_idx ON accounts (account_number);

ALTER TABLE transactions ADD COLUMN import_line INTEGER;
-- De-duplication reads an account's stored lines by date range and compares bank ids and
-- fingerprints in memory; an index on the fingerprint (random keys) only made every insert of a
-- bulk import slower.
DROP INDEX transactions_fingerprint_idx;

ALTER TABLE import_batches ADD COLUMN mode TEXT NOT NULL DEFAULT 'book' CHECK (mode IN ('book', 'statement'));
ALTER TABLE import_batches ADD COLUMN source_variant TEXT;
ALTER TABLE import_batches ADD COLUMN statement_ref TEXT;
ALTER TABLE import_batches ADD COLUMN opening_date {{date}};
ALTER TABLE import_batches ADD COLUMN closing_date {{date}};
ALTER TABLE import_batches ADD COLUMN notes TEXT;
CREATE INDEX import_batches_account_idx ON import_batches (account_id, id);
CREATE INDEX import_batches_sha_idx ON import_batches (file_sha256);

CREATE TABLE statement_lines (
    batch_id             BIGINT NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    line_no              INTEGER NOT NULL,
    account_id           BIGINT NOT NULL REFERENCES accounts(id),
    booking_date         {{date}} NOT NULL,
    value_date           {{date}},
    amount_micros        BIGINT NOT NULL,
    currency             TEXT NOT NULL,
    description          TEXT NOT NULL DEFAULT '',
    counterparty         TEXT,
    counterparty_account TEXT,
    reference            TEXT,
    end_to_end_id        TEXT,
    bank_tx_code         TEXT,
    bank_id              TEXT,
    fingerprint          TEXT NOT NULL,
    decision             TEXT NOT NULL CHECK (decision IN ('duplicate', 'match', 'statement')),
    transaction_id       BIGINT REFERENCES transactions(id) ON DELETE SET NULL,
    reason               TEXT,
    PRIMARY KEY (batch_id, line_no)
);
CREATE INDEX statement_lines_account_idx ON statement_lines (account_id, booking_date);
CREATE INDEX statement_lines_bank_id_idx ON statement_lines (account_id, bank_id);
CREATE INDEX statement_lines_fingerprint_idx ON statement_lines (account_id, fingerprint);
CREATE INDEX statement_lines_transaction_idx ON statement_lines (transaction_id);

-- A bank's CSV layout, saved from the import wizard and applied again when its header turns up.
CREATE TABLE import_presets (
    id          {{id}},
    name        TEXT NOT NULL UNIQUE,
    signature   TEXT NOT NULL,
    mapping     TEXT NOT NULL,
    account_id  BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    created_by  BIGINT REFERENCES staff_users(id),
    updated_at  {{timestamp}} NOT NULL DEFAULT {{now}},
    row_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX import_presets_signature_idx ON import_presets (signature);

-- Reconciliation (issue #4): a book transaction is new, cleared (ticked in an open reconciliation)
-- or reconciled (part of a finished one, locked). A match pairs statement lines — addressed as
-- (batch, line): the transaction the line became, or its statement_lines row — with book
-- transactions, one-to-one, one-to-many or many-to-one.
ALTER TABLE transactions ADD COLUMN reconcile_state TEXT NOT NULL DEFAULT 'new'
    CHECK (reconcile_state IN ('new', 'cleared', 'reconciled'));
ALTER TABLE transactions ADD COLUMN reconciliation_id BIGINT REFERENCES reconciliation_sessions(id);
CREATE INDEX transactions_reconcile_idx ON transactions (account_id, reconcile_state, booking_date);
ALTER TABLE reconciliation_sessions ADD COLUMN statement_opening_micros BIGINT;
ALTER TABLE reconciliation_sessions ADD COLUMN settings TEXT;
DROP TABLE reconciliation_match_items;
CREATE TABLE reconciliation_match_items (
    match_id       BIGINT NOT NULL REFERENCES reconciliation_matches(id) ON DELETE CASCADE,
    side           TEXT NOT NULL CHECK (side IN ('statement', 'book')),
    transaction_id BIGINT REFERENCES transactions(id),
    batch_id       BIGINT REFERENCES import_batches(id),
    line_no        INTEGER,
    CHECK ((side = 'book' AND transaction_id IS NOT NULL AND batch_id IS NULL) OR
           (side = 'statement' AND batch_id IS NOT NULL AND line_no IS NOT NULL AND transaction_id IS NULL))
);
CREATE INDEX reconciliation_items_match_idx ON reconciliation_match_items (match_id);
CREATE INDEX reconciliation_items_tx_idx ON reconciliation_match_items (transaction_id);
CREATE INDEX reconciliation_items_line_idx ON reconciliation_match_items (batch_id, line_no);

-- @dialect postgresql
ALTER TABLE reconciliation_match_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY flowlet_read ON reconciliation_match_items FOR SELECT USING (flowlet_auth.has_permission('reconciliation.perform'));
CREATE POLICY flowlet_insert ON reconciliation_match_items FOR INSERT WITH CHECK (flowlet_auth.has_permission('reconciliation.perform'));
CREATE POLICY flowlet_update ON reconciliation_match_items FOR UPDATE
    USING (flowlet_auth.has_permission('reconciliation.perform')) WITH CHECK (flowlet_auth.has_permission('reconciliation.perform'));
CREATE POLICY flowlet_delete ON reconciliation_match_items FOR DELETE USING (flowlet_auth.has_permission('reconciliation.perform'));

ALTER TABLE statement_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY flowlet_read ON statement_lines FOR SELECT
    USING (flowlet_auth.has_permission('transactions.read') OR flowlet_auth.has_permission('reconciliation.perform'));
CREATE POLICY flowlet_insert ON statement_lines FOR INSERT WITH CHECK (flowlet_auth.has_permission('transactions.import'));
CREATE POLICY flowlet_update ON statement_lines FOR UPDATE
    USING (flowlet_auth.has_permission('transactions.import') OR flowlet_auth.has_permission('reconciliation.perform'))
    WITH CHECK (flowlet_auth.has_permission('transactions.import') OR flowlet_auth.has_permission('reconciliation.perform'));
CREATE POLICY flowlet_delete ON statement_lines FOR DELETE USING (flowlet_auth.has_permission('transactions.import'));

ALTER TABLE import_presets ENABLE ROW LEVEL SECURITY;
CREATE POLICY flowlet_read ON import_presets FOR SELECT USING (flowlet_auth.has_permission('transactions.import'));
CREATE POLICY flowlet_insert ON import_presets FOR INSERT WITH CHECK (flowlet_auth.has_permission('transactions.import'));
CREATE POLICY flowlet_update ON import_presets FOR UPDATE
    USING (flowlet_auth.has_permission('transactions.import')) WITH CHECK (flowlet_auth.has_permission('transactions.import'));
CREATE POLICY flowlet_delete ON import_presets FOR DELETE USING (flowlet_auth.has_permission('transactions.import'));

-- Importing creates the statement's own account when it is not there yet.
DROP POLICY flowlet_insert ON accounts;
CREATE POLICY flowlet_insert ON accounts FOR INSERT
    WITH CHECK (flowlet_auth.has_permission('cards.freeze') OR
                (flowlet_auth.has_permission('transactions.import') AND kind = 'own' AND customer_id IS NULL));

-- The audit entry for a change made over the workstation role. The actor is the bound user (it
-- cannot be passed in, so it cannot be forged); the workstation name is the caller's word.
CREATE FUNCTION flowlet_auth.record_change(p_workstation TEXT, p_action TEXT, p_object_type TEXT, p_object_id TEXT,
                                           p_after TEXT)
    RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT := flowlet_auth.current_user_id();
BEGIN
    IF v_user IS NULL THEN
        RAISE EXCEPTION 'not signed in' USING ERRCODE = '42501';
    END IF;
    PERFORM flowlet_auth.append_audit(v_user, flowlet_auth.actor_name(), p_workstation, p_action, p_object_type,
                                      p_object_id, p_after);
END
$$;
REVOKE EXECUTE ON FUNCTION flowlet_auth.record_change(TEXT, TEXT, TEXT, TEXT, TEXT) FROM PUBLIC;
