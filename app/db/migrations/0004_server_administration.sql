-- The administrators' work through the server: the Users panel and the four-eyes decisions over
-- the workstation role. Each function checks the bound user's permission itself and writes its
-- audit entry; the same rules as UserAdministration (application side).

-- @dialect postgresql

-- The bound user, if they hold the permission; otherwise SQLSTATE 42501 with the reason.
CREATE FUNCTION flowlet_auth.require(p_permission TEXT) RETURNS BIGINT
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT := flowlet_auth.current_user_id();
BEGIN
    IF v_user IS NULL OR NOT flowlet_auth.has_permission(p_permission) THEN
        RAISE EXCEPTION 'this needs the % permission', p_permission USING ERRCODE = '42501';
    END IF;
    RETURN v_user;
END
$$;

CREATE FUNCTION flowlet_auth.actor_name() RETURNS TEXT
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT username FROM staff_users WHERE id = flowlet_auth.current_user_id()
$$;

CREATE FUNCTION flowlet_auth.staff_directory()
    RETURNS TABLE (id BIGINT, username TEXT, display_name TEXT, email TEXT, role_code TEXT, role_name TEXT, status TEXT,
                   last_login_at TIMESTAMPTZ, locked_until TIMESTAMPTZ, failed_logins INTEGER, mfa_enrolled BOOLEAN,
                   must_change_password BOOLEAN)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM flowlet_auth.require('users.read');
    RETURN QUERY SELECT u.id, u.username, u.display_name, COALESCE(u.email, ''), r.code, r.name, u.status, u.last_login_at,
                        u.locked_until, u.failed_logins, COALESCE(m.confirmed, FALSE), u.must_change_password
                   FROM staff_users u JOIN roles r ON r.id = u.role_id LEFT JOIN mfa_secrets m ON m.user_id = u.id
                  ORDER BY u.username;
END
$$;

-- p_password_hash is bcrypt ($2a$) made by the client after its policy check; the new user must
-- change the password and enrol at the first sign-in.
CREATE FUNCTION flowlet_auth.create_user(p_username TEXT, p_display_name TEXT, p_email TEXT, p_role TEXT,
                                         p_password_hash TEXT) RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_actor BIGINT := flowlet_auth.require('users.manage');
    v_role BIGINT;
    v_id BIGINT;
    v_username TEXT := lower(trim(p_username));
BEGIN
    IF v_username !~ '^[a-z0-9][a-z0-9._-]{2,63}$' THEN
        RAISE EXCEPTION 'a user name has 3 to 64 letters, digits, dots, hyphens or underscores' USING ERRCODE = '22023';
    END IF;
    IF left(p_password_hash, 7) <> '$2a$12$' OR length(p_password_hash) <> 60 THEN
        RAISE EXCEPTION 'the password hash is not bcrypt with cost 12' USING ERRCODE = '22023';
    END IF;
    SELECT id INTO v_role FROM roles WHERE code = p_role;
    IF v_role IS NULL THEN
        RAISE EXCEPTION 'there is no role ''%''', p_role USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM staff_users WHERE username = v_username) THEN
        RAISE EXCEPTION 'the user name ''%'' is taken', v_username USING ERRCODE = '23505';
    END IF;
    INSERT INTO staff_users (username, display_name, email, role_id, password_hash, password_changed_at, must_change_password)
    VALUES (v_username, trim(p_display_name), NULLIF(trim(p_email), ''), v_role, p_password_hash, now(), TRUE)
    RETURNING id INTO v_id;
    PERFORM flowlet_auth.append_audit(v_actor, flowlet_auth.actor_name(), '', 'user.created', 'staff_user', v_id::text,
                                      json_build_object('username', v_username, 'display_name', trim(p_display_name),
                                                        'role', p_role)::text);
    RETURN v_id;
END
$$;

CREATE FUNCTION flowlet_auth.set_user_disabled(p_user BIGINT, p_disabled BOOLEAN) RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_actor BIGINT := flowlet_auth.require('users.manage');
    v_status TEXT := CASE WHEN p_disabled THEN 'disabled' ELSE 'active' END;
BEGIN
    IF p_user = v_actor AND p_disabled THEN
        RAISE EXCEPTION 'you cannot disable your own account' USING ERRCODE = '22023';
    END IF;
    UPDATE staff_users SET status = v_status, row_version = row_version + 1, updated_at = now()
     WHERE id = p_user AND status <> v_status;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such user, or the account is % already', v_status USING ERRCODE = 'P0002';
    END IF;
    IF p_disabled THEN
        UPDATE staff_sessions SET ended_at = now() WHERE user_id = p_user AND ended_at IS NULL;
    END IF;
    PERFORM flowlet_auth.append_audit(v_actor, flowlet_auth.actor_name(), '',
                                      CASE WHEN p_disabled THEN 'user.disabled' ELSE 'user.enabled' END,
                                      'staff_user', p_user::text, NULL);
END
$$;

CREATE FUNCTION flowlet_auth.clear_lockout(p_user BIGINT) RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_actor BIGINT := flowlet_auth.require('users.manage');
BEGIN
    UPDATE staff_users SET locked_until = NULL, failed_logins = 0 WHERE id = p_user;
    PERFORM flowlet_auth.append_audit(v_actor, flowlet_auth.actor_name(), '', 'user.lockout_cleared', 'staff_user',
                                      p_user::text, NULL);
END
$$;

CREATE FUNCTION flowlet_auth.approval_permission(p_action TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_action WHEN 'role.change' THEN 'roles.assign' WHEN 'mfa.reset' THEN 'mfa.reset'
                         WHEN 'password.reset' THEN 'users.manage' END
$$;

CREATE FUNCTION flowlet_auth.request_approval(p_action TEXT, p_user BIGINT, p_role TEXT) RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_permission TEXT := flowlet_auth.approval_permission(p_action);
    v_actor BIGINT;
    v_id BIGINT;
BEGIN
    IF v_permission IS NULL THEN
        RAISE EXCEPTION 'unknown request' USING ERRCODE = '22023';
    END IF;
    v_actor := flowlet_auth.require(v_permission);
    IF NOT EXISTS (SELECT 1 FROM staff_users WHERE id = p_user) THEN
        RAISE EXCEPTION 'no such user' USING ERRCODE = 'P0002';
    END IF;
    IF p_action = 'role.change' AND NOT EXISTS (SELECT 1 FROM roles WHERE code = p_role) THEN
        RAISE EXCEPTION 'there is no role ''%''', p_role USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM approval_requests WHERE action = p_action AND object_id = p_user::text AND decided_at IS NULL) THEN
        RAISE EXCEPTION 'the same request is already waiting for approval' USING ERRCODE = '23505';
    END IF;
    INSERT INTO approval_requests (action, object_type, object_id, payload, requested_by)
    VALUES (p_action, 'staff_user', p_user::text, json_build_object('role', COALESCE(p_role, ''))::jsonb, v_actor)
    RETURNING id INTO v_id;
    PERFORM flowlet_auth.append_audit(v_actor, flowlet_auth.actor_name(), '', 'approval.requested', 'staff_user',
                                      p_user::text, json_build_object('request', v_id, 'action', p_action,
                                                                      'role', COALESCE(p_role, ''))::text);
    RETURN v_id;
END
$$;

CREATE FUNCTION flowlet_auth.pending_approvals()
    RETURNS TABLE (id BIGINT, action TEXT, target_id BIGINT, target_username TEXT, new_role TEXT, requested_by BIGINT,
                   requested_by_name TEXT, requested_at TIMESTAMPTZ)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM flowlet_auth.require('users.read');
    RETURN QUERY SELECT a.id, a.action, a.object_id::bigint, t.username, a.payload ->> 'role', a.requested_by, r.username,
                        a.requested_at
                   FROM approval_requests a JOIN staff_users r ON r.id = a.requested_by
                   LEFT JOIN staff_users t ON t.id::text = a.object_id
                  WHERE a.decided_at IS NULL ORDER BY a.requested_at, a.id;
END
$$;

-- Decides a request as a second person. For a password reset the client hands in the one-time
-- code's bcrypt hash (the new password) and SHA-256 (for the expiry record); it shows the code.
CREATE FUNCTION flowlet_auth.approve_request(p_request BIGINT, p_code_bcrypt TEXT, p_code_sha256 TEXT) RETURNS TEXT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_request approval_requests%ROWTYPE;
    v_actor BIGINT;
    v_target BIGINT;
    v_old_role TEXT;
BEGIN
    SELECT * INTO v_request FROM approval_requests WHERE id = p_request FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such request' USING ERRCODE = 'P0002';
    END IF;
    IF v_request.decided_at IS NOT NULL THEN
        RAISE EXCEPTION 'the request was decided already' USING ERRCODE = '23505';
    END IF;
    v_actor := flowlet_auth.require(flowlet_auth.approval_permission(v_request.action));
    v_target := v_request.object_id::bigint;
    IF v_request.requested_by = v_actor THEN
        RAISE EXCEPTION 'a second person must approve your own request' USING ERRCODE = '42501';
    END IF;
    IF v_target = v_actor THEN
        RAISE EXCEPTION 'nobody approves a change to their own account' USING ERRCODE = '42501';
    END IF;
    IF v_request.action = 'role.change' THEN
        SELECT r.code INTO v_old_role FROM staff_users u JOIN roles r ON r.id = u.role_id WHERE u.id = v_target;
        UPDATE staff_users SET role_id = (SELECT id FROM roles WHERE code = v_request.payload ->> 'role'),
                               row_version = row_version + 1, updated_at = now() WHERE id = v_target;
    ELSE
        DELETE FROM mfa_secrets WHERE user_id = v_target;
        DELETE FROM recovery_codes WHERE user_id = v_target;
        IF v_request.action = 'password.reset' THEN
            IF left(p_code_bcrypt, 4) <> '$2a$' OR p_code_sha256 IS NULL THEN
                RAISE EXCEPTION 'a password reset needs the one-time code''s hashes' USING ERRCODE = '22023';
            END IF;
            UPDATE staff_users SET password_hash = p_code_bcrypt, must_change_password = TRUE, failed_logins = 0,
                                   locked_until = NULL, updated_at = now() WHERE id = v_target;
            INSERT INTO password_resets (user_id, code_hash, issued_by, expires_at)
            VALUES (v_target, p_code_sha256, v_actor, now() + interval '24 hours');
        END IF;
        UPDATE staff_sessions SET ended_at = now() WHERE user_id = v_target AND ended_at IS NULL;
    END IF;
    UPDATE approval_requests SET decided_by = v_actor, decided_at = now(), decision = 'approved' WHERE id = p_request;
    PERFORM flowlet_auth.append_audit(v_actor, flowlet_auth.actor_name(), '', v_request.action, 'staff_user',
                                      v_target::text,
                                      CASE WHEN v_request.action = 'role.change'
                                           THEN json_build_object('role', v_request.payload ->> 'role', 'was', v_old_role)::text
                                           ELSE json_build_object('request', p_request)::text END);
    RETURN v_request.action;
END
$$;

CREATE FUNCTION flowlet_auth.reject_request(p_request BIGINT, p_reason TEXT) RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_request approval_requests%ROWTYPE;
    v_actor BIGINT;
BEGIN
    SELECT * INTO v_request FROM approval_requests WHERE id = p_request AND decided_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such request, or it was decided already' USING ERRCODE = 'P0002';
    END IF;
    v_actor := flowlet_auth.require(flowlet_auth.approval_permission(v_request.action));
    UPDATE approval_requests SET decided_by = CASE WHEN v_actor = v_request.requested_by THEN NULL ELSE v_actor END,
                                 decided_at = now(), decision = 'rejected', reason = p_reason
     WHERE id = p_request;
    PERFORM flowlet_auth.append_audit(v_actor, flowlet_auth.actor_name(), '', 'approval.rejected', 'staff_user',
                                      v_request.object_id, json_build_object('request', p_request, 'reason', p_reason)::text);
END
$$;

-- Sign-in with a recovery code instead of the authenticator (the client sends its SHA-256).
CREATE FUNCTION flowlet_auth.login_with_recovery_code(p_username TEXT, p_password TEXT, p_code_sha256 TEXT,
                                                      p_workstation TEXT DEFAULT '')
    RETURNS TABLE (ok BOOLEAN, error TEXT, session_id BIGINT, resume_token TEXT)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT;
    v_error TEXT;
    v_code BIGINT;
BEGIN
    SELECT v.user_id, v.error INTO v_user, v_error FROM flowlet_auth.verify_password(p_username, p_password, p_workstation) v;
    IF v_user IS NULL THEN
        RETURN QUERY SELECT FALSE, v_error, NULL::bigint, NULL::text;
        RETURN;
    END IF;
    UPDATE recovery_codes SET used_at = now()
     WHERE id = (SELECT id FROM recovery_codes WHERE user_id = v_user AND used_at IS NULL AND code_hash = p_code_sha256
                 LIMIT 1)
    RETURNING id INTO v_code;
    IF v_code IS NULL THEN
        IF flowlet_auth.record_failure(v_user, (SELECT username FROM staff_users WHERE id = v_user), p_workstation,
                                       'auth.mfa_failed', 'wrong recovery code') THEN
            RETURN QUERY SELECT FALSE, 'account_locked'::text, NULL::bigint, NULL::text;
        ELSE
            RETURN QUERY SELECT FALSE, 'code_rejected'::text, NULL::bigint, NULL::text;
        END IF;
        RETURN;
    END IF;
    RETURN QUERY SELECT TRUE, NULL::text, o.session_id, o.resume_token
                   FROM flowlet_auth.open_session(v_user, p_workstation, 'password+recovery_code') o;
END
$$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA flowlet_auth FROM PUBLIC;
