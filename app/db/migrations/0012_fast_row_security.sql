-- Row-level security that costs once per statement, not once per row, and little then.
--
-- The policies call flowlet_auth.has_permission() and flowlet_auth.current_user_id(): STABLE
-- SECURITY DEFINER functions, which PostgreSQL can neither inline nor cache, so a policy like
-- USING (flowlet_auth.has_permission('transactions.read')) ran a four-table query for every row
-- the statement touched (a 100-row page read as a workstation: 52 ms, 129 calls). Wrapped in a
-- scalar subquery the call becomes an InitPlan, evaluated once per statement (6 ms). The answer
-- cannot differ between rows: it depends only on the session's binding, which no row changes.
--
-- Rewritten here for every existing policy; policies added later are written in this form
-- (TestMigrator checks that none calls either function unwrapped).
--
-- The functions themselves become PL/pgSQL, which keeps its query plans for the session: as SQL
-- functions with a SET clause (not inlinable) they were planned afresh at every call site, and
-- backend_start() planned the pg_stat_activity view's three-way join each time (0.36 ms per
-- statement, now 0.04 ms). Same queries, same answers; backend_start reads the one backend's row
-- from pg_stat_get_activity() instead of the whole view.

-- @dialect postgresql
CREATE OR REPLACE FUNCTION flowlet_auth.backend_start() RETURNS TIMESTAMPTZ
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog AS $$
BEGIN
    RETURN (SELECT a.backend_start FROM pg_stat_get_activity(pg_backend_pid()) a);
END
$$;

CREATE OR REPLACE FUNCTION flowlet_auth.current_user_id() RETURNS BIGINT
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    RETURN (SELECT b.user_id
              FROM flowlet_auth.session_bindings b
              JOIN staff_sessions s ON s.id = b.session_id
              JOIN staff_users u ON u.id = b.user_id
             WHERE b.backend_pid = pg_backend_pid()
               AND b.backend_start = flowlet_auth.backend_start()
               AND s.ended_at IS NULL AND s.expires_at > now()
               AND u.status = 'active');
END
$$;

CREATE OR REPLACE FUNCTION flowlet_auth.has_permission(p_permission TEXT) RETURNS BOOLEAN
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    RETURN EXISTS (
        SELECT 1
          FROM flowlet_auth.session_bindings b
          JOIN staff_sessions s ON s.id = b.session_id
          JOIN staff_users u ON u.id = b.user_id
          JOIN role_permissions rp ON rp.role_id = u.role_id AND rp.permission_code = p_permission
         WHERE b.backend_pid = pg_backend_pid()
           AND b.backend_start = flowlet_auth.backend_start()
           AND s.ended_at IS NULL AND s.expires_at > now()
           AND u.status = 'active'
           AND (b.api_scopes IS NULL OR p_permission = ANY (b.api_scopes)));
END
$$;

DO $$
DECLARE
    p RECORD;
    v_pattern CONSTANT TEXT := 'flowlet_auth\.(has_permission|current_user_id)\(([^()]*)\)';
    v_using TEXT;
    v_check TEXT;
    v_sql TEXT;
BEGIN
    FOR p IN SELECT schemaname, tablename, policyname, qual, with_check FROM pg_policies
              WHERE schemaname = 'public' AND (qual ~ v_pattern OR with_check ~ v_pattern)
    LOOP
        v_using := regexp_replace(p.qual, v_pattern, '(SELECT flowlet_auth.\1(\2))', 'g');
        v_check := regexp_replace(p.with_check, v_pattern, '(SELECT flowlet_auth.\1(\2))', 'g');
        v_sql := format('ALTER POLICY %I ON %I.%I', p.policyname, p.schemaname, p.tablename);
        IF v_using IS NOT NULL THEN
            v_sql := v_sql || format(' USING (%s)', v_using);
        END IF;
        IF v_check IS NOT NULL THEN
            v_sql := v_sql || format(' WITH CHECK (%s)', v_check);
        END IF;
        EXECUTE v_sql;
    END LOOP;
END
$$;
