#include "MainWindow.h"
#include "ingest/ImportService.h"
#include "ingest/StatementReader.h"
#include "ledger/Reconciliation.h"
#include "ledger/ReconciliationBookModel.h"
#include "ledger/ReconciliationController.h"
#include "ledger/ReconciliationLineModel.h"
#include "ledger/ReconciliationMatchModel.h"
#include "ledger/ReconciliationPanel.h"
#include "support/Statements.h"
#include "support/TestDatabase.h"

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QSpinBox>
#include <QtTest>

using namespace flowlet;
using namespace flowlet::ingest;
using flowlet::test::TestDatabase;

namespace {

// A real Rabobank MT940 file whose balances add up: two statements of account NL71RABO0123456789,
// the first from 1,000.00 through -25.00 (1 Jan) and -10.00 (2 Jan) to 965.00 on 8 January.
const QString kSample = QStringLiteral(FLOWLET_SAMPLES_DIR "/mt940/wolph-mt940__jejik_rabobank-iban.sta");
const QString kIban = QStringLiteral("NL71RABO0123456789");

QDate january(int day)
{
    return QDate(2013, 1, day);
}

} // namespace

// The reconciliation panel driven like a person would: the account's book is kept by hand, the
// bank's statement is imported for reconciliation only, and the two are brought together through
// the panel's widgets until the statement can be finished.
class TestReconciliationPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    const Actor m_actor {std::nullopt, QStringLiteral("tester"), std::nullopt};
    qint64 m_account = 0;
    QList<qint64> m_batches; // the file's two statements, in file order
    qint64 m_rent = 0;       // -25.00 on 1 Jan: the statement's first line, same day
    qint64 m_doe = 0;        // -10.00 on 4 Jan: the second line, booked two days later
    qint64 m_deposit = 0;    // +5.00 on 3 Jan: not on the statement

    qint64 scalar(const QString& sql, const QVariantList& bindings = {})
    {
        auto q = m_db->exec(sql, bindings);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    qint64 addBook(const QDate& date, const char* amount, const QString& description)
    {
        return test::addBookEntry(*m_db, m_account, date, test::eur(amount), description);
    }

    template <typename T>
    static T* child(QWidget* panel, const char* name)
    {
        T* w = panel->findChild<T*>(QString::fromLatin1(name));
        if (!w) {
            qWarning() << "no widget" << name;
        }
        return w;
    }

    static void click(QWidget* panel, const char* name)
    {
        auto* b = child<QPushButton>(panel, name);
        QVERIFY2(b && b->isEnabled(), name);
        QTest::mouseClick(b, Qt::LeftButton);
    }

    // Nothing running: no step of the controller, no page of any list.
    static bool idle(ui::ReconciliationPanel* panel)
    {
        const ReconciliationController* c = panel->controller();
        return !c->isBusy() && !c->matchedModel()->isLoading() && !c->suggestedModel()->isLoading() &&
            !c->lineModel()->isLoading() && !c->bookModel()->isLoading();
    }

    static int rowWith(QTableView* table, int column, const QString& text)
    {
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            if (table->model()->index(r, column).data().toString().contains(text)) {
                return r;
            }
        }
        return -1;
    }

    static void select(QTableView* table, const QList<int>& rows)
    {
        table->clearSelection();
        for (int r : rows) {
            table->selectionModel()->select(table->model()->index(r, 0),
                                            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }

    static bool showsDifference(QWidget* panel, const char* amount)
    {
        const QString shown = child<QLabel>(panel, "differenceLabel")->text();
        if (!shown.contains(test::eur(amount).toDisplayString())) {
            qWarning() << "the difference shown is" << shown << "not" << amount;
            return false;
        }
        return true;
    }

    // Starts a session for the first statement of the file and auto-matches it.
    void startAndAutoMatch(ui::ReconciliationPanel* panel)
    {
        auto* statements = child<QComboBox>(panel, "statementCombo");
        QTRY_COMPARE(statements->count(), 2);
        QTRY_VERIFY(idle(panel));
        statements->setCurrentIndex(statements->findData(m_batches.first()));
        QVERIFY(statements->currentText().contains(QStringLiteral("965.00")));
        click(panel, "startButton");
        QTRY_VERIFY(idle(panel));
        QVERIFY2(child<QLabel>(panel, "sessionLabel")->text().contains(QStringLiteral("open")),
                 qPrintable(child<QLabel>(panel, "sessionLabel")->text()));
        // Nothing cleared yet: 965.00 against the account's 1,000.00.
        QVERIFY(showsDifference(panel, "-35.00"));
        click(panel, "autoMatchButton");
        QTRY_VERIFY(idle(panel));
        QCOMPARE(child<QTableView>(panel, "matchedTable")->model()->rowCount(), 1);
        QCOMPARE(child<QTableView>(panel, "suggestedTable")->model()->rowCount(), 1);
        QVERIFY(showsDifference(panel, "-10.00"));
        QVERIFY(child<QLabel>(panel, "differenceLabel")->styleSheet().contains(QStringLiteral("#c62828")));
        QVERIFY(!child<QPushButton>(panel, "finishButton")->isEnabled());
    }

private Q_SLOTS:
    void init()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        m_account = scalar(QStringLiteral("INSERT INTO accounts (kind, name, iban, currency, opening_balance_micros) "
                                          "VALUES ('own', 'Rabobank current', ?, 'EUR', ?) RETURNING id"),
                           {kIban, *test::eur("1000.00").toMicros()});
        QVERIFY(m_account > 0);
        m_rent = addBook(january(1), "-25.00", QStringLiteral("Contra account holder"));
        m_doe = addBook(january(4), "-10.00", QStringLiteral("John Doe reference 201301234"));
        m_deposit = addBook(january(3), "5.00", QStringLiteral("Cash deposit"));
        QVERIFY(m_rent > 0 && m_doe > 0 && m_deposit > 0);

        auto bytes = readStatementBytes(kSample);
        QVERIFY(bytes);
        auto file = readStatement(*bytes, QFileInfo(kSample).fileName());
        QVERIFY2(file, qPrintable(file ? QString() : file.error().message()));
        ImportService importer(m_db, m_actor);
        ImportOptions options;
        options.statementOnly = true;
        options.accountId = m_account;
        auto plan = importer.plan(*file, ImportService::fileHash(*bytes), options);
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message()));
        QVERIFY(plan->balancesMatch());
        auto done = importer.commit(*plan);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message()));
        m_batches = done->batchIds;
        QCOMPARE(m_batches.size(), 2);
    }
    void cleanup()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void reconcilesAnImportedStatementToALockedFinish()
    {
        ui::MainWindow window(m_db, AccessContext(QStringLiteral("tester"),
                                                  {Permission::ReconciliationPerform, Permission::TransactionsRead}));
        window.show();
        QVERIFY(window.panelIds().contains(QStringLiteral("reconciliation")));
        QVERIFY(window.showPanel(QStringLiteral("reconciliation")));
        auto* panel = qobject_cast<ui::ReconciliationPanel*>(window.panel(QStringLiteral("reconciliation")));
        QVERIFY(panel);
        QString asked;
        panel->confirmHook = [&asked](const QString& question) {
            asked = question;
            return true;
        };
        QTRY_COMPARE(child<QComboBox>(panel, "accountCombo")->count(), 1);
        startAndAutoMatch(panel);
        if (QTest::currentTestFailed()) {
            return;
        }

        // The suggestion (same amount, two days apart) is rejected; the pair is then made by hand.
        auto* suggested = child<QTableView>(panel, "suggestedTable");
        select(suggested, {0});
        click(panel, "rejectButton");
        QTRY_VERIFY(idle(panel));
        QCOMPARE(suggested->model()->rowCount(), 0);
        auto* lines = child<QTableView>(panel, "statementLinesTable");
        auto* book = child<QTableView>(panel, "bookEntriesTable");
        QCOMPARE(lines->model()->rowCount(), 1);
        QCOMPARE(book->model()->rowCount(), 2);
        const int doe = rowWith(book, ReconciliationBookModel::Description, QStringLiteral("John Doe"));
        const int deposit = rowWith(book, ReconciliationBookModel::Description, QStringLiteral("Cash deposit"));
        QVERIFY(doe >= 0 && deposit >= 0);
        select(lines, {0});
        select(book, {deposit}); // -10.00 against +5.00: they do not add up
        QVERIFY(!child<QPushButton>(panel, "matchSelectedButton")->isEnabled());
        QVERIFY(child<QLabel>(panel, "selectionLabel")->text().contains(test::eur("15.00").toDisplayString()));
        select(book, {doe});
        click(panel, "matchSelectedButton");
        QTRY_VERIFY(idle(panel));
        QCOMPARE(child<QTableView>(panel, "matchedTable")->model()->rowCount(), 2);
        QCOMPARE(lines->model()->rowCount(), 0);
        QVERIFY(showsDifference(panel, "0.00"));
        QVERIFY(!child<QLabel>(panel, "differenceLabel")->styleSheet().contains(QStringLiteral("#c62828")));
        QVERIFY(child<QPushButton>(panel, "finishButton")->isEnabled());

        // Ticking the deposit, which the bank has not seen, opens a difference again: no finishing.
        QCOMPARE(book->model()->rowCount(), 1);
        select(book, {0});
        click(panel, "toggleClearedButton");
        QTRY_VERIFY(idle(panel));
        QCOMPARE(book->model()->index(0, ReconciliationBookModel::Cleared).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        QVERIFY(showsDifference(panel, "-5.00"));
        QVERIFY(!child<QPushButton>(panel, "finishButton")->isEnabled());
        select(book, {0});
        click(panel, "toggleClearedButton");
        QTRY_VERIFY(idle(panel));
        QCOMPARE(book->model()->index(0, ReconciliationBookModel::Cleared).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Unchecked));
        QVERIFY(child<QPushButton>(panel, "finishButton")->isEnabled());

        click(panel, "finishButton");
        QTRY_VERIFY(idle(panel));
        QVERIFY2(asked.contains(test::eur("965.00").toDisplayString()), qPrintable(asked));
        const qint64 session = panel->controller()->session()->id;
        QVERIFY2(child<QLabel>(panel, "sessionLabel")->text().contains(QStringLiteral("Locked")),
                 qPrintable(child<QLabel>(panel, "sessionLabel")->text()));
        for (const char* name : {"autoMatchButton", "acceptButton", "rejectButton", "unmatchButton",
                                 "matchSelectedButton", "toggleClearedButton", "finishButton"}) {
            QVERIFY2(!child<QPushButton>(panel, name)->isEnabled(), name);
        }
        auto* matched = child<QTableView>(panel, "matchedTable");
        QCOMPARE(matched->model()->rowCount(), 2);
        QCOMPARE(matched->model()->index(0, ReconciliationMatchModel::State).data().toString(),
                 QStringLiteral("Reconciled"));
        select(book, {0});
        QVERIFY(!(book->model()->flags(book->model()->index(0, ReconciliationBookModel::Cleared)) &
                  Qt::ItemIsUserCheckable));
        QVERIFY(!child<QPushButton>(panel, "toggleClearedButton")->isEnabled());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'reconciliation.finished' "
                                       "AND object_id = ?"),
                        {QString::number(session)}),
                 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE reconcile_state = 'reconciled'")), 2);
        auto* statements = child<QComboBox>(panel, "statementCombo");
        const int reconciled = statements->findData(m_batches.first());
        QTRY_VERIFY(statements->itemText(reconciled).contains(QStringLiteral("(reconciled)")));
        QCOMPARE(child<QPushButton>(panel, "startButton")->text(), QStringLiteral("Show"));
    }

    void anotherWorkstationsChangeIsShownAndNothingIsLost()
    {
        ui::ReconciliationPanel panel(m_db, m_actor);
        panel.show();
        panel.confirmHook = [](const QString&) { return true; };
        startAndAutoMatch(&panel);
        if (QTest::currentTestFailed()) {
            return;
        }
        const qint64 session = panel.controller()->session()->id;

        // This workstation ticks the deposit.
        auto* book = child<QTableView>(&panel, "bookEntriesTable");
        const int deposit = rowWith(book, ReconciliationBookModel::Description, QStringLiteral("Cash deposit"));
        QVERIFY(deposit >= 0);
        select(book, {deposit});
        click(&panel, "toggleClearedButton");
        QTRY_VERIFY(idle(&panel));
        QVERIFY(showsDifference(&panel, "-15.00"));

        // Another workstation accepts the suggestion; this one, not knowing, rejects it.
        Reconciliation other(m_db, Actor {std::nullopt, QStringLiteral("colleague"), std::nullopt});
        auto review = other.items(session);
        QVERIFY(review && review->suggested.size() == 1);
        QVERIFY(other.accept(review->suggested.first().id));
        auto* suggested = child<QTableView>(&panel, "suggestedTable");
        QCOMPARE(suggested->model()->rowCount(), 1); // still showing what it loaded
        select(suggested, {0});
        click(&panel, "rejectButton");
        QTRY_VERIFY(idle(&panel));
        auto* message = child<QLabel>(&panel, "reconciliationMessage");
        QVERIFY2(message->text().contains(QStringLiteral("Another workstation")), qPrintable(message->text()));
        QVERIFY(message->styleSheet().contains(QStringLiteral("#c62828")));

        // Reloaded: the colleague's acceptance and this workstation's tick are both there.
        QCOMPARE(suggested->model()->rowCount(), 0);
        QCOMPARE(child<QTableView>(&panel, "matchedTable")->model()->rowCount(), 2);
        const int ticked = rowWith(book, ReconciliationBookModel::Description, QStringLiteral("Cash deposit"));
        QVERIFY(ticked >= 0);
        QCOMPARE(book->model()->index(ticked, ReconciliationBookModel::Cleared).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        QVERIFY(showsDifference(&panel, "-5.00"));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM reconciliation_matches WHERE session_id = ? "
                                       "AND state = 'cleared'"),
                        {session}),
                 2);

        // Seen, the view can be worked on again: untick, finish.
        select(book, {ticked});
        click(&panel, "toggleClearedButton");
        QTRY_VERIFY(idle(&panel));
        QVERIFY(child<QPushButton>(&panel, "finishButton")->isEnabled());
        click(&panel, "finishButton");
        QTRY_VERIFY(idle(&panel));
        QVERIFY(panel.controller()->isLocked());
        // The colleague's workstation, a step behind, is told it is locked.
        auto late = other.setCleared(session, m_deposit, true);
        QVERIFY(!late);
        QVERIFY2(late.error().message().contains(QStringLiteral("finished")), qPrintable(late.error().message()));
    }

    void tolerancesChosenForTheSessionDecideTheSuggestions()
    {
        ui::ReconciliationPanel panel(m_db, m_actor);
        panel.show();
        QTRY_COMPARE(child<QComboBox>(&panel, "accountCombo")->count(), 1);
        auto* statements = child<QComboBox>(&panel, "statementCombo");
        QTRY_COMPARE(statements->count(), 2);
        QTRY_VERIFY(idle(&panel));
        statements->setCurrentIndex(statements->findData(m_batches.first()));
        // A negative tolerance is refused before anything starts.
        auto* amount = child<QLineEdit>(&panel, "amountToleranceEdit");
        amount->setText(QStringLiteral("-1"));
        click(&panel, "startButton");
        QVERIFY(child<QLabel>(&panel, "reconciliationMessage")->text().contains(QStringLiteral("amount tolerance")));
        QVERIFY(!panel.controller()->session());
        // Same-day matches only: the payment booked days after its statement line is not suggested.
        amount->setText(QStringLiteral("0,05"));
        child<QSpinBox>(&panel, "dateToleranceSpin")->setValue(0);
        click(&panel, "startButton");
        QTRY_VERIFY(idle(&panel));
        QVERIFY(panel.controller()->session());
        QCOMPARE(panel.controller()->session()->settings.dateToleranceDays, 0);
        QCOMPARE(panel.controller()->session()->settings.amountToleranceMicros, 50'000);
        QVERIFY2(child<QLabel>(&panel, "sessionLabel")->text().contains(QStringLiteral("within 0 day")),
                 qPrintable(child<QLabel>(&panel, "sessionLabel")->text()));
        click(&panel, "autoMatchButton");
        QTRY_VERIFY(idle(&panel));
        QCOMPARE(child<QTableView>(&panel, "matchedTable")->model()->rowCount(), 1);
        QCOMPARE(child<QTableView>(&panel, "suggestedTable")->model()->rowCount(), 0);
        // Kept with the session: shown again with the same settings.
        const qint64 id = panel.controller()->session()->id;
        Reconciliation again(m_db, m_actor);
        auto loaded = again.load(id);
        QVERIFY(loaded);
        QCOMPARE(loaded->settings.dateToleranceDays, 0);
        QCOMPARE(loaded->settings.amountToleranceMicros, 50'000);
    }

    void paperStatementTickedByHand()
    {
        ui::ReconciliationPanel panel(m_db, m_actor);
        panel.show();
        panel.confirmHook = [](const QString&) { return true; };
        QTRY_COMPARE(child<QComboBox>(&panel, "accountCombo")->count(), 1);
        QTRY_VERIFY(idle(&panel));
        child<QDateEdit>(&panel, "paperDateEdit")->setDate(january(3));
        auto* closing = child<QLineEdit>(&panel, "closingBalanceEdit");
        closing->setText(QStringLiteral("not an amount"));
        click(&panel, "startPaperButton");
        QVERIFY(child<QLabel>(&panel, "reconciliationMessage")->text().contains(QStringLiteral("not an amount")));
        QVERIFY(!panel.controller()->session());
        closing->setText(QStringLiteral("980,00"));
        click(&panel, "startPaperButton");
        QTRY_VERIFY(idle(&panel));
        QVERIFY(panel.controller()->session());
        QVERIFY(!panel.controller()->session()->batchId);
        QVERIFY(!child<QPushButton>(&panel, "autoMatchButton")->isEnabled()); // no lines to match
        QVERIFY2(child<QLabel>(&panel, "statementClosingLabel")->text().contains(test::eur("980.00").toDisplayString()),
                 qPrintable(child<QLabel>(&panel, "statementClosingLabel")->text()));

        // Up to the statement's date: the rent and the deposit, not John Doe's payment of the 4th.
        auto* book = child<QTableView>(&panel, "bookEntriesTable");
        QCOMPARE(book->model()->rowCount(), 2);
        select(book, {0, 1});
        click(&panel, "toggleClearedButton");
        QTRY_VERIFY(idle(&panel));
        QVERIFY(showsDifference(&panel, "0.00"));
        QVERIFY(child<QPushButton>(&panel, "finishButton")->isEnabled());

        // Closed and opened again later: the open session is offered for resuming.
        panel.controller()->setAccount(m_account);
        QTRY_VERIFY(idle(&panel));
        QVERIFY(!panel.controller()->session());
        auto* resume = child<QPushButton>(&panel, "resumeButton");
        QVERIFY(resume->isEnabled());
        QVERIFY(resume->text().contains(QStringLiteral("2013-01-03")));
        click(&panel, "resumeButton");
        QTRY_VERIFY(idle(&panel));
        QVERIFY(panel.controller()->session());
        QVERIFY(child<QPushButton>(&panel, "finishButton")->isEnabled());
        click(&panel, "finishButton");
        QTRY_VERIFY(idle(&panel));
        QVERIFY(panel.controller()->isLocked());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE reconcile_state = 'reconciled'")), 2);
    }
};

QTEST_MAIN(TestReconciliationPanel)
#include "TestReconciliationPanel.moc"
