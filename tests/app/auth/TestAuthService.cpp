#include "audit/AuditLog.h"
#include "auth/AuthService.h"
#include "core/Clock.h"
#include "support/AuditTrail.h"
#include "support/TestDatabase.h"

#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

namespace {

const QString kAdminPassword = QStringLiteral("violet kettle drums at noon");
const QDateTime kStart(QDate(2026, 3, 2), QTime(9, 0, 10), QTimeZone::utc());

ManualClock* installClock()
{
    auto clock = std::make_unique<ManualClock>(kStart);
    ManualClock* raw = clock.get();
    Clock::setInstance(std::move(clock));
    return raw;
}

qint64 count(Database& db, const QString& sql, const QVariantList& bindings = {})
{
    auto q = db.exec(sql, bindings);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

} // namespace

class TestAuthService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    ManualClock* m_clock = nullptr;

    // Signs the admin in fully (enrolling on the first time) and returns the session.
    StaffSession enrolAdmin(QByteArray* secretOut = nullptr)
    {
        AuthService auth(m_db);
        auto attempt = auth.beginLogin(QStringLiteral("Admin"), kAdminPassword);
        if (!attempt) {
            qWarning("%s", qPrintable(attempt.error().message()));
            return {};
        }
        auto enrolment = auth.startEnrolment(*attempt);
        auto enrolled = auth.confirmEnrolment(*attempt, *enrolment, Totp::codeAt(enrolment->secret, Clock::now()));
        if (!enrolled) {
            qWarning("%s", qPrintable(enrolled.error().message()));
            return {};
        }
        if (secretOut) {
            *secretOut = enrolment->secret;
        }
        return enrolled->session;
    }

private Q_SLOTS:
    void init()
    {
        m_clock = installClock();
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        AuthService auth(m_db);
        auto id = auth.createFirstAdmin({QStringLiteral("admin"), QStringLiteral("Ada Admin"), QString(), QString(), kAdminPassword});
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message()));
    }
    void cleanup()
    {
        m_db.reset();
        m_tdb.reset();
        Clock::setInstance(nullptr);
    }

    void firstAdminOnlyOnce()
    {
        AuthService auth(m_db);
        auto again = auth.createFirstAdmin({QStringLiteral("mallory"), QStringLiteral("Mallory"), QString(), QString(),
                                            QStringLiteral("another long passphrase")});
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM staff_users")), qint64(1));
    }

    void enrolsThenSignsInWithTheNextCode()
    {
        QByteArray secret;
        const StaffSession first = enrolAdmin(&secret);
        QCOMPARE(first.username, QStringLiteral("admin"));
        QCOMPARE(first.roleCode, QStringLiteral("admin"));
        QVERIFY(first.permissions.contains(Permission::UsersManage));
        QVERIFY(!first.permissions.contains(Permission::TransactionsCategorize));
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM recovery_codes")), qint64(10));

        AuthService auth(m_db);
        auto attempt = auth.beginLogin(QStringLiteral("admin"), kAdminPassword);
        QVERIFY(attempt.ok());
        QVERIFY(!attempt->needsEnrolment);
        // The code that confirmed the enrolment is spent.
        auto reused = auth.completeLogin(*attempt, Totp::codeAt(secret, Clock::now()));
        QVERIFY(!reused.ok());
        QCOMPARE(reused.error().code(), ErrorCode::CodeReused);
        m_clock->advanceSeconds(30);
        auto session = auth.completeLogin(*attempt, Totp::codeAt(secret, Clock::now()));
        QVERIFY2(session.ok(), qPrintable(session.ok() ? QString() : session.error().message()));
        QVERIFY(attempt->password.isEmpty()); // not kept once the login is done
    }

    void theSecretIsSealedAndNeverLogged()
    {
        QByteArray secret;
        enrolAdmin(&secret);
        auto q = m_db->exec(QStringLiteral("SELECT secret_encrypted FROM mfa_secrets"));
        QVERIFY(q && q->next());
        const QByteArray stored = q->value(0).toByteArray();
        QVERIFY(!stored.contains(secret));
        QVERIFY(!stored.contains(Base32Marker(secret)));
        auto audit = m_db->exec(QStringLiteral("SELECT action, COALESCE(after, '') FROM audit_log"));
        while (audit && audit->next()) {
            const QString text = audit->value(1).toString();
            QVERIFY(!text.contains(kAdminPassword));
            QVERIFY(!text.contains(QString::fromLatin1(Base32Marker(secret))));
        }
    }

    void wrongPasswordIsGenericAndAudited()
    {
        AuthService auth(m_db);
        auto wrong = auth.beginLogin(QStringLiteral("admin"), QStringLiteral("not the password at all"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code(), ErrorCode::InvalidCredentials);
        auto unknown = auth.beginLogin(QStringLiteral("nobody"), kAdminPassword);
        QVERIFY2(unknown.error().code() == ErrorCode::InvalidCredentials, qPrintable(unknown.error().message()));
        QCOMPARE(unknown.error().message(), wrong.error().message()); // no hint which part was wrong
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed'")), qint64(2));
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM staff_sessions")), qint64(0));
    }

    void locksAfterFiveFailuresForFifteenMinutes()
    {
        AuthService auth(m_db);
        for (int i = 1; i <= 4; ++i) {
            QCOMPARE(auth.beginLogin(QStringLiteral("admin"), QStringLiteral("wrong wrong wrong")).error().code(),
                     ErrorCode::InvalidCredentials);
        }
        auto fifth = auth.beginLogin(QStringLiteral("admin"), QStringLiteral("wrong wrong wrong"));
        QCOMPARE(fifth.error().code(), ErrorCode::AccountLocked);
        // Locked: even the right password is refused, and says so.
        auto right = auth.beginLogin(QStringLiteral("admin"), kAdminPassword);
        QCOMPARE(right.error().code(), ErrorCode::AccountLocked);
        QVERIFY(right.error().message().contains(QStringLiteral("locked until")));
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'auth.locked_out'")), qint64(1));
        m_clock->advanceSeconds(14 * 60);
        QCOMPARE(auth.beginLogin(QStringLiteral("admin"), kAdminPassword).error().code(), ErrorCode::AccountLocked);
        m_clock->advanceSeconds(61);
        QVERIFY(auth.beginLogin(QStringLiteral("admin"), kAdminPassword).ok());
    }

    void wrongCodesCountTowardsTheLockout()
    {
        QByteArray secret;
        enrolAdmin(&secret);
        m_clock->advanceSeconds(60);
        AuthService auth(m_db);
        auto attempt = auth.beginLogin(QStringLiteral("admin"), kAdminPassword);
        QVERIFY(attempt.ok());
        const QString good = Totp::codeAt(secret, Clock::now());
        const QString bad = good == QStringLiteral("000000") ? QStringLiteral("111111") : QStringLiteral("000000");
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(auth.completeLogin(*attempt, bad).error().code(), ErrorCode::CodeRejected);
        }
        QCOMPARE(auth.completeLogin(*attempt, bad).error().code(), ErrorCode::AccountLocked);
        QCOMPARE(auth.completeLogin(*attempt, good).error().code(), ErrorCode::AccountLocked);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'auth.mfa_failed'")), qint64(5));
    }

    void recoveryCodeWorksOnce()
    {
        AuthService auth(m_db);
        auto attempt = auth.beginLogin(QStringLiteral("admin"), kAdminPassword);
        auto enrolment = auth.startEnrolment(*attempt);
        auto enrolled = auth.confirmEnrolment(*attempt, *enrolment, Totp::codeAt(enrolment->secret, Clock::now()));
        QVERIFY(enrolled.ok());
        QCOMPARE(enrolled->recoveryCodes.size(), 10);
        const QString code = enrolled->recoveryCodes.at(3);

        auto second = auth.beginLogin(QStringLiteral("admin"), kAdminPassword);
        QVERIFY(auth.completeLoginWithRecoveryCode(*second, code.toLower()).ok());
        auto third = auth.beginLogin(QStringLiteral("admin"), kAdminPassword);
        auto again = auth.completeLoginWithRecoveryCode(*third, code);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code(), ErrorCode::CodeRejected);
    }

    void disabledAccountsCannotSignIn()
    {
        QVERIFY(m_tdb->ownerExec(QStringLiteral("UPDATE staff_users SET status = 'disabled'")));
        AuthService auth(m_db);
        auto r = auth.beginLogin(QStringLiteral("admin"), kAdminPassword);
        QCOMPARE(r.error().code(), ErrorCode::AccountDisabled);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM staff_sessions")), qint64(0));
    }

    void changingThePasswordKeepsTheAuthenticator()
    {
        QByteArray secret;
        StaffSession session = enrolAdmin(&secret);
        AuthService auth(m_db);
        const QString next = QStringLiteral("amber lanterns over harbour");
        QCOMPARE(auth.changePassword(session, QStringLiteral("wrong wrong wrong"), next).error().code(),
                 ErrorCode::InvalidCredentials);
        QCOMPARE(auth.changePassword(session, kAdminPassword, QStringLiteral("short")).error().code(),
                 ErrorCode::InvalidArgument);
        QVERIFY(auth.changePassword(session, kAdminPassword, next).ok());
        QCOMPARE(auth.beginLogin(QStringLiteral("admin"), kAdminPassword).error().code(), ErrorCode::InvalidCredentials);
        m_clock->advanceSeconds(30);
        auto attempt = auth.beginLogin(QStringLiteral("admin"), next);
        QVERIFY(attempt.ok());
        QVERIFY(auth.completeLogin(*attempt, Totp::codeAt(secret, Clock::now())).ok());
    }

    void onlyUserManagersCreateUsers()
    {
        StaffSession admin = enrolAdmin();
        AuthService auth(m_db);
        auto id = auth.createUser({QStringLiteral("fiona"), QStringLiteral("Fiona Finance"), QString(),
                                   QStringLiteral("finance_analyst"), QStringLiteral("ledger lines in spring")},
                                  admin);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message()));
        StaffSession analyst;
        analyst.username = QStringLiteral("fiona");
        analyst.permissions = AuthService::permissionsOfRole(*m_db, QStringLiteral("finance_analyst"));
        auto refused = auth.createUser({QStringLiteral("eve"), QStringLiteral("Eve"), QString(), QStringLiteral("admin"),
                                        QStringLiteral("escalate my privileges")},
                                       analyst);
        QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
        // The new user must change the password and enrol at first sign-in.
        auto attempt = auth.beginLogin(QStringLiteral("fiona"), QStringLiteral("ledger lines in spring"));
        QVERIFY(attempt.ok());
        QVERIFY(attempt->needsEnrolment);
        auto enrolment = auth.startEnrolment(*attempt);
        auto enrolled = auth.confirmEnrolment(*attempt, *enrolment, Totp::codeAt(enrolment->secret, Clock::now()));
        QVERIFY(enrolled.ok());
        QVERIFY(enrolled->session.mustChangePassword);
        // Taken names and weak passwords are refused.
        QCOMPARE(auth.createUser({QStringLiteral("FIONA"), QStringLiteral("F"), QString(), QStringLiteral("auditor"),
                                  QStringLiteral("another fine passphrase")},
                                 admin)
                     .error()
                     .code(),
                 ErrorCode::AlreadyExists);
        QCOMPARE(auth.createUser({QStringLiteral("gus"), QStringLiteral("Gus"), QString(), QStringLiteral("auditor"),
                                  QStringLiteral("password123")},
                                 admin)
                     .error()
                     .code(),
                 ErrorCode::InvalidArgument);
    }

    void unlockAfterIdleNeedsThePassword()
    {
        StaffSession session = enrolAdmin();
        IdleGuard guard(std::chrono::minutes(10));
        QVERIFY(!guard.isIdle());
        m_clock->advanceSeconds(9 * 60);
        QVERIFY(!guard.isIdle());
        guard.recordActivity();
        m_clock->advanceSeconds(9 * 60);
        QVERIFY(!guard.isIdle());
        m_clock->advanceSeconds(61);
        QVERIFY(guard.isIdle());
        AuthService auth(m_db);
        QCOMPARE(auth.unlock(session, QStringLiteral("wrong wrong wrong")).error().code(), ErrorCode::InvalidCredentials);
        QVERIFY(auth.unlock(session, kAdminPassword).ok());
        QVERIFY(auth.logout(session).ok());
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM staff_sessions WHERE ended_at IS NOT NULL")), qint64(1));
    }

    void auditEntriesFormAChain()
    {
        enrolAdmin();
        AuthService auth(m_db);
        QVERIFY(!auth.beginLogin(QStringLiteral("admin"), QStringLiteral("wrong wrong wrong")).ok());
        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified.ok());
        QCOMPARE(verified->entries, qint64(4));
        QVERIFY(!verified->firstBroken);
        auto q = m_db->exec(QStringLiteral("SELECT action FROM audit_log ORDER BY id"));
        QStringList actions;
        while (q && q->next()) {
            actions << q->value(0).toString();
        }
        QCOMPARE(actions, (QStringList{QStringLiteral("user.created"), QStringLiteral("auth.mfa_enrolled"),
                                       QStringLiteral("auth.login"), QStringLiteral("auth.login_failed")}));
        // Removing an entry breaks the chain at the one after it.
        QVERIFY(!m_tdb->ownerExec(QStringLiteral("DELETE FROM audit_log WHERE action = 'auth.mfa_enrolled'")));
        QVERIFY(test::tamperWithAuditLog(*m_tdb, QStringLiteral("DELETE FROM audit_log WHERE action = 'auth.mfa_enrolled'")));
        auto broken = AuditLog::verify(*m_db);
        QVERIFY(broken.ok());
        QVERIFY(broken->firstBroken.has_value());
        auto login = m_db->exec(QStringLiteral("SELECT id FROM audit_log WHERE action = 'auth.login'"));
        QVERIFY(login && login->next());
        QCOMPARE(*broken->firstBroken, login->value(0).toLongLong());
    }

private:
    static QByteArray Base32Marker(const QByteArray& secret);
};

QByteArray TestAuthService::Base32Marker(const QByteArray& secret)
{
    return secret.toBase64().left(12);
}

QTEST_GUILESS_MAIN(TestAuthService)
#include "TestAuthService.moc"
