#include "admin/ApiKeyCreateDialog.h"
#include "admin/ApiKeyTokenDialog.h"
#include "admin/ApiKeysPanel.h"
#include "apikeys/ApiKeysController.h"
#include "apikeys/ApiKeysModel.h"
#include "support/Sessions.h"
#include "support/TestDatabase.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// The API keys panel as a person uses it: create a key, see its token once, find it listed, revoke it.
class TestApiKeysPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;

    ui::PanelContext contextOf(const QString& username)
    {
        const StaffSession s = test::sessionOf(m_db, username);
        return ui::PanelContext{m_db, s.access(), s};
    }

    static QStringList scopeCodes(QListWidget* list)
    {
        QStringList codes;
        for (int row = 0; row < list->count(); ++row) {
            codes << list->item(row)->data(Qt::UserRole).toString();
        }
        return codes;
    }

    static void tick(QListWidget* list, const QString& code)
    {
        for (int row = 0; row < list->count(); ++row) {
            if (list->item(row)->data(Qt::UserRole).toString() == code) {
                list->item(row)->setCheckState(Qt::Checked);
            }
        }
    }

    // Every text the panel and its children show.
    static QString allText(QWidget* root)
    {
        QStringList texts;
        for (auto* edit : root->findChildren<QLineEdit*>()) {
            texts << edit->text();
        }
        for (auto* label : root->findChildren<QLabel*>()) {
            texts << label->text();
        }
        auto* table = root->findChild<QTableView*>(QStringLiteral("apiKeysTable"));
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            for (int c = 0; c < table->model()->columnCount(); ++c) {
                texts << table->model()->index(r, c).data().toString();
            }
        }
        return texts.join(u'\n');
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        const QString pw = QStringLiteral("panel of keys and locks");
        QVERIFY(AuthService(m_db).createEnrolledUsers(
            {{QStringLiteral("alice"), QStringLiteral("Alice"), {}, QStringLiteral("finance_analyst"), pw},
             {QStringLiteral("adam"), QStringLiteral("Adam"), {}, QStringLiteral("admin"), pw},
             {QStringLiteral("carl"), QStringLiteral("Carl"), {}, QStringLiteral("compliance_officer"), pw}}));
    }
    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void createShowOnceListAndRevoke()
    {
        ui::ApiKeysPanel panel(contextOf(QStringLiteral("alice")));
        panel.show();
        auto* table = panel.findChild<QTableView*>(QStringLiteral("apiKeysTable"));
        QVERIFY(table->isColumnHidden(ApiKeysModel::Owner));
        QTRY_VERIFY(!panel.findChild<QPushButton*>(QStringLiteral("revokeApiKeyButton"))->isEnabled());

        QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("newApiKeyButton")), Qt::LeftButton);
        ui::ApiKeyCreateDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = panel.findChild<ui::ApiKeyCreateDialog*>()) != nullptr);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(!dialog->findChild<QComboBox*>(QStringLiteral("apiKeyOwner"))->isVisible()); // only herself
        auto* scopes = dialog->findChild<QListWidget*>(QStringLiteral("apiKeyScopes"));
        const QStringList offered = scopeCodes(scopes);
        QVERIFY(offered.contains(Permission::TransactionsRead));
        QVERIFY(offered.contains(Permission::TransactionsCategorize));
        QVERIFY(!offered.contains(Permission::UsersManage)); // not hers to give
        QVERIFY(!offered.contains(Permission::CustomersRead));
        QVERIFY(scopes->item(0)->text().contains(u'—')); // a description with the code
        auto* create = dialog->findChild<QPushButton*>(QStringLiteral("apiKeyCreateButton"));
        QVERIFY(!create->isEnabled());
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("apiKeyName")), QStringLiteral("nightly export"));
        QVERIFY(!create->isEnabled()); // no scope yet
        tick(scopes, Permission::TransactionsRead);
        QVERIFY(create->isEnabled());
        QTest::mouseClick(create, Qt::LeftButton);

        // The token, once, with a warning and a Copy button.
        ui::ApiKeyTokenDialog* shown = nullptr;
        QTRY_VERIFY((shown = panel.findChild<ui::ApiKeyTokenDialog*>()) != nullptr);
        QTRY_VERIFY(shown->isVisible());
        const QString token = shown->findChild<QLineEdit*>(QStringLiteral("apiKeyToken"))->text();
        QVERIFY2(QRegularExpression(QStringLiteral("^flk_[a-z2-7]{12}_[a-z2-7]{52}$")).match(token).hasMatch(),
                 "the dialog shows a whole token");
        QVERIFY(shown->findChild<QLabel*>(QStringLiteral("apiKeyTokenWarning"))->text().contains(QStringLiteral("only this once")));
        QTest::mouseClick(shown->findChild<QPushButton*>(QStringLiteral("copyApiKeyButton")), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), token);
        QGuiApplication::clipboard()->clear();
        shown->close();
        QTRY_VERIFY(panel.findChild<ui::ApiKeyTokenDialog*>() == nullptr);

        // Listed by name and prefix; the secret is nowhere in the panel any more.
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, ApiKeysModel::Name).data().toString(), QStringLiteral("nightly export"));
        QVERIFY(table->model()->index(0, ApiKeysModel::Prefix).data().toString().startsWith(token.left(16)));
        QCOMPARE(table->model()->index(0, ApiKeysModel::Scopes).data().toString(), Permission::TransactionsRead);
        QVERIFY(!allText(&panel).contains(token.mid(17)));
        QVERIFY(panel.findChild<QLabel*>(QStringLiteral("apiKeysMessage"))->text().contains(QStringLiteral("nightly export")));

        // Revoke, after confirming.
        table->selectRow(0);
        auto* revoke = panel.findChild<QPushButton*>(QStringLiteral("revokeApiKeyButton"));
        QTRY_VERIFY(revoke->isEnabled());
        QTest::mouseClick(revoke, Qt::LeftButton);
        QMessageBox* confirm = nullptr;
        QTRY_VERIFY((confirm = panel.findChild<QMessageBox*>(QStringLiteral("revokeApiKeyConfirmation"))) != nullptr);
        QVERIFY(confirm->text().contains(QStringLiteral("nightly export")));
        QTest::mouseClick(confirm->findChild<QPushButton*>(QStringLiteral("confirmRevokeButton")), Qt::LeftButton);
        QTRY_COMPARE(table->model()->index(0, ApiKeysModel::State).data().toString(), QStringLiteral("revoked"));
        QCOMPARE(table->model()->rowCount(), 1);
        table->selectRow(0);
        QVERIFY(!revoke->isEnabled());
        auto audited = m_db->exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'apikey.revoked'"));
        QVERIFY(audited && audited->next());
        QCOMPARE(audited->value(0).toInt(), 1);
    }

    void administratorCreatesForSomeoneElse()
    {
        ui::ApiKeysPanel panel(contextOf(QStringLiteral("adam")));
        panel.show();
        auto* table = panel.findChild<QTableView*>(QStringLiteral("apiKeysTable"));
        QVERIFY(!table->isColumnHidden(ApiKeysModel::Owner));
        QTRY_VERIFY(table->model()->rowCount() >= 1); // alice's key from the test before
        const int before = table->model()->rowCount();

        QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("newApiKeyButton")), Qt::LeftButton);
        ui::ApiKeyCreateDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = panel.findChild<ui::ApiKeyCreateDialog*>()) != nullptr);
        auto* owner = dialog->findChild<QComboBox*>(QStringLiteral("apiKeyOwner"));
        QTRY_VERIFY(owner->isVisible());
        QCOMPARE(owner->count(), 3);
        auto* scopes = dialog->findChild<QListWidget*>(QStringLiteral("apiKeyScopes"));
        QVERIFY(scopeCodes(scopes).contains(Permission::UsersManage)); // his own to begin with
        owner->setCurrentIndex(owner->findText(QStringLiteral("Carl (carl)")));
        QVERIFY(scopeCodes(scopes).contains(Permission::CustomersRead));
        QVERIFY(!scopeCodes(scopes).contains(Permission::UsersManage));
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("apiKeyName")), QStringLiteral("screening job"));
        tick(scopes, Permission::CustomersRead);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("apiKeyCreateButton")), Qt::LeftButton);
        QTRY_VERIFY(panel.findChild<ui::ApiKeyTokenDialog*>() != nullptr);
        panel.findChild<ui::ApiKeyTokenDialog*>()->close();
        QTRY_COMPARE(table->model()->rowCount(), before + 1);
        const int row = table->model()->index(0, 0).data().toString() == QStringLiteral("screening job") ? 0 : -1;
        QCOMPARE(row, 0); // newest first
        QCOMPARE(table->model()->index(row, ApiKeysModel::Owner).data().toString(), QStringLiteral("carl"));
    }
};

QTEST_MAIN(TestApiKeysPanel)
#include "TestApiKeysPanel.moc"
