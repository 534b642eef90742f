#include "MainWindow.h"
#include "support/Fixtures.h"
#include "support/TestDatabase.h"
#include "transactions/TransactionTableModel.h"
#include "transactions/TransactionsPanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// Drives the real window offscreen, as a user would: find widgets by name, click, type, wait.
class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    TestDatabase* m_tdb = nullptr;
    DatabasePtr m_db;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_tdb = new TestDatabase;
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        QVERIFY(test::insertFixtureTransactions(*m_db, 450).ok());
    }
    void cleanupTestCase()
    {
        m_db.reset();
        delete m_tdb;
    }

    void showsPanelsAndWorkspace()
    {
        ui::MainWindow window(m_db, AccessContext::localOwner(QStringLiteral("tester")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* sidebar = window.findChild<QListWidget*>(QStringLiteral("sidebar"));
        QVERIFY(sidebar);
        // The local owner holds every permission: every panel, in sidebar order.
        const QStringList expected{QStringLiteral("Transactions"), QStringLiteral("Reconciliation"),
                                   QStringLiteral("Users"), QStringLiteral("Audit trail"), QStringLiteral("Monitor"),
                                   QStringLiteral("API keys")};
        QCOMPARE(sidebar->count(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            QCOMPARE(sidebar->item(i)->text(), expected.at(i));
        }
        auto* workspace = window.findChild<QLabel*>(QStringLiteral("workspaceLabel"));
        QVERIFY(workspace->text().contains(m_db->url().toDisplayString()));
        auto* connection = window.findChild<QLabel*>(QStringLiteral("connectionLabel"));
        QTRY_VERIFY(connection->text().contains(QStringLiteral("Connected")));
        QCOMPARE(window.findChild<QLabel*>(QStringLiteral("userLabel"))->text(), QStringLiteral("tester"));
    }

    void hidesPanelsWithoutPermission()
    {
        ui::MainWindow window(m_db, AccessContext(QStringLiteral("admin"), {Permission::UsersManage}));
        auto* sidebar = window.findChild<QListWidget*>(QStringLiteral("sidebar"));
        QCOMPARE(sidebar->count(), 0);
        QVERIFY(!window.findChild<QTableView*>(QStringLiteral("transactionsTable")));
        QVERIFY(window.panelIds().isEmpty());
    }

    void browsesFiltersAndShowsDetail()
    {
        ui::MainWindow window(m_db, AccessContext::localOwner(QStringLiteral("tester")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* table = window.findChild<QTableView*>(QStringLiteral("transactionsTable"));
        QVERIFY(table);
        QTRY_VERIFY(table->model()->rowCount() > 0);
        auto* info = window.findChild<QLabel*>(QStringLiteral("pageInfoLabel"));
        QTRY_VERIFY2(info->text().contains(QStringLiteral("450 transactions match")), qPrintable(info->text()));

        // Jump to the last page: the oldest transaction is there.
        auto* last = window.findChild<QPushButton*>(QStringLiteral("lastPageButton"));
        QTRY_VERIFY(last->isEnabled());
        QTest::mouseClick(last, Qt::LeftButton);
        const QAbstractItemModel* model = table->model();
        QTRY_COMPARE(model->index(model->rowCount() - 1, 0).data(TransactionTableModel::IdRole).toLongLong(), qint64(1));
        auto* first = window.findChild<QPushButton*>(QStringLiteral("firstPageButton"));
        QTRY_VERIFY(first->isEnabled());
        QVERIFY(!last->isEnabled());

        // Select a row: the detail pane shows it.
        table->setFocus();
        table->selectRow(model->rowCount() - 1);
        auto* detail = window.findChild<QTableView*>(QStringLiteral("transactionDetail"));
        QTRY_VERIFY(detail->model()->rowCount() > 0);
        QCOMPARE(detail->model()->index(0, 1).data().toString(), QStringLiteral("1"));

        // Type a search: the table narrows to matching rows.
        auto* search = window.findChild<QLineEdit*>(QStringLiteral("filterText"));
        QTest::keyClicks(search, QStringLiteral("50% off"));
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, TransactionTableModel::Description).data().toString(), QStringLiteral("50% off"));
        QTRY_VERIFY(info->text().contains(QStringLiteral("1 transactions match")));

        // An amount that is not one is marked and not applied.
        auto* min = window.findChild<QLineEdit*>(QStringLiteral("filterMinAmount"));
        QTest::keyClicks(min, QStringLiteral("12x"));
        QTest::qWait(400);
        QVERIFY(min->toolTip().contains(QStringLiteral("Not an amount")));
        QCOMPARE(model->rowCount(), 1);

        // Clear brings everything back.
        QTest::mouseClick(window.findChild<QAbstractButton*>(QStringLiteral("filterClear")), Qt::LeftButton);
        QTRY_VERIFY(info->text().contains(QStringLiteral("450 transactions match")));
        QVERIFY(min->text().isEmpty());
    }

    void sortsByClickingTheAmountHeader()
    {
        ui::MainWindow window(m_db, AccessContext::localOwner(QStringLiteral("tester")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* table = window.findChild<QTableView*>(QStringLiteral("transactionsTable"));
        QTRY_VERIFY(table->model()->rowCount() > 0);
        QHeaderView* header = table->horizontalHeader();
        const int x = header->sectionViewportPosition(TransactionTableModel::Amount) + 5;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
        auto* model = qobject_cast<TransactionTableModel*>(table->model());
        QTRY_COMPARE(model->sortColumn(), int(TransactionTableModel::Amount));
        QTRY_VERIFY(!model->isLoading() && model->rowCount() > 0);
        // Sorted by amount in one direction or the other: the extremes are the largest ids.
        const qint64 top = model->index(0, 0).data(TransactionTableModel::IdRole).toLongLong();
        QVERIFY2(top == 450 || top == 449, qPrintable(QString::number(top)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
