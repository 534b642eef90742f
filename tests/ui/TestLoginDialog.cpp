#include "MainWindow.h"
#include "auth/AuthService.h"
#include "auth/Base32.h"
#include "auth/LoginDialog.h"
#include "core/Clock.h"
#include "demo/DemoUsers.h"
#include "support/TestDatabase.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// Signs in through the real dialogs, offscreen, as each kind of user would.
class TestLoginDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    QList<DemoCredential> m_users;
    ManualClock* m_clock = nullptr;

    DemoCredential user(const QString& name) const
    {
        for (const auto& c : m_users) {
            if (c.username == name) {
                return c;
            }
        }
        return {};
    }

    static void type(QDialog& dialog, const char* name, const QString& text)
    {
        auto* edit = dialog.findChild<QLineEdit*>(QString::fromLatin1(name));
        QVERIFY2(edit, name);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    static void click(QDialog& dialog, const char* name)
    {
        auto* button = dialog.findChild<QAbstractButton*>(QString::fromLatin1(name));
        QVERIFY2(button, name);
        QTRY_VERIFY(button->isEnabled() && button->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
    }

    void signIn(const DemoCredential& c, StaffSession& session)
    {
        // A fresh 30-second step each time: a code is never accepted twice, by design.
        m_clock->advanceSeconds(30);
        ui::LoginDialog dialog(m_db);
        dialog.show();
        type(dialog, "loginUsername", c.username);
        type(dialog, "loginPassword", c.password);
        click(dialog, "signInButton");
        QTRY_COMPARE(dialog.currentPage(), ui::LoginDialog::CodePage);
        type(dialog, "loginCode", Totp::codeAt(*Base32::decode(c.totpSecret), Clock::now()));
        click(dialog, "verifyButton");
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        session = dialog.session();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto clock = std::make_unique<ManualClock>(QDateTime::currentDateTimeUtc());
        m_clock = clock.get();
        Clock::setInstance(std::move(clock));
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        auto users = DemoUsers::create(m_db);
        QVERIFY2(users.ok(), qPrintable(users.ok() ? QString() : users.error().message()));
        m_users = *users;
    }
    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
        Clock::setInstance(nullptr);
    }

    void eachRoleSeesOnlyItsPanels_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QStringList>("panels");
        QTest::newRow("finance analyst") << "finance"
                                           << QStringList{QStringLiteral("transactions"), QStringLiteral("reconciliation"),
                                                          QStringLiteral("apikeys")};
        QTest::newRow("compliance officer") << "compliance"
                                            << QStringList{QStringLiteral("transactions"), QStringLiteral("apikeys")};
        QTest::newRow("auditor") << "auditor"
                                 << QStringList{QStringLiteral("transactions"), QStringLiteral("users"), QStringLiteral("audit"),
                                                QStringLiteral("monitor")};
        QTest::newRow("admin") << "admin" << QStringList{QStringLiteral("users"), QStringLiteral("audit"),
                                                      QStringLiteral("monitor"), QStringLiteral("apikeys")};
    }
    void eachRoleSeesOnlyItsPanels()
    {
        QFETCH(QString, username);
        QFETCH(QStringList, panels);
        StaffSession session;
        signIn(user(username), session);
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(session.username, username);
        ui::MainWindow window(m_db, session);
        QCOMPARE(window.panelIds(), panels);
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("userLabel"))->text().contains(session.displayName));
    }

    void idleWindowLocksAndNeedsThePassword()
    {
        const DemoCredential c = user(QStringLiteral("compliance"));
        StaffSession session;
        signIn(c, session);
        if (QTest::currentTestFailed()) {
            return;
        }
        ui::MainWindow window(m_db, session);
        window.setIdleLimit(std::chrono::minutes(10));
        window.show();
        window.checkIdle();
        QVERIFY(!window.isLocked());
        m_clock->advanceSeconds(10 * 60 + 1);

        // The lock dialog is modal: answer it from the event loop, as a person would.
        bool sawWrong = false;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog && dialog->objectName() == QStringLiteral("unlockDialog"));
            QVERIFY(!window.centralWidget()->isVisible()); // nothing readable behind the lock
            auto* password = dialog->findChild<QLineEdit*>(QStringLiteral("unlockPassword"));
            QTest::keyClicks(password, QStringLiteral("not my password"));
            auto* unlock = dialog->findChild<QPushButton*>(QStringLiteral("unlockButton"));
            QTest::mouseClick(unlock, Qt::LeftButton);
            auto* message = dialog->findChild<QLabel*>(QStringLiteral("unlockMessage"));
            // Checked in the background: the window stays responsive, the answer comes a moment later.
            QTRY_VERIFY(message->isVisible() && unlock->isEnabled());
            sawWrong = message->text().contains(QStringLiteral("wrong"));
            QTest::keyClicks(password, c.password);
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("unlockButton")), Qt::LeftButton);
        });
        window.checkIdle(); // returns when the dialog closes
        QVERIFY(sawWrong);
        QVERIFY(!window.isLocked());
        QVERIFY(window.centralWidget()->isVisible());
        QVERIFY(window.session().has_value());
    }

    void wrongPasswordAndWrongCodeSayWhatHappened()
    {
        const DemoCredential c = user(QStringLiteral("auditor"));
        ui::LoginDialog dialog(m_db);
        dialog.show();
        type(dialog, "loginUsername", c.username);
        type(dialog, "loginPassword", QStringLiteral("not-the-password"));
        click(dialog, "signInButton");
        auto* message = dialog.findChild<QLabel*>(QStringLiteral("loginMessage"));
        QTRY_VERIFY(message->isVisible());
        QVERIFY(message->text().contains(QStringLiteral("wrong")));
        QCOMPARE(dialog.currentPage(), ui::LoginDialog::CredentialsPage);
        QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("loginPassword"))->text().isEmpty());

        type(dialog, "loginPassword", c.password);
        click(dialog, "signInButton");
        QTRY_COMPARE(dialog.currentPage(), ui::LoginDialog::CodePage);
        const QString good = Totp::codeAt(*Base32::decode(c.totpSecret), Clock::now());
        type(dialog, "loginCode", good == QStringLiteral("123456") ? QStringLiteral("654321") : QStringLiteral("123456"));
        click(dialog, "verifyButton");
        QTRY_VERIFY(message->text().contains(QStringLiteral("code")));
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.currentPage(), ui::LoginDialog::CodePage);
    }

    void newUserEnrolsWithTheQrCodeAndChangesThePassword()
    {
        // An administrator creates an analyst; the analyst's first sign-in enrols and changes the password.
        StaffSession admin;
        signIn(user(QStringLiteral("admin")), admin);
        if (QTest::currentTestFailed()) {
            return;
        }
        const QString initial = QStringLiteral("temporary welcome phrase");
        auto id = AuthService(m_db).createUser({QStringLiteral("nora"), QStringLiteral("Nora New"), QString(),
                                                QStringLiteral("finance_analyst"), initial},
                                               admin);
        QVERIFY(id.ok());

        m_clock->advanceSeconds(30);
        ui::LoginDialog dialog(m_db);
        dialog.show();
        type(dialog, "loginUsername", QStringLiteral("nora"));
        type(dialog, "loginPassword", initial);
        click(dialog, "signInButton");
        QTRY_COMPARE(dialog.currentPage(), ui::LoginDialog::EnrolPage);
        auto* qr = dialog.findChild<QLabel*>(QStringLiteral("enrolQr"));
        QVERIFY(!qr->pixmap().isNull());
        QVERIFY(qr->pixmap().width() >= 150);
        // The secret as shown, typed into an "authenticator".
        const QString shown = dialog.findChild<QLabel*>(QStringLiteral("enrolSecret"))->text();
        auto secret = Base32::decode(shown);
        QVERIFY(secret.ok());
        QCOMPARE(secret->size(), 20);
        type(dialog, "enrolCode", Totp::codeAt(*secret, Clock::now()));
        click(dialog, "confirmEnrolButton");
        QTRY_COMPARE(dialog.currentPage(), ui::LoginDialog::RecoveryCodesPage);
        QCOMPARE(dialog.findChild<QListWidget*>(QStringLiteral("recoveryCodesList"))->count(), 10);
        auto* next = dialog.findChild<QPushButton*>(QStringLiteral("continueButton"));
        QVERIFY(!next->isEnabled());
        dialog.findChild<QCheckBox*>(QStringLiteral("savedCodesCheck"))->setChecked(true);
        click(dialog, "continueButton");
        QTRY_COMPARE(dialog.currentPage(), ui::LoginDialog::ChangePasswordPage);
        type(dialog, "newPassword", QStringLiteral("my own better phrase"));
        type(dialog, "confirmPassword", QStringLiteral("my own better phrase"));
        click(dialog, "changePasswordButton");
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.session().username, QStringLiteral("nora"));
        QVERIFY(!dialog.session().mustChangePassword);
        // The old password no longer works.
        QCOMPARE(AuthService(m_db).beginLogin(QStringLiteral("nora"), initial).error().code(), ErrorCode::InvalidCredentials);
    }
};

QTEST_MAIN(TestLoginDialog)
#include "TestLoginDialog.moc"
