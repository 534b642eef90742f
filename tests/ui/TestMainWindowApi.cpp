#include "MainWindow.h"
#include "auth/AuthService.h"
#include "auth/Base32.h"
#include "auth/Totp.h"
#include "core/Clock.h"
#include "core/Settings.h"
#include "demo/DemoUsers.h"
#include "support/TestDatabase.h"

#include <QLabel>
#include <QStatusBar>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// The window serves the local API while someone is signed in, as the settings say.
class TestMainWindowApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    QList<DemoCredential> m_users;

    StaffSession signIn(const QString& username)
    {
        const auto c = std::find_if(m_users.begin(), m_users.end(),
                                    [&](const DemoCredential& u) { return u.username == username; });
        AuthService auth(m_db);
        auto attempt = auth.beginLogin(c->username, c->password);
        auto session = attempt ? auth.completeLogin(*attempt, Totp::codeAt(*Base32::decode(c->totpSecret), Clock::now()))
                               : Result<StaffSession>(attempt.error());
        return session ? *session : StaffSession();
    }

    static int healthStatus(quint16 port)
    {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        if (!s.waitForConnected(3000)) {
            return 0;
        }
        s.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        QByteArray raw;
        while (s.waitForReadyRead(5000)) {
            raw += s.readAll();
        }
        return raw.split(' ').value(1).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        auto users = DemoUsers::create(m_db);
        QVERIFY(users);
        m_users = *users;
    }
    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void servesWhileSignedIn()
    {
        Settings settings;
        settings.setApiEnabled(true);
        settings.setApiPort(0);
        quint16 port = 0;
        {
            const StaffSession session = signIn(QStringLiteral("finance"));
            QVERIFY(session.sessionId != 0);
            ui::MainWindow window(m_db, session);
            auto* label = window.findChild<QLabel*>(QStringLiteral("apiLabel"));
            QVERIFY(label);
            QTRY_VERIFY2(label->text().startsWith(QStringLiteral("API: 127.0.0.1:")), qPrintable(label->text()));
            port = quint16(label->text().section(u':', -1).toUInt());
            QVERIFY(port > 0);
            QCOMPARE(healthStatus(port), 200);
        }
        // The window is gone (signed out): nobody serves, and what it served was recorded on the way.
        QCOMPARE(healthStatus(port), 0);
        auto recorded = m_db->exec(QStringLiteral("SELECT coalesce(sum(requests), 0) FROM api_request_stats "
                                                  "WHERE route = '/api/health'"));
        QVERIFY(recorded && recorded->next());
        QVERIFY(recorded->value(0).toLongLong() >= 1);
    }

    void aPortInUseIsReportedNotFatal()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        Settings settings;
        settings.setApiEnabled(true);
        settings.setApiPort(blocker.serverPort());
        ui::MainWindow window(m_db, signIn(QStringLiteral("auditor")));
        auto* label = window.findChild<QLabel*>(QStringLiteral("apiLabel"));
        QVERIFY(label);
        QTRY_COMPARE(label->text(), QStringLiteral("API off"));
        QVERIFY(window.statusBar()->currentMessage().contains(QString::number(blocker.serverPort())));
        QVERIFY(!window.panelIds().isEmpty()); // the window works on
    }

    void switchedOffInTheSettings()
    {
        Settings settings;
        settings.setApiEnabled(false);
        ui::MainWindow window(m_db, signIn(QStringLiteral("compliance")));
        QTest::qWait(200);
        QVERIFY(!window.findChild<QLabel*>(QStringLiteral("apiLabel")));
        settings.setApiEnabled(true);
    }
};

QTEST_MAIN(TestMainWindowApi)
#include "TestMainWindowApi.moc"
