-- The audit trail is append-only for everyone (issue #5). Grants already keep the workstation role
-- to SELECT (inserts go through flowlet_auth.append_audit); the triggers below refuse UPDATE,
-- DELETE and TRUNCATE to every role, the owner included. An owner can still disable a trigger
-- first; `flowlet audit verify` then finds the changed or missing entry by its hash chain.

-- @dialect all
-- The audit viewer filters by person and by object, newest first.
CREATE INDEX audit_log_actor_idx ON audit_log (actor_name, id);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, id);

-- @dialect sqlite
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- @dialect postgresql
CREATE FUNCTION flowlet_auth.refuse_audit_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF TG_LEVEL = 'ROW' THEN
        RAISE EXCEPTION 'the audit trail is append-only (% of entry %)', lower(TG_OP), OLD.id USING ERRCODE = '42501';
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only (%)', lower(TG_OP) USING ERRCODE = '42501';
END
$$;
REVOKE EXECUTE ON FUNCTION flowlet_auth.refuse_audit_change() FROM PUBLIC;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION flowlet_auth.refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION flowlet_auth.refuse_audit_change();

-- No role but the owner holds more than SELECT; the owner is held back by the triggers.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

-- An edit's entry carries what the object was before as well as after. The chain's one writer:
-- the 7-argument form (used by the sign-in and administration functions) now calls this one, so
-- every entry is hashed by the same code under the same lock.
CREATE FUNCTION flowlet_auth.append_audit(p_actor_id BIGINT, p_actor_name TEXT, p_workstation TEXT, p_action TEXT,
                                          p_object_type TEXT, p_object_id TEXT, p_before TEXT, p_after TEXT)
    RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_prev TEXT;
    v_at TIMESTAMPTZ;
    v_hash TEXT;
BEGIN
    -- Held until the calling transaction ends: the next writer reads this entry's hash.
    PERFORM pg_advisory_xact_lock(7152105);
    v_at := date_trunc('milliseconds', clock_timestamp());
    SELECT hash INTO v_prev FROM audit_log ORDER BY id DESC LIMIT 1;
    v_prev := COALESCE(v_prev, repeat('0', 64));
    v_hash := encode(digest(convert_to(concat_ws(chr(31), v_prev,
                  to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  COALESCE(p_actor_id::text, ''), COALESCE(p_actor_name, ''), COALESCE(p_workstation, ''), '',
                  p_action, COALESCE(p_object_type, ''), COALESCE(p_object_id, ''), COALESCE(p_before, ''),
                  COALESCE(p_after, '')),
                  'UTF8'), 'sha256'), 'hex');
    INSERT INTO audit_log (at, actor_id, actor_name, workstation, action, object_type, object_id, before, after,
                           prev_hash, hash)
    VALUES (v_at, p_actor_id, COALESCE(p_actor_name, ''), COALESCE(p_workstation, ''), p_action,
            COALESCE(p_object_type, ''), COALESCE(p_object_id, ''), NULLIF(p_before, ''), NULLIF(p_after, ''),
            v_prev, v_hash);
END
$$;
REVOKE EXECUTE ON FUNCTION flowlet_auth.append_audit(BIGINT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT) FROM PUBLIC;

CREATE OR REPLACE FUNCTION flowlet_auth.append_audit(p_actor_id BIGINT, p_actor_name TEXT, p_workstation TEXT,
                                                     p_action TEXT, p_object_type TEXT, p_object_id TEXT, p_after TEXT)
    RETURNS VOID LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT flowlet_auth.append_audit(p_actor_id, p_actor_name, p_workstation, p_action, p_object_type, p_object_id,
                                     NULL::text, p_after)
$$;

-- The audit entry of an edit made over the workstation role, with the object's state before it.
-- As with the 5-argument form, the actor is the bound user and cannot be passed in.
CREATE FUNCTION flowlet_auth.record_change(p_workstation TEXT, p_action TEXT, p_object_type TEXT, p_object_id TEXT,
                                           p_before TEXT, p_after TEXT)
    RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT := flowlet_auth.current_user_id();
BEGIN
    IF v_user IS NULL THEN
        RAISE EXCEPTION 'not signed in' USING ERRCODE = '42501';
    END IF;
    PERFORM flowlet_auth.append_audit(v_user, flowlet_auth.actor_name(), p_workstation, p_action, p_object_type,
                                      p_object_id, p_before, p_after);
END
$$;
REVOKE EXECUTE ON FUNCTION flowlet_auth.record_change(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT) FROM PUBLIC;
