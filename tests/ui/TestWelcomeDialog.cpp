#include "crypto/KeyStore.h"
#include "db/Migrator.h"
#include "workspace/WelcomeDialog.h"
#include "workspace/WorkspaceCreator.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSqlQuery>
#include <QtTest>

using namespace flowlet;

class TestWelcomeDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void createsAnEmptyWorkspace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new/workspace.db"));
        ui::WelcomeDialog dialog;
        dialog.setWorkspacePath(path);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.findChild<QRadioButton*>(QStringLiteral("emptyOption"))->setChecked(true);
        // The administrator's account comes first; a weak password is refused before anything is made.
        auto fill = [&](const char* name, const QString& text) {
            auto* edit = dialog.findChild<QLineEdit*>(QString::fromLatin1(name));
            QVERIFY2(edit && edit->isVisible(), name);
            edit->clear();
            QTest::keyClicks(edit, text);
        };
        fill("adminUsername", QStringLiteral("root.admin"));
        fill("adminDisplayName", QStringLiteral("Rita Root"));
        fill("adminPassword", QStringLiteral("password1"));
        fill("adminPasswordRepeat", QStringLiteral("password1"));
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("createButton")), Qt::LeftButton);
        auto* error = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY(error->text().contains(QStringLiteral("12 characters")));
        QVERIFY(!QFile::exists(path));
        fill("adminPassword", QStringLiteral("quiet harbour at dawn"));
        fill("adminPasswordRepeat", QStringLiteral("quiet harbour at dawn"));
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("createButton")), Qt::LeftButton);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.database());
        QVERIFY(QFile::exists(path));
        auto q = dialog.database()->exec(QStringLiteral("SELECT count(*) FROM transactions"));
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toInt(), 0);
        auto users = dialog.database()->exec(QStringLiteral("SELECT username FROM staff_users"));
        QVERIFY(users && users->next());
        QCOMPARE(users->value(0).toString(), QStringLiteral("root.admin"));
        // Its key is in the keychain (test.sh runs the suite with a real Secret Service).
        if (KeyStore().checkAvailable().ok()) {
            auto st = Migrator::status(*dialog.database());
            QVERIFY(st.ok());
            auto key = KeyStore().workspaceKey(st->workspaceId, false);
            QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().message()));
            QCOMPARE(key->size(), 32);
            QVERIFY(KeyStore().remove(QStringLiteral("workspace-key/") + st->workspaceId).ok());
        }
    }

    void createsADemoWorkspace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.db"));
        ui::WelcomeDialog dialog;
        dialog.setWorkspacePath(path);
        dialog.show();
        QVERIFY(dialog.findChild<QRadioButton*>(QStringLiteral("demoSmallOption"))->isChecked());
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("createButton")), Qt::LeftButton);
        QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("cancelCreateButton"))->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 120000);
        auto q = dialog.database()->exec(QStringLiteral("SELECT count(*) FROM transactions"));
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toInt(), 50000);
        // One user per role, and their credentials beside the workspace, readable only by the owner.
        QCOMPARE(dialog.created().demoCredentials.size(), 4);
        const QString credentials = dialog.created().credentialsFile;
        QVERIFY(QFile::exists(credentials));
        QCOMPARE(QFileInfo(credentials).dir().path(), dir.path());
        QVERIFY(!(QFile::permissions(credentials) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    }

    void cancelledCreationLeavesNoFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cancelled.db"));
        ui::WelcomeDialog dialog;
        dialog.setWorkspacePath(path);
        dialog.show();
        dialog.findChild<QRadioButton*>(QStringLiteral("demoMediumOption"))->setChecked(true);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("createButton")), Qt::LeftButton);
        auto* progress = dialog.findChild<QLabel*>(QStringLiteral("progressLabel"));
        QTRY_VERIFY(progress->text().contains(QStringLiteral("transactions")));
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("cancelCreateButton")), Qt::LeftButton);
        auto* error = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 60000);
        QVERIFY(error->text().contains(QStringLiteral("cancelled")));
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.isVisible());
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void refusesAnExistingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("taken.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
        f.close();
        ui::WelcomeDialog dialog;
        dialog.setWorkspacePath(path);
        dialog.show();
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("createButton")), Qt::LeftButton);
        auto* error = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY(error->text().contains(QStringLiteral("already exists")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("precious"));
    }
};

QTEST_MAIN(TestWelcomeDialog)
#include "TestWelcomeDialog.moc"
