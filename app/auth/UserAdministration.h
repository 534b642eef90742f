#pragma once

#include "AuthService.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace flowlet {

struct StaffUserInfo
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString email;
    QString roleCode;
    QString roleName;
    QString status;
    QDateTime lastLogin;
    QDateTime lockedUntil;
    int failedLogins = 0;
    bool mfaEnrolled = false;
    bool mustChangePassword = false;
};

enum class ApprovalAction { ChangeRole, ResetMfa, ResetPassword };

struct ApprovalRequest
{
    qint64 id = 0;
    ApprovalAction action = ApprovalAction::ChangeRole;
    qint64 targetUserId = 0;
    QString targetUsername;
    QString newRole; // ChangeRole only
    qint64 requestedBy = 0;
    QString requestedByName;
    QDateTime requestedAt;
};

struct ApprovalOutcome
{
    ApprovalAction action = ApprovalAction::ChangeRole;
    QString targetUsername;
    QString resetCode; // ResetPassword: the one-time code to hand to the user, shown once
    QDateTime resetCodeExpires;
};

// The administrator's work on staff accounts. Everyday actions (create, disable, unlock) take
// users.manage; the high-risk ones — a role change, an MFA reset, a password reset — are only
// requested here and take effect when a second person with the same permission approves them
// (four-eyes). Nobody approves their own request or a change to their own account. Over the
// PostgreSQL workstation role the server's flowlet_auth functions apply the same rules.
class UserAdministration final
{
public:
    static constexpr int kResetCodeHours = 24;

    explicit UserAdministration(DatabasePtr db);

    Result<QList<StaffUserInfo>> users(const StaffSession& actor) const;
    Status setDisabled(const StaffSession& actor, qint64 userId, bool disabled);
    Status clearLockout(const StaffSession& actor, qint64 userId);

    Result<qint64> requestRoleChange(const StaffSession& actor, qint64 userId, const QString& roleCode);
    Result<qint64> requestMfaReset(const StaffSession& actor, qint64 userId);
    Result<qint64> requestPasswordReset(const StaffSession& actor, qint64 userId);

    Result<QList<ApprovalRequest>> pendingApprovals(const StaffSession& actor) const;
    Result<ApprovalOutcome> approve(const StaffSession& approver, qint64 requestId);
    Status reject(const StaffSession& approver, qint64 requestId, const QString& reason);

    static QString permissionFor(ApprovalAction action);
    static QString actionName(ApprovalAction action);

private:
    Result<qint64> request(const StaffSession& actor, ApprovalAction action, qint64 userId, const QString& newRole);
    Result<ApprovalRequest> loadRequest(QSqlDatabase& conn, qint64 requestId) const;
    Status onServer(const QString& sql, const QVariantList& bindings);

    DatabasePtr m_db;
    bool m_server = false; // over the workstation role: the flowlet_auth functions do the work
};

} // namespace flowlet
