#include "ingest/CsvMappingController.h"
#include "ingest/CsvMappingModel.h"
#include "ingest/CsvPreviewModel.h"
#include "ingest/ImportPresets.h"
#include "support/BankCsv.h"
#include "support/TestDatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace flowlet;
using ingest::CsvColumnRole;
using Kind = ingest::CsvPreviewRow::Kind;
using flowlet::test::TestDatabase;

namespace {

const QString kCommerzbank =
    QStringLiteral(FLOWLET_SAMPLES_DIR "/bank_csv/bank2ynab__DE-Commerzbank__Umsaetze_KtoNr538917600.CSV");

QByteArray readSample(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

ingest::CsvMapping sniffed(const QByteArray& bytes)
{
    auto sniff = ingest::sniffCsv(bytes, QStringLiteral("file.csv"));
    return sniff ? sniff->mapping : ingest::CsvMapping();
}

QString cell(const QAbstractItemModel* model, int row, int column, int role = Qt::DisplayRole)
{
    return model->index(row, column).data(role).toString();
}

} // namespace

// The import wizard's models: the raw grid and the preview, driven through the controller that
// holds the layout, each under QAbstractItemModelTester.
class TestCsvMappingController : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    const Actor m_actor{std::nullopt, QStringLiteral("tester"), std::nullopt};

    std::unique_ptr<CsvMappingController> controllerFor(const QByteArray& bytes, const ingest::CsvMapping& mapping)
    {
        auto c = std::make_unique<CsvMappingController>(m_db, m_actor, bytes, QStringLiteral("Umsaetze.CSV"), mapping);
        new QAbstractItemModelTester(c->rawModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, c.get());
        new QAbstractItemModelTester(c->previewModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, c.get());
        return c;
    }

private Q_SLOTS:
    void init()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
    }
    void cleanup()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void rawGridShowsTheFileAsTheLayoutSplitsIt()
    {
        const QByteArray bytes = readSample(kCommerzbank);
        auto c = controllerFor(bytes, sniffed(bytes));
        const CsvMappingModel* raw = c->rawModel();
        QCOMPARE(raw->rowCount(), 2);
        QCOMPARE(raw->columnCount(), 9);
        QCOMPARE(raw->kindOf(0), CsvMappingModel::RecordKind::Header);
        QCOMPARE(raw->kindOf(1), CsvMappingModel::RecordKind::Data);
        QCOMPARE(cell(raw, 0, 5), QStringLiteral("Währung"));
        QCOMPARE(cell(raw, 1, 4), QStringLiteral("-17,22"));
        QCOMPARE(raw->headerData(0, Qt::Horizontal).toString(), QStringLiteral("1: Booking date"));
        QCOMPARE(raw->headerData(4, Qt::Horizontal, CsvMappingModel::ColumnRoleRole).toString(), QStringLiteral("amount"));
        QCOMPARE(c->columnName(4), QStringLiteral("Betrag"));
        QCOMPARE(c->columnSample(4), QStringLiteral("-17,22"));

        // With a comma as the delimiter only the decimal comma splits the lines, and nothing reads.
        c->setDelimiter(u',');
        QCOMPARE(raw->columnCount(), 2);
        QCOMPARE(cell(raw, 1, 1), QStringLiteral("22;EUR;538917600;20040000;DE44200400000538917600"));
        QVERIFY(!c->isUsable());
        // Back to semicolons, the columns have their roles again.
        c->setDelimiter(u';');
        QCOMPARE(raw->columnCount(), 9);
        QCOMPARE(c->mapping().columns.at(4), CsvColumnRole::Amount);
        QVERIFY(c->isUsable());
    }

    void previewFollowsEveryChange()
    {
        const QByteArray bytes = readSample(kCommerzbank);
        auto c = controllerFor(bytes, sniffed(bytes));
        const CsvPreviewModel* preview = c->previewModel();
        QCOMPARE(preview->rowCount(), 1);
        QVERIFY(c->isUsable());
        QCOMPARE(cell(preview, 0, CsvPreviewModel::DateColumn), QStringLiteral("2018-03-02"));
        QCOMPARE(cell(preview, 0, CsvPreviewModel::AmountColumn, CsvPreviewModel::RawValueRole), QStringLiteral("-17.22"));
        QCOMPARE(cell(preview, 0, CsvPreviewModel::StatusColumn), QStringLiteral("OK"));

        QSignalSpy changed(c.get(), &CsvMappingController::mappingChanged);
        c->setDateFormat(QStringLiteral("yyyy-MM-dd"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(preview->errors(), 1);
        QCOMPARE(preview->index(0, 0).data(CsvPreviewModel::KindRole).toInt(), int(Kind::Error));
        const QString error = cell(preview, 0, CsvPreviewModel::StatusColumn);
        QVERIFY2(error.contains(QStringLiteral("\"02.03.2018\" is not a date in the format yyyy-MM-dd")), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("Umsaetze.CSV")), qPrintable(error)); // the row says where
        QVERIFY(!c->isUsable());
        c->setDateFormat(QStringLiteral("dd.MM.yyyy"));
        QVERIFY(c->isUsable());

        // A debit column takes the place of the signed amount, and reads the sign from its side.
        c->setColumnRole(4, CsvColumnRole::Debit);
        QVERIFY(!c->mapping().columns.contains(CsvColumnRole::Amount));
        QCOMPARE(cell(preview, 0, CsvPreviewModel::AmountColumn, CsvPreviewModel::RawValueRole), QStringLiteral("-17.22"));
        QCOMPARE(c->rawModel()->headerData(4, Qt::Horizontal, CsvMappingModel::ColumnRoleRole).toString(),
                 QStringLiteral("debit"));
        // One booking date: choosing it for another column moves it there.
        c->setColumnRole(1, CsvColumnRole::BookingDate);
        QCOMPARE(c->mapping().columns.at(0), CsvColumnRole::Ignore);
        c->setColumnRole(1, CsvColumnRole::Ignore);
        QVERIFY2(c->problem().contains(QStringLiteral("booking date")), qPrintable(c->problem()));
        QCOMPARE(preview->rowCount(), 0);
    }

    void badRowsAreShownWithTheirReasonAndTheRestReads()
    {
        const QByteArray bytes = test::hungarianExport(6, 0, 2);
        ingest::CsvMapping mapping = sniffed(bytes);
        QCOMPARE(mapping.headerLine, 3); // below the account, the period and a blank line
        auto c = controllerFor(bytes, mapping);
        QVERIFY2(c->problem().contains(QStringLiteral("booking date")), qPrintable(c->problem()));
        QCOMPARE(c->rawModel()->kindOf(0), CsvMappingModel::RecordKind::Preamble);
        QCOMPARE(c->rawModel()->headerData(1, Qt::Vertical, CsvMappingModel::LineRole).toInt(), 2);

        // "n/a" in one row kept the sniffer from taking the amount column too.
        QVERIFY(!c->mapping().columns.contains(CsvColumnRole::Amount));
        c->setDateFormat(QStringLiteral("yyyy.MM.dd."));
        c->setColumnRole(0, CsvColumnRole::BookingDate);
        c->setColumnRole(2, CsvColumnRole::Amount);
        QVERIFY2(c->problem().isEmpty(), qPrintable(c->problem()));
        const CsvPreviewModel* preview = c->previewModel();
        QCOMPARE(preview->rowCount(), 6);
        QCOMPARE(preview->entries(), 5);
        QCOMPARE(preview->errors(), 1);
        QCOMPARE(preview->index(2, CsvPreviewModel::LineColumn).data().toInt(), 7);
        QVERIFY2(cell(preview, 2, CsvPreviewModel::StatusColumn).contains(QStringLiteral("amount \"n/a\" is not a number")),
                 qPrintable(cell(preview, 2, CsvPreviewModel::StatusColumn)));
        QCOMPARE(cell(preview, 1, CsvPreviewModel::AmountColumn, CsvPreviewModel::RawValueRole), QStringLiteral("-3466.00"));

        // The header one row higher: the blank line becomes the header, and nothing matches any more.
        c->setHeaderLine(2);
        QCOMPARE(c->mapping().firstDataLine, 4);
        QCOMPARE(c->rawModel()->kindOf(2), CsvMappingModel::RecordKind::Header);
    }

    void savedLayoutBecomesAPreset()
    {
        const QByteArray bytes = test::hungarianExport(3);
        auto c = controllerFor(bytes, sniffed(bytes));
        QSignalSpy names(c.get(), &CsvMappingController::presetNamesChanged);
        QVERIFY(names.wait(10000)); // the saved presets' names arrive from the pool
        QVERIFY(c->presetNames().isEmpty());
        c->setDateFormat(QStringLiteral("yyyy.MM.dd."));
        c->setColumnRole(0, CsvColumnRole::BookingDate);
        QVERIFY(c->isUsable());

        QSignalSpy saved(c.get(), &CsvMappingController::presetSaved);
        c->savePreset(QStringLiteral("OTP"));
        QVERIFY(c->isSaving());
        QVERIFY(saved.wait(10000));
        QCOMPARE(c->mapping().presetName, QStringLiteral("OTP"));
        QCOMPARE(c->presetNames(), QStringList{QStringLiteral("OTP")});
        auto found = ingest::ImportPresets(m_db, m_actor).match(test::hungarianExport(4, 5), QStringLiteral("next.csv"));
        QVERIFY(found && *found);
        QCOMPARE((*found)->mapping.dateFormat, QStringLiteral("yyyy.MM.dd."));

        // Changing the layout afterwards makes it an unsaved one again.
        c->setColumnRole(5, CsvColumnRole::Reference);
        QVERIFY(c->mapping().presetName.isEmpty());

        // A layout that cannot read is refused with the reason.
        c->setColumnRole(2, CsvColumnRole::Ignore);
        QSignalSpy failed(c.get(), &CsvMappingController::saveFailed);
        c->savePreset(QStringLiteral("Broken"));
        QVERIFY(failed.wait(10000));
        const QString why = failed.first().first().toString();
        QVERIFY2(why.contains(QStringLiteral("amount")), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestCsvMappingController)
#include "TestCsvMappingController.moc"
