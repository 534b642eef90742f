#include "ingest/ImportService.h"
#include "ledger/Reconciliation.h"
#include "ledger/ReconciliationBookModel.h"
#include "ledger/ReconciliationController.h"
#include "ledger/ReconciliationLineModel.h"
#include "ledger/ReconciliationMatchModel.h"
#include "support/Statements.h"
#include "support/TestDatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace flowlet;
using namespace flowlet::ingest;
using flowlet::test::TestDatabase;

namespace {

const QString kIban = QStringLiteral("DE02120300000000202051");
constexpr int kPage = 7;

QDate march(int day)
{
    return QDate(2026, 3, day);
}

Money euros(const QString& text)
{
    return *Money::parse(text, u"EUR");
}

// "-<base + i>.<i>" with two decimals: every amount of the fixture differs from every other.
QString amountText(int base, int i)
{
    return QStringLiteral("-%1.%2").arg(base + i).arg(i % 100, 2, 10, QChar(u'0'));
}

// The whole list, page by page.
void loadAll(ReconciliationListModel& model)
{
    while (model.canFetchMore({})) {
        const int before = model.rowCount();
        model.fetchMore({});
        QTRY_VERIFY(model.rowCount() > before);
    }
}

} // namespace

// The review lists and the controller over a statement of 51 lines against a book of 54 entries:
// 30 pairs match exactly, 12 are two days apart (suggestions), 9 lines and 12 entries have no
// partner. Every list is paged by 7 rows.
class TestReconciliationModels : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    const Actor m_actor {std::nullopt, QStringLiteral("tester"), std::nullopt};
    qint64 m_account = 0;
    qint64 m_batch = 0;
    qint64 m_session = 0;

    qint64 scalar(const QString& sql, const QVariantList& bindings = {})
    {
        auto q = m_db->exec(sql, bindings);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    qint64 addBook(const QDate& date, const QString& amount, const QString& description)
    {
        return test::addBookEntry(*m_db, m_account, date, euros(amount), description);
    }

    template <typename Model>
    std::unique_ptr<Model> tested(std::unique_ptr<Model> model)
    {
        new QAbstractItemModelTester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, model.get());
        model->setPageSize(kPage);
        model->setSession(m_session);
        return model;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        m_account = scalar(QStringLiteral("INSERT INTO accounts (kind, name, iban, currency, opening_balance_micros) "
                                          "VALUES ('own', 'Operating', ?, 'EUR', 0) RETURNING id"),
                           {kIban});
        QVERIFY(m_account > 0);
        QList<StatementEntry> lines;
        for (int i = 1; i <= 30; ++i) {
            const QDate day = march(1 + i % 7);
            lines.append(test::statementEntry(day, "0", QStringLiteral("Exact %1").arg(i)));
            lines.last().amount = euros(amountText(100, i));
            QVERIFY(addBook(day, amountText(100, i), QStringLiteral("Exact %1").arg(i)) > 0);
        }
        for (int i = 1; i <= 12; ++i) {
            const QDate day = march(1 + i % 5);
            lines.append(test::statementEntry(day, "0", QStringLiteral("Late %1").arg(i)));
            lines.last().amount = euros(amountText(500, i));
            QVERIFY(addBook(day.addDays(2), amountText(500, i), QStringLiteral("Booked late %1").arg(i)) > 0);
        }
        for (int i = 1; i <= 9; ++i) {
            lines.append(test::statementEntry(march(1 + i % 7), "0", QStringLiteral("Bank only %1").arg(i)));
            lines.last().amount = euros(amountText(700, i));
        }
        for (int i = 1; i <= 12; ++i) {
            QVERIFY(addBook(march(1 + i % 7), amountText(900, i), QStringLiteral("Book only %1").arg(i)) > 0);
        }
        StatementFile file = test::statementFile(kIban, lines, QStringLiteral("march.xml"));
        Statement& st = file.statements.first();
        st.from = march(1);
        st.to = march(7);
        st.closingDate = march(7);
        st.openingBalance = euros(QStringLiteral("0"));
        Money closing = *st.openingBalance;
        for (const StatementEntry& e : std::as_const(st.entries)) {
            closing = *closing.plus(e.amount);
        }
        st.closingBalance = closing;
        ImportService importer(m_db, m_actor);
        ImportOptions options;
        options.statementOnly = true;
        options.accountId = m_account;
        auto plan = importer.plan(file, ImportService::fileHash("models"), options);
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message()));
        auto done = importer.commit(*plan);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message()));
        m_batch = done->batchIds.first();

        Reconciliation rec(m_db, m_actor);
        auto session = rec.start(m_account, m_batch);
        QVERIFY2(session, qPrintable(session ? QString() : session.error().message()));
        m_session = *session;
        auto matched = rec.autoMatch(m_session);
        QVERIFY(matched);
        QCOMPARE(matched->exact, 30);
        QCOMPARE(matched->suggested, 12);
    }
    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void matchesArePagedWithBothSidesSummed()
    {
        auto model = tested(std::make_unique<ReconciliationMatchModel>(m_db, ReviewList::Matched));
        QTRY_COMPARE(model->rowCount(), kPage);
        QCOMPARE(model->totalCount(), 30);
        QVERIFY(model->canFetchMore({}));
        loadAll(*model);
        QCOMPARE(model->rowCount(), 30);
        QVERIFY(!model->canFetchMore({}));
        QSet<qint64> ids;
        for (int r = 0; r < model->rowCount(); ++r) {
            ids.insert(model->index(r, 0).data(ReconciliationListModel::IdRole).toLongLong());
        }
        QCOMPARE(ids.size(), 30); // no page twice, none left out

        // The first match: line and entry "Exact 1", exactly -101.01 on both sides.
        const MatchView* first = model->match(0);
        QVERIFY(first);
        QCOMPARE(first->state, MatchState::Cleared);
        int row = -1;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, ReconciliationMatchModel::Statement).data().toString() == u"Exact 1") {
                row = r;
            }
        }
        QVERIFY(row >= 0);
        const auto cell = [&](int column, int role) { return model->index(row, column).data(role); };
        QCOMPARE(cell(ReconciliationMatchModel::StatementAmount, ReconciliationListModel::RawValueRole).toString(),
                 QStringLiteral("-101.01"));
        QCOMPARE(cell(ReconciliationMatchModel::BookAmount, ReconciliationListModel::RawValueRole).toString(),
                 QStringLiteral("-101.01"));
        QCOMPARE(cell(ReconciliationMatchModel::StatementAmount, Qt::DisplayRole).toString(),
                 euros(QStringLiteral("-101.01")).toDisplayString());
        QVERIFY(cell(ReconciliationMatchModel::StatementAmount, Qt::ForegroundRole).isValid()); // red
        QCOMPARE(cell(ReconciliationMatchModel::Book, Qt::DisplayRole).toString(), QStringLiteral("Exact 1"));
        QCOMPARE(cell(ReconciliationMatchModel::Date, ReconciliationListModel::RawValueRole).toDate(), march(2));
        QCOMPARE(cell(ReconciliationMatchModel::Kind, ReconciliationListModel::RawValueRole).toString(),
                 QStringLiteral("exact"));
        QCOMPARE(cell(ReconciliationMatchModel::State, Qt::DisplayRole).toString(), QStringLiteral("Cleared"));
        QCOMPARE(model->headerData(ReconciliationMatchModel::BookAmount, Qt::Horizontal).toString(),
                 QStringLiteral("Book amount"));
    }

    void suggestionsShowTheirScore()
    {
        auto model = tested(std::make_unique<ReconciliationMatchModel>(m_db, ReviewList::Suggested));
        QTRY_COMPARE(model->rowCount(), kPage);
        QCOMPARE(model->totalCount(), 12);
        loadAll(*model);
        QCOMPARE(model->rowCount(), 12);
        for (int r = 0; r < model->rowCount(); ++r) {
            QCOMPARE(model->match(r)->state, MatchState::Suggested);
            QCOMPARE(model->index(r, ReconciliationMatchModel::Kind).data(ReconciliationListModel::RawValueRole),
                     QVariant(QStringLiteral("tolerance")));
            const int score = model->index(r, ReconciliationMatchModel::Score).data().toInt();
            QVERIFY2(score > 0 && score < 100, qPrintable(QString::number(score)));
            QVERIFY(model->index(r, ReconciliationMatchModel::Book).data().toString().startsWith(u"Booked late"));
        }
    }

    void unmatchedStatementLinesInTheStatementsOrder()
    {
        auto model = tested(std::make_unique<ReconciliationLineModel>(m_db));
        QTRY_COMPARE(model->rowCount(), kPage);
        QCOMPARE(model->totalCount(), 9);
        loadAll(*model);
        QCOMPARE(model->rowCount(), 9);
        for (int r = 0; r < 9; ++r) {
            const StatementLineView* line = model->line(r);
            QCOMPARE(line->key.batchId, m_batch);
            QCOMPARE(line->key.lineNo, 43 + r);
            QCOMPARE(model->index(r, ReconciliationLineModel::Description).data().toString(),
                     QStringLiteral("Bank only %1").arg(r + 1));
            QCOMPARE(model->index(r, ReconciliationLineModel::Amount).data(ReconciliationListModel::RawValueRole),
                     QVariant(amountText(700, r + 1)));
        }
        QCOMPARE(model->headerData(ReconciliationLineModel::Line, Qt::Horizontal).toString(), QStringLiteral("Line"));
    }

    void bookEntriesTickThroughTheCheckBox()
    {
        auto model = tested(std::make_unique<ReconciliationBookModel>(m_db));
        QTRY_COMPARE(model->rowCount(), kPage);
        QCOMPARE(model->totalCount(), 12);
        loadAll(*model);
        QCOMPARE(model->rowCount(), 12);
        QDate previous;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QDate booked = model->index(r, ReconciliationBookModel::Date)
                                     .data(ReconciliationListModel::RawValueRole)
                                     .toDate();
            QVERIFY(!previous.isValid() || previous <= booked); // booking order
            previous = booked;
            QVERIFY(model->index(r, ReconciliationBookModel::Description).data().toString().startsWith(u"Book only"));
            QCOMPARE(model->index(r, ReconciliationBookModel::Cleared).data(Qt::CheckStateRole).toInt(),
                     int(Qt::Unchecked));
        }

        // Ticking asks; it changes nothing by itself.
        const QModelIndex box = model->index(0, ReconciliationBookModel::Cleared);
        QVERIFY(model->flags(box) & Qt::ItemIsUserCheckable);
        QSignalSpy asked(model.get(), &ReconciliationBookModel::clearedChangeRequested);
        QVERIFY(!model->setData(box, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(asked.size(), 1);
        const qint64 id = model->entry(0)->id;
        QCOMPARE(asked.first().at(0).toLongLong(), id);
        QCOMPARE(asked.first().at(1).toBool(), true);
        QVERIFY(!model->setData(box, Qt::Unchecked, Qt::CheckStateRole)); // already unticked: nothing to ask
        QCOMPARE(asked.size(), 1);

        // Ticked in the session, the entry stays in the list, checked.
        QVERIFY(Reconciliation(m_db, m_actor).setCleared(m_session, id, true));
        model->reload();
        QTRY_VERIFY(!model->isLoading());
        QCOMPARE(model->totalCount(), 12);
        QCOMPARE(model->entry(0)->id, id);
        QCOMPARE(model->entry(0)->state, ReconcileState::Cleared);
        QCOMPARE(model->index(0, ReconciliationBookModel::Cleared).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(model->index(0, ReconciliationBookModel::State).data().toString(), QStringLiteral("Cleared"));
        QVERIFY(!model->setData(model->index(0, ReconciliationBookModel::Cleared), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(asked.size(), 2);
        QCOMPARE(asked.last().at(1).toBool(), false);
        QVERIFY(Reconciliation(m_db, m_actor).setCleared(m_session, id, false));

        // Read-only: no check boxes to click.
        model->setReadOnly(true);
        QVERIFY(!(model->flags(box) & Qt::ItemIsUserCheckable));
        QVERIFY(!model->setData(box, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(asked.size(), 2);

        // Outstanding entries from before the statement widen the list.
        QVERIFY(addBook(QDate(2026, 2, 20), QStringLiteral("-3.00"), QStringLiteral("February cheque")) > 0);
        model->setIncludeOutstanding(true);
        QTRY_VERIFY(!model->isLoading());
        QCOMPARE(model->totalCount(), 13);
        QCOMPARE(model->index(0, ReconciliationBookModel::Description).data().toString(),
                 QStringLiteral("February cheque"));
        model->setSession(std::nullopt);
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(!model->canFetchMore({}));
    }

    void controllerRunsEachStepAndReloadsAfterAConflict()
    {
        ReconciliationController controller(m_db, m_actor);
        for (QAbstractItemModel* m :
             std::initializer_list<QAbstractItemModel*> {controller.matchedModel(), controller.suggestedModel(),
                                                         controller.lineModel(), controller.bookModel()}) {
            new QAbstractItemModelTester(m, QAbstractItemModelTester::FailureReportingMode::QtTest, &controller);
        }
        QSignalSpy errors(&controller, &ReconciliationController::errorOccurred);
        controller.loadAccounts();
        QTRY_VERIFY(!controller.isBusy());
        QCOMPARE(controller.accounts().size(), 1);
        controller.setAccount(m_account);
        QTRY_VERIFY(!controller.isBusy());
        QCOMPARE(controller.statements().size(), 1);
        QCOMPARE(controller.statements().first().openSessionId, std::optional<qint64>(m_session));
        QVERIFY(controller.openSession());
        QVERIFY(!controller.session()); // shown once resumed
        controller.open(controller.openSession()->id);
        QTRY_VERIFY(!controller.isBusy());
        QVERIFY(controller.session());
        QVERIFY(controller.summary());
        QCOMPARE(controller.summary()->matchesSuggested, 12);
        QTRY_COMPARE(controller.suggestedModel()->totalCount(), 12);
        QTRY_VERIFY(controller.suggestedModel()->rowCount() > 0);

        // Accepting through the controller clears both sides and reloads the lists.
        const qint64 first = controller.suggestedModel()->match(0)->id;
        controller.accept(first);
        QTRY_VERIFY(!controller.isBusy());
        QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.first().first().toString()));
        QCOMPARE(controller.summary()->matchesSuggested, 11);
        QTRY_COMPARE(controller.suggestedModel()->totalCount(), 11);
        QTRY_COMPARE(controller.matchedModel()->totalCount(), 31);

        // Another workstation accepts one more meanwhile: this one's next step is refused, reported
        // and the view reloaded with that change.
        QTRY_VERIFY(controller.suggestedModel()->rowCount() > 1 && !controller.suggestedModel()->isLoading());
        const qint64 theirs = controller.suggestedModel()->match(0)->id;
        const qint64 mine = controller.suggestedModel()->match(1)->id;
        Reconciliation other(m_db, m_actor);
        QVERIFY(other.accept(theirs));
        controller.reject(mine);
        QTRY_VERIFY(!controller.isBusy());
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().first().toString().contains(QStringLiteral("Another workstation")),
                 qPrintable(errors.first().first().toString()));
        QCOMPARE(controller.summary()->matchesSuggested, 10);
        QTRY_COMPARE(controller.suggestedModel()->totalCount(), 10);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM reconciliation_matches WHERE id = ?"), {mine}), 1);
        // Having seen it, the same step goes through.
        controller.reject(mine);
        QTRY_VERIFY(!controller.isBusy());
        QCOMPARE(errors.size(), 1);
        QCOMPARE(controller.summary()->matchesSuggested, 9);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM reconciliation_matches WHERE id = ?"), {mine}), 0);

        // Finishing is refused while the difference is not zero; the message says why.
        QVERIFY(!controller.summary()->canFinish());
        controller.finish();
        QTRY_VERIFY(!controller.isBusy());
        QCOMPARE(errors.size(), 2);
        QVERIFY2(errors.last().first().toString().contains(QStringLiteral("differs")),
                 qPrintable(errors.last().first().toString()));
        QVERIFY(!controller.isLocked());
    }
};

QTEST_GUILESS_MAIN(TestReconciliationModels)
#include "TestReconciliationModels.moc"
