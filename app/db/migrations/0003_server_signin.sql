-- Signing in through the server: what the window needs when it connects as the workstation role
-- (which cannot read staff_users, mfa_secrets or sessions): a password check that counts
-- failures, enrolment that opens a session, who-am-I, recovery codes and password changes for
-- the bound user. Shared steps of 0002's login move into internal functions.

-- @dialect postgresql

-- Checks user name and password with the lockout rules; writes the failure and its audit entry.
-- Returns the user, or why not (invalid_credentials, account_disabled, account_locked).
CREATE FUNCTION flowlet_auth.verify_password(p_username TEXT, p_password TEXT, p_workstation TEXT)
    RETURNS TABLE (user_id BIGINT, error TEXT)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user staff_users%ROWTYPE;
BEGIN
    SELECT * INTO v_user FROM staff_users WHERE username = lower(trim(p_username)) FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM crypt(p_password, gen_salt('bf', 12)); -- the same time as for a real user
        PERFORM flowlet_auth.append_audit(NULL, left(lower(trim(p_username)), 64), p_workstation, 'auth.login_failed',
                                          'staff_user', '', '{"reason":"unknown user"}');
        RETURN QUERY SELECT NULL::bigint, 'invalid_credentials'::text;
        RETURN;
    END IF;
    IF v_user.status <> 'active' THEN
        PERFORM flowlet_auth.record_failure(v_user.id, v_user.username, p_workstation, 'auth.login_failed', 'account disabled');
        RETURN QUERY SELECT NULL::bigint, 'account_disabled'::text;
        RETURN;
    END IF;
    IF v_user.locked_until IS NOT NULL AND v_user.locked_until > now() THEN
        PERFORM flowlet_auth.append_audit(v_user.id, v_user.username, p_workstation, 'auth.login_failed', 'staff_user',
                                          v_user.id::text, '{"reason":"account locked"}');
        RETURN QUERY SELECT NULL::bigint, 'account_locked'::text;
        RETURN;
    END IF;
    IF crypt(p_password, v_user.password_hash) IS DISTINCT FROM v_user.password_hash THEN
        IF flowlet_auth.record_failure(v_user.id, v_user.username, p_workstation, 'auth.login_failed', 'wrong password') THEN
            RETURN QUERY SELECT NULL::bigint, 'account_locked'::text;
        ELSE
            RETURN QUERY SELECT NULL::bigint, 'invalid_credentials'::text;
        END IF;
        RETURN;
    END IF;
    RETURN QUERY SELECT v_user.id, NULL::text;
END
$$;

-- Opens a staff session for the user and binds it to the calling connection.
CREATE FUNCTION flowlet_auth.open_session(p_user_id BIGINT, p_workstation TEXT, p_method TEXT)
    RETURNS TABLE (session_id BIGINT, resume_token TEXT)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_token BYTEA := gen_random_bytes(32);
    v_resume BYTEA := gen_random_bytes(32);
    v_session BIGINT;
BEGIN
    UPDATE staff_users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = p_user_id;
    INSERT INTO staff_sessions (user_id, token_hash, resume_token_hash, workstation, backend_pid, expires_at)
    VALUES (p_user_id, encode(digest(v_token, 'sha256'), 'hex'), encode(digest(v_resume, 'sha256'), 'hex'),
            COALESCE(p_workstation, ''), pg_backend_pid(), now() + interval '12 hours')
    RETURNING id INTO v_session;
    INSERT INTO flowlet_auth.session_bindings (backend_pid, backend_start, session_id, user_id)
    VALUES (pg_backend_pid(), flowlet_auth.backend_start(), v_session, p_user_id)
    ON CONFLICT (backend_pid, backend_start) DO UPDATE SET session_id = excluded.session_id, user_id = excluded.user_id,
                                                           bound_at = now();
    PERFORM flowlet_auth.append_audit(p_user_id, (SELECT username FROM staff_users WHERE id = p_user_id), p_workstation,
                                      'auth.login', 'staff_session', v_session::text,
                                      json_build_object('method', p_method, 'enforced_by', 'server')::text);
    RETURN QUERY SELECT v_session, encode(v_resume, 'hex');
END
$$;

-- The first step of the window's sign-in: the password, and whether an authenticator must be
-- enrolled (none yet, or one sealed by a local workspace that the server cannot open).
CREATE FUNCTION flowlet_auth.check_password(p_username TEXT, p_password TEXT, p_workstation TEXT DEFAULT '')
    RETURNS TABLE (ok BOOLEAN, error TEXT, needs_enrolment BOOLEAN)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT;
    v_error TEXT;
    v_sealed BYTEA;
BEGIN
    SELECT v.user_id, v.error INTO v_user, v_error FROM flowlet_auth.verify_password(p_username, p_password, p_workstation) v;
    IF v_user IS NULL THEN
        RETURN QUERY SELECT FALSE, v_error, FALSE;
        RETURN;
    END IF;
    SELECT m.secret_encrypted INTO v_sealed FROM mfa_secrets m WHERE m.user_id = v_user AND m.confirmed;
    RETURN QUERY SELECT TRUE, NULL::text, (v_sealed IS NULL OR get_byte(v_sealed, 0) = 2);
END
$$;

-- 0002's login, now built from the shared steps.
CREATE OR REPLACE FUNCTION flowlet_auth.login(p_username TEXT, p_password TEXT, p_code TEXT, p_workstation TEXT DEFAULT '')
    RETURNS TABLE (ok BOOLEAN, error TEXT, session_id BIGINT, resume_token TEXT)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT;
    v_username TEXT;
    v_error TEXT;
    v_secret BYTEA;
    v_sealed BYTEA;
    v_last BIGINT;
    v_now_step BIGINT := floor(extract(epoch FROM clock_timestamp()) / 30)::bigint;
    v_matched BIGINT;
    v_reused BOOLEAN := FALSE;
BEGIN
    SELECT v.user_id, v.error INTO v_user, v_error FROM flowlet_auth.verify_password(p_username, p_password, p_workstation) v;
    IF v_user IS NULL THEN
        RETURN QUERY SELECT FALSE, v_error, NULL::bigint, NULL::text;
        RETURN;
    END IF;
    SELECT u.username, m.secret_encrypted, m.last_used_step INTO v_username, v_sealed, v_last
      FROM staff_users u LEFT JOIN mfa_secrets m ON m.user_id = u.id AND m.confirmed WHERE u.id = v_user;
    IF v_sealed IS NULL OR get_byte(v_sealed, 0) = 2 THEN
        RETURN QUERY SELECT FALSE, 'enrolment_required'::text, NULL::bigint, NULL::text;
        RETURN;
    END IF;
    BEGIN
        v_secret := pgp_sym_decrypt_bytea(v_sealed, p_password);
    EXCEPTION WHEN OTHERS THEN
        RETURN QUERY SELECT FALSE, 'enrolment_required'::text, NULL::bigint, NULL::text;
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
        IF flowlet_auth.record_failure(v_user, v_username, p_workstation, 'auth.mfa_failed',
                                       CASE WHEN v_reused THEN 'code reused' ELSE 'wrong code' END) THEN
            RETURN QUERY SELECT FALSE, 'account_locked'::text, NULL::bigint, NULL::text;
        ELSE
            RETURN QUERY SELECT FALSE, (CASE WHEN v_reused THEN 'code_reused' ELSE 'code_rejected' END)::text,
                                NULL::bigint, NULL::text;
        END IF;
        RETURN;
    END IF;
    UPDATE mfa_secrets SET last_used_step = v_matched WHERE user_id = v_user;
    RETURN QUERY SELECT TRUE, NULL::text, s.session_id, s.resume_token
                   FROM flowlet_auth.open_session(v_user, p_workstation, 'password+totp') s;
END
$$;

-- Enrols the authenticator (the first code confirms it; the secret is sealed under the password)
-- and opens the session, in one step: the confirming code is then spent.
CREATE FUNCTION flowlet_auth.enrol_and_login(p_username TEXT, p_password TEXT, p_secret BYTEA, p_code TEXT,
                                             p_workstation TEXT DEFAULT '')
    RETURNS TABLE (ok BOOLEAN, error TEXT, session_id BIGINT, resume_token TEXT)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT;
    v_error TEXT;
    v_sealed BYTEA;
    v_step BIGINT := floor(extract(epoch FROM clock_timestamp()) / 30)::bigint;
    v_matched BIGINT;
BEGIN
    SELECT v.user_id, v.error INTO v_user, v_error FROM flowlet_auth.verify_password(p_username, p_password, p_workstation) v;
    IF v_user IS NULL THEN
        RETURN QUERY SELECT FALSE, v_error, NULL::bigint, NULL::text;
        RETURN;
    END IF;
    SELECT m.secret_encrypted INTO v_sealed FROM mfa_secrets m WHERE m.user_id = v_user AND m.confirmed;
    IF v_sealed IS NOT NULL AND get_byte(v_sealed, 0) <> 2 THEN
        -- An authenticator is enrolled here already: only an approved MFA reset replaces it.
        RETURN QUERY SELECT FALSE, 'already_enrolled'::text, NULL::bigint, NULL::text;
        RETURN;
    END IF;
    FOR s IN v_step - 1 .. v_step + 1 LOOP
        IF flowlet_auth.hotp(p_secret, s) = regexp_replace(COALESCE(p_code, ''), '\s', '', 'g') AND v_matched IS NULL THEN
            v_matched := s;
        END IF;
    END LOOP;
    IF v_matched IS NULL THEN
        RETURN QUERY SELECT FALSE, 'code_rejected'::text, NULL::bigint, NULL::text;
        RETURN;
    END IF;
    DELETE FROM mfa_secrets WHERE user_id = v_user;
    INSERT INTO mfa_secrets (user_id, secret_encrypted, confirmed, last_used_step)
    VALUES (v_user, pgp_sym_encrypt_bytea(p_secret, p_password, 'cipher-algo=aes256'), TRUE, v_matched);
    PERFORM flowlet_auth.append_audit(v_user, (SELECT username FROM staff_users WHERE id = v_user), p_workstation,
                                      'auth.mfa_enrolled', 'staff_user', v_user::text, NULL);
    RETURN QUERY SELECT TRUE, NULL::text, o.session_id, o.resume_token
                   FROM flowlet_auth.open_session(v_user, p_workstation, 'password+totp_enrolment') o;
END
$$;

CREATE FUNCTION flowlet_auth.whoami()
    RETURNS TABLE (user_id BIGINT, username TEXT, display_name TEXT, role_code TEXT, must_change_password BOOLEAN,
                   session_id BIGINT)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT u.id, u.username, u.display_name, r.code, u.must_change_password, b.session_id
      FROM flowlet_auth.session_bindings b
      JOIN staff_users u ON u.id = b.user_id JOIN roles r ON r.id = u.role_id
     WHERE b.backend_pid = pg_backend_pid() AND b.backend_start = flowlet_auth.backend_start()
       AND u.id = flowlet_auth.current_user_id()
$$;

-- New recovery codes (SHA-256 hashes) for the signed-in user; the old ones stop working.
CREATE FUNCTION flowlet_auth.set_recovery_codes(p_hashes TEXT[]) RETURNS BOOLEAN
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT := flowlet_auth.current_user_id();
BEGIN
    IF v_user IS NULL OR cardinality(p_hashes) <> 10 THEN
        RETURN FALSE;
    END IF;
    DELETE FROM recovery_codes WHERE user_id = v_user;
    INSERT INTO recovery_codes (user_id, code_hash) SELECT v_user, h FROM unnest(p_hashes) h;
    RETURN TRUE;
END
$$;

-- The signed-in user's password change: the old password is checked here, the new bcrypt hash
-- (made by the client, policy-checked there) stored, the TOTP secret re-sealed under it.
CREATE FUNCTION flowlet_auth.change_password(p_old TEXT, p_new TEXT, p_new_hash TEXT) RETURNS TEXT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user staff_users%ROWTYPE;
    v_sealed BYTEA;
BEGIN
    SELECT * INTO v_user FROM staff_users WHERE id = flowlet_auth.current_user_id() FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'not_signed_in';
    END IF;
    IF crypt(p_old, v_user.password_hash) IS DISTINCT FROM v_user.password_hash THEN
        PERFORM flowlet_auth.record_failure(v_user.id, v_user.username, '', 'auth.password_change_failed',
                                            'wrong current password');
        RETURN 'invalid_credentials';
    END IF;
    IF crypt(p_new, p_new_hash) IS DISTINCT FROM p_new_hash OR left(p_new_hash, 4) <> '$2a$' THEN
        RETURN 'invalid_argument';
    END IF;
    SELECT secret_encrypted INTO v_sealed FROM mfa_secrets WHERE user_id = v_user.id AND confirmed;
    IF v_sealed IS NOT NULL AND get_byte(v_sealed, 0) <> 2 THEN
        UPDATE mfa_secrets
           SET secret_encrypted = pgp_sym_encrypt_bytea(pgp_sym_decrypt_bytea(v_sealed, p_old), p_new, 'cipher-algo=aes256')
         WHERE user_id = v_user.id;
    END IF;
    UPDATE staff_users SET password_hash = p_new_hash, password_changed_at = now(), must_change_password = FALSE,
                           updated_at = now() WHERE id = v_user.id;
    UPDATE password_resets SET used_at = now() WHERE user_id = v_user.id AND used_at IS NULL;
    PERFORM flowlet_auth.append_audit(v_user.id, v_user.username, '', 'auth.password_changed', 'staff_user',
                                      v_user.id::text, NULL);
    RETURN NULL;
END
$$;

CREATE FUNCTION flowlet_auth.has_users() RETURNS BOOLEAN
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT EXISTS (SELECT 1 FROM staff_users)
$$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA flowlet_auth FROM PUBLIC;
