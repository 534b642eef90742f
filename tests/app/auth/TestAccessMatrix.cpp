#include "auth/UserAdministration.h"
#include "support/Sessions.h"
#include "support/TestDatabase.h"

#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// Every role against every permission-gated operation the application enforces, with the
// expected answer written down here rather than derived from the catalogue. (On PostgreSQL the
// server enforces the same for raw SQL: test_server_enforcement.)
class TestAccessMatrix : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    qint64 m_target = 0;

    // Runs one operation as `actor`; true when it was allowed (any other failure fails the test).
    bool allowed(const StaffSession& actor, const QString& operation)
    {
        UserAdministration admin(m_db);
        Status s;
        if (operation == QStringLiteral("users.list")) {
            auto r = admin.users(actor);
            s = r ? Status() : Status(r.error());
        } else if (operation == QStringLiteral("users.create")) {
            static int n = 0;
            auto r = AuthService(m_db).createUser({QStringLiteral("made%1").arg(++n), QStringLiteral("Made"), {},
                                                   QStringLiteral("auditor"), QStringLiteral("plenty long phrase here")},
                                                  actor);
            s = r ? Status() : Status(r.error());
        } else if (operation == QStringLiteral("users.disable")) {
            s = admin.setDisabled(actor, m_target, true);
            if (s) {
                s = admin.setDisabled(actor, m_target, false);
            }
        } else if (operation == QStringLiteral("users.clear_lockout")) {
            s = admin.clearLockout(actor, m_target);
        } else if (operation == QStringLiteral("roles.request_change")) {
            auto r = admin.requestRoleChange(actor, m_target, QStringLiteral("auditor"));
            s = r ? Status() : Status(r.error());
            if (r) {
                (void)admin.reject(actor, *r, QStringLiteral("matrix"));
            }
        } else if (operation == QStringLiteral("mfa.request_reset")) {
            auto r = admin.requestMfaReset(actor, m_target);
            s = r ? Status() : Status(r.error());
            if (r) {
                (void)admin.reject(actor, *r, QStringLiteral("matrix"));
            }
        } else if (operation == QStringLiteral("approvals.list")) {
            auto r = admin.pendingApprovals(actor);
            s = r ? Status() : Status(r.error());
        }
        if (!s && s.error().code() != ErrorCode::PermissionDenied) {
            qWarning("%s failed for another reason: %s", qPrintable(operation), qPrintable(s.error().message()));
        }
        return s.ok();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        const QString pw = QStringLiteral("matrix of quiet rooms");
        QVERIFY(AuthService(m_db)
                    .createEnrolledUsers({{QStringLiteral("admin"), QStringLiteral("A"), {}, QStringLiteral("admin"), pw},
                                          {QStringLiteral("compliance"), QStringLiteral("C"), {},
                                           QStringLiteral("compliance_officer"), pw},
                                          {QStringLiteral("finance"), QStringLiteral("F"), {},
                                           QStringLiteral("finance_analyst"), pw},
                                          {QStringLiteral("auditor"), QStringLiteral("U"), {}, QStringLiteral("auditor"), pw},
                                          {QStringLiteral("target"), QStringLiteral("T"), {},
                                           QStringLiteral("finance_analyst"), pw}})
                    .ok());
        m_target = test::sessionOf(m_db, QStringLiteral("target")).userId;
    }
    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void matrix_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<bool>("expected");
        const QStringList operations = {QStringLiteral("users.list"), QStringLiteral("users.create"),
                                        QStringLiteral("users.disable"), QStringLiteral("users.clear_lockout"),
                                        QStringLiteral("roles.request_change"), QStringLiteral("mfa.request_reset"),
                                        QStringLiteral("approvals.list")};
        // admin, compliance, finance, auditor
        const QHash<QString, QList<bool>> expected = {
            {QStringLiteral("users.list"), {true, false, false, true}},
            {QStringLiteral("users.create"), {true, false, false, false}},
            {QStringLiteral("users.disable"), {true, false, false, false}},
            {QStringLiteral("users.clear_lockout"), {true, false, false, false}},
            {QStringLiteral("roles.request_change"), {true, false, false, false}},
            {QStringLiteral("mfa.request_reset"), {true, false, false, false}},
            {QStringLiteral("approvals.list"), {true, false, false, true}},
        };
        const QStringList users = {QStringLiteral("admin"), QStringLiteral("compliance"), QStringLiteral("finance"),
                                   QStringLiteral("auditor")};
        for (const QString& op : operations) {
            for (int u = 0; u < users.size(); ++u) {
                QTest::newRow(qPrintable(users.at(u) + QStringLiteral(" × ") + op))
                    << users.at(u) << op << expected.value(op).at(u);
            }
        }
    }
    void matrix()
    {
        QFETCH(QString, user);
        QFETCH(QString, operation);
        QFETCH(bool, expected);
        QCOMPARE(allowed(test::sessionOf(m_db, user), operation), expected);
    }

    void panelsPerRole()
    {
        // What the window offers each role, from the panels' declared permissions.
        const QHash<QString, QStringList> panels = {
            {QStringLiteral("admin"), {Permission::UsersRead}},
            {QStringLiteral("compliance"), {Permission::TransactionsRead}},
            {QStringLiteral("finance"), {Permission::TransactionsRead}},
            {QStringLiteral("auditor"), {Permission::TransactionsRead, Permission::UsersRead}},
        };
        for (auto it = panels.cbegin(); it != panels.cend(); ++it) {
            const StaffSession s = test::sessionOf(m_db, it.key());
            for (const QString& p : {Permission::TransactionsRead, Permission::UsersRead}) {
                QCOMPARE(s.permissions.contains(p), it.value().contains(p));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestAccessMatrix)
#include "TestAccessMatrix.moc"
