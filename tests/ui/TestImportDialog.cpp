#include "MainWindow.h"
#include "ingest/ImportController.h"
#include "ingest/ImportDialog.h"
#include "ingest/ImportPreviewModel.h"
#include "support/TestDatabase.h"
#include "transactions/TransactionTableModel.h"
#include "transactions/TransactionsPanel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMimeData>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

namespace {

const QString kCamt = QStringLiteral(FLOWLET_SAMPLES_DIR "/camt/genkgo-camt__camt053.v4.xml");

// Drops a file on the window the way a file manager does: drag enter, then drop.
void dropFile(QWidget* window, const QString& path)
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &drop);
}

} // namespace

class TestImportDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;

    qint64 transactions()
    {
        auto q = m_db->exec(QStringLiteral("SELECT count(*) FROM transactions"));
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    // Opens the import dialog for `path` by dropping it on the window; returns it when planned.
    ui::ImportDialog* dropAndWait(ui::MainWindow& window, const QString& path)
    {
        ui::ImportDialog* opened = nullptr;
        window.importDialogHook = [&](QDialog* d) { opened = qobject_cast<ui::ImportDialog*>(d); };
        dropFile(&window, path);
        if (!opened) {
            return nullptr;
        }
        QDeadlineTimer deadline(10000);
        while (opened->controller()->isBusy() && !deadline.hasExpired()) {
            QTest::qWait(20);
        }
        return opened->controller()->isBusy() ? nullptr : opened;
    }

private Q_SLOTS:
    void init()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
    }
    void cleanup()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void droppedStatementForANewAccountIsImported()
    {
        ui::MainWindow window(m_db, AccessContext::localOwner(QStringLiteral("tester")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* dialog = dropAndWait(window, kCamt);
        QVERIFY(dialog);

        // The file names an account the workspace does not have: the dialog says which, and offers one.
        auto* error = dialog->findChild<QLabel*>(QStringLiteral("errorLabel"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("NL26VAYB8060476890")), qPrintable(error->text()));
        auto* importButton = dialog->findChild<QPushButton*>(QStringLiteral("importButton"));
        QVERIFY(!importButton->isEnabled());
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("createAccountButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->controller()->isBusy(), 10000);
        QVERIFY(!error->isVisible());

        auto* table = dialog->findChild<QTableView*>(QStringLiteral("previewTable"));
        QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, ImportPreviewModel::StatusColumn).data().toString(), QStringLiteral("New"));
        auto* counts = dialog->findChild<QLabel*>(QStringLiteral("countsLabel"));
        QVERIFY2(counts->text().startsWith(QStringLiteral("1 new, 0 duplicate")), qPrintable(counts->text()));
        QVERIFY(importButton->isEnabled());

        QSignalSpy imported(dialog, &ui::ImportDialog::imported);
        QTest::mouseClick(importButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 10000);
        QCOMPARE(transactions(), 1);
        // The browser shows it without being asked.
        auto* panel = qobject_cast<ui::TransactionsPanel*>(window.panel(QStringLiteral("transactions")));
        QTRY_COMPARE(panel->tableModel()->rowCount(), 1);
    }

    void secondImportShowsDuplicatesAndCanOverrule()
    {
        ui::MainWindow window(m_db, AccessContext::localOwner(QStringLiteral("tester")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* first = dropAndWait(window, kCamt);
        QVERIFY(first);
        QTest::mouseClick(first->findChild<QPushButton*>(QStringLiteral("createAccountButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!first->controller()->isBusy(), 10000);
        QTest::mouseClick(first->findChild<QPushButton*>(QStringLiteral("importButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(transactions(), 1, 10000);

        auto* again = dropAndWait(window, kCamt);
        QVERIFY(again);
        auto* counts = again->findChild<QLabel*>(QStringLiteral("countsLabel"));
        QVERIFY2(counts->text().startsWith(QStringLiteral("0 new, 1 duplicate")), qPrintable(counts->text()));
        auto* summary = again->findChild<QLabel*>(QStringLiteral("statementsLabel"));
        QVERIFY(summary->text().contains(QStringLiteral("imported before")));
        auto* table = again->findChild<QTableView*>(QStringLiteral("previewTable"));
        const QModelIndex add = table->model()->index(0, ImportPreviewModel::AddColumn);
        QCOMPARE(add.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(add.flags() & Qt::ItemIsUserCheckable);
        // The user says it really is a second, identical payment.
        QVERIFY(table->model()->setData(add, Qt::Checked, Qt::CheckStateRole));
        QVERIFY2(counts->text().startsWith(QStringLiteral("1 new, 0 duplicate")), qPrintable(counts->text()));
        QVERIFY(table->model()->setData(add, Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(counts->text().startsWith(QStringLiteral("0 new, 1 duplicate")));
        // Importing the duplicates adds nothing.
        QPointer<ui::ImportDialog> closing(again); // it deletes itself when closed
        QTest::mouseClick(again->findChild<QPushButton*>(QStringLiteral("importButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(closing.isNull() || !closing->isVisible(), 10000);
        QCOMPARE(transactions(), 1);
    }

    void malformedFileSaysWhereAndStoresNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.xml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QFile sample(kCamt);
        QVERIFY(sample.open(QIODevice::ReadOnly));
        f.write(sample.readAll().left(1500)); // cut off in the middle
        f.close();

        ui::MainWindow window(m_db, AccessContext::localOwner(QStringLiteral("tester")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* dialog = dropAndWait(window, path);
        QVERIFY(dialog);
        auto* error = dialog->findChild<QLabel*>(QStringLiteral("errorLabel"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("broken.xml")) && error->text().contains(QStringLiteral("line")),
                 qPrintable(error->text()));
        QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("importButton"))->isEnabled());
        QVERIFY(!dialog->findChild<QWidget*>(QStringLiteral("createAccountButton"))->isVisible());
        QCOMPARE(transactions(), 0);
    }

    void balancesThatDoNotAddUpWaitForTheUser()
    {
        // A real test file whose closing balance does not follow from its entries.
        const QString path = QStringLiteral(FLOWLET_SAMPLES_DIR "/mt940/wolph-mt940__jejik_ing.sta");
        ui::MainWindow window(m_db, AccessContext::localOwner(QStringLiteral("tester")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* dialog = dropAndWait(window, path);
        QVERIFY(dialog);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("createAccountButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->controller()->isBusy(), 10000);
        auto* summary = dialog->findChild<QLabel*>(QStringLiteral("statementsLabel"));
        QVERIFY2(summary->text().contains(QStringLiteral("do not add up")), qPrintable(summary->text()));
        auto* importButton = dialog->findChild<QPushButton*>(QStringLiteral("importButton"));
        auto* accept = dialog->findChild<QCheckBox*>(QStringLiteral("acceptMismatchCheck"));
        QVERIFY(accept->isVisible());
        QVERIFY(!importButton->isEnabled());
        accept->click();
        QVERIFY(importButton->isEnabled());
        QTest::mouseClick(importButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(transactions(), 7, 10000);
        auto q = m_db->exec(QStringLiteral("SELECT notes FROM import_batches"));
        QVERIFY(q && q->next());
        QVERIFY2(q->value(0).toString().contains(QStringLiteral("imported although")), qPrintable(q->value(0).toString()));
    }

    void csvExportGoesIntoTheChosenAccount()
    {
        // Bank of Ireland's export names neither its account nor a currency: the account decides both.
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO accounts (kind, name, currency) VALUES ('own', 'BOI current', 'EUR')")));
        ui::MainWindow window(m_db, AccessContext::localOwner(QStringLiteral("tester")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* dialog =
            dropAndWait(window, QStringLiteral(FLOWLET_SAMPLES_DIR "/bank_csv/bank2ynab__IE-BankOfIreland__test_BOI_TransactionExport.csv"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->findChild<QLabel*>(QStringLiteral("errorLabel"))->isVisible());
        auto* combo = dialog->findChild<QComboBox*>(QStringLiteral("accountCombo"));
        QCOMPARE(combo->count(), 1);
        QVERIFY(combo->itemText(0).contains(QStringLiteral("BOI current")));
        // Without a currency there is nothing to create an account from.
        QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("createAccountButton"))->isVisible());
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("useAccountButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->controller()->isBusy(), 10000);
        auto* table = dialog->findChild<QTableView*>(QStringLiteral("previewTable"));
        const int rows = table->model()->rowCount();
        QVERIFY(rows > 0);
        QVERIFY(table->model()->index(0, ImportPreviewModel::AmountColumn).data().toString().contains(QStringLiteral("EUR")));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("importButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(transactions(), qint64(rows), 10000);
    }

    void cancelDuringALongCommitStoresNothing()
    {
        // A year of a busy account as its bank exports it (the benchmark's generator).
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("big.csv"));
        QProcess generator;
        generator.start(QStringLiteral("python3"),
                        {QStringLiteral(FLOWLET_TEST_DATA_DIR "/../bench/make_statement_csv.py"), QStringLiteral("150000"),
                         csv, dir.filePath(QStringLiteral("copy.csv")), QStringLiteral("1")});
        QVERIFY(generator.waitForFinished(120000) && generator.exitCode() == 0);
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO accounts (kind, name, currency) VALUES ('own', 'Main', 'EUR')")));
        ui::ImportDialog dialog(m_db, Actor{std::nullopt, QStringLiteral("tester"), std::nullopt}, csv);
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.controller()->isBusy(), 120000);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("useAccountButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.controller()->isBusy(), 120000);
        QCOMPARE(dialog.controller()->plan().lines.size(), 150000);

        // Import, and Cancel as soon as the commit reports progress.
        QSignalSpy progress(dialog.controller(), &ImportController::progress);
        QSignalSpy failed(dialog.controller(), &ImportController::failed);
        QSignalSpy committed(dialog.controller(), &ImportController::committed);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("importButton")), Qt::LeftButton);
        QVERIFY(progress.wait(60000));
        auto* bar = dialog.findChild<QProgressBar*>();
        QVERIFY(bar->isVisible());
        QVERIFY2(bar->value() > 0 && bar->value() < bar->maximum(), qPrintable(QString::number(bar->value())));
        QTest::mouseClick(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 60000);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("cancelled")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(committed.isEmpty());
        QCOMPARE(transactions(), 0);
        auto batches = m_db->exec(QStringLiteral("SELECT count(*) FROM import_batches"));
        QVERIFY(batches && batches->next());
        QCOMPARE(batches->value(0).toLongLong(), 0);
    }

    void withoutImportPermissionNothingOpens()
    {
        ui::MainWindow window(m_db, AccessContext(QStringLiteral("auditor"), {Permission::TransactionsRead}));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.acceptDrops());
        bool opened = false;
        window.importDialogHook = [&](QDialog*) { opened = true; };
        window.importStatement(kCamt);
        QVERIFY(!opened);
        QVERIFY(!window.findChild<QAction*>(QStringLiteral("importAction"))->isEnabled());
    }
};

QTEST_MAIN(TestImportDialog)
#include "TestImportDialog.moc"
