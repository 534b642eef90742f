#include "support/Fixtures.h"
#include "support/TestDatabase.h"
#include "transactions/TransactionDetailModel.h"
#include "transactions/TransactionTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

namespace {
constexpr int kRows = 137;

QList<qint64> modelIds(const TransactionTableModel& model)
{
    QList<qint64> ids;
    for (int r = 0; r < model.rowCount(); ++r) {
        ids << model.data(model.index(r, 0), TransactionTableModel::IdRole).toLongLong();
    }
    return ids;
}
} // namespace

class TestTransactionTableModel : public QObject
{
    Q_OBJECT

private:
    TestDatabase* m_tdb = nullptr;
    DatabasePtr m_db;

    std::unique_ptr<TransactionTableModel> makeModel(int pageSize)
    {
        auto model = std::make_unique<TransactionTableModel>(m_db);
        model->setPageSize(pageSize);
        new QAbstractItemModelTester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, model.get());
        return model;
    }

private Q_SLOTS:
    void initTestCase()
    {
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

    void pageSizeHasSaneBounds()
    {
        TransactionTableModel model(m_db);
        model.setPageSize(5);
        QCOMPARE(model.pageSize(), 20);
        model.setPageSize(1'000'000);
        QCOMPARE(model.pageSize(), 5000);
    }

    void loadsTheFirstPageNewestFirst()
    {
        auto model = makeModel(20);
        model->reload();
        QTRY_COMPARE(model->rowCount(), 20);
        QVERIFY(!model->hasPreviousPage());
        QVERIFY(model->hasNextPage());
        // Newest first: the highest ids share the latest hour.
        QCOMPARE(modelIds(*model).first(), qint64(kRows));
        QTRY_COMPARE(model->totalCount(), qint64(kRows));
        QCOMPARE(model->columnCount(), int(TransactionTableModel::ColumnCount));
        QCOMPARE(model->headerData(TransactionTableModel::Amount, Qt::Horizontal).toString(), QStringLiteral("Amount"));
    }

    void showsExactAmountsAndNeverFloats()
    {
        auto model = makeModel(20);
        model->reload();
        QTRY_COMPARE(model->rowCount(), 20);
        const int row = static_cast<int>(modelIds(*model).indexOf(136));
        QVERIFY(row >= 0);
        const QModelIndex amount = model->index(row, TransactionTableModel::Amount);
        QCOMPARE(amount.data(TransactionTableModel::RawValueRole).toString(), QStringLiteral("-170.00"));
        QCOMPARE(amount.data(TransactionTableModel::RawValueRole).metaType().id(), int(QMetaType::QString));
        QVERIFY(amount.data(Qt::DisplayRole).toString().contains(QStringLiteral("170")));
        QVERIFY(amount.data(Qt::DisplayRole).toString().endsWith(QStringLiteral("EUR")));
        QVERIFY(amount.data(Qt::ForegroundRole).isValid()); // negative amounts stand out
    }

    void scrollingAppendsPagesUntilTheEnd()
    {
        auto model = makeModel(25);
        model->reload();
        QTRY_COMPARE(model->rowCount(), 25);
        while (model->canFetchMore({})) {
            const int before = model->rowCount();
            model->fetchMore({});
            QTRY_VERIFY(model->rowCount() > before);
        }
        QCOMPARE(model->rowCount(), kRows);
        QVERIFY(!model->hasNextPage());
        const QList<qint64> ids = modelIds(*model);
        QCOMPARE(QSet<qint64>(ids.begin(), ids.end()).size(), kRows);
    }

    void jumpsToTheLastPageAndBack()
    {
        auto model = makeModel(30);
        model->reload();
        QTRY_COMPARE(model->rowCount(), 30);
        model->lastPage();
        QTRY_VERIFY(!model->isLoading() && !model->hasNextPage());
        QCOMPARE(model->rowCount(), 30);
        QVERIFY(model->hasPreviousPage());
        // The oldest rows, still in newest-first order: the very last is id 1.
        QCOMPARE(modelIds(*model).last(), qint64(1));
        const QList<qint64> lastPage = modelIds(*model);

        model->previousPage();
        QTRY_VERIFY(!model->isLoading() && model->hasNextPage());
        QCOMPARE(model->rowCount(), 30);
        const QList<qint64> before = modelIds(*model);
        QVERIFY(!before.contains(lastPage.first()));

        // Forward again from there is exactly the last page.
        model->nextPage();
        QTRY_VERIFY(!model->isLoading() && !model->hasNextPage());
        QCOMPARE(modelIds(*model), lastPage);

        model->firstPage();
        QTRY_VERIFY(!model->isLoading() && !model->hasPreviousPage());
        QCOMPARE(modelIds(*model).first(), qint64(kRows));
    }

    void sortsByAmount()
    {
        auto model = makeModel(20);
        model->reload();
        QTRY_COMPARE(model->rowCount(), 20);
        model->sort(TransactionTableModel::Amount, Qt::AscendingOrder);
        QTRY_VERIFY(!model->isLoading() && model->sortColumn() == TransactionTableModel::Amount);
        QCOMPARE(model->rowCount(), 20);
        // Most negative first: the largest even id.
        QCOMPARE(modelIds(*model).first(), qint64(136));
        QCOMPARE(model->sortColumn(), int(TransactionTableModel::Amount));
        // Columns without an index are not sortable and leave the order alone.
        model->sort(TransactionTableModel::Description, Qt::AscendingOrder);
        QCOMPARE(model->sortColumn(), int(TransactionTableModel::Amount));
    }

    void filtersAndCounts()
    {
        auto model = makeModel(50);
        model->reload();
        QTRY_COMPARE(model->rowCount(), 50);
        QSignalSpy counts(model.get(), &TransactionTableModel::totalCountChanged);
        TransactionFilter f;
        f.text = QStringLiteral("ref-13"); // REF-13 and REF-130 to REF-137, paid as "Payment 13…"
        model->setFilter(f);
        QTRY_COMPARE(model->totalCount(), qint64(9));
        QTRY_COMPARE(model->rowCount(), 9);
        for (int r = 0; r < model->rowCount(); ++r) {
            QVERIFY(model->index(r, TransactionTableModel::Description).data().toString().startsWith(
                QStringLiteral("Payment 13")));
        }
        QVERIFY(!model->hasNextPage());
        f.text = QStringLiteral("no such thing anywhere");
        model->setFilter(f);
        QTRY_COMPARE(model->totalCount(), qint64(0));
        QTRY_COMPARE(model->rowCount(), 0); // the page and the count arrive independently
    }

    void detailModelShowsOneTransaction()
    {
        TransactionDetailModel detail(m_db);
        QAbstractItemModelTester tester(&detail, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&detail, &TransactionDetailModel::loaded);
        detail.load(7);
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(detail.transactionId(), qint64(7));
        QCOMPARE(detail.valueOf(QStringLiteral("Reference")), QStringLiteral("REF-7"));
        QCOMPARE(detail.valueOf(QStringLiteral("Account IBAN")), QString());
        QVERIFY(detail.valueOf(QStringLiteral("Amount")).contains(QStringLiteral("8.75")));
        QVERIFY(detail.rowCount() > 10);

        QSignalSpy errors(&detail, &TransactionDetailModel::errorOccurred);
        detail.load(424242);
        QTRY_COMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains(QStringLiteral("does not exist")));
        detail.clear();
        QCOMPARE(detail.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTransactionTableModel)
#include "TestTransactionTableModel.moc"
