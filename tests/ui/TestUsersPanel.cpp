#include "auth/UserAdministration.h"
#include "support/Sessions.h"
#include "support/TestDatabase.h"
#include "users/UsersPanel.h"
#include "users/UsersTableModel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// Two administrators at two workstations: one requests, the other approves, through the real panel.
class TestUsersPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;

    StaffSession sessionOf(const QString& username) { return test::sessionOf(m_db, username); }

    static int rowOf(QTableView* table, const QString& username)
    {
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            if (table->model()->index(r, 0).data().toString() == username) {
                return r;
            }
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        const QString pw = QStringLiteral("sturdy paper lantern");
        QVERIFY(AuthService(m_db)
                    .createEnrolledUsers({{QStringLiteral("alice"), QStringLiteral("Alice"), {}, QStringLiteral("admin"), pw},
                                          {QStringLiteral("bob"), QStringLiteral("Bob"), {}, QStringLiteral("admin"), pw},
                                          {QStringLiteral("fred"), QStringLiteral("Fred"), {},
                                           QStringLiteral("finance_analyst"), pw},
                                          {QStringLiteral("ava"), QStringLiteral("Ava"), {}, QStringLiteral("auditor"), pw}})
                    .ok());
    }
    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void modelsPassTheTester()
    {
        UsersTableModel users(m_db, sessionOf(QStringLiteral("alice")));
        QAbstractItemModelTester t1(&users, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(users.reload().ok());
        QCOMPARE(users.rowCount(), 4);
        QCOMPARE(users.index(0, UsersTableModel::Username).data().toString(), QStringLiteral("alice"));
        ApprovalsModel approvals(m_db, sessionOf(QStringLiteral("alice")));
        QAbstractItemModelTester t2(&approvals, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(approvals.reload().ok());
    }

    void auditorsSeeButChangeNothing()
    {
        ui::UsersPanel panel(m_db, sessionOf(QStringLiteral("ava")));
        panel.show();
        QCOMPARE(panel.findChild<QTableView*>(QStringLiteral("usersTable"))->model()->rowCount(), 4);
        for (const char* name : {"newUserButton", "disableButton", "changeRoleButton", "resetMfaButton",
                                 "resetPasswordButton", "approveButton"}) {
            QVERIFY2(!panel.findChild<QPushButton*>(QString::fromLatin1(name))->isVisible(), name);
        }
    }

    void aSecondAdministratorApprovesAPasswordReset()
    {
        ui::UsersPanel alicePanel(m_db, sessionOf(QStringLiteral("alice")));
        alicePanel.show();
        auto* users = alicePanel.findChild<QTableView*>(QStringLiteral("usersTable"));
        users->selectRow(rowOf(users, QStringLiteral("fred")));
        QTest::mouseClick(alicePanel.findChild<QPushButton*>(QStringLiteral("resetPasswordButton")), Qt::LeftButton);
        auto* message = alicePanel.findChild<QLabel*>(QStringLiteral("usersMessage"));
        QVERIFY2(message->text().contains(QStringLiteral("second administrator")), qPrintable(message->text()));
        auto* requests = alicePanel.findChild<QTableView*>(QStringLiteral("approvalsTable"));
        QCOMPARE(requests->model()->rowCount(), 1);

        // Alice cannot approve her own request.
        requests->selectRow(0);
        QTest::mouseClick(alicePanel.findChild<QPushButton*>(QStringLiteral("approveButton")), Qt::LeftButton);
        QVERIFY(message->text().contains(QStringLiteral("second person")));
        QCOMPARE(requests->model()->rowCount(), 1);

        // Bob, at his workstation, approves; the one-time code appears once, for him to hand over.
        ui::UsersPanel bobPanel(m_db, sessionOf(QStringLiteral("bob")));
        bobPanel.show();
        auto* bobRequests = bobPanel.findChild<QTableView*>(QStringLiteral("approvalsTable"));
        QCOMPARE(bobRequests->model()->rowCount(), 1);
        bobRequests->selectRow(0);
        QTest::mouseClick(bobPanel.findChild<QPushButton*>(QStringLiteral("approveButton")), Qt::LeftButton);
        auto* bobMessage = bobPanel.findChild<QLabel*>(QStringLiteral("usersMessage"));
        static const QRegularExpression code(QStringLiteral("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}"));
        const auto match = code.match(bobMessage->text());
        QVERIFY2(match.hasMatch(), qPrintable(bobMessage->text()));
        QCOMPARE(bobRequests->model()->rowCount(), 0);
        // Fred signs in with the code and must set up everything anew.
        auto attempt = AuthService(m_db).beginLogin(QStringLiteral("fred"), match.captured());
        QVERIFY(attempt.ok());
        QVERIFY(attempt->needsEnrolment);
    }

    void disablingShowsInTheList()
    {
        ui::UsersPanel panel(m_db, sessionOf(QStringLiteral("alice")));
        panel.show();
        auto* users = panel.findChild<QTableView*>(QStringLiteral("usersTable"));
        users->selectRow(rowOf(users, QStringLiteral("ava")));
        auto* disable = panel.findChild<QPushButton*>(QStringLiteral("disableButton"));
        QCOMPARE(disable->text(), QStringLiteral("Disable"));
        QTest::mouseClick(disable, Qt::LeftButton);
        const int row = rowOf(users, QStringLiteral("ava"));
        QCOMPARE(users->model()->index(row, UsersTableModel::State).data(UsersTableModel::RawValueRole).toString(),
                 QStringLiteral("disabled"));
        // Her own account cannot be disabled from here.
        users->selectRow(rowOf(users, QStringLiteral("alice")));
        QVERIFY(!disable->isEnabled());
    }
};

QTEST_MAIN(TestUsersPanel)
#include "TestUsersPanel.moc"
