#include "AuthService.h"

#include "PasswordHasher.h"
#include "PasswordPolicy.h"
#include "RecoveryCodes.h"
#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "crypto/SecretBox.h"
#include "crypto/SecureRandom.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

namespace flowlet {

namespace {

const QString kIssuer = QStringLiteral("Flowlet");

// A hash with the real cost, for unknown user names: the answer takes as long as for a real one.
const QString& dummyHash()
{
    static const QString hash = PasswordHasher::hash(QStringLiteral("flowlet-timing-equaliser")).valueOr(QString());
    return hash;
}

QString normaliseUsername(const QString& username)
{
    return username.trimmed().toLower();
}

Status validUsername(const QString& username)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9._-]{2,63}$"));
    if (!re.match(username).hasMatch()) {
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("a user name has 3 to 64 letters, digits, dots, hyphens or underscores"));
    }
    return {};
}

Error invalidCredentials()
{
    // The same words for an unknown user and a wrong password: no hint which one it was.
    return {ErrorCode::InvalidCredentials, QStringLiteral("the user name or password is wrong")};
}

QString json(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

struct AuthService::UserRow
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString roleCode;
    QString passwordHash;
    QString status;
    int failedLogins = 0;
    QDateTime lockedUntil;
    bool mustChangePassword = false;
    QByteArray sealedSecret; // empty: not enrolled
    std::optional<qint64> lastUsedStep;
};

AuthService::AuthService(DatabasePtr db)
    : m_db(std::move(db))
    , m_server(m_db->actsThroughServer())
{
}

Error AuthService::serverError(const QString& code)
{
    if (code == QStringLiteral("invalid_credentials")) {
        return invalidCredentials();
    }
    if (code == QStringLiteral("account_disabled")) {
        return {ErrorCode::AccountDisabled, QStringLiteral("this account is disabled; ask an administrator")};
    }
    if (code == QStringLiteral("account_locked")) {
        return {ErrorCode::AccountLocked,
                QStringLiteral("too many failed attempts: the account is locked for %1 minutes").arg(kLockoutMinutes)};
    }
    if (code == QStringLiteral("code_reused")) {
        return {ErrorCode::CodeReused,
                QStringLiteral("this code was used already; wait for the next one in your authenticator")};
    }
    if (code == QStringLiteral("code_rejected")) {
        return {ErrorCode::CodeRejected,
                QStringLiteral("the code is wrong or expired; check the time on your phone and try the current code")};
    }
    if (code == QStringLiteral("enrolment_required")) {
        return {ErrorCode::InvalidArgument, QStringLiteral("this account has no authenticator on this server yet; enrol first")};
    }
    if (code == QStringLiteral("already_enrolled")) {
        return {ErrorCode::PermissionDenied,
                QStringLiteral("an authenticator is enrolled already; an administrator's approved reset replaces it")};
    }
    return {ErrorCode::PermissionDenied, QStringLiteral("the server refused: %1").arg(code)};
}

// Runs a server sign-in function that returns (ok, error, session_id, resume_token); on success
// every connection of this Database is bound to the new session (now and after reconnects).
Result<StaffSession> AuthService::serverSession(const QString& sql, const QVariantList& bindings, const QString& username)
{
    auto q = m_db->exec(sql, bindings);
    if (!q) {
        return q.error();
    }
    if (!q->next()) {
        return Error(ErrorCode::DatabaseQuery, QStringLiteral("the server gave no answer"));
    }
    if (!q->value(0).toBool()) {
        return serverError(q->value(1).toString());
    }
    const qint64 sessionId = q->value(2).toLongLong();
    const QString token = q->value(3).toString();
    m_db->clearConnectionHooks();
    m_db->addConnectionHook([sessionId, token](QSqlDatabase& c) -> Status {
        auto bound = Database::execOn(c, QStringLiteral("SELECT flowlet_auth.resume(?, ?)"), {sessionId, token});
        if (!bound) {
            return bound.error();
        }
        if (!bound->next() || !bound->value(0).toBool()) {
            return Error(ErrorCode::PermissionDenied, QStringLiteral("the session has ended; sign in again"));
        }
        return {};
    });
    auto me = m_db->exec(QStringLiteral("SELECT user_id, username, display_name, role_code, must_change_password, "
                                        "session_id FROM flowlet_auth.whoami()"));
    if (!me) {
        return me.error();
    }
    if (!me->next()) {
        return Error(ErrorCode::PermissionDenied, QStringLiteral("the server did not bind the session"));
    }
    StaffSession session;
    session.userId = me->value(0).toLongLong();
    session.username = me->value(1).toString();
    session.displayName = me->value(2).toString();
    session.roleCode = me->value(3).toString();
    session.mustChangePassword = me->value(4).toBool();
    session.sessionId = me->value(5).toLongLong();
    session.permissions = permissionsOfRole(*m_db, session.roleCode);
    session.startedAt = Clock::now();
    qCInfo(lcAuth) << "signed in through the server:" << username << "as" << session.roleCode;
    return session;
}

Result<bool> AuthService::hasUsers() const
{
    auto q = m_db->exec(m_server ? QStringLiteral("SELECT CASE WHEN flowlet_auth.has_users() THEN 1 ELSE 0 END")
                                 : QStringLiteral("SELECT count(*) FROM staff_users"));
    if (!q) {
        return q.error();
    }
    q->next();
    return q->value(0).toLongLong() > 0;
}

QSet<QString> AuthService::permissionsOfRole(Database& db, const QString& roleCode)
{
    QSet<QString> out;
    auto q = db.exec(QStringLiteral("SELECT rp.permission_code FROM role_permissions rp JOIN roles r ON r.id = rp.role_id "
                                    "WHERE r.code = ?"),
                     {roleCode});
    while (q && q->next()) {
        out.insert(q->value(0).toString());
    }
    return out;
}

Result<AuthService::UserRow> AuthService::findUser(QSqlDatabase& conn, const QString& username) const
{
    const SqlDialect& d = m_db->dialect();
    auto q = Database::execOn(conn,
                              QStringLiteral("SELECT u.id, u.username, u.display_name, r.code, u.password_hash, u.status, "
                                             "u.failed_logins, u.locked_until, u.must_change_password, "
                                             "m.secret_encrypted, m.last_used_step, m.confirmed "
                                             "FROM staff_users u JOIN roles r ON r.id = u.role_id "
                                             "LEFT JOIN mfa_secrets m ON m.user_id = u.id WHERE u.username = ?"),
                              {username});
    if (!q) {
        return q.error();
    }
    if (!q->next()) {
        return Error(ErrorCode::NotFound, QStringLiteral("no such user"));
    }
    UserRow u;
    u.id = q->value(0).toLongLong();
    u.username = q->value(1).toString();
    u.displayName = q->value(2).toString();
    u.roleCode = q->value(3).toString();
    u.passwordHash = q->value(4).toString();
    u.status = q->value(5).toString();
    u.failedLogins = q->value(6).toInt();
    u.lockedUntil = d.timestampFrom(q->value(7));
    u.mustChangePassword = q->value(8).toBool();
    if (q->value(11).toBool()) {
        u.sealedSecret = q->value(9).toByteArray();
        if (!q->value(10).isNull()) {
            u.lastUsedStep = q->value(10).toLongLong();
        }
    }
    return u;
}

Result<AuthService::UserRow> AuthService::loadUser(const QString& username) const
{
    auto conn = m_db->connection();
    if (!conn) {
        return conn.error();
    }
    return findUser(*conn, username);
}

Result<qint64> AuthService::insertUser(const NewStaffUser& user, bool mustChange, std::optional<qint64> actorId,
                                       const QString& actorName)
{
    const QString username = normaliseUsername(user.username);
    if (auto s = validUsername(username); !s) {
        return s.error();
    }
    if (user.displayName.trimmed().isEmpty()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the display name is empty"));
    }
    if (auto s = PasswordPolicy::check(user.password, username); !s) {
        return s.error();
    }
    auto hash = PasswordHasher::hash(user.password);
    if (!hash) {
        return hash.error();
    }
    if (m_server) {
        // The server checks the creator's permission and writes the audit entry itself.
        auto created = m_db->exec(QStringLiteral("SELECT flowlet_auth.create_user(?, ?, ?, ?, ?)"),
                                  {username, user.displayName.trimmed(), user.email.trimmed(), user.roleCode, *hash});
        if (!created) {
            return created.error();
        }
        created->next();
        return created->value(0).toLongLong();
    }
    qint64 id = 0;
    const SqlDialect& d = m_db->dialect();
    auto status = m_db->transaction([&](QSqlDatabase& conn) -> Status {
        auto role = Database::execOn(conn, QStringLiteral("SELECT id FROM roles WHERE code = ?"), {user.roleCode});
        if (!role) {
            return role.error();
        }
        if (!role->next()) {
            return Error(ErrorCode::InvalidArgument, QStringLiteral("there is no role '%1'").arg(user.roleCode));
        }
        auto existing = Database::execOn(conn, QStringLiteral("SELECT 1 FROM staff_users WHERE username = ?"), {username});
        if (!existing) {
            return existing.error();
        }
        if (existing->next()) {
            return Error(ErrorCode::AlreadyExists, QStringLiteral("the user name '%1' is taken").arg(username));
        }
        auto inserted = Database::execOn(
            conn,
            QStringLiteral("INSERT INTO staff_users (username, display_name, email, role_id, password_hash, "
                           "password_changed_at, must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            {username, user.displayName.trimmed(), user.email.trimmed(), role->value(0), *hash,
             d.timestampValue(Clock::now()), mustChange});
        if (!inserted) {
            return inserted.error();
        }
        inserted->next();
        id = inserted->value(0).toLongLong();
        return AuditLog::append(conn, d,
                                {actorId, actorName, AuditLog::workstationName(), std::nullopt,
                                 QStringLiteral("user.created"), QStringLiteral("staff_user"), QString::number(id), {},
                                 json({{QStringLiteral("username"), username},
                                       {QStringLiteral("display_name"), user.displayName.trimmed()},
                                       {QStringLiteral("role"), user.roleCode}})});
    });
    if (!status) {
        return status.error();
    }
    qCInfo(lcAuth) << "created staff user" << username << "with role" << user.roleCode;
    return id;
}

Result<qint64> AuthService::createFirstAdmin(const NewStaffUser& user)
{
    auto any = hasUsers();
    if (!any) {
        return any.error();
    }
    if (*any) {
        return Error(ErrorCode::PermissionDenied,
                     QStringLiteral("the workspace has users already; an administrator creates new ones"));
    }
    NewStaffUser admin = user;
    admin.roleCode = QStringLiteral("admin");
    return insertUser(admin, false, std::nullopt, QStringLiteral("setup"));
}

Result<qint64> AuthService::createUser(const NewStaffUser& user, const StaffSession& actor)
{
    if (!actor.permissions.contains(Permission::UsersManage)) {
        return Error(ErrorCode::PermissionDenied, QStringLiteral("creating users needs the users.manage permission"));
    }
    return insertUser(user, true, actor.userId, actor.username);
}

Result<QList<QByteArray>> AuthService::createEnrolledUsers(const QList<NewStaffUser>& users)
{
    auto any = hasUsers();
    if (!any) {
        return any.error();
    }
    if (*any) {
        return Error(ErrorCode::PermissionDenied, QStringLiteral("the workspace has users already"));
    }
    QList<QByteArray> secrets;
    for (const NewStaffUser& user : users) {
        auto id = insertUser(user, false, std::nullopt, QStringLiteral("setup"));
        if (!id) {
            return id.error();
        }
        auto secret = Totp::generateSecret();
        if (!secret) {
            return secret.error();
        }
        auto sealed = SecretBox::sealWithPassword(*secret, user.password);
        if (!sealed) {
            return sealed.error();
        }
        auto stored = m_db->exec(QStringLiteral("INSERT INTO mfa_secrets (user_id, secret_encrypted, confirmed, enrolled_at) "
                                                "VALUES (?, ?, ?, ?)"),
                                 {*id, *sealed, true, m_db->dialect().timestampValue(Clock::now())});
        if (!stored) {
            return stored.error();
        }
        secrets << *secret;
    }
    return secrets;
}

Status AuthService::recordFailure(const UserRow& user, const QString& action, const QString& detail)
{
    const SqlDialect& d = m_db->dialect();
    const int failures = user.failedLogins + 1;
    const bool lock = failures >= kMaxFailures;
    const QDateTime until = Clock::now().addSecs(kLockoutMinutes * 60);
    return m_db->transaction([&](QSqlDatabase& conn) -> Status {
        auto updated = lock ? Database::execOn(conn,
                                               QStringLiteral("UPDATE staff_users SET failed_logins = 0, locked_until = ? "
                                                              "WHERE id = ?"),
                                               {d.timestampValue(until), user.id})
                            : Database::execOn(conn, QStringLiteral("UPDATE staff_users SET failed_logins = ? WHERE id = ?"),
                                               {failures, user.id});
        if (!updated) {
            return updated.error();
        }
        if (auto s = AuditLog::append(conn, d,
                                      {user.id, user.username, AuditLog::workstationName(), std::nullopt, action,
                                       QStringLiteral("staff_user"), QString::number(user.id), {},
                                       json({{QStringLiteral("reason"), detail},
                                             {QStringLiteral("failures"), failures}})});
            !s) {
            return s;
        }
        if (lock) {
            return AuditLog::append(conn, d,
                                    {user.id, user.username, AuditLog::workstationName(), std::nullopt,
                                     QStringLiteral("auth.locked_out"), QStringLiteral("staff_user"),
                                     QString::number(user.id), {},
                                     json({{QStringLiteral("until"), until.toString(Qt::ISODate)}})});
        }
        return {};
    });
}

Result<LoginAttempt> AuthService::beginLogin(const QString& usernameText, const QString& password)
{
    const QString username = normaliseUsername(usernameText);
    if (m_server) {
        auto q = m_db->exec(QStringLiteral("SELECT ok, error, needs_enrolment FROM flowlet_auth.check_password(?, ?, ?)"),
                            {username, password, AuditLog::workstationName()});
        if (!q) {
            return q.error();
        }
        if (!q->next() || !q->value(0).toBool()) {
            return serverError(q->isValid() ? q->value(1).toString() : QStringLiteral("invalid_credentials"));
        }
        LoginAttempt attempt;
        attempt.username = username;
        attempt.password = password;
        attempt.needsEnrolment = q->value(2).toBool();
        return attempt;
    }
    auto conn = m_db->connection();
    if (!conn) {
        return conn.error();
    }
    auto user = findUser(*conn, username);
    if (!user) {
        if (user.error().code() != ErrorCode::NotFound) {
            return user.error();
        }
        PasswordHasher::verify(password, dummyHash());
        auto s = m_db->transaction([&](QSqlDatabase& c) {
            return AuditLog::append(c, m_db->dialect(),
                                    {std::nullopt, username.left(64), AuditLog::workstationName(), std::nullopt,
                                     QStringLiteral("auth.login_failed"), QStringLiteral("staff_user"), QString(), {},
                                     json({{QStringLiteral("reason"), QStringLiteral("unknown user")}})});
        });
        if (!s) {
            return s.error();
        }
        return invalidCredentials();
    }
    const QDateTime now = Clock::now();
    if (user->status != QStringLiteral("active")) {
        if (auto s = recordFailure(*user, QStringLiteral("auth.login_failed"), QStringLiteral("account disabled")); !s) {
            return s.error();
        }
        return serverError(QStringLiteral("account_disabled"));
    }
    if (user->lockedUntil.isValid() && user->lockedUntil > now) {
        auto s = m_db->transaction([&](QSqlDatabase& c) {
            return AuditLog::append(c, m_db->dialect(),
                                    {user->id, user->username, AuditLog::workstationName(), std::nullopt,
                                     QStringLiteral("auth.login_failed"), QStringLiteral("staff_user"),
                                     QString::number(user->id), {},
                                     json({{QStringLiteral("reason"), QStringLiteral("account locked")}})});
        });
        if (!s) {
            return s.error();
        }
        return Error(ErrorCode::AccountLocked,
                     QStringLiteral("too many failed attempts: the account is locked until %1")
                         .arg(QLocale().toString(user->lockedUntil.toLocalTime().time(), QLocale::ShortFormat)));
    }
    if (!PasswordHasher::verify(password, user->passwordHash)) {
        if (auto s = recordFailure(*user, QStringLiteral("auth.login_failed"), QStringLiteral("wrong password")); !s) {
            return s.error();
        }
        if (user->failedLogins + 1 >= kMaxFailures) {
            return serverError(QStringLiteral("account_locked"));
        }
        return invalidCredentials();
    }
    if (user->mustChangePassword) {
        // After an administrator's reset the password is a one-time code, valid for a day.
        auto reset = Database::execOn(*conn,
                                      QStringLiteral("SELECT expires_at FROM password_resets WHERE user_id = ? AND used_at IS NULL "
                                                     "ORDER BY issued_at DESC LIMIT 1"),
                                      {user->id});
        if (reset && reset->next() && m_db->dialect().timestampFrom(reset->value(0)) < now) {
            return Error(ErrorCode::PermissionDenied,
                         QStringLiteral("the one-time reset code has expired; ask an administrator for a new one"));
        }
    }
    LoginAttempt attempt;
    attempt.userId = user->id;
    attempt.username = user->username;
    attempt.password = password;
    attempt.needsEnrolment = user->sealedSecret.isEmpty();
    return attempt;
}

Result<StaffSession> AuthService::openSession(const UserRow& user, std::optional<qint64> usedStep, const QString& how)
{
    const SqlDialect& d = m_db->dialect();
    const QDateTime now = Clock::now();
    auto token = SecureRandom::bytes(32);
    if (!token) {
        return token.error();
    }
    StaffSession session;
    auto status = m_db->transaction([&](QSqlDatabase& conn) -> Status {
        if (usedStep) {
            // The replay guard: only a later step than this one will be accepted from now on.
            auto step = Database::execOn(conn, QStringLiteral("UPDATE mfa_secrets SET last_used_step = ? WHERE user_id = ?"),
                                         {*usedStep, user.id});
            if (!step) {
                return step.error();
            }
        }
        auto updated = Database::execOn(conn,
                                        QStringLiteral("UPDATE staff_users SET failed_logins = 0, locked_until = NULL, "
                                                       "last_login_at = ? WHERE id = ?"),
                                        {d.timestampValue(now), user.id});
        if (!updated) {
            return updated.error();
        }
        auto inserted = Database::execOn(
            conn,
            QStringLiteral("INSERT INTO staff_sessions (user_id, token_hash, workstation, created_at, last_seen_at, expires_at) "
                           "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
            {user.id, QString::fromLatin1(QCryptographicHash::hash(*token, QCryptographicHash::Sha256).toHex()),
             AuditLog::workstationName(), d.timestampValue(now), d.timestampValue(now),
             d.timestampValue(now.addSecs(12 * 3600))});
        if (!inserted) {
            return inserted.error();
        }
        inserted->next();
        session.sessionId = inserted->value(0).toLongLong();
        return AuditLog::append(conn, d,
                                {user.id, user.username, AuditLog::workstationName(), std::nullopt,
                                 QStringLiteral("auth.login"), QStringLiteral("staff_session"),
                                 QString::number(session.sessionId), {}, json({{QStringLiteral("method"), how}})});
    });
    if (!status) {
        return status.error();
    }
    session.userId = user.id;
    session.username = user.username;
    session.displayName = user.displayName;
    session.roleCode = user.roleCode;
    session.permissions = permissionsOfRole(*m_db, user.roleCode);
    session.startedAt = now;
    session.mustChangePassword = user.mustChangePassword;
    qCInfo(lcAuth) << "signed in:" << user.username << "as" << user.roleCode;
    return session;
}

Result<StaffSession> AuthService::completeLogin(LoginAttempt& attempt, const QString& code)
{
    if (m_server) {
        auto session = serverSession(QStringLiteral("SELECT ok, error, session_id, resume_token FROM flowlet_auth.login(?, ?, ?, ?)"),
                                     {attempt.username, attempt.password, code, AuditLog::workstationName()},
                                     attempt.username);
        if (session) {
            attempt.password.clear();
        }
        return session;
    }
    auto user = loadUser(attempt.username);
    if (!user) {
        return user.error();
    }
    if (user->sealedSecret.isEmpty()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("this account has no authenticator yet; enrol first"));
    }
    if (user->lockedUntil.isValid() && user->lockedUntil > Clock::now()) {
        return Error(ErrorCode::AccountLocked, QStringLiteral("too many failed attempts: the account is locked"));
    }
    auto secret = SecretBox::openWithPassword(user->sealedSecret, attempt.password);
    if (!secret) {
        return invalidCredentials();
    }
    const Totp::Verdict verdict = Totp::verify(*secret, code, Clock::now(), user->lastUsedStep);
    if (!verdict.accepted()) {
        const bool reused = verdict.rejection == Totp::Rejection::Reused;
        if (auto s = recordFailure(*user, QStringLiteral("auth.mfa_failed"),
                                   reused ? QStringLiteral("code reused") : QStringLiteral("wrong code"));
            !s) {
            return s.error();
        }
        if (user->failedLogins + 1 >= kMaxFailures) {
            return serverError(QStringLiteral("account_locked"));
        }
        if (reused) {
            return serverError(QStringLiteral("code_reused"));
        }
        return serverError(QStringLiteral("code_rejected"));
    }
    auto session = openSession(*user, verdict.step, QStringLiteral("password+totp"));
    attempt.password.fill(u'\0');
    attempt.password.clear();
    return session;
}

Result<StaffSession> AuthService::completeLoginWithRecoveryCode(LoginAttempt& attempt, const QString& recoveryCode)
{
    if (m_server) {
        auto session = serverSession(
            QStringLiteral("SELECT ok, error, session_id, resume_token FROM flowlet_auth.login_with_recovery_code(?, ?, ?, ?)"),
            {attempt.username, attempt.password, RecoveryCodes::hash(recoveryCode), AuditLog::workstationName()},
            attempt.username);
        if (session) {
            attempt.password.clear();
        } else if (session.error().code() == ErrorCode::CodeRejected) {
            return Error(ErrorCode::CodeRejected, QStringLiteral("the recovery code is wrong or was used already"));
        }
        return session;
    }
    auto user = loadUser(attempt.username);
    if (!user) {
        return user.error();
    }
    auto codes = m_db->exec(QStringLiteral("SELECT id, code_hash FROM recovery_codes WHERE user_id = ? AND used_at IS NULL"),
                            {user->id});
    if (!codes) {
        return codes.error();
    }
    std::optional<qint64> matched;
    while (codes->next()) {
        if (RecoveryCodes::matches(recoveryCode, codes->value(1).toString())) {
            matched = codes->value(0).toLongLong();
        }
    }
    if (!matched) {
        if (auto s = recordFailure(*user, QStringLiteral("auth.mfa_failed"), QStringLiteral("wrong recovery code")); !s) {
            return s.error();
        }
        return Error(ErrorCode::CodeRejected, QStringLiteral("the recovery code is wrong or was used already"));
    }
    auto used = m_db->exec(QStringLiteral("UPDATE recovery_codes SET used_at = ? WHERE id = ? AND used_at IS NULL"),
                           {m_db->dialect().timestampValue(Clock::now()), *matched});
    if (!used) {
        return used.error();
    }
    if (used->numRowsAffected() != 1) {
        return Error(ErrorCode::CodeReused, QStringLiteral("the recovery code was used already"));
    }
    auto session = openSession(*user, std::nullopt, QStringLiteral("password+recovery_code"));
    attempt.password.clear();
    return session;
}

Result<MfaEnrolment> AuthService::startEnrolment(const LoginAttempt& attempt) const
{
    auto secret = Totp::generateSecret();
    if (!secret) {
        return secret.error();
    }
    MfaEnrolment e;
    e.secret = *secret;
    e.uri.issuer = kIssuer;
    e.uri.account = attempt.username;
    e.uri.secret = *secret;
    return e;
}

Result<EnrolledLogin> AuthService::confirmEnrolment(LoginAttempt& attempt, const MfaEnrolment& enrolment,
                                                    const QString& code)
{
    if (m_server) {
        auto session = serverSession(
            QStringLiteral("SELECT ok, error, session_id, resume_token FROM flowlet_auth.enrol_and_login(?, ?, ?, ?, ?)"),
            {attempt.username, attempt.password, enrolment.secret, code, AuditLog::workstationName()}, attempt.username);
        if (!session) {
            return session.error();
        }
        auto codes = RecoveryCodes::generate();
        if (!codes) {
            return codes.error();
        }
        QStringList hashes;
        for (const QString& c : *codes) {
            hashes << RecoveryCodes::hash(c);
        }
        auto stored = m_db->exec(QStringLiteral("SELECT flowlet_auth.set_recovery_codes(CAST(? AS text[]))"),
                                 {u'{' + hashes.join(u',') + u'}'});
        if (!stored) {
            return stored.error();
        }
        attempt.password.clear();
        attempt.needsEnrolment = false;
        return EnrolledLogin{*session, *codes};
    }
    auto user = loadUser(attempt.username);
    if (!user) {
        return user.error();
    }
    const Totp::Verdict verdict = Totp::verify(enrolment.secret, code, Clock::now(), std::nullopt);
    if (!verdict.accepted()) {
        return Error(ErrorCode::CodeRejected,
                     QStringLiteral("the code does not match; scan the QR code again and enter the code it shows now"));
    }
    auto sealed = SecretBox::sealWithPassword(enrolment.secret, attempt.password);
    if (!sealed) {
        return sealed.error();
    }
    auto codes = RecoveryCodes::generate();
    if (!codes) {
        return codes.error();
    }
    const SqlDialect& d = m_db->dialect();
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        for (const QString& sql : {QStringLiteral("DELETE FROM mfa_secrets WHERE user_id = ?"),
                                   QStringLiteral("DELETE FROM recovery_codes WHERE user_id = ?")}) {
            if (auto r = Database::execOn(c, sql, {user->id}); !r) {
                return r.error();
            }
        }
        auto stored = Database::execOn(c,
                                       QStringLiteral("INSERT INTO mfa_secrets (user_id, secret_encrypted, confirmed, "
                                                      "enrolled_at, last_used_step) VALUES (?, ?, ?, ?, ?)"),
                                       {user->id, *sealed, true, d.timestampValue(Clock::now()), *verdict.step});
        if (!stored) {
            return stored.error();
        }
        for (const QString& rc : *codes) {
            auto r = Database::execOn(c, QStringLiteral("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)"),
                                      {user->id, RecoveryCodes::hash(rc)});
            if (!r) {
                return r.error();
            }
        }
        return AuditLog::append(c, d,
                                {user->id, user->username, AuditLog::workstationName(), std::nullopt,
                                 QStringLiteral("auth.mfa_enrolled"), QStringLiteral("staff_user"),
                                 QString::number(user->id), {}, {}});
    });
    if (!status) {
        return status.error();
    }
    // The confirming code counts as used: a login right after must wait for the next one.
    auto session = openSession(*user, std::nullopt, QStringLiteral("password+totp_enrolment"));
    if (!session) {
        return session.error();
    }
    attempt.password.clear();
    attempt.needsEnrolment = false;
    return EnrolledLogin{*session, *codes};
}

Status AuthService::changePassword(StaffSession& session, const QString& oldPassword, const QString& newPassword)
{
    if (m_server) {
        if (oldPassword == newPassword) {
            return Error(ErrorCode::InvalidArgument, QStringLiteral("the new password must differ from the current one"));
        }
        if (auto s = PasswordPolicy::check(newPassword, session.username); !s) {
            return s;
        }
        auto hash = PasswordHasher::hash(newPassword);
        if (!hash) {
            return hash.error();
        }
        auto q = m_db->exec(QStringLiteral("SELECT flowlet_auth.change_password(?, ?, ?)"), {oldPassword, newPassword, *hash});
        if (!q) {
            return q.error();
        }
        if (q->next() && !q->value(0).isNull()) {
            return q->value(0).toString() == QStringLiteral("invalid_credentials")
                ? Error(ErrorCode::InvalidCredentials, QStringLiteral("the current password is wrong"))
                : serverError(q->value(0).toString());
        }
        session.mustChangePassword = false;
        return {};
    }
    auto user = loadUser(session.username);
    if (!user) {
        return user.error();
    }
    if (!PasswordHasher::verify(oldPassword, user->passwordHash)) {
        if (auto s = recordFailure(*user, QStringLiteral("auth.password_change_failed"),
                                   QStringLiteral("wrong current password"));
            !s) {
            return s;
        }
        return Error(ErrorCode::InvalidCredentials, QStringLiteral("the current password is wrong"));
    }
    if (oldPassword == newPassword) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the new password must differ from the current one"));
    }
    if (auto s = PasswordPolicy::check(newPassword, session.username); !s) {
        return s;
    }
    auto hash = PasswordHasher::hash(newPassword);
    if (!hash) {
        return hash.error();
    }
    QByteArray resealed;
    if (!user->sealedSecret.isEmpty()) {
        auto secret = SecretBox::openWithPassword(user->sealedSecret, oldPassword);
        if (!secret) {
            return secret.error();
        }
        auto sealed = SecretBox::sealWithPassword(*secret, newPassword);
        if (!sealed) {
            return sealed.error();
        }
        resealed = *sealed;
    }
    const SqlDialect& d = m_db->dialect();
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        auto updated = Database::execOn(c,
                                        QStringLiteral("UPDATE staff_users SET password_hash = ?, password_changed_at = ?, "
                                                       "must_change_password = ?, updated_at = ? WHERE id = ?"),
                                        {*hash, d.timestampValue(Clock::now()), false, d.timestampValue(Clock::now()),
                                         user->id});
        if (!updated) {
            return updated.error();
        }
        if (!resealed.isEmpty()) {
            auto r = Database::execOn(c, QStringLiteral("UPDATE mfa_secrets SET secret_encrypted = ? WHERE user_id = ?"),
                                      {resealed, user->id});
            if (!r) {
                return r.error();
            }
        }
        auto used = Database::execOn(c, QStringLiteral("UPDATE password_resets SET used_at = ? WHERE user_id = ? "
                                                       "AND used_at IS NULL"),
                                     {d.timestampValue(Clock::now()), user->id});
        if (!used) {
            return used.error();
        }
        return AuditLog::append(c, d,
                                {user->id, user->username, AuditLog::workstationName(), std::nullopt,
                                 QStringLiteral("auth.password_changed"), QStringLiteral("staff_user"),
                                 QString::number(user->id), {}, {}});
    });
    if (status) {
        session.mustChangePassword = false;
    }
    return status;
}

Status AuthService::unlock(const StaffSession& session, const QString& password)
{
    if (m_server) {
        auto q = m_db->exec(QStringLiteral("SELECT ok, error FROM flowlet_auth.check_password(?, ?, ?)"),
                            {session.username, password, AuditLog::workstationName()});
        if (!q) {
            return q.error();
        }
        if (!q->next() || !q->value(0).toBool()) {
            const QString code = q->isValid() ? q->value(1).toString() : QString();
            return code == QStringLiteral("account_locked") ? serverError(code)
                                                           : Error(ErrorCode::InvalidCredentials, QStringLiteral("the password is wrong"));
        }
        return {};
    }
    auto user = loadUser(session.username);
    if (!user) {
        return user.error();
    }
    if (user->lockedUntil.isValid() && user->lockedUntil > Clock::now()) {
        return Error(ErrorCode::AccountLocked, QStringLiteral("too many failed attempts: the account is locked"));
    }
    if (!PasswordHasher::verify(password, user->passwordHash)) {
        if (auto s = recordFailure(*user, QStringLiteral("auth.unlock_failed"), QStringLiteral("wrong password")); !s) {
            return s;
        }
        return Error(ErrorCode::InvalidCredentials, QStringLiteral("the password is wrong"));
    }
    return m_db->transaction([&](QSqlDatabase& c) {
        return AuditLog::append(c, m_db->dialect(),
                                {user->id, user->username, AuditLog::workstationName(), std::nullopt,
                                 QStringLiteral("auth.unlocked"), QStringLiteral("staff_session"),
                                 QString::number(session.sessionId), {}, {}});
    });
}

Status AuthService::logout(const StaffSession& session)
{
    if (m_server) {
        auto q = m_db->exec(QStringLiteral("SELECT flowlet_auth.logout()"));
        m_db->clearConnectionHooks();
        return q ? Status() : Status(q.error());
    }
    const SqlDialect& d = m_db->dialect();
    return m_db->transaction([&](QSqlDatabase& c) -> Status {
        auto ended = Database::execOn(c, QStringLiteral("UPDATE staff_sessions SET ended_at = ? WHERE id = ?"),
                                      {d.timestampValue(Clock::now()), session.sessionId});
        if (!ended) {
            return ended.error();
        }
        return AuditLog::append(c, d,
                                {session.userId, session.username, AuditLog::workstationName(), std::nullopt,
                                 QStringLiteral("auth.logout"), QStringLiteral("staff_session"),
                                 QString::number(session.sessionId), {}, {}});
    });
}

IdleGuard::IdleGuard(std::chrono::seconds limit)
    : m_limit(limit)
    , m_lastActivity(Clock::now())
{
}

void IdleGuard::recordActivity()
{
    m_lastActivity = Clock::now();
}

bool IdleGuard::isIdle() const
{
    return m_lastActivity.secsTo(Clock::now()) >= m_limit.count();
}

} // namespace flowlet
