#include "auth/UserAdministration.h"
#include "core/Clock.h"
#include "support/Sessions.h"
#include "support/TestDatabase.h"

#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

namespace {
const QString kPassword = QStringLiteral("correct lamp under stairs");

qint64 count(Database& db, const QString& sql)
{
    auto q = db.exec(sql);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}
} // namespace

class TestUserAdministration : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    ManualClock* m_clock = nullptr;
    StaffSession m_alice; // admin
    StaffSession m_bob;   // admin
    StaffSession m_fred;  // finance analyst

    StaffSession sessionOf(const QString& username) { return test::sessionOf(m_db, username); }

    QString roleOf(const QString& username)
    {
        return sessionOf(username).roleCode;
    }

private Q_SLOTS:
    void init()
    {
        auto clock = std::make_unique<ManualClock>(QDateTime(QDate(2026, 6, 1), QTime(10, 0), QTimeZone::utc()));
        m_clock = clock.get();
        Clock::setInstance(std::move(clock));
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        auto made = AuthService(m_db).createEnrolledUsers(
            {{QStringLiteral("alice"), QStringLiteral("Alice"), {}, QStringLiteral("admin"), kPassword},
             {QStringLiteral("bob"), QStringLiteral("Bob"), {}, QStringLiteral("admin"), kPassword},
             {QStringLiteral("fred"), QStringLiteral("Fred"), {}, QStringLiteral("finance_analyst"), kPassword}});
        QVERIFY(made.ok());
        m_alice = sessionOf(QStringLiteral("alice"));
        m_bob = sessionOf(QStringLiteral("bob"));
        m_fred = sessionOf(QStringLiteral("fred"));
    }
    void cleanup()
    {
        m_db.reset();
        m_tdb.reset();
        Clock::setInstance(nullptr);
    }

    void listsUsersForThoseWhoMayReadThem()
    {
        UserAdministration admin(m_db);
        auto users = admin.users(m_alice);
        QVERIFY(users.ok());
        QCOMPARE(users->size(), 3);
        QCOMPARE(users->at(2).username, QStringLiteral("fred"));
        QCOMPARE(users->at(2).roleCode, QStringLiteral("finance_analyst"));
        QVERIFY(users->at(2).mfaEnrolled);
        QCOMPARE(admin.users(m_fred).error().code(), ErrorCode::PermissionDenied);
    }

    void disablingEndsSignInButNotForOneself()
    {
        UserAdministration admin(m_db);
        QCOMPARE(admin.setDisabled(m_alice, m_alice.userId, true).error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(admin.setDisabled(m_fred, m_bob.userId, true).error().code(), ErrorCode::PermissionDenied);
        QVERIFY(admin.setDisabled(m_alice, m_fred.userId, true).ok());
        QCOMPARE(AuthService(m_db).beginLogin(QStringLiteral("fred"), kPassword).error().code(), ErrorCode::AccountDisabled);
        QVERIFY(admin.setDisabled(m_alice, m_fred.userId, false).ok());
        QVERIFY(AuthService(m_db).beginLogin(QStringLiteral("fred"), kPassword).ok());
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action IN ('user.disabled', 'user.enabled')")),
                 qint64(2));
    }

    void roleChangeNeedsASecondPerson()
    {
        UserAdministration admin(m_db);
        auto id = admin.requestRoleChange(m_alice, m_fred.userId, QStringLiteral("auditor"));
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message()));
        QCOMPARE(roleOf(QStringLiteral("fred")), QStringLiteral("finance_analyst")); // nothing happens yet
        QCOMPARE(admin.requestRoleChange(m_bob, m_fred.userId, QStringLiteral("admin")).error().code(),
                 ErrorCode::AlreadyExists);

        auto pending = admin.pendingApprovals(m_bob);
        QVERIFY(pending.ok());
        QCOMPARE(pending->size(), 1);
        QCOMPARE(pending->first().requestedByName, QStringLiteral("alice"));
        QCOMPARE(pending->first().newRole, QStringLiteral("auditor"));

        QCOMPARE(admin.approve(m_alice, *id).error().code(), ErrorCode::PermissionDenied); // own request
        QCOMPARE(admin.approve(m_fred, *id).error().code(), ErrorCode::PermissionDenied);  // no permission
        auto approved = admin.approve(m_bob, *id);
        QVERIFY2(approved.ok(), qPrintable(approved.ok() ? QString() : approved.error().message()));
        QCOMPARE(roleOf(QStringLiteral("fred")), QStringLiteral("auditor"));
        QCOMPARE(admin.approve(m_bob, *id).error().code(), ErrorCode::AlreadyExists);
        QVERIFY(admin.pendingApprovals(m_bob)->isEmpty());
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'role.change'")), qint64(1));
    }

    void nobodyApprovesAChangeToTheirOwnAccount()
    {
        UserAdministration admin(m_db);
        auto id = admin.requestRoleChange(m_bob, m_alice.userId, QStringLiteral("auditor"));
        QVERIFY(id.ok());
        QCOMPARE(admin.approve(m_alice, *id).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(roleOf(QStringLiteral("alice")), QStringLiteral("admin"));
        QVERIFY(admin.reject(m_alice, *id, QStringLiteral("not wanted")).ok());
        QVERIFY(admin.pendingApprovals(m_alice)->isEmpty());
        QCOMPARE(roleOf(QStringLiteral("alice")), QStringLiteral("admin"));
    }

    void mfaResetForcesANewEnrolment()
    {
        UserAdministration admin(m_db);
        auto id = admin.requestMfaReset(m_alice, m_fred.userId);
        QVERIFY(id.ok());
        QVERIFY(AuthService(m_db).beginLogin(QStringLiteral("fred"), kPassword)->needsEnrolment == false);
        QVERIFY(admin.approve(m_bob, *id).ok());
        auto attempt = AuthService(m_db).beginLogin(QStringLiteral("fred"), kPassword);
        QVERIFY(attempt.ok());
        QVERIFY(attempt->needsEnrolment);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM recovery_codes r JOIN staff_users u ON u.id = r.user_id "
                                             "WHERE u.username = 'fred'")),
                 qint64(0));
    }

    void passwordResetIssuesAnExpiringOneTimeCode()
    {
        UserAdministration admin(m_db);
        auto id = admin.requestPasswordReset(m_alice, m_fred.userId);
        QVERIFY(id.ok());
        auto outcome = admin.approve(m_bob, *id);
        QVERIFY(outcome.ok());
        QCOMPARE(outcome->resetCode.size(), 19);
        // The old password is gone; the code signs in once, then MFA and a new password are required.
        AuthService auth(m_db);
        QCOMPARE(auth.beginLogin(QStringLiteral("fred"), kPassword).error().code(), ErrorCode::InvalidCredentials);
        auto attempt = auth.beginLogin(QStringLiteral("fred"), outcome->resetCode);
        QVERIFY(attempt.ok());
        QVERIFY(attempt->needsEnrolment);
        auto enrolment = auth.startEnrolment(*attempt);
        auto enrolled = auth.confirmEnrolment(*attempt, *enrolment, Totp::codeAt(enrolment->secret, Clock::now()));
        QVERIFY(enrolled.ok());
        QVERIFY(enrolled->session.mustChangePassword);
        StaffSession session = enrolled->session;
        QVERIFY(auth.changePassword(session, outcome->resetCode, QStringLiteral("a brand new passphrase")).ok());
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM password_resets WHERE used_at IS NULL")), qint64(0));
    }

    void anUnusedResetCodeExpires()
    {
        UserAdministration admin(m_db);
        auto outcome = admin.approve(m_bob, *admin.requestPasswordReset(m_alice, m_fred.userId));
        QVERIFY(outcome.ok());
        m_clock->advanceSeconds(UserAdministration::kResetCodeHours * 3600 + 1);
        auto late = AuthService(m_db).beginLogin(QStringLiteral("fred"), outcome->resetCode);
        QVERIFY(!late.ok());
        QVERIFY(late.error().message().contains(QStringLiteral("expired")));
    }
};

QTEST_GUILESS_MAIN(TestUserAdministration)
#include "TestUserAdministration.moc"
