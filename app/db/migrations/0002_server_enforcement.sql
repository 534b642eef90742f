-- Server-side enforcement on PostgreSQL (DESIGN §4). Workstations connect as a low-privilege role
-- (created and granted by `flowlet db init`, see ServerSecurity) whose only way in is
-- flowlet_auth.login(): it checks the password (pgcrypto crypt) and the TOTP code (pgcrypto hmac),
-- and binds a staff session to the calling backend connection. Row-level security on every
-- business table then lets that connection see and change only what the bound user's role allows.
-- The database owner bypasses row-level security (migrations, demo data, administration).
-- SQLite has one local user and enforces the same catalogue in the application.

-- @dialect all
-- The audit trail hashes the exact text it stores: keep before/after as text on both backends
-- (JSONB would re-format it and break the hash).
-- @dialect postgresql
ALTER TABLE audit_log ALTER COLUMN before TYPE TEXT USING before::text;
ALTER TABLE audit_log ALTER COLUMN after TYPE TEXT USING after::text;

CREATE SCHEMA flowlet_auth;
REVOKE ALL ON SCHEMA flowlet_auth FROM PUBLIC;

-- Which backend connection acts for which staff session. A pid alone can be reused by a later
-- connection; pid and backend start time together cannot.
CREATE TABLE flowlet_auth.session_bindings (
    backend_pid   INTEGER NOT NULL,
    backend_start TIMESTAMPTZ NOT NULL,
    session_id    BIGINT NOT NULL REFERENCES staff_sessions(id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES staff_users(id),
    bound_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (backend_pid, backend_start)
);

CREATE FUNCTION flowlet_auth.backend_start() RETURNS TIMESTAMPTZ
    LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()
$$;

CREATE FUNCTION flowlet_auth.current_user_id() RETURNS BIGINT
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT b.user_id
      FROM flowlet_auth.session_bindings b
      JOIN staff_sessions s ON s.id = b.session_id
      JOIN staff_users u ON u.id = b.user_id
     WHERE b.backend_pid = pg_backend_pid()
       AND b.backend_start = flowlet_auth.backend_start()
       AND s.ended_at IS NULL AND s.expires_at > now()
       AND u.status = 'active'
$$;

CREATE FUNCTION flowlet_auth.has_permission(p_permission TEXT) RETURNS BOOLEAN
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT EXISTS (
        SELECT 1 FROM staff_users u JOIN role_permissions rp ON rp.role_id = u.role_id
         WHERE u.id = flowlet_auth.current_user_id() AND rp.permission_code = p_permission)
$$;

-- Appends to the hash chain exactly as the application does (AuditLog::hashOf): SHA-256 over the
-- previous hash and the fields, joined by the unit separator, the time in ISO-8601 UTC with ms.
CREATE FUNCTION flowlet_auth.append_audit(p_actor_id BIGINT, p_actor_name TEXT, p_workstation TEXT, p_action TEXT,
                                          p_object_type TEXT, p_object_id TEXT, p_after TEXT)
    RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_prev TEXT;
    v_at TIMESTAMPTZ := date_trunc('milliseconds', clock_timestamp());
    v_hash TEXT;
BEGIN
    PERFORM pg_advisory_xact_lock(7152105);
    SELECT hash INTO v_prev FROM audit_log ORDER BY id DESC LIMIT 1;
    v_prev := COALESCE(v_prev, repeat('0', 64));
    v_hash := encode(digest(convert_to(concat_ws(chr(31), v_prev,
                  to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  COALESCE(p_actor_id::text, ''), COALESCE(p_actor_name, ''), COALESCE(p_workstation, ''), '',
                  p_action, COALESCE(p_object_type, ''), COALESCE(p_object_id, ''), '', COALESCE(p_after, '')),
                  'UTF8'), 'sha256'), 'hex');
    INSERT INTO audit_log (at, actor_id, actor_name, workstation, action, object_type, object_id, after, prev_hash, hash)
    VALUES (v_at, p_actor_id, COALESCE(p_actor_name, ''), COALESCE(p_workstation, ''), p_action,
            COALESCE(p_object_type, ''), COALESCE(p_object_id, ''), p_after, v_prev, v_hash);
END
$$;

-- RFC 4226 HOTP: HMAC-SHA-1 of the 8-byte big-endian counter, dynamic truncation, 6 digits.
CREATE FUNCTION flowlet_auth.hotp(p_secret BYTEA, p_counter BIGINT) RETURNS TEXT
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public AS $$
DECLARE
    v_mac BYTEA := hmac(int8send(p_counter), p_secret, 'sha1');
    v_offset INTEGER := get_byte(v_mac, 19) & 15;
    v_binary BIGINT;
BEGIN
    v_binary := ((get_byte(v_mac, v_offset) & 127)::bigint << 24) | (get_byte(v_mac, v_offset + 1)::bigint << 16)
              | (get_byte(v_mac, v_offset + 2)::bigint << 8) | get_byte(v_mac, v_offset + 3)::bigint;
    RETURN lpad((v_binary % 1000000)::text, 6, '0');
END
$$;

-- Records a failed attempt: the counter, a lockout at the fifth, and the audit entries.
CREATE FUNCTION flowlet_auth.record_failure(p_user_id BIGINT, p_username TEXT, p_workstation TEXT, p_action TEXT,
                                            p_reason TEXT) RETURNS BOOLEAN
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_failures INTEGER;
BEGIN
    UPDATE staff_users SET failed_logins = failed_logins + 1 WHERE id = p_user_id RETURNING failed_logins INTO v_failures;
    PERFORM flowlet_auth.append_audit(p_user_id, p_username, p_workstation, p_action, 'staff_user', p_user_id::text,
                                      json_build_object('reason', p_reason, 'failures', v_failures)::text);
    IF v_failures >= 5 THEN
        UPDATE staff_users SET failed_logins = 0, locked_until = now() + interval '15 minutes' WHERE id = p_user_id;
        PERFORM flowlet_auth.append_audit(p_user_id, p_username, p_workstation, 'auth.locked_out', 'staff_user',
                                          p_user_id::text, json_build_object('until', now() + interval '15 minutes')::text);
        RETURN TRUE;
    END IF;
    RETURN FALSE;
END
$$;

-- Sign-in. Failures are answered with a row (ok = false), not an exception, so that the failure
-- counter, the lockout and the audit entry are kept. On success the calling connection is bound
-- to a new staff session; the resume token re-binds a reconnected one (flowlet_auth.resume).
-- TOTP secrets checked here are sealed with pgp_sym_encrypt under the user's password
-- (flowlet_auth.enrol_totp), so a copy of the table is useless without each password.
CREATE FUNCTION flowlet_auth.login(p_username TEXT, p_password TEXT, p_code TEXT, p_workstation TEXT DEFAULT '')
    RETURNS TABLE (ok BOOLEAN, error TEXT, session_id BIGINT, resume_token TEXT)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user staff_users%ROWTYPE;
    v_secret BYTEA;
    v_sealed BYTEA;
    v_last BIGINT;
    v_now_step BIGINT := floor(extract(epoch FROM clock_timestamp()) / 30)::bigint;
    v_step BIGINT;
    v_matched BIGINT;
    v_reused BOOLEAN := FALSE;
    v_token BYTEA := gen_random_bytes(32);
    v_resume BYTEA := gen_random_bytes(32);
    v_session BIGINT;
BEGIN
    SELECT * INTO v_user FROM staff_users WHERE username = lower(trim(p_username)) FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM crypt(p_password, gen_salt('bf', 12)); -- the same time as for a real user
        PERFORM flowlet_auth.append_audit(NULL, left(lower(trim(p_username)), 64), p_workstation, 'auth.login_failed',
                                          'staff_user', '', '{"reason":"unknown user"}');
        RETURN QUERY SELECT FALSE, 'invalid_credentials', NULL::bigint, NULL::text;
        RETURN;
    END IF;
    IF v_user.status <> 'active' THEN
        PERFORM flowlet_auth.record_failure(v_user.id, v_user.username, p_workstation, 'auth.login_failed', 'account disabled');
        RETURN QUERY SELECT FALSE, 'account_disabled', NULL::bigint, NULL::text;
        RETURN;
    END IF;
    IF v_user.locked_until IS NOT NULL AND v_user.locked_until > now() THEN
        PERFORM flowlet_auth.append_audit(v_user.id, v_user.username, p_workstation, 'auth.login_failed', 'staff_user',
                                          v_user.id::text, '{"reason":"account locked"}');
        RETURN QUERY SELECT FALSE, 'account_locked', NULL::bigint, NULL::text;
        RETURN;
    END IF;
    IF crypt(p_password, v_user.password_hash) IS DISTINCT FROM v_user.password_hash THEN
        IF flowlet_auth.record_failure(v_user.id, v_user.username, p_workstation, 'auth.login_failed', 'wrong password') THEN
            RETURN QUERY SELECT FALSE, 'account_locked', NULL::bigint, NULL::text;
        ELSE
            RETURN QUERY SELECT FALSE, 'invalid_credentials', NULL::bigint, NULL::text;
        END IF;
        RETURN;
    END IF;
    SELECT m.secret_encrypted, m.last_used_step INTO v_sealed, v_last
      FROM mfa_secrets m WHERE m.user_id = v_user.id AND m.confirmed;
    IF v_sealed IS NULL THEN
        RETURN QUERY SELECT FALSE, 'enrolment_required', NULL::bigint, NULL::text;
        RETURN;
    END IF;
    BEGIN
        v_secret := pgp_sym_decrypt_bytea(v_sealed, p_password);
    EXCEPTION WHEN OTHERS THEN
        -- Sealed by a local workspace's format, or damaged: enrol again on this server.
        RETURN QUERY SELECT FALSE, 'enrolment_required', NULL::bigint, NULL::text;
        RETURN;
    END;
    -- Every step of the window is computed, so that timing does not tell which one matched.
    FOR v_step IN v_now_step - 1 .. v_now_step + 1 LOOP
        IF flowlet_auth.hotp(v_secret, v_step) = regexp_replace(COALESCE(p_code, ''), '\s', '', 'g') THEN
            IF v_last IS NOT NULL AND v_step <= v_last THEN
                v_reused := TRUE;
            ELSIF v_matched IS NULL THEN
                v_matched := v_step;
            END IF;
        END IF;
    END LOOP;
    IF v_matched IS NULL THEN
        IF flowlet_auth.record_failure(v_user.id, v_user.username, p_workstation, 'auth.mfa_failed',
                                       CASE WHEN v_reused THEN 'code reused' ELSE 'wrong code' END) THEN
            RETURN QUERY SELECT FALSE, 'account_locked', NULL::bigint, NULL::text;
        ELSE
            RETURN QUERY SELECT FALSE, CASE WHEN v_reused THEN 'code_reused' ELSE 'code_rejected' END, NULL::bigint, NULL::text;
        END IF;
        RETURN;
    END IF;
    UPDATE mfa_secrets SET last_used_step = v_matched WHERE user_id = v_user.id;
    UPDATE staff_users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = v_user.id;
    INSERT INTO staff_sessions (user_id, token_hash, resume_token_hash, workstation, backend_pid, expires_at)
    VALUES (v_user.id, encode(digest(v_token, 'sha256'), 'hex'), encode(digest(v_resume, 'sha256'), 'hex'),
            COALESCE(p_workstation, ''), pg_backend_pid(), now() + interval '12 hours')
    RETURNING id INTO v_session;
    INSERT INTO flowlet_auth.session_bindings (backend_pid, backend_start, session_id, user_id)
    VALUES (pg_backend_pid(), flowlet_auth.backend_start(), v_session, v_user.id)
    ON CONFLICT (backend_pid, backend_start) DO UPDATE SET session_id = excluded.session_id, user_id = excluded.user_id,
                                                           bound_at = now();
    PERFORM flowlet_auth.append_audit(v_user.id, v_user.username, p_workstation, 'auth.login', 'staff_session',
                                      v_session::text, '{"method":"password+totp","enforced_by":"server"}');
    RETURN QUERY SELECT TRUE, NULL::text, v_session, encode(v_resume, 'hex');
END
$$;

-- A dropped connection re-binds its session with the resume token, without asking for a code.
CREATE FUNCTION flowlet_auth.resume(p_session_id BIGINT, p_resume_token TEXT) RETURNS BOOLEAN
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT;
BEGIN
    SELECT s.user_id INTO v_user FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
     WHERE s.id = p_session_id AND s.ended_at IS NULL AND s.expires_at > now() AND u.status = 'active'
       AND s.resume_token_hash = encode(digest(decode(p_resume_token, 'hex'), 'sha256'), 'hex');
    IF v_user IS NULL THEN
        RETURN FALSE;
    END IF;
    INSERT INTO flowlet_auth.session_bindings (backend_pid, backend_start, session_id, user_id)
    VALUES (pg_backend_pid(), flowlet_auth.backend_start(), p_session_id, v_user)
    ON CONFLICT (backend_pid, backend_start) DO UPDATE SET session_id = excluded.session_id, user_id = excluded.user_id,
                                                           bound_at = now();
    RETURN TRUE;
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN FALSE; -- a token that is not hex
END
$$;

CREATE FUNCTION flowlet_auth.logout() RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_binding flowlet_auth.session_bindings%ROWTYPE;
BEGIN
    SELECT * INTO v_binding FROM flowlet_auth.session_bindings
     WHERE backend_pid = pg_backend_pid() AND backend_start = flowlet_auth.backend_start();
    IF FOUND THEN
        UPDATE staff_sessions SET ended_at = now() WHERE id = v_binding.session_id;
        DELETE FROM flowlet_auth.session_bindings WHERE backend_pid = pg_backend_pid();
        PERFORM flowlet_auth.append_audit(v_binding.user_id, (SELECT username FROM staff_users WHERE id = v_binding.user_id),
                                          '', 'auth.logout', 'staff_session', v_binding.session_id::text, NULL);
    END IF;
END
$$;

-- Enrols (or re-enrols) the authenticator of a user whose password is right and who has none
-- confirmed yet: the secret is sealed under the password, the first code confirms it.
CREATE FUNCTION flowlet_auth.enrol_totp(p_username TEXT, p_password TEXT, p_secret BYTEA, p_code TEXT)
    RETURNS BOOLEAN LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user staff_users%ROWTYPE;
    v_step BIGINT := floor(extract(epoch FROM clock_timestamp()) / 30)::bigint;
    v_matched BIGINT;
BEGIN
    SELECT * INTO v_user FROM staff_users WHERE username = lower(trim(p_username));
    IF NOT FOUND OR v_user.status <> 'active' OR crypt(p_password, v_user.password_hash) IS DISTINCT FROM v_user.password_hash
       OR (v_user.locked_until IS NOT NULL AND v_user.locked_until > now())
       OR EXISTS (SELECT 1 FROM mfa_secrets m WHERE m.user_id = v_user.id AND m.confirmed
                  AND left(encode(m.secret_encrypted, 'hex'), 2) <> '02') THEN
        RETURN FALSE;
    END IF;
    FOR s IN v_step - 1 .. v_step + 1 LOOP
        IF flowlet_auth.hotp(p_secret, s) = p_code AND v_matched IS NULL THEN
            v_matched := s;
        END IF;
    END LOOP;
    IF v_matched IS NULL THEN
        RETURN FALSE;
    END IF;
    DELETE FROM mfa_secrets WHERE user_id = v_user.id;
    INSERT INTO mfa_secrets (user_id, secret_encrypted, confirmed, last_used_step)
    VALUES (v_user.id, pgp_sym_encrypt_bytea(p_secret, p_password, 'cipher-algo=aes256'), TRUE, v_matched);
    PERFORM flowlet_auth.append_audit(v_user.id, v_user.username, '', 'auth.mfa_enrolled', 'staff_user', v_user.id::text, NULL);
    RETURN TRUE;
END
$$;

-- Nothing here is callable by default; ServerSecurity grants the workstation role what it may call.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA flowlet_auth FROM PUBLIC;

-- ---------------------------------------------------------------- row-level security
-- Every business table: rows are visible and writable only through the bound user's permissions.
-- (Grants to the workstation role come from ServerSecurity; the policies apply to every role
-- that is not the owner.)
DO $$
DECLARE
    rule RECORD;
BEGIN
    FOR rule IN SELECT * FROM (VALUES
        -- table, read permission(s), write permission(s)
        ('transactions',             ARRAY['transactions.read'],                 ARRAY['transactions.import', 'transactions.categorize']),
        ('import_batches',           ARRAY['transactions.read'],                 ARRAY['transactions.import']),
        ('categories',               ARRAY['transactions.read'],                 ARRAY['rules.manage']),
        ('category_rules',           ARRAY['transactions.read'],                 ARRAY['rules.manage']),
        ('accounts',                 ARRAY['transactions.read', 'customers.read'], ARRAY['cards.freeze']),
        ('customers',                ARRAY['customers.read'],                    ARRAY['customers.edit']),
        ('cards',                    ARRAY['cards.read'],                        ARRAY['cards.freeze']),
        ('risk_assessments',         ARRAY['customers.read'],                    ARRAY['customers.edit']),
        ('kyc_records',              ARRAY['kyc.review'],                        ARRAY['kyc.review']),
        ('kyc_documents',            ARRAY['kyc.review'],                        ARRAY['kyc.review']),
        ('watchlists',               ARRAY['screening.run'],                     ARRAY['screening.run']),
        ('watchlist_entries',        ARRAY['screening.run'],                     ARRAY['screening.run']),
        ('screening_results',        ARRAY['screening.run'],                     ARRAY['screening.decide']),
        ('fraud_alerts',             ARRAY['alerts.read'],                       ARRAY['alerts.triage']),
        ('cases',                    ARRAY['alerts.read'],                       ARRAY['cases.manage']),
        ('case_events',              ARRAY['alerts.read'],                       ARRAY['cases.manage']),
        ('demo_ground_truth',        ARRAY['alerts.read'],                       ARRAY[]::text[]),
        ('ledger_accounts',          ARRAY['ledger.read'],                       ARRAY[]::text[]),
        ('ledger_journals',          ARRAY['ledger.read'],                       ARRAY[]::text[]),
        ('ledger_entries',           ARRAY['ledger.read'],                       ARRAY[]::text[]),
        ('reconciliation_sessions',  ARRAY['reconciliation.perform'],            ARRAY['reconciliation.perform']),
        ('reconciliation_matches',   ARRAY['reconciliation.perform'],            ARRAY['reconciliation.perform']),
        ('reconciliation_match_items', ARRAY['reconciliation.perform'],          ARRAY['reconciliation.perform']),
        ('report_definitions',       ARRAY['reports.read'],                      ARRAY['reports.manage']),
        ('report_schedules',         ARRAY['reports.read'],                      ARRAY['reports.manage']),
        ('report_runs',              ARRAY['reports.read'],                      ARRAY['reports.manage']),
        ('audit_log',                ARRAY['audit.read'],                        ARRAY[]::text[]),
        ('error_log',                ARRAY['monitor.read'],                      ARRAY[]::text[]),
        ('api_keys',                 ARRAY['apikeys.manage_all'],                ARRAY['apikeys.manage_all'])
    ) AS t(tbl, readers, writers) LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', rule.tbl);
        EXECUTE format('CREATE POLICY flowlet_read ON %I FOR SELECT USING (%s)', rule.tbl,
                       (SELECT string_agg(format('flowlet_auth.has_permission(%L)', p), ' OR ') FROM unnest(rule.readers) p));
        IF cardinality(rule.writers) > 0 THEN
            EXECUTE format('CREATE POLICY flowlet_insert ON %I FOR INSERT WITH CHECK (%s)', rule.tbl,
                           (SELECT string_agg(format('flowlet_auth.has_permission(%L)', p), ' OR ') FROM unnest(rule.writers) p));
            EXECUTE format('CREATE POLICY flowlet_update ON %1$I FOR UPDATE USING (%2$s) WITH CHECK (%2$s)', rule.tbl,
                           (SELECT string_agg(format('flowlet_auth.has_permission(%L)', p), ' OR ') FROM unnest(rule.writers) p));
            EXECUTE format('CREATE POLICY flowlet_delete ON %I FOR DELETE USING (%s)', rule.tbl,
                           (SELECT string_agg(format('flowlet_auth.has_permission(%L)', p), ' OR ') FROM unnest(rule.writers) p));
        END IF;
    END LOOP;
END
$$;

-- The catalogue itself is readable by anyone signed in (menus and checks need it).
ALTER TABLE roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE permissions ENABLE ROW LEVEL SECURITY;
ALTER TABLE role_permissions ENABLE ROW LEVEL SECURITY;
CREATE POLICY flowlet_read ON roles FOR SELECT USING (flowlet_auth.current_user_id() IS NOT NULL);
CREATE POLICY flowlet_read ON permissions FOR SELECT USING (flowlet_auth.current_user_id() IS NOT NULL);
CREATE POLICY flowlet_read ON role_permissions FOR SELECT USING (flowlet_auth.current_user_id() IS NOT NULL);
