#include "ServerSecurity.h"

#include "audit/AuditLog.h"
#include "crypto/SecureRandom.h"

#include <QRegularExpression>

namespace flowlet {

namespace {

// Tables a signed-in workstation works with; row-level security decides which rows and actions.
const QStringList kReadWriteTables = {
    QStringLiteral("transactions"), QStringLiteral("import_batches"), QStringLiteral("categories"),
    QStringLiteral("category_rules"), QStringLiteral("accounts"), QStringLiteral("customers"), QStringLiteral("cards"),
    QStringLiteral("risk_assessments"), QStringLiteral("kyc_records"), QStringLiteral("kyc_documents"),
    QStringLiteral("watchlists"), QStringLiteral("watchlist_entries"), QStringLiteral("screening_results"),
    QStringLiteral("fraud_alerts"), QStringLiteral("cases"), QStringLiteral("case_events"),
    QStringLiteral("reconciliation_sessions"), QStringLiteral("reconciliation_matches"),
    QStringLiteral("reconciliation_match_items"), QStringLiteral("report_definitions"),
    QStringLiteral("report_schedules"), QStringLiteral("report_runs"),
    QStringLiteral("statement_lines"), QStringLiteral("import_presets"), QStringLiteral("saved_views"),
    QStringLiteral("monitor_alert_rules"),
};
// Read-only for workstations: the ledger is written by postings, the audit trail and the error
// log only through definer functions.
const QStringList kReadOnlyTables = {
    QStringLiteral("demo_ground_truth"), QStringLiteral("ledger_accounts"), QStringLiteral("ledger_journals"),
    QStringLiteral("ledger_entries"), QStringLiteral("audit_log"), QStringLiteral("error_log"), QStringLiteral("roles"),
    QStringLiteral("permissions"), QStringLiteral("role_permissions"), QStringLiteral("schema_migrations"),
    QStringLiteral("workspace_info"),
    QStringLiteral("api_request_stats"),
};
const QStringList kFunctions = {
    QStringLiteral("flowlet_auth.login(text, text, text, text)"), QStringLiteral("flowlet_auth.resume(bigint, text)"),
    QStringLiteral("flowlet_auth.logout()"), QStringLiteral("flowlet_auth.enrol_totp(text, text, bytea, text)"),
    QStringLiteral("flowlet_auth.has_permission(text)"), QStringLiteral("flowlet_auth.current_user_id()"),
    QStringLiteral("flowlet_auth.backend_start()"), QStringLiteral("flowlet_auth.check_password(text, text, text)"),
    QStringLiteral("flowlet_auth.enrol_and_login(text, text, bytea, text, text)"), QStringLiteral("flowlet_auth.whoami()"),
    QStringLiteral("flowlet_auth.set_recovery_codes(text[])"), QStringLiteral("flowlet_auth.change_password(text, text, text)"),
    QStringLiteral("flowlet_auth.has_users()"), QStringLiteral("flowlet_auth.staff_directory()"),
    QStringLiteral("flowlet_auth.create_user(text, text, text, text, text)"),
    QStringLiteral("flowlet_auth.set_user_disabled(bigint, boolean)"), QStringLiteral("flowlet_auth.clear_lockout(bigint)"),
    QStringLiteral("flowlet_auth.request_approval(text, bigint, text)"), QStringLiteral("flowlet_auth.pending_approvals()"),
    QStringLiteral("flowlet_auth.approve_request(bigint, text, text)"), QStringLiteral("flowlet_auth.reject_request(bigint, text)"),
    QStringLiteral("flowlet_auth.login_with_recovery_code(text, text, text, text)"),
    QStringLiteral("flowlet_auth.record_change(text, text, text, text, text)"),
    QStringLiteral("flowlet_auth.open_api_session(text, text)"),
    QStringLiteral("flowlet_auth.create_api_key(bigint, text, text[], timestamptz, text, text, text)"),
    QStringLiteral("flowlet_auth.revoke_api_key(bigint, text)"), QStringLiteral("flowlet_auth.api_key_list(boolean)"),
    QStringLiteral("flowlet_auth.api_key_owners()"),
    QStringLiteral("flowlet_auth.record_change(text, text, text, text, text, text)"),
    QStringLiteral("flowlet_auth.record_error(text, text, text, text, text, text, bigint)"),
    QStringLiteral("flowlet_auth.record_request_stats(timestamptz, text, text, text, bigint, bigint, bigint, bigint, bigint, bigint, bigint, text)"),
    QStringLiteral("flowlet_auth.active_sessions()"),
};

QString quoted(const QString& identifier)
{
    QString s = identifier;
    s.replace(u'"', QStringLiteral("\"\""));
    return u'"' + s + u'"';
}

} // namespace

QString ServerSecurity::workstationRoleName(const QString& databaseName)
{
    QString base = databaseName.toLower();
    base.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]")), QStringLiteral("_"));
    return base.left(48) + QStringLiteral("_workstation");
}

Status ServerSecurity::grant(QSqlDatabase& c, const QString& role, const QString& databaseName)
{
    const QString r = quoted(role);
    QStringList statements = {
        QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2").arg(quoted(databaseName), r),
        QStringLiteral("GRANT USAGE ON SCHEMA public, flowlet_auth TO %1").arg(r),
        QStringLiteral("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %1").arg(r),
    };
    for (const QString& t : kReadWriteTables) {
        statements << QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON %1 TO %2").arg(t, r);
    }
    for (const QString& t : kReadOnlyTables) {
        statements << QStringLiteral("GRANT SELECT ON %1 TO %2").arg(t, r);
    }
    // API keys: readable without their hash, written only by flowlet_auth's functions (migration
    // 0010). The REVOKE takes back what grants before 0010 gave.
    statements << QStringLiteral("REVOKE ALL ON api_keys FROM %1").arg(r)
               << QStringLiteral("GRANT SELECT (id, owner_id, name, key_prefix, scopes, created_at, expires_at, "
                                 "revoked_at, last_used_at) ON api_keys TO %1")
                      .arg(r);
    // Alerts: raised (inserted) by a workstation's evaluator, then only acknowledged — what was
    // raised, its counts and sample cannot be rewritten, and none is deleted but by the owner.
    statements << QStringLiteral("REVOKE ALL ON monitor_alerts FROM %1").arg(r)
               << QStringLiteral("GRANT SELECT, INSERT ON monitor_alerts TO %1").arg(r)
               << QStringLiteral("GRANT UPDATE (acknowledged_by, acknowledged_by_name, acknowledged_at) ON monitor_alerts "
                                 "TO %1")
                      .arg(r);
    for (const QString& f : kFunctions) {
        statements << QStringLiteral("GRANT EXECUTE ON FUNCTION %1 TO %2").arg(f, r);
    }
    for (const QString& sql : std::as_const(statements)) {
        if (auto q = Database::execOn(c, sql); !q) {
            return q.error().wrapped(QStringLiteral("granting the workstation role"));
        }
    }
    return {};
}

Status ServerSecurity::regrantIfInstalled(QSqlDatabase& c)
{
    auto name = Database::execOn(c, QStringLiteral("SELECT current_database()"));
    if (!name || !name->next()) {
        return name ? Status(Error(ErrorCode::DatabaseQuery, QStringLiteral("no database name"))) : Status(name.error());
    }
    const QString database = name->value(0).toString();
    const QString role = workstationRoleName(database);
    auto exists = Database::execOn(c, QStringLiteral("SELECT 1 FROM pg_roles WHERE rolname = ?"), {role});
    if (!exists) {
        return exists.error();
    }
    return exists->next() ? grant(c, role, database) : Status();
}

Result<ServerSecurity::Installed> ServerSecurity::installWorkstationRole(Database& db)
{
    if (!db.dialect().isPostgres()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a workstation role exists only on PostgreSQL"));
    }
    auto name = db.exec(QStringLiteral("SELECT current_database()"));
    if (!name || !name->next()) {
        return name ? Error(ErrorCode::DatabaseQuery, QStringLiteral("no database name")) : name.error();
    }
    const QString database = name->value(0).toString();
    Installed installed;
    installed.role = workstationRoleName(database);
    auto status = db.transaction([&](QSqlDatabase& c) -> Status {
        auto exists = Database::execOn(c, QStringLiteral("SELECT 1 FROM pg_roles WHERE rolname = ?"), {installed.role});
        if (!exists) {
            return exists.error();
        }
        if (!exists->next()) {
            auto bytes = SecureRandom::bytes(24);
            if (!bytes) {
                return bytes.error();
            }
            installed.password = QString::fromLatin1(bytes->toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
            // CREATE ROLE takes no parameters; the password is random URL-safe Base64, safe to quote.
            auto created = Database::execOn(
                c, QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT "
                                  "NOREPLICATION NOBYPASSRLS")
                       .arg(quoted(installed.role), installed.password));
            if (!created) {
                return Error(ErrorCode::PermissionDenied,
                             QStringLiteral("cannot create the workstation role %1 (the database owner needs CREATEROLE, "
                                            "or a superuser runs: CREATE ROLE %1 LOGIN PASSWORD '…'): %2")
                                 .arg(installed.role, created.error().message()));
            }
            installed.created = true;
        }
        if (auto granted = grant(c, installed.role, database); !granted) {
            return granted;
        }
        // Who may connect, and to what, is security state: recorded (the password never is).
        AuditEntry entry;
        entry.workstation = AuditLog::workstationName();
        entry.action = installed.created ? QStringLiteral("db.workstation_role_created")
                                         : QStringLiteral("db.workstation_role_granted");
        entry.objectType = QStringLiteral("database_role");
        entry.objectId = installed.role;
        return AuditLog::append(c, db.dialect(), entry);
    });
    if (!status) {
        return status.error();
    }
    return installed;
}

} // namespace flowlet
