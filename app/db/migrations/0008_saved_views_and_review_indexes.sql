-- Saved views of the transactions browser (issue #4): a named filter and sort order, per user.
-- They are kept in the database rather than in the workstation's settings so that an analyst
-- finds them on whichever workstation they sign in at. owner_id is NULL for the local command
-- line and tools that act without a staff session.
CREATE TABLE saved_views (
    id          {{id}},
    owner_id    BIGINT REFERENCES staff_users(id) ON DELETE CASCADE,
    area        TEXT NOT NULL DEFAULT 'transactions',
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    definition  TEXT NOT NULL,
    updated_at  {{timestamp}} NOT NULL DEFAULT {{now}}
);
CREATE UNIQUE INDEX saved_views_owner_name_idx ON saved_views (COALESCE(owner_id, 0), area, name);

-- The reconciliation review reads a session's matches, and the entries a session ticked. The
-- second index is partial: transactions outside any reconciliation (nearly all, and every
-- imported row) add nothing to it, so imports do not pay for it.
CREATE INDEX reconciliation_matches_session_idx ON reconciliation_matches (session_id, state);
CREATE INDEX transactions_reconciliation_idx ON transactions (reconciliation_id) WHERE reconciliation_id IS NOT NULL;

-- @dialect postgresql
-- Everyone sees and changes only their own views.
ALTER TABLE saved_views ENABLE ROW LEVEL SECURITY;
CREATE POLICY flowlet_read ON saved_views FOR SELECT USING (owner_id = flowlet_auth.current_user_id());
CREATE POLICY flowlet_insert ON saved_views FOR INSERT WITH CHECK (owner_id = flowlet_auth.current_user_id());
CREATE POLICY flowlet_update ON saved_views FOR UPDATE
    USING (owner_id = flowlet_auth.current_user_id()) WITH CHECK (owner_id = flowlet_auth.current_user_id());
CREATE POLICY flowlet_delete ON saved_views FOR DELETE USING (owner_id = flowlet_auth.current_user_id());
