#include "PanelRegistry.h"
#include "auth/Permissions.h"
#include "core/Settings.h"
#include "support/Fixtures.h"
#include "support/TestDatabase.h"
#include "transactions/RuleDialog.h"
#include "transactions/TransactionActions.h"
#include "transactions/TransactionTableModel.h"
#include "transactions/TransactionsPanel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// The transactions panel's work besides browsing, driven through its widgets offscreen: setting
// categories (one row in the table, many from the selection), the category filter, a rule from a
// row, saved views, the column chooser and CSV export.
class TestTransactionsPanel : public QObject
{
    Q_OBJECT

private:
    static constexpr int kRows = 120;
    TestDatabase* m_tdb = nullptr;
    DatabasePtr m_db;

    ui::PanelContext context(const AccessContext& access) const { return {m_db, access, {}}; }
    ui::PanelContext owner() const { return context(AccessContext::localOwner(QStringLiteral("tester"))); }

    qint64 scalar(const QString& sql, const QVariantList& bindings = {}) const
    {
        auto q = m_db->exec(sql, bindings);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }
    qint64 categoryId(const QString& name) const
    {
        return scalar(QStringLiteral("SELECT id FROM categories WHERE name = ?"), {name});
    }

    template <typename T>
    static T* find(QWidget* root, const QString& name)
    {
        T* w = root->findChild<T*>(name);
        if (!w) {
            qWarning("no widget %s", qPrintable(name));
        }
        return w;
    }

    // The panel, shown, with its first page and the categories loaded.
    static bool ready(ui::TransactionsPanel& panel)
    {
        panel.show();
        if (!QTest::qWaitForWindowExposed(&panel)) {
            return false;
        }
        auto* table = panel.findChild<QTableView*>(QStringLiteral("transactionsTable"));
        auto* filterCategory = panel.findChild<QComboBox*>(QStringLiteral("filterCategory"));
        return QTest::qWaitFor([&] { return table->model()->rowCount() > 0 && filterCategory->count() > 2; }, 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_tdb = new TestDatabase;
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        QVERIFY(test::insertFixtureTransactions(*m_db, kRows).ok());
    }
    void cleanupTestCase()
    {
        m_db.reset();
        delete m_tdb;
    }

    void modelPassesTheTesterWhileCategoriesChange()
    {
        ui::TransactionsPanel panel(owner());
        QVERIFY(ready(panel));
        QAbstractItemModelTester tester(panel.tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.tableModel()->showCategory({kRows, kRows - 1}, QStringLiteral("Rent"));
        QCOMPARE(panel.tableModel()->index(0, TransactionTableModel::Category).data().toString(), QStringLiteral("Rent"));
        panel.tableModel()->reload();
        QTRY_VERIFY(!panel.tableModel()->isLoading());
    }

    void setsTheCategoryOfOneRowInTheTable()
    {
        ui::TransactionsPanel panel(owner());
        QVERIFY(ready(panel));
        auto* table = find<QTableView>(&panel, QStringLiteral("transactionsTable"));
        const QModelIndex cell = table->model()->index(0, TransactionTableModel::Category);
        const qint64 id = cell.data(TransactionTableModel::IdRole).toLongLong();
        QVERIFY(table->model()->flags(cell) & Qt::ItemIsEditable);

        table->setCurrentIndex(cell);
        table->edit(cell);
        auto* editor = table->findChild<QComboBox*>(QStringLiteral("categoryEditor"));
        QVERIFY(editor);
        editor->setCurrentIndex(editor->findText(QStringLiteral("Groceries")));
        QTest::keyClick(editor, Qt::Key_Return);

        QTRY_COMPARE(cell.data().toString(), QStringLiteral("Groceries"));
        QTRY_COMPARE(scalar(QStringLiteral("SELECT category_id FROM transactions WHERE id = ?"), {id}),
                     categoryId(QStringLiteral("Groceries")));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE id = ? AND category_source = 'user'"),
                        {id}),
                 1);
        QVERIFY(find<QLabel>(&panel, QStringLiteral("statusLabel"))->text().contains(QStringLiteral("Groceries")));
    }

    void setsTheCategoryOfTheSelectedRowsAndFiltersByIt()
    {
        ui::TransactionsPanel panel(owner());
        QVERIFY(ready(panel));
        auto* table = find<QTableView>(&panel, QStringLiteral("transactionsTable"));
        auto* button = find<QToolButton>(&panel, QStringLiteral("setCategoryButton"));
        QVERIFY(!button->isEnabled()); // nothing selected yet
        table->selectionModel()->select(QItemSelection(table->model()->index(3, 0), table->model()->index(7, 0)),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(panel.selectedTransactionIds().size(), 5);
        QVERIFY(button->isEnabled());

        QAction* travel = nullptr;
        for (QAction* a : button->menu()->actions()) {
            if (a->text() == QStringLiteral("Travel")) {
                travel = a;
            }
        }
        QVERIFY(travel);
        travel->trigger();
        const qint64 travelId = categoryId(QStringLiteral("Travel"));
        QTRY_COMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE category_id = ?"), {travelId}), 5);
        for (int row = 3; row <= 7; ++row) {
            QTRY_COMPARE(table->model()->index(row, TransactionTableModel::Category).data().toString(),
                         QStringLiteral("Travel"));
        }
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'transaction.categorised'")) > 0,
                 true);

        // The category filter narrows the table to those five.
        auto* filter = find<QComboBox>(&panel, QStringLiteral("filterCategory"));
        filter->setCurrentIndex(filter->findText(QStringLiteral("Travel")));
        QTRY_COMPARE(table->model()->rowCount(), 5);
        filter->setCurrentIndex(filter->findText(QStringLiteral("Uncategorised")));
        QTRY_COMPARE(panel.tableModel()->totalCount(),
                     scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE category_id IS NULL")));
    }

    void withoutThePermissionsTheActionsAreNotOffered()
    {
        ui::TransactionsPanel panel(context(AccessContext(QStringLiteral("viewer"), {Permission::TransactionsRead})));
        QVERIFY(ready(panel));
        QVERIFY(find<QToolButton>(&panel, QStringLiteral("setCategoryButton"))->isHidden());
        QVERIFY(find<QToolButton>(&panel, QStringLiteral("ruleFromRowButton"))->isHidden());
        QVERIFY(find<QToolButton>(&panel, QStringLiteral("exportButton"))->isHidden());
        const QModelIndex cell = panel.tableModel()->index(0, TransactionTableModel::Category);
        QVERIFY(!(panel.tableModel()->flags(cell) & Qt::ItemIsEditable));
    }

    void createsARuleFromTheSelectedRow()
    {
        ui::TransactionsPanel panel(owner());
        QVERIFY(ready(panel));
        auto* table = find<QTableView>(&panel, QStringLiteral("transactionsTable"));
        table->selectRow(0);
        const QString counterparty =
            table->model()->index(0, TransactionTableModel::Counterparty).data().toString();
        QTest::mouseClick(find<QToolButton>(&panel, QStringLiteral("ruleFromRowButton")), Qt::LeftButton);
        ui::RuleDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = panel.findChild<ui::RuleDialog*>()) != nullptr);
        auto* value = find<QLineEdit>(dialog, QStringLiteral("ruleValue"));
        QCOMPARE(value->text(), counterparty); // the fixture rows all have a counterparty
        auto* ok = find<QDialogButtonBox>(dialog, QString())->button(QDialogButtonBox::Ok);

        // A broken regular expression is refused before it reaches the database.
        auto* condition = find<QComboBox>(dialog, QStringLiteral("ruleCondition"));
        condition->setCurrentIndex(condition->findData(QStringLiteral("regex")));
        value->setText(QStringLiteral("Party ("));
        QVERIFY(!ok->isEnabled());
        QVERIFY(find<QLabel>(dialog, QStringLiteral("ruleProblem"))->isVisibleTo(dialog));
        condition->setCurrentIndex(condition->findData(QStringLiteral("equals")));
        value->setText(counterparty);
        QVERIFY2(ok->isEnabled(), qPrintable(find<QLabel>(dialog, QStringLiteral("ruleProblem"))->text()));
        auto* category = find<QComboBox>(dialog, QStringLiteral("ruleCategory"));
        category->setCurrentIndex(category->findText(QStringLiteral("Utilities")));
        QTest::mouseClick(ok, Qt::LeftButton);

        QTRY_COMPARE(scalar(QStringLiteral("SELECT count(*) FROM category_rules WHERE field = 'counterparty' "
                                           "AND condition = 'equals' AND value = ? AND category_id = ?"),
                            {counterparty, categoryId(QStringLiteral("Utilities"))}),
                     1);
    }

    void savesAndReappliesAView()
    {
        QVERIFY(m_db->exec(QStringLiteral("DELETE FROM saved_views")));
        ui::TransactionsPanel panel(owner());
        QVERIFY(ready(panel));
        auto* table = find<QTableView>(&panel, QStringLiteral("transactionsTable"));
        auto* search = find<QLineEdit>(&panel, QStringLiteral("filterText"));
        QTest::keyClicks(search, QStringLiteral("Payment 11"));
        QTRY_COMPARE(panel.tableModel()->filter().text, QStringLiteral("Payment 11"));
        QTRY_VERIFY(!panel.tableModel()->isLoading());
        const int matching = table->model()->rowCount(); // 11, 110..119
        QCOMPARE(matching, 11);

        QTest::mouseClick(find<QToolButton>(&panel, QStringLiteral("saveViewButton")), Qt::LeftButton);
        QInputDialog* ask = nullptr;
        QTRY_VERIFY((ask = panel.findChild<QInputDialog*>(QStringLiteral("saveViewDialog"))) != nullptr);
        ask->setTextValue(QStringLiteral("Payments 11x"));
        ask->accept();
        auto* views = find<QComboBox>(&panel, QStringLiteral("viewCombo"));
        QTRY_COMPARE(views->count(), 2);
        QCOMPARE(views->currentText(), QStringLiteral("Payments 11x"));
        QVERIFY(find<QToolButton>(&panel, QStringLiteral("deleteViewButton"))->isEnabled());

        // Another day, another panel: the view is there and brings the filter back.
        ui::TransactionsPanel later(owner());
        QVERIFY(ready(later));
        auto* laterViews = find<QComboBox>(&later, QStringLiteral("viewCombo"));
        QTRY_COMPARE(laterViews->count(), 2);
        laterViews->setCurrentIndex(1);
        Q_EMIT laterViews->activated(1);
        QCOMPARE(find<QLineEdit>(&later, QStringLiteral("filterText"))->text(), QStringLiteral("Payment 11"));
        QTRY_COMPARE(later.tableModel()->filter().text, QStringLiteral("Payment 11"));
        QTRY_VERIFY(!later.tableModel()->isLoading());
        QCOMPARE(later.tableModel()->rowCount(), matching);

        // Deleting it after the confirmation.
        QTest::mouseClick(find<QToolButton>(&later, QStringLiteral("deleteViewButton")), Qt::LeftButton);
        QMessageBox* confirm = nullptr;
        QTRY_VERIFY((confirm = later.findChild<QMessageBox*>(QStringLiteral("deleteViewConfirmation"))) != nullptr);
        QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE(laterViews->count(), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM saved_views")), 0);
    }

    void hidesColumnsAndRemembersThem()
    {
        Settings().setTransactionsHeaderState({});
        {
            ui::TransactionsPanel panel(owner());
            QVERIFY(ready(panel));
            auto* table = find<QTableView>(&panel, QStringLiteral("transactionsTable"));
            QVERIFY(!table->isColumnHidden(TransactionTableModel::Channel));
            auto* menu = find<QToolButton>(&panel, QStringLiteral("columnsButton"))->menu();
            Q_EMIT menu->aboutToShow();
            QAction* channel = nullptr;
            for (QAction* a : menu->actions()) {
                if (a->data().toInt() == TransactionTableModel::Channel) {
                    channel = a;
                }
            }
            QVERIFY(channel && channel->isChecked());
            channel->setChecked(false);
            QVERIFY(table->isColumnHidden(TransactionTableModel::Channel));
        }
        ui::TransactionsPanel again(owner());
        QVERIFY(ready(again));
        auto* table = find<QTableView>(&again, QStringLiteral("transactionsTable"));
        QVERIFY(table->isColumnHidden(TransactionTableModel::Channel));
        QVERIFY(!table->isColumnHidden(TransactionTableModel::Amount));
        Settings().setTransactionsHeaderState({}); // leave the settings as found
    }

    void shortWordsSearchOnlyOnEnter()
    {
        // "12" has no trigram: searching it reads every row, so typing alone does not start it.
        ui::TransactionsPanel panel(owner());
        QVERIFY(ready(panel));
        auto* search = find<QLineEdit>(&panel, QStringLiteral("filterText"));
        QTest::keyClicks(search, QStringLiteral("12"));
        QTest::qWait(500);
        QVERIFY(panel.tableModel()->filter().text.isEmpty());
        QVERIFY(search->toolTip().contains(QStringLiteral("Enter")));
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_COMPARE(panel.tableModel()->filter().text, QStringLiteral("12"));
        QTRY_VERIFY(!panel.tableModel()->isLoading());
        QCOMPARE(panel.tableModel()->rowCount(), 3); // rows 12, 112 and 120
        // A longer word applies as you type.
        QTest::keyClicks(search, QStringLiteral("0"));
        QTRY_COMPARE(panel.tableModel()->filter().text, QStringLiteral("120"));
    }

    void exportsEveryMatchingRowToCsv()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("march.csv"));
        ui::TransactionsPanel panel(owner());
        QVERIFY(ready(panel));
        auto* min = find<QLineEdit>(&panel, QStringLiteral("filterMinAmount"));
        QTest::keyClicks(min, QStringLiteral("100"));
        QTRY_VERIFY(panel.tableModel()->filter().minAbsMicros.has_value());
        const qint64 expected = scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE abs(amount_micros) >= 100000000"));
        QVERIFY(expected > 0 && expected < kRows);

        QTest::mouseClick(find<QToolButton>(&panel, QStringLiteral("exportButton")), Qt::LeftButton);
        QFileDialog* ask = nullptr;
        QTRY_VERIFY((ask = panel.findChild<QFileDialog*>(QStringLiteral("exportFileDialog"))) != nullptr);
        Q_EMIT ask->fileSelected(path);
        ask->reject();
        QTRY_VERIFY(find<QLabel>(&panel, QStringLiteral("statusLabel"))->text().contains(QStringLiteral("exported")));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size() - 2, expected); // header, rows, and the empty piece after the last CRLF
        QVERIFY(lines.first().contains("amount"));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'transactions.exported'")), 1);
    }

    void aFailedExportSaysSoAndLeavesNoFile()
    {
        ui::TransactionsPanel panel(owner());
        QVERIFY(ready(panel));
        const QString path = QStringLiteral("/nonexistent-dir/out.csv");
        panel.actions()->exportCsv(path, {}, {});
        auto* error = find<QLabel>(&panel, QStringLiteral("errorLabel"));
        QTRY_VERIFY(error->isVisibleTo(&panel));
        QVERIFY2(error->text().contains(QStringLiteral("/nonexistent-dir/out.csv")), qPrintable(error->text()));
        QVERIFY(!QFile::exists(path));
        QVERIFY(find<QToolButton>(&panel, QStringLiteral("exportButton"))->isEnabled()); // can try again
    }
};

QTEST_MAIN(TestTransactionsPanel)
#include "TestTransactionsPanel.moc"
