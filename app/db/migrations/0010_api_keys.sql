-- API keys for the local REST API (issue #5). A key acts for its owner, limited to its scopes:
-- what a request may do is the key's scopes ∩ the owner's role as it is at that moment. Only the
-- key's public prefix and SHA-256 of its 256-bit secret are stored (docs/security.md says why not
-- bcrypt). Scopes are permission codes separated by single spaces, in code order.

-- @dialect all
CREATE INDEX api_keys_owner_idx ON api_keys (owner_id);

-- @dialect postgresql
-- A connection bound for an API key: the key, and its scopes copied at binding time (scopes never
-- change after creation), so that has_permission needs no further lookup.
ALTER TABLE flowlet_auth.session_bindings ADD COLUMN api_key_id BIGINT REFERENCES api_keys(id) ON DELETE CASCADE;
ALTER TABLE flowlet_auth.session_bindings ADD COLUMN api_scopes TEXT[];
-- The server-side session an API key's requests run in; revoking the key ends it at once.
ALTER TABLE staff_sessions ADD COLUMN api_key_id BIGINT REFERENCES api_keys(id);
CREATE INDEX staff_sessions_api_key_idx ON staff_sessions (api_key_id) WHERE api_key_id IS NOT NULL;

-- The bound person's role, and for a key binding also the key's scopes. One query without nested
-- calls: row-level security evaluates it for every row a statement reads.
CREATE OR REPLACE FUNCTION flowlet_auth.has_permission(p_permission TEXT) RETURNS BOOLEAN
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT EXISTS (
        SELECT 1
          FROM flowlet_auth.session_bindings b
          JOIN staff_sessions s ON s.id = b.session_id
          JOIN staff_users u ON u.id = b.user_id
          JOIN role_permissions rp ON rp.role_id = u.role_id AND rp.permission_code = p_permission
         WHERE b.backend_pid = pg_backend_pid()
           AND b.backend_start = flowlet_auth.backend_start()
           AND s.ended_at IS NULL AND s.expires_at > now()
           AND u.status = 'active'
           AND (b.api_scopes IS NULL OR p_permission = ANY (b.api_scopes)))
$$;

-- 0009's writer of the chain, unchanged but for one thing: an entry written for the person a key
-- binding acts for carries the key's id, hashed at the place AuditLog::hashOf gives it (0009
-- hashed '' there, which is what a NULL key still hashes as, so older entries verify as before).
CREATE OR REPLACE FUNCTION flowlet_auth.append_audit(p_actor_id BIGINT, p_actor_name TEXT, p_workstation TEXT,
                                                     p_action TEXT, p_object_type TEXT, p_object_id TEXT,
                                                     p_before TEXT, p_after TEXT)
    RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_prev TEXT;
    v_at TIMESTAMPTZ;
    v_key BIGINT;
    v_hash TEXT;
BEGIN
    -- Held until the calling transaction ends: the next writer reads this entry's hash.
    PERFORM pg_advisory_xact_lock(7152105);
    v_at := date_trunc('milliseconds', clock_timestamp());
    SELECT b.api_key_id INTO v_key FROM flowlet_auth.session_bindings b
     WHERE b.backend_pid = pg_backend_pid() AND b.backend_start = flowlet_auth.backend_start()
       AND b.user_id = p_actor_id;
    SELECT hash INTO v_prev FROM audit_log ORDER BY id DESC LIMIT 1;
    v_prev := COALESCE(v_prev, repeat('0', 64));
    v_hash := encode(digest(convert_to(concat_ws(chr(31), v_prev,
                  to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  COALESCE(p_actor_id::text, ''), COALESCE(p_actor_name, ''), COALESCE(p_workstation, ''),
                  COALESCE(v_key::text, ''), p_action, COALESCE(p_object_type, ''), COALESCE(p_object_id, ''),
                  COALESCE(p_before, ''), COALESCE(p_after, '')),
                  'UTF8'), 'sha256'), 'hex');
    INSERT INTO audit_log (at, actor_id, actor_name, workstation, api_key_id, action, object_type, object_id, before,
                           after, prev_hash, hash)
    VALUES (v_at, p_actor_id, COALESCE(p_actor_name, ''), COALESCE(p_workstation, ''), v_key, p_action,
            COALESCE(p_object_type, ''), COALESCE(p_object_id, ''), NULLIF(p_before, ''), NULLIF(p_after, ''),
            v_prev, v_hash);
END
$$;

-- Checks a presented key and binds the calling connection to a server-side session of its owner,
-- limited to the key's scopes. No row means refused (unknown prefix, wrong secret, revoked,
-- expired, owner disabled), and the connection is then bound to no one. A connection already
-- bound to the same key keeps its binding (no write); last_used_at moves at most once a minute.
-- The stored and presented hashes are compared as text: a timing difference would only tell how
-- much of SHA-256 of the attacker's own guess matches, which brings no guess closer.
CREATE FUNCTION flowlet_auth.open_api_session(p_prefix TEXT, p_secret TEXT)
    RETURNS TABLE (key_id BIGINT, key_owner BIGINT, owner_name TEXT, granted TEXT)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_key api_keys%ROWTYPE;
    v_owner staff_users%ROWTYPE;
    v_hash TEXT := encode(digest(convert_to(COALESCE(p_secret, ''), 'UTF8'), 'sha256'), 'hex');
    v_start TIMESTAMPTZ := flowlet_auth.backend_start();
    v_bound flowlet_auth.session_bindings%ROWTYPE;
    v_session BIGINT;
    v_scopes TEXT[];
BEGIN
    SELECT * INTO v_key FROM api_keys k WHERE k.key_prefix = p_prefix;
    IF FOUND THEN
        SELECT * INTO v_owner FROM staff_users u WHERE u.id = v_key.owner_id;
    END IF;
    IF v_key.id IS NULL OR v_key.key_hash <> v_hash OR v_key.revoked_at IS NOT NULL
       OR (v_key.expires_at IS NOT NULL AND v_key.expires_at <= now()) OR v_owner.status IS DISTINCT FROM 'active' THEN
        DELETE FROM flowlet_auth.session_bindings b WHERE b.backend_pid = pg_backend_pid();
        RETURN;
    END IF;
    v_scopes := string_to_array(v_key.scopes, ' ');
    SELECT * INTO v_bound FROM flowlet_auth.session_bindings b
     WHERE b.backend_pid = pg_backend_pid() AND b.backend_start = v_start;
    IF v_bound.api_key_id IS DISTINCT FROM v_key.id
       OR NOT EXISTS (SELECT 1 FROM staff_sessions s
                       WHERE s.id = v_bound.session_id AND s.ended_at IS NULL AND s.expires_at > now()) THEN
        SELECT s.id INTO v_session FROM staff_sessions s
         WHERE s.api_key_id = v_key.id AND s.ended_at IS NULL AND s.expires_at > now() + interval '1 minute'
         ORDER BY s.id DESC LIMIT 1;
        IF v_session IS NULL THEN
            INSERT INTO staff_sessions (user_id, token_hash, workstation, backend_pid, expires_at, api_key_id)
            VALUES (v_owner.id, encode(digest(gen_random_bytes(32), 'sha256'), 'hex'), 'api', pg_backend_pid(),
                    LEAST(COALESCE(v_key.expires_at, 'infinity'::timestamptz), now() + interval '12 hours'), v_key.id)
            RETURNING id INTO v_session;
        END IF;
        INSERT INTO flowlet_auth.session_bindings (backend_pid, backend_start, session_id, user_id, api_key_id, api_scopes)
        VALUES (pg_backend_pid(), v_start, v_session, v_owner.id, v_key.id, v_scopes)
        ON CONFLICT (backend_pid, backend_start) DO UPDATE
            SET session_id = excluded.session_id, user_id = excluded.user_id, api_key_id = excluded.api_key_id,
                api_scopes = excluded.api_scopes, bound_at = now();
    END IF;
    IF v_key.last_used_at IS NULL OR v_key.last_used_at < now() - interval '1 minute' THEN
        UPDATE api_keys SET last_used_at = now() WHERE id = v_key.id;
    END IF;
    RETURN QUERY SELECT v_key.id, v_owner.id, v_owner.username,
                        array_to_string(ARRAY(SELECT rp.permission_code FROM role_permissions rp
                                               WHERE rp.role_id = v_owner.role_id AND rp.permission_code = ANY (v_scopes)
                                               ORDER BY rp.permission_code), ' ');
END
$$;

-- Raises 42501 unless the bound person may manage the keys of p_owner.
CREATE FUNCTION flowlet_auth.require_key_manager(p_owner BIGINT) RETURNS BIGINT
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT := flowlet_auth.current_user_id();
BEGIN
    IF v_user IS NOT NULL AND flowlet_auth.has_permission('apikeys.manage_all') THEN
        RETURN v_user;
    END IF;
    IF v_user IS NOT NULL AND v_user = p_owner AND flowlet_auth.has_permission('apikeys.manage_own') THEN
        RETURN v_user;
    END IF;
    RAISE EXCEPTION 'this needs the % permission',
        CASE WHEN v_user = p_owner THEN 'apikeys.manage_own' ELSE 'apikeys.manage_all' END USING ERRCODE = '42501';
END
$$;

-- Stores a key the client made (prefix and hash only: the secret never reaches the server) after
-- the same checks as ApiKeys::create, and writes the audit entry.
CREATE FUNCTION flowlet_auth.create_api_key(p_owner BIGINT, p_name TEXT, p_scopes TEXT[], p_expires_at TIMESTAMPTZ,
                                            p_prefix TEXT, p_hash TEXT, p_workstation TEXT)
    RETURNS TABLE (key_id BIGINT, created TIMESTAMPTZ, owner_name TEXT)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT := flowlet_auth.require_key_manager(p_owner);
    v_owner staff_users%ROWTYPE;
    v_caller_scopes TEXT[];
    v_scopes TEXT[] := ARRAY(SELECT DISTINCT s FROM unnest(p_scopes) s ORDER BY s);
    v_missing TEXT;
    v_id BIGINT;
    v_created TIMESTAMPTZ;
BEGIN
    SELECT * INTO v_owner FROM staff_users u WHERE u.id = p_owner AND u.status = 'active';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no active user with id %', p_owner USING ERRCODE = '22023';
    END IF;
    IF length(trim(COALESCE(p_name, ''))) NOT BETWEEN 1 AND 100 THEN
        RAISE EXCEPTION 'a key needs a name of 1 to 100 characters' USING ERRCODE = '22023';
    END IF;
    IF cardinality(v_scopes) = 0 THEN
        RAISE EXCEPTION 'a key needs at least one scope' USING ERRCODE = '22023';
    END IF;
    SELECT s INTO v_missing FROM unnest(v_scopes) s
     WHERE NOT EXISTS (SELECT 1 FROM role_permissions rp WHERE rp.role_id = v_owner.role_id AND rp.permission_code = s)
     ORDER BY s LIMIT 1;
    IF v_missing IS NOT NULL THEN
        RAISE EXCEPTION 'scope % is not a permission of %', v_missing, v_owner.username USING ERRCODE = '42501';
    END IF;
    -- A key that makes a key cannot hand out more than it has itself.
    SELECT b.api_scopes INTO v_caller_scopes FROM flowlet_auth.session_bindings b
     WHERE b.backend_pid = pg_backend_pid() AND b.backend_start = flowlet_auth.backend_start();
    IF v_caller_scopes IS NOT NULL THEN
        SELECT s INTO v_missing FROM unnest(v_scopes) s WHERE NOT s = ANY (v_caller_scopes) ORDER BY s LIMIT 1;
        IF v_missing IS NOT NULL THEN
            RAISE EXCEPTION 'scope % is not a scope of the key in use', v_missing USING ERRCODE = '42501';
        END IF;
    END IF;
    IF p_expires_at IS NOT NULL AND p_expires_at <= now() THEN
        RAISE EXCEPTION 'the expiry must lie in the future' USING ERRCODE = '22023';
    END IF;
    IF p_prefix IS NULL OR p_prefix !~ '^[a-z2-7]{12}$' OR p_hash IS NULL OR p_hash !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'malformed key prefix or hash' USING ERRCODE = '22023';
    END IF;
    INSERT INTO api_keys (owner_id, name, key_prefix, key_hash, scopes, expires_at)
    VALUES (p_owner, trim(p_name), p_prefix, p_hash, array_to_string(v_scopes, ' '), p_expires_at)
    RETURNING id, created_at INTO v_id, v_created;
    PERFORM flowlet_auth.append_audit(v_user, flowlet_auth.actor_name(), p_workstation, 'apikey.created', 'api_key',
                                      v_id::text,
                                      json_build_object('name', trim(p_name), 'owner', v_owner.username,
                                                        'owner_id', v_owner.id, 'scopes', v_scopes,
                                                        'expires_at', p_expires_at)::text);
    RETURN QUERY SELECT v_id, v_created, v_owner.username;
END
$$;

-- Revokes a key (its requests stop at once: its sessions end). Revoking a revoked key changes nothing.
CREATE FUNCTION flowlet_auth.revoke_api_key(p_key BIGINT, p_workstation TEXT) RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_key api_keys%ROWTYPE;
    v_user BIGINT;
BEGIN
    SELECT * INTO v_key FROM api_keys k WHERE k.id = p_key FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM flowlet_auth.require_key_manager(flowlet_auth.current_user_id());
        RAISE EXCEPTION 'no API key with id %', p_key USING ERRCODE = 'P0002';
    END IF;
    v_user := flowlet_auth.require_key_manager(v_key.owner_id);
    IF v_key.revoked_at IS NOT NULL THEN
        RETURN;
    END IF;
    UPDATE api_keys SET revoked_at = now() WHERE id = p_key;
    UPDATE staff_sessions SET ended_at = now() WHERE api_key_id = p_key AND ended_at IS NULL;
    PERFORM flowlet_auth.append_audit(v_user, flowlet_auth.actor_name(), p_workstation, 'apikey.revoked', 'api_key',
                                      p_key::text,
                                      json_build_object('name', v_key.name, 'prefix', v_key.key_prefix,
                                                        'owner_id', v_key.owner_id)::text);
END
$$;

-- The keys the bound person may see: their own, or with apikeys.manage_all and p_everyone, all.
CREATE FUNCTION flowlet_auth.api_key_list(p_everyone BOOLEAN)
    RETURNS TABLE (id BIGINT, owner_id BIGINT, owner_name TEXT, name TEXT, key_prefix TEXT, scopes TEXT,
                   created_at TIMESTAMPTZ, expires_at TIMESTAMPTZ, revoked_at TIMESTAMPTZ, last_used_at TIMESTAMPTZ)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT := flowlet_auth.current_user_id();
    v_all BOOLEAN := COALESCE(p_everyone, FALSE);
BEGIN
    PERFORM flowlet_auth.require_key_manager(CASE WHEN v_all THEN NULL ELSE v_user END);
    RETURN QUERY SELECT k.id, k.owner_id, u.username, k.name, k.key_prefix, k.scopes, k.created_at, k.expires_at,
                        k.revoked_at, k.last_used_at
                   FROM api_keys k JOIN staff_users u ON u.id = k.owner_id
                  WHERE v_all OR k.owner_id = v_user
                  ORDER BY k.created_at DESC, k.id DESC;
END
$$;

-- Whom the bound person may make keys for, with the permissions each holds now.
CREATE FUNCTION flowlet_auth.api_key_owners()
    RETURNS TABLE (id BIGINT, username TEXT, display_name TEXT, permissions TEXT)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT := flowlet_auth.current_user_id();
    v_all BOOLEAN := flowlet_auth.has_permission('apikeys.manage_all');
BEGIN
    PERFORM flowlet_auth.require_key_manager(v_user);
    RETURN QUERY SELECT u.id, u.username, u.display_name,
                        array_to_string(ARRAY(SELECT rp.permission_code FROM role_permissions rp
                                               WHERE rp.role_id = u.role_id ORDER BY rp.permission_code), ' ')
                   FROM staff_users u
                  WHERE u.status = 'active' AND (v_all OR u.id = v_user)
                  ORDER BY u.username;
END
$$;

REVOKE EXECUTE ON FUNCTION flowlet_auth.open_api_session(TEXT, TEXT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION flowlet_auth.require_key_manager(BIGINT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION flowlet_auth.create_api_key(BIGINT, TEXT, TEXT[], TIMESTAMPTZ, TEXT, TEXT, TEXT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION flowlet_auth.revoke_api_key(BIGINT, TEXT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION flowlet_auth.api_key_list(BOOLEAN) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION flowlet_auth.api_key_owners() FROM PUBLIC;

-- Rows: owners with apikeys.manage_own see their own keys, apikeys.manage_all sees all. There is
-- no write policy: keys are made and revoked only through the functions above (the workstation
-- role also has no INSERT/UPDATE/DELETE privilege and no SELECT on key_hash, see ServerSecurity).
DROP POLICY flowlet_read ON api_keys;
DROP POLICY flowlet_insert ON api_keys;
DROP POLICY flowlet_update ON api_keys;
DROP POLICY flowlet_delete ON api_keys;
CREATE POLICY flowlet_read ON api_keys FOR SELECT
    USING (flowlet_auth.has_permission('apikeys.manage_all')
           OR (owner_id = flowlet_auth.current_user_id() AND flowlet_auth.has_permission('apikeys.manage_own')));
