-- Error monitoring (issue #5): API request statistics per minute, alert rules over the error log
-- and the alerts they raised. error_log itself comes from 0001.
--
-- On PostgreSQL the workstation role reads these tables under row-level security (monitor.read)
-- and writes the error log and the request statistics only through the definer functions below,
-- which take the user from the bound session and bound what one caller can write.

-- @dialect all
CREATE INDEX error_log_at_idx ON error_log (at);
CREATE INDEX error_log_user_idx ON error_log (user_id, at);

-- One row per flush, minute bucket, route and source (host:pid of the serving process); several
-- processes may flush the same minute, readers add the rows up. latency_hist is the sparse
-- histogram "bucket:count,…" of RequestStats, so that percentiles can be taken over any window.
CREATE TABLE api_request_stats (
    id             {{id}},
    bucket_start   {{timestamp}} NOT NULL,
    source         TEXT NOT NULL,
    method         TEXT NOT NULL,
    route          TEXT NOT NULL,
    requests       BIGINT NOT NULL CHECK (requests >= 0),
    client_errors  BIGINT NOT NULL DEFAULT 0,
    server_errors  BIGINT NOT NULL DEFAULT 0,
    latency_sum_us BIGINT NOT NULL DEFAULT 0,
    latency_max_us BIGINT NOT NULL DEFAULT 0,
    latency_p50_us BIGINT NOT NULL DEFAULT 0,
    latency_p99_us BIGINT NOT NULL DEFAULT 0,
    latency_hist   TEXT NOT NULL DEFAULT '',
    recorded_at    {{timestamp}} NOT NULL DEFAULT {{now}}
);
CREATE INDEX api_request_stats_bucket_idx ON api_request_stats (bucket_start);

-- "More than threshold errors within window_minutes": of one fingerprint, or (fingerprint NULL) of
-- every fingerprint matching the category and level filters, each counted on its own.
CREATE TABLE monitor_alert_rules (
    id             {{id}},
    name           TEXT NOT NULL,
    fingerprint    TEXT,
    category       TEXT,
    min_level      TEXT NOT NULL DEFAULT 'warning' CHECK (min_level IN ('info', 'warning', 'critical', 'fatal')),
    threshold      INTEGER NOT NULL CHECK (threshold >= 1),
    window_minutes INTEGER NOT NULL CHECK (window_minutes BETWEEN 1 AND 10080),
    enabled        {{bool}} NOT NULL DEFAULT {{true}},
    created_by     BIGINT REFERENCES staff_users(id),
    created_at     {{timestamp}} NOT NULL DEFAULT {{now}},
    updated_at     {{timestamp}} NOT NULL DEFAULT {{now}},
    row_version    INTEGER NOT NULL DEFAULT 1
);

-- A rule that fired for a fingerprint over [window_start, window_end]. The evaluator raises the
-- next one for the same rule and fingerprint only once the window no longer overlaps this one.
-- Alerts outlive their rule (rule_name keeps what it was called).
CREATE TABLE monitor_alerts (
    id              {{id}},
    rule_id         BIGINT REFERENCES monitor_alert_rules(id) ON DELETE SET NULL,
    rule_name       TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    error_count     INTEGER NOT NULL,
    window_start    {{timestamp}} NOT NULL,
    window_end      {{timestamp}} NOT NULL,
    sample_message  TEXT NOT NULL DEFAULT '',
    raised_at       {{timestamp}} NOT NULL DEFAULT {{now}},
    acknowledged_by BIGINT REFERENCES staff_users(id),
    acknowledged_by_name TEXT,
    acknowledged_at {{timestamp}},
    UNIQUE (rule_id, fingerprint, window_start)
);
CREATE INDEX monitor_alerts_rule_idx ON monitor_alerts (rule_id, fingerprint, window_end);
CREATE INDEX monitor_alerts_raised_idx ON monitor_alerts (raised_at);

-- @dialect postgresql
-- Reading needs monitor.read. Rules are configuration: changing them needs settings.manage as
-- well (an auditor sees them, an administrator edits them). Raising an alert is recording what
-- the error log already shows, so whoever watches it may; acknowledging one is an administrator's
-- decision and needs settings.manage. Nobody deletes an alert.
ALTER TABLE api_request_stats ENABLE ROW LEVEL SECURITY;
CREATE POLICY flowlet_read ON api_request_stats FOR SELECT USING (flowlet_auth.has_permission('monitor.read'));

ALTER TABLE monitor_alert_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY flowlet_read ON monitor_alert_rules FOR SELECT USING (flowlet_auth.has_permission('monitor.read'));
CREATE POLICY flowlet_insert ON monitor_alert_rules FOR INSERT
    WITH CHECK (flowlet_auth.has_permission('monitor.read') AND flowlet_auth.has_permission('settings.manage'));
CREATE POLICY flowlet_update ON monitor_alert_rules FOR UPDATE
    USING (flowlet_auth.has_permission('monitor.read') AND flowlet_auth.has_permission('settings.manage'))
    WITH CHECK (flowlet_auth.has_permission('monitor.read') AND flowlet_auth.has_permission('settings.manage'));
CREATE POLICY flowlet_delete ON monitor_alert_rules FOR DELETE
    USING (flowlet_auth.has_permission('monitor.read') AND flowlet_auth.has_permission('settings.manage'));

ALTER TABLE monitor_alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY flowlet_read ON monitor_alerts FOR SELECT USING (flowlet_auth.has_permission('monitor.read'));
CREATE POLICY flowlet_insert ON monitor_alerts FOR INSERT
    WITH CHECK (flowlet_auth.has_permission('monitor.read') AND acknowledged_by IS NULL AND acknowledged_at IS NULL
                AND acknowledged_by_name IS NULL);
CREATE POLICY flowlet_update ON monitor_alerts FOR UPDATE
    USING (flowlet_auth.has_permission('monitor.read') AND flowlet_auth.has_permission('settings.manage'))
    WITH CHECK (flowlet_auth.has_permission('monitor.read') AND flowlet_auth.has_permission('settings.manage')
                AND acknowledged_by = flowlet_auth.current_user_id());

-- Whether the caller may record: signed in (a staff session or an API key bound to the
-- connection), or the tables' owner (the command line, migrations, tests).
CREATE FUNCTION flowlet_auth.may_record_monitoring() RETURNS BOOLEAN
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT flowlet_auth.current_user_id() IS NOT NULL
        OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'public.error_log'::regclass), 'MEMBER')
$$;

-- One error-log entry. The user is the bound session's (an owner caller may name one); the text
-- is cut to bounded lengths and a signed-in caller may write at most 600 entries a minute, so the
-- log cannot be used to fill the disk. Returns whether the entry was written.
CREATE FUNCTION flowlet_auth.record_error(p_level TEXT, p_category TEXT, p_message TEXT, p_fingerprint TEXT,
                                          p_context TEXT, p_request_id TEXT, p_user_id BIGINT)
    RETURNS BOOLEAN LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_user BIGINT := flowlet_auth.current_user_id();
BEGIN
    IF NOT flowlet_auth.may_record_monitoring() THEN
        RAISE EXCEPTION 'not signed in' USING ERRCODE = '42501';
    END IF;
    IF p_level IS NULL OR p_level NOT IN ('debug', 'info', 'warning', 'critical', 'fatal') THEN
        RAISE EXCEPTION 'unknown level' USING ERRCODE = '22023';
    END IF;
    IF p_fingerprint IS NULL OR p_fingerprint !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'fingerprint must be 64 hex digits' USING ERRCODE = '22023';
    END IF;
    IF v_user IS NOT NULL THEN
        IF (SELECT count(*) FROM error_log WHERE user_id = v_user AND at > now() - interval '1 minute') >= 600 THEN
            RETURN FALSE;
        END IF;
    ELSE
        v_user := p_user_id;
    END IF;
    INSERT INTO error_log (level, category, message, fingerprint, context, user_id, request_id)
    VALUES (p_level, left(COALESCE(p_category, ''), 100), left(COALESCE(p_message, ''), 2000), p_fingerprint,
            left(p_context, 8000), v_user, left(p_request_id, 64));
    RETURN TRUE;
END
$$;

-- One flushed bucket of API request statistics, bounded like the error log.
CREATE FUNCTION flowlet_auth.record_request_stats(p_bucket_start TIMESTAMPTZ, p_source TEXT, p_method TEXT, p_route TEXT,
                                                  p_requests BIGINT, p_client_errors BIGINT, p_server_errors BIGINT,
                                                  p_sum_us BIGINT, p_max_us BIGINT, p_p50_us BIGINT, p_p99_us BIGINT,
                                                  p_hist TEXT)
    RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF NOT flowlet_auth.may_record_monitoring() THEN
        RAISE EXCEPTION 'not signed in' USING ERRCODE = '42501';
    END IF;
    IF p_requests < 0 OR p_client_errors < 0 OR p_server_errors < 0 OR p_sum_us < 0 OR p_max_us < 0 THEN
        RAISE EXCEPTION 'negative statistics' USING ERRCODE = '22023';
    END IF;
    INSERT INTO api_request_stats (bucket_start, source, method, route, requests, client_errors, server_errors,
                                   latency_sum_us, latency_max_us, latency_p50_us, latency_p99_us, latency_hist)
    VALUES (date_trunc('minute', p_bucket_start), left(COALESCE(p_source, ''), 200), left(COALESCE(p_method, ''), 16),
            left(COALESCE(p_route, ''), 200), p_requests, p_client_errors, p_server_errors, p_sum_us, p_max_us,
            COALESCE(p_p50_us, 0), COALESCE(p_p99_us, 0), left(COALESCE(p_hist, ''), 2000));
END
$$;

-- Staff sessions that have not ended or expired, for the Monitor panel; staff_sessions itself is
-- not readable by the workstation role (it holds token hashes).
CREATE FUNCTION flowlet_auth.active_sessions()
    RETURNS TABLE (id BIGINT, user_id BIGINT, username TEXT, display_name TEXT, workstation TEXT,
                   created_at TIMESTAMPTZ, last_seen_at TIMESTAMPTZ, expires_at TIMESTAMPTZ)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM flowlet_auth.require('monitor.read');
    RETURN QUERY SELECT s.id, s.user_id, u.username, u.display_name, s.workstation, s.created_at, s.last_seen_at,
                        s.expires_at
                   FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
                  WHERE s.ended_at IS NULL AND s.expires_at > now()
                  ORDER BY s.last_seen_at DESC;
END
$$;

REVOKE EXECUTE ON FUNCTION flowlet_auth.may_record_monitoring() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION flowlet_auth.record_error(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, BIGINT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION flowlet_auth.record_request_stats(TIMESTAMPTZ, TEXT, TEXT, TEXT, BIGINT, BIGINT, BIGINT, BIGINT,
                                                             BIGINT, BIGINT, BIGINT, TEXT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION flowlet_auth.active_sessions() FROM PUBLIC;
