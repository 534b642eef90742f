#pragma once

#include "Permissions.h"
#include "Totp.h"
#include "db/Database.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <chrono>

namespace flowlet {

// A signed-in staff member.
struct StaffSession
{
    qint64 sessionId = 0;
    qint64 userId = 0;
    QString username;
    QString displayName;
    QString roleCode;
    QSet<QString> permissions;
    QDateTime startedAt;
    bool mustChangePassword = false;

    AccessContext access() const { return AccessContext(username, permissions); }
};

// Between the password and the code: who is signing in, and what the second step must be.
// Holds the password only until the login completes (it opens the user's TOTP secret).
struct LoginAttempt
{
    qint64 userId = 0;
    QString username;
    QString password;
    bool needsEnrolment = false;
};

struct MfaEnrolment
{
    QByteArray secret;
    OtpAuthUri uri;
};

struct EnrolledLogin
{
    StaffSession session;
    QStringList recoveryCodes; // shown once, stored only hashed
};

struct NewStaffUser
{
    QString username;
    QString displayName;
    QString email;
    QString roleCode;
    QString password;
};

// Sign-in and accounts, enforced by the application (the SQLite workspace; on PostgreSQL the
// server enforces the same rules). Passwords are bcrypt; the TOTP secret is sealed under a key
// derived from the user's password, so it is useless to anyone who only has the database; a
// used code is never accepted again; five failures lock an account for fifteen minutes. Every
// attempt, success or failure, leaves an audit entry.
class AuthService final
{
public:
    static constexpr int kMaxFailures = 5;
    static constexpr int kLockoutMinutes = 15;

    explicit AuthService(DatabasePtr db);

    // True when connected to PostgreSQL as a role that cannot read the staff tables (the
    // workstation role): then every step runs through the server's flowlet_auth functions, and
    // a successful sign-in binds each of this Database's connections to the staff session.
    bool serverEnforced() const { return m_server; }

    Result<bool> hasUsers() const;
    // The first administrator of a new workspace: allowed only while there are no users.
    Result<qint64> createFirstAdmin(const NewStaffUser& user);
    // Requires users.manage; the new user must change the password and enrol MFA at first login.
    Result<qint64> createUser(const NewStaffUser& user, const StaffSession& actor);

    // Setup only, into a workspace without users: accounts with an authenticator already enrolled
    // (the demo workspace's one user per role). Returns the TOTP secret of each, in order.
    Result<QList<QByteArray>> createEnrolledUsers(const QList<NewStaffUser>& users);

    Result<LoginAttempt> beginLogin(const QString& username, const QString& password);
    Result<StaffSession> completeLogin(LoginAttempt& attempt, const QString& code);
    Result<StaffSession> completeLoginWithRecoveryCode(LoginAttempt& attempt, const QString& recoveryCode);

    Result<MfaEnrolment> startEnrolment(const LoginAttempt& attempt) const;
    Result<EnrolledLogin> confirmEnrolment(LoginAttempt& attempt, const MfaEnrolment& enrolment, const QString& code);

    Status changePassword(StaffSession& session, const QString& oldPassword, const QString& newPassword);
    // Idle lock: the password again, counted like a login attempt.
    Status unlock(const StaffSession& session, const QString& password);
    Status logout(const StaffSession& session);

    static QSet<QString> permissionsOfRole(Database& db, const QString& roleCode);

private:
    struct UserRow;
    Result<UserRow> findUser(QSqlDatabase& conn, const QString& username) const;
    Result<UserRow> loadUser(const QString& username) const;
    Status recordFailure(const UserRow& user, const QString& action, const QString& detail);
    Result<StaffSession> openSession(const UserRow& user, std::optional<qint64> usedStep, const QString& how);
    Result<qint64> insertUser(const NewStaffUser& user, bool mustChange, std::optional<qint64> actorId,
                              const QString& actorName);

    Result<StaffSession> serverSession(const QString& sql, const QVariantList& bindings, const QString& username);
    // The one wording of each sign-in refusal, by the code the server functions answer with;
    // the application path uses the same ones.
    static Error serverError(const QString& code);

    DatabasePtr m_db;
    bool m_server = false;
};

// Locks the window after a period without input. The clock is injected, so tests move time.
class IdleGuard final
{
public:
    explicit IdleGuard(std::chrono::seconds limit = std::chrono::minutes(10));
    void recordActivity();
    bool isIdle() const;
    std::chrono::seconds limit() const { return m_limit; }
    void setLimit(std::chrono::seconds limit) { m_limit = limit; }

private:
    std::chrono::seconds m_limit;
    QDateTime m_lastActivity;
};

} // namespace flowlet
