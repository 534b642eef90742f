#include "crypto/KeyStore.h"
#include "support/TestDatabase.h"
#include "workspace/ConnectDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// Connecting to a shared database through the dialog, against the real test server and keychain.
class TestConnectDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;

    void fill(ui::ConnectDialog& dialog, const QString& password)
    {
        dialog.findChild<QLineEdit*>(QStringLiteral("connectHost"))->setText(QStringLiteral("127.0.0.1"));
        dialog.findChild<QSpinBox*>(QStringLiteral("connectPort"))->setValue(qEnvironmentVariableIntValue("PGPORT"));
        dialog.findChild<QLineEdit*>(QStringLiteral("connectDatabase"))->setText(m_tdb->url().databaseName());
        dialog.findChild<QLineEdit*>(QStringLiteral("connectUser"))->setText(qEnvironmentVariable("PGUSER"));
        auto* mode = dialog.findChild<QComboBox*>(QStringLiteral("connectSslMode"));
        mode->setCurrentIndex(mode->findData(QStringLiteral("disable")));
        auto* pw = dialog.findChild<QLineEdit*>(QStringLiteral("connectPassword"));
        pw->clear();
        QTest::keyClicks(pw, password);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("shared databases are PostgreSQL");
        }
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_tdb = std::make_unique<TestDatabase>();
        QVERIFY(m_tdb->open(true));
    }
    void cleanupTestCase() { m_tdb.reset(); }

    void wrongPasswordSaysSoAndConnectsNothing()
    {
        ui::ConnectDialog dialog;
        dialog.show();
        fill(dialog, QStringLiteral("not the password"));
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("connectButton")), Qt::LeftButton);
        auto* error = dialog.findChild<QLabel*>(QStringLiteral("connectError"));
        QTRY_VERIFY(error->isVisible()); // the connection is made off the UI thread
        QVERIFY2(error->text().contains(QStringLiteral("password authentication failed")), qPrintable(error->text()));
        QVERIFY(!error->text().contains(QStringLiteral("not the password")));
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.database());
    }

    void remembersEverythingButThePasswordInSettings()
    {
        const QString password = qEnvironmentVariable("PGPASSWORD");
        QVERIFY2(!password.isEmpty(), "pg_virtualenv sets PGPASSWORD");
        {
            ui::ConnectDialog dialog;
            dialog.show();
            fill(dialog, password);
            auto* remember = dialog.findChild<QCheckBox*>(QStringLiteral("rememberPassword"));
            QVERIFY2(remember->isEnabled(), "a Secret Service runs in the test session");
            remember->setChecked(true);
            QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("connectButton")), Qt::LeftButton);
            QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
            QVERIFY(dialog.database());
            QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("connectPassword"))->text().isEmpty());
        }
        // The settings file has the connection, never the password.
        QSettings settings;
        settings.sync();
        QCOMPARE(settings.value(QStringLiteral("shared/database")).toString(), m_tdb->url().databaseName());
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(password.toUtf8()));

        // The next time, the fields and the password (from the keychain) are filled in.
        ui::ConnectDialog fromUrl;
        fromUrl.setUrl(*DatabaseUrl::parse(QStringLiteral("postgresql://auditor@db.example:6543/books?sslmode=verify-ca")),
                       QStringLiteral("password authentication failed"));
        QCOMPARE(fromUrl.findChild<QLineEdit*>(QStringLiteral("connectHost"))->text(), QStringLiteral("db.example"));
        QCOMPARE(fromUrl.findChild<QSpinBox*>(QStringLiteral("connectPort"))->value(), 6543);
        QCOMPARE(fromUrl.findChild<QComboBox*>(QStringLiteral("connectSslMode"))->currentData().toString(),
                 QStringLiteral("verify-ca"));
        QVERIFY(fromUrl.findChild<QLabel*>(QStringLiteral("connectError"))->text().contains(QStringLiteral("failed")));

        ui::ConnectDialog again;
        QCOMPARE(again.findChild<QLineEdit*>(QStringLiteral("connectDatabase"))->text(), m_tdb->url().databaseName());
        QCOMPARE(again.findChild<QLineEdit*>(QStringLiteral("connectPassword"))->text(), password);
        auto url = again.url();
        QVERIFY(url.ok());
        QVERIFY(KeyStore().remove(KeyStore::databasePasswordKey(url->toString())).ok());
    }
};

QTEST_MAIN(TestConnectDialog)
#include "TestConnectDialog.moc"
