#include "UserAdministration.h"

#include "Authorization.h"
#include "PasswordHasher.h"
#include "RecoveryCodes.h"
#include "audit/AuditLog.h"
#include "core/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace flowlet {

namespace {

QString actionCode(ApprovalAction action)
{
    switch (action) {
    case ApprovalAction::ChangeRole: return QStringLiteral("role.change");
    case ApprovalAction::ResetMfa: return QStringLiteral("mfa.reset");
    case ApprovalAction::ResetPassword: return QStringLiteral("password.reset");
    }
    return {};
}

std::optional<ApprovalAction> actionFromCode(const QString& code)
{
    if (code == QStringLiteral("role.change")) {
        return ApprovalAction::ChangeRole;
    }
    if (code == QStringLiteral("mfa.reset")) {
        return ApprovalAction::ResetMfa;
    }
    if (code == QStringLiteral("password.reset")) {
        return ApprovalAction::ResetPassword;
    }
    return std::nullopt;
}

QString json(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

AuditEntry entryFor(const StaffSession& actor, const QString& action, qint64 userId, const QString& before = {},
                    const QString& after = {})
{
    return {actor.userId, actor.username, AuditLog::workstationName(), std::nullopt, action,
            QStringLiteral("staff_user"), QString::number(userId), before, after};
}

} // namespace

UserAdministration::UserAdministration(DatabasePtr db)
    : m_db(std::move(db))
    , m_server(m_db->actsThroughServer())
{
}

Status UserAdministration::onServer(const QString& sql, const QVariantList& bindings)
{
    auto q = m_db->exec(sql, bindings);
    return q ? Status() : Status(q.error());
}

QString UserAdministration::permissionFor(ApprovalAction action)
{
    switch (action) {
    case ApprovalAction::ChangeRole: return Permission::RolesAssign;
    case ApprovalAction::ResetMfa: return Permission::MfaReset;
    case ApprovalAction::ResetPassword: return Permission::UsersManage;
    }
    return Permission::UsersManage;
}

QString UserAdministration::actionName(ApprovalAction action)
{
    return actionCode(action);
}

Result<QList<StaffUserInfo>> UserAdministration::users(const StaffSession& actor) const
{
    if (!actor.permissions.contains(Permission::UsersRead)) {
        return permissionDenied(Permission::UsersRead);
    }
    const SqlDialect& d = m_db->dialect();
    auto q = m_db->exec(m_server ? QStringLiteral("SELECT id, username, display_name, email, role_code, role_name, status, "
                                                  "last_login_at, locked_until, failed_logins, "
                                                  "CASE WHEN mfa_enrolled THEN 1 ELSE 0 END, must_change_password "
                                                  "FROM flowlet_auth.staff_directory()")
                                 : QStringLiteral(
                                     "SELECT u.id, u.username, u.display_name, COALESCE(u.email, ''), r.code, r.name, "
                                     "u.status, u.last_login_at, u.locked_until, u.failed_logins, "
                                     "CASE WHEN m.confirmed THEN 1 ELSE 0 END, u.must_change_password "
                                     "FROM staff_users u JOIN roles r ON r.id = u.role_id "
                                     "LEFT JOIN mfa_secrets m ON m.user_id = u.id ORDER BY u.username"));
    if (!q) {
        return q.error();
    }
    QList<StaffUserInfo> out;
    while (q->next()) {
        StaffUserInfo u;
        u.id = q->value(0).toLongLong();
        u.username = q->value(1).toString();
        u.displayName = q->value(2).toString();
        u.email = q->value(3).toString();
        u.roleCode = q->value(4).toString();
        u.roleName = q->value(5).toString();
        u.status = q->value(6).toString();
        u.lastLogin = d.timestampFrom(q->value(7));
        u.lockedUntil = d.timestampFrom(q->value(8));
        u.failedLogins = q->value(9).toInt();
        u.mfaEnrolled = q->value(10).toInt() == 1;
        u.mustChangePassword = q->value(11).toBool();
        out << u;
    }
    return out;
}

Status UserAdministration::setDisabled(const StaffSession& actor, qint64 userId, bool disabled)
{
    if (!actor.permissions.contains(Permission::UsersManage)) {
        return permissionDenied(Permission::UsersManage);
    }
    if (userId == actor.userId && disabled) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("you cannot disable your own account"));
    }
    if (m_server) {
        return onServer(QStringLiteral("SELECT flowlet_auth.set_user_disabled(?, ?)"), {userId, disabled});
    }
    const QString status = disabled ? QStringLiteral("disabled") : QStringLiteral("active");
    return m_db->transaction([&](QSqlDatabase& c) -> Status {
        auto updated = Database::execOn(c,
                                        QStringLiteral("UPDATE staff_users SET status = ?, row_version = row_version + 1, "
                                                       "updated_at = ? WHERE id = ? AND status <> ?"),
                                        {status, m_db->dialect().timestampValue(Clock::now()), userId, status});
        if (!updated) {
            return updated.error();
        }
        if (updated->numRowsAffected() == 0) {
            return Error(ErrorCode::NotFound, QStringLiteral("no such user, or the account is %1 already").arg(status));
        }
        if (disabled) {
            // A disabled account's open sessions end now.
            auto ended = Database::execOn(c, QStringLiteral("UPDATE staff_sessions SET ended_at = ? WHERE user_id = ? "
                                                            "AND ended_at IS NULL"),
                                          {m_db->dialect().timestampValue(Clock::now()), userId});
            if (!ended) {
                return ended.error();
            }
        }
        return AuditLog::append(c, m_db->dialect(),
                                entryFor(actor, disabled ? QStringLiteral("user.disabled") : QStringLiteral("user.enabled"),
                                         userId));
    });
}

Status UserAdministration::clearLockout(const StaffSession& actor, qint64 userId)
{
    if (!actor.permissions.contains(Permission::UsersManage)) {
        return permissionDenied(Permission::UsersManage);
    }
    if (m_server) {
        return onServer(QStringLiteral("SELECT flowlet_auth.clear_lockout(?)"), {userId});
    }
    return m_db->transaction([&](QSqlDatabase& c) -> Status {
        auto updated = Database::execOn(c, QStringLiteral("UPDATE staff_users SET locked_until = NULL, failed_logins = 0 "
                                                          "WHERE id = ?"),
                                        {userId});
        if (!updated) {
            return updated.error();
        }
        return AuditLog::append(c, m_db->dialect(), entryFor(actor, QStringLiteral("user.lockout_cleared"), userId));
    });
}

Result<qint64> UserAdministration::request(const StaffSession& actor, ApprovalAction action, qint64 userId,
                                           const QString& newRole)
{
    const QString permission = permissionFor(action);
    if (!actor.permissions.contains(permission)) {
        return permissionDenied(permission);
    }
    if (m_server) {
        auto q = m_db->exec(QStringLiteral("SELECT flowlet_auth.request_approval(?, ?, ?)"),
                            {actionCode(action), userId, newRole});
        if (!q) {
            return q.error();
        }
        q->next();
        return q->value(0).toLongLong();
    }
    qint64 id = 0;
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        auto target = Database::execOn(c, QStringLiteral("SELECT username FROM staff_users WHERE id = ?"), {userId});
        if (!target) {
            return target.error();
        }
        if (!target->next()) {
            return Error(ErrorCode::NotFound, QStringLiteral("no such user"));
        }
        if (action == ApprovalAction::ChangeRole) {
            auto role = Database::execOn(c, QStringLiteral("SELECT 1 FROM roles WHERE code = ?"), {newRole});
            if (!role) {
                return role.error();
            }
            if (!role->next()) {
                return Error(ErrorCode::InvalidArgument, QStringLiteral("there is no role '%1'").arg(newRole));
            }
        }
        auto pending = Database::execOn(c,
                                        QStringLiteral("SELECT 1 FROM approval_requests WHERE action = ? AND object_id = ? "
                                                       "AND decided_at IS NULL"),
                                        {actionCode(action), QString::number(userId)});
        if (!pending) {
            return pending.error();
        }
        if (pending->next()) {
            return Error(ErrorCode::AlreadyExists, QStringLiteral("the same request is already waiting for approval"));
        }
        const QString payload = json({{QStringLiteral("role"), newRole}});
        auto inserted = Database::execOn(
            c,
            QStringLiteral("INSERT INTO approval_requests (action, object_type, object_id, payload, requested_by, requested_at) "
                           "VALUES (?, 'staff_user', ?, %1, ?, ?) RETURNING id")
                .arg(m_db->dialect().isPostgres() ? QStringLiteral("CAST(? AS jsonb)") : QStringLiteral("?")),
            {actionCode(action), QString::number(userId), payload, actor.userId,
             m_db->dialect().timestampValue(Clock::now())});
        if (!inserted) {
            return inserted.error();
        }
        inserted->next();
        id = inserted->value(0).toLongLong();
        return AuditLog::append(c, m_db->dialect(),
                                entryFor(actor, QStringLiteral("approval.requested"), userId, {},
                                         json({{QStringLiteral("request"), id},
                                               {QStringLiteral("action"), actionCode(action)},
                                               {QStringLiteral("role"), newRole}})));
    });
    if (!status) {
        return status.error();
    }
    return id;
}

Result<qint64> UserAdministration::requestRoleChange(const StaffSession& actor, qint64 userId, const QString& roleCode)
{
    return request(actor, ApprovalAction::ChangeRole, userId, roleCode);
}

Result<qint64> UserAdministration::requestMfaReset(const StaffSession& actor, qint64 userId)
{
    return request(actor, ApprovalAction::ResetMfa, userId, {});
}

Result<qint64> UserAdministration::requestPasswordReset(const StaffSession& actor, qint64 userId)
{
    return request(actor, ApprovalAction::ResetPassword, userId, {});
}

Result<ApprovalRequest> UserAdministration::loadRequest(QSqlDatabase& conn, qint64 requestId) const
{
    auto q = Database::execOn(conn,
                              QStringLiteral("SELECT a.id, a.action, a.object_id, t.username, a.payload, a.requested_by, "
                                             "r.username, a.requested_at, a.decided_at FROM approval_requests a "
                                             "JOIN staff_users r ON r.id = a.requested_by "
                                             "LEFT JOIN staff_users t ON CAST(t.id AS TEXT) = a.object_id "
                                             "WHERE a.id = ?"),
                              {requestId});
    if (!q) {
        return q.error();
    }
    if (!q->next()) {
        return Error(ErrorCode::NotFound, QStringLiteral("no such request"));
    }
    if (!q->value(8).isNull()) {
        return Error(ErrorCode::AlreadyExists, QStringLiteral("the request was decided already"));
    }
    const auto action = actionFromCode(q->value(1).toString());
    if (!action) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("unknown request"));
    }
    ApprovalRequest r;
    r.id = q->value(0).toLongLong();
    r.action = *action;
    r.targetUserId = q->value(2).toLongLong();
    r.targetUsername = q->value(3).toString();
    r.newRole = QJsonDocument::fromJson(q->value(4).toString().toUtf8()).object().value(QStringLiteral("role")).toString();
    r.requestedBy = q->value(5).toLongLong();
    r.requestedByName = q->value(6).toString();
    r.requestedAt = m_db->dialect().timestampFrom(q->value(7));
    return r;
}

Result<QList<ApprovalRequest>> UserAdministration::pendingApprovals(const StaffSession& actor) const
{
    if (!actor.permissions.contains(Permission::UsersRead)) {
        return permissionDenied(Permission::UsersRead);
    }
    if (m_server) {
        auto q = m_db->exec(QStringLiteral("SELECT id, action, target_id, target_username, new_role, requested_by, "
                                           "requested_by_name, requested_at FROM flowlet_auth.pending_approvals()"));
        if (!q) {
            return q.error();
        }
        QList<ApprovalRequest> out;
        while (q->next()) {
            const auto action = actionFromCode(q->value(1).toString());
            if (!action) {
                continue;
            }
            ApprovalRequest r;
            r.id = q->value(0).toLongLong();
            r.action = *action;
            r.targetUserId = q->value(2).toLongLong();
            r.targetUsername = q->value(3).toString();
            r.newRole = q->value(4).toString();
            r.requestedBy = q->value(5).toLongLong();
            r.requestedByName = q->value(6).toString();
            r.requestedAt = m_db->dialect().timestampFrom(q->value(7));
            out << r;
        }
        return out;
    }
    auto conn = m_db->connection();
    if (!conn) {
        return conn.error();
    }
    auto ids = Database::execOn(*conn, QStringLiteral("SELECT id FROM approval_requests WHERE decided_at IS NULL "
                                                      "ORDER BY requested_at, id"));
    if (!ids) {
        return ids.error();
    }
    QList<qint64> pending;
    while (ids->next()) {
        pending << ids->value(0).toLongLong();
    }
    QList<ApprovalRequest> out;
    for (qint64 id : pending) {
        auto r = loadRequest(*conn, id);
        if (r) {
            out << *r;
        }
    }
    return out;
}

Result<ApprovalOutcome> UserAdministration::approve(const StaffSession& approver, qint64 requestId)
{
    if (m_server) {
        // The one-time code is made here and shown to the approver; the server gets its hashes only.
        ApprovalOutcome outcome;
        auto codes = RecoveryCodes::generate(1);
        if (!codes) {
            return codes.error();
        }
        auto bcrypt = PasswordHasher::hash(codes->first());
        if (!bcrypt) {
            return bcrypt.error();
        }
        auto q = m_db->exec(QStringLiteral("SELECT flowlet_auth.approve_request(?, ?, ?)"),
                            {requestId, *bcrypt, RecoveryCodes::hash(codes->first())});
        if (!q) {
            return q.error();
        }
        q->next();
        const auto action = actionFromCode(q->value(0).toString());
        outcome.action = action.value_or(ApprovalAction::ChangeRole);
        if (outcome.action == ApprovalAction::ResetPassword) {
            outcome.resetCode = codes->first();
            outcome.resetCodeExpires = Clock::now().addSecs(kResetCodeHours * 3600);
        }
        return outcome;
    }
    const SqlDialect& d = m_db->dialect();
    ApprovalOutcome outcome;
    QString resetHash;
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        auto request = loadRequest(c, requestId);
        if (!request) {
            return request.error();
        }
        const QString permission = permissionFor(request->action);
        if (!approver.permissions.contains(permission)) {
            return permissionDenied(permission);
        }
        if (request->requestedBy == approver.userId) {
            return Error(ErrorCode::PermissionDenied, QStringLiteral("a second person must approve your own request"));
        }
        if (request->targetUserId == approver.userId) {
            return Error(ErrorCode::PermissionDenied, QStringLiteral("nobody approves a change to their own account"));
        }
        outcome.action = request->action;
        outcome.targetUsername = request->targetUsername;
        const QVariant now = d.timestampValue(Clock::now());
        QString before;
        QString after;
        switch (request->action) {
        case ApprovalAction::ChangeRole: {
            auto old = Database::execOn(c, QStringLiteral("SELECT r.code FROM staff_users u JOIN roles r ON r.id = u.role_id "
                                                          "WHERE u.id = ?"),
                                        {request->targetUserId});
            if (!old || !old->next()) {
                return Error(ErrorCode::NotFound, QStringLiteral("the user no longer exists"));
            }
            before = json({{QStringLiteral("role"), old->value(0).toString()}});
            after = json({{QStringLiteral("role"), request->newRole}});
            auto updated = Database::execOn(c,
                                            QStringLiteral("UPDATE staff_users SET role_id = (SELECT id FROM roles WHERE code = ?), "
                                                           "row_version = row_version + 1, updated_at = ? WHERE id = ?"),
                                            {request->newRole, now, request->targetUserId});
            if (!updated) {
                return updated.error();
            }
            break;
        }
        case ApprovalAction::ResetMfa:
        case ApprovalAction::ResetPassword: {
            for (const QString& sql : {QStringLiteral("DELETE FROM mfa_secrets WHERE user_id = ?"),
                                       QStringLiteral("DELETE FROM recovery_codes WHERE user_id = ?")}) {
                if (auto r = Database::execOn(c, sql, {request->targetUserId}); !r) {
                    return r.error();
                }
            }
            if (request->action == ApprovalAction::ResetPassword) {
                // The one-time code becomes the password until the user chooses a new one; it expires.
                auto codes = RecoveryCodes::generate(1);
                if (!codes) {
                    return codes.error();
                }
                outcome.resetCode = codes->first();
                outcome.resetCodeExpires = Clock::now().addSecs(kResetCodeHours * 3600);
                auto hash = PasswordHasher::hash(outcome.resetCode);
                if (!hash) {
                    return hash.error();
                }
                auto updated = Database::execOn(c,
                                                QStringLiteral("UPDATE staff_users SET password_hash = ?, must_change_password = ?, "
                                                               "failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?"),
                                                {*hash, true, now, request->targetUserId});
                if (!updated) {
                    return updated.error();
                }
                auto reset = Database::execOn(c,
                                              QStringLiteral("INSERT INTO password_resets (user_id, code_hash, issued_by, "
                                                             "issued_at, expires_at) VALUES (?, ?, ?, ?, ?)"),
                                              {request->targetUserId, RecoveryCodes::hash(outcome.resetCode),
                                               approver.userId, now, d.timestampValue(outcome.resetCodeExpires)});
                if (!reset) {
                    return reset.error();
                }
            }
            // Sessions of the account end: whoever holds them must sign in again.
            auto ended = Database::execOn(c, QStringLiteral("UPDATE staff_sessions SET ended_at = ? WHERE user_id = ? "
                                                            "AND ended_at IS NULL"),
                                          {now, request->targetUserId});
            if (!ended) {
                return ended.error();
            }
            break;
        }
        }
        auto decided = Database::execOn(c,
                                        QStringLiteral("UPDATE approval_requests SET decided_by = ?, decided_at = ?, "
                                                       "decision = 'approved' WHERE id = ? AND decided_at IS NULL"),
                                        {approver.userId, now, requestId});
        if (!decided) {
            return decided.error();
        }
        if (decided->numRowsAffected() != 1) {
            return Error(ErrorCode::AlreadyExists, QStringLiteral("the request was decided meanwhile"));
        }
        return AuditLog::append(c, d,
                                entryFor(approver, actionCode(request->action), request->targetUserId, before,
                                         after.isEmpty() ? json({{QStringLiteral("request"), requestId},
                                                                 {QStringLiteral("requested_by"), request->requestedByName}})
                                                         : after));
    });
    if (!status) {
        return status.error();
    }
    return outcome;
}

Status UserAdministration::reject(const StaffSession& approver, qint64 requestId, const QString& reason)
{
    if (m_server) {
        return onServer(QStringLiteral("SELECT flowlet_auth.reject_request(?, ?)"), {requestId, reason});
    }
    return m_db->transaction([&](QSqlDatabase& c) -> Status {
        auto request = loadRequest(c, requestId);
        if (!request) {
            return request.error();
        }
        const QString permission = permissionFor(request->action);
        if (!approver.permissions.contains(permission)) {
            return permissionDenied(permission);
        }
        auto decided = Database::execOn(c,
                                        QStringLiteral("UPDATE approval_requests SET decided_by = ?, decided_at = ?, "
                                                       "decision = 'rejected', reason = ? WHERE id = ? AND decided_at IS NULL"),
                                        {approver.userId == request->requestedBy ? QVariant(QMetaType(QMetaType::LongLong))
                                                                                 : QVariant(approver.userId),
                                         m_db->dialect().timestampValue(Clock::now()), reason, requestId});
        if (!decided) {
            return decided.error();
        }
        return AuditLog::append(c, m_db->dialect(),
                                entryFor(approver, QStringLiteral("approval.rejected"), request->targetUserId, {},
                                         json({{QStringLiteral("request"), requestId}, {QStringLiteral("reason"), reason}})));
    });
}

} // namespace flowlet
