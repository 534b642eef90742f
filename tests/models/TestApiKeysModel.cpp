#include "apikeys/ApiKeysController.h"
#include "apikeys/ApiKeysModel.h"
#include "auth/AuthService.h"
#include "support/TestDatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

class TestApiKeysModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    Actor m_alice;
    Actor m_adam;

    static QString cell(const QAbstractItemModel& m, int row, int column, int role = Qt::DisplayRole)
    {
        return m.index(row, column).data(role).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        const QString pw = QStringLiteral("model keys and locks");
        QVERIFY(AuthService(m_db).createEnrolledUsers(
            {{QStringLiteral("alice"), QStringLiteral("Alice"), {}, QStringLiteral("finance_analyst"), pw},
             {QStringLiteral("adam"), QStringLiteral("Adam"), {}, QStringLiteral("admin"), pw}}));
        auto q = m_db->exec(QStringLiteral("SELECT id, username FROM staff_users"));
        QVERIFY(q);
        while (q->next()) {
            const Actor a{q->value(0).toLongLong(), q->value(1).toString(), std::nullopt};
            (a.name == QStringLiteral("alice") ? m_alice : m_adam) = a;
        }
    }
    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void controllerFillsTheModelAndPassesTheTester()
    {
        ApiKeysController controller(m_db, m_alice, false);
        ApiKeysModel& model = *controller.model();
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&controller, &ApiKeysController::loaded);
        QSignalSpy failed(&controller, &ApiKeysController::failed);
        QSignalSpy created(&controller, &ApiKeysController::created);
        QSignalSpy revoked(&controller, &ApiKeysController::revoked);

        controller.reload();
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(ApiKeysModel::ColumnCount));

        controller.create(*m_alice.userId, QStringLiteral("nightly"),
                          {Permission::TransactionsRead, Permission::TransactionsExport}, std::nullopt);
        QTRY_COMPARE(created.size(), 1);
        const NewApiKey key = created.first().first().value<NewApiKey>();
        QVERIFY(key.token.startsWith(QStringLiteral("flk_") + key.info.prefix));
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, ApiKeysModel::Name), QStringLiteral("nightly"));
        QCOMPARE(cell(model, 0, ApiKeysModel::Prefix, ApiKeysModel::RawValueRole), key.info.prefix);
        QVERIFY(cell(model, 0, ApiKeysModel::Prefix).startsWith(QStringLiteral("flk_") + key.info.prefix));
        QCOMPARE(cell(model, 0, ApiKeysModel::Owner), QStringLiteral("alice"));
        QCOMPARE(cell(model, 0, ApiKeysModel::Scopes), QStringLiteral("transactions.export, transactions.read"));
        QCOMPARE(cell(model, 0, ApiKeysModel::Expires), QStringLiteral("never"));
        QCOMPARE(cell(model, 0, ApiKeysModel::LastUsed), QStringLiteral("never"));
        QCOMPARE(cell(model, 0, ApiKeysModel::State), QStringLiteral("active"));
        QVERIFY(model.index(0, 0).data(ApiKeysModel::ActiveRole).toBool());
        QCOMPARE(model.index(0, 0).data(ApiKeysModel::IdRole).toLongLong(), key.info.id);
        // The token is in no role of any cell.
        for (int column = 0; column < model.columnCount(); ++column) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(ApiKeysModel::RawValueRole)}) {
                QVERIFY(!model.index(0, column).data(role).toString().contains(key.token.mid(17)));
            }
        }

        // A refused request arrives as failed(), and the list stays as it was.
        controller.create(*m_alice.userId, QStringLiteral("too much"), {Permission::UsersManage}, std::nullopt);
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(Permission::UsersManage));

        controller.revoke(key.info.id);
        QTRY_COMPARE(revoked.size(), 1);
        QTRY_COMPARE(cell(model, 0, ApiKeysModel::State), QStringLiteral("revoked"));
        QVERIFY(!model.index(0, 0).data(ApiKeysModel::ActiveRole).toBool());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(key.info.id), 0);
    }

    void administratorSeesEveryoneAndChoosesOwners()
    {
        ApiKeysController admin(m_db, m_adam, true);
        QAbstractItemModelTester tester(admin.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy owners(&admin, &ApiKeysController::ownersLoaded);
        admin.loadOwners();
        QTRY_COMPARE(owners.size(), 1);
        const auto list = owners.first().first().value<QList<ApiKeyOwner>>();
        QCOMPARE(list.size(), 2);
        QSignalSpy created(&admin, &ApiKeysController::created);
        admin.create(*m_alice.userId, QStringLiteral("made by adam"), {Permission::LedgerRead}, std::nullopt);
        QTRY_COMPARE(created.size(), 1);
        QTRY_VERIFY(admin.model()->rowCount() >= 1);
        QVERIFY(admin.model()->rowOf(created.first().first().value<NewApiKey>().info.id) >= 0);

        // Alice's own list holds her keys only, and she cannot ask for everyone's.
        ApiKeysController alice(m_db, m_alice, true);
        QSignalSpy failed(&alice, &ApiKeysController::failed);
        alice.reload();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(alice.model()->rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestApiKeysModel)
#include "TestApiKeysModel.moc"
