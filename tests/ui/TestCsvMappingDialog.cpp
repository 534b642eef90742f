#include "ingest/CsvMappingDialog.h"
#include "ingest/CsvPreviewModel.h"
#include "ingest/ImportController.h"
#include "ingest/ImportDialog.h"
#include "ingest/ImportPresets.h"
#include "ingest/ImportPreviewModel.h"
#include "support/BankCsv.h"
#include "support/TestDatabase.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

namespace {

const QString kBankOfIreland =
    QStringLiteral(FLOWLET_SAMPLES_DIR "/bank_csv/bank2ynab__IE-BankOfIreland__test_BOI_TransactionExport.csv");
const QString kHungarianIban = QStringLiteral("HU42117730161111101800000000");

template <typename T>
T* child(QObject* parent, const char* name)
{
    auto* found = parent->findChild<T*>(QString::fromLatin1(name));
    if (!found) {
        qWarning() << "no" << name;
    }
    return found;
}

// Picks the item with `data` the way a user picks it from the list.
void choose(QComboBox* combo, const QString& data)
{
    const int at = combo->findData(data);
    QVERIFY2(at >= 0, qPrintable(data));
    combo->setCurrentIndex(at);
}

// Types `text` over what an editable combo or a line edit holds.
void retype(QLineEdit* edit, const QString& text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace

class TestCsvMappingDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    QTemporaryDir m_dir;
    const Actor m_actor{std::nullopt, QStringLiteral("tester"), std::nullopt};

    qint64 scalar(const QString& sql)
    {
        auto q = m_db->exec(sql);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    QString writeExport(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        return test::writeFile(path, bytes) ? path : QString();
    }

    static bool settled(ui::ImportDialog& dialog)
    {
        return QTest::qWaitFor([&] { return !dialog.controller()->isBusy(); }, 30000);
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

    void unrecognisedExportOpensTheWizardAndBecomesAPreset()
    {
        ui::ImportDialog dialog(m_db, m_actor, writeExport(QStringLiteral("februar.csv"), test::hungarianExport(8)));
        dialog.show();
        QVERIFY(settled(dialog));

        // The sniffer found no dates: the wizard opens by itself and says what is missing.
        ui::CsvMappingDialog* wizard = nullptr;
        QTRY_VERIFY((wizard = dialog.findChild<ui::CsvMappingDialog*>()) && wizard->isVisible());
        auto* problem = child<QLabel>(wizard, "fileProblemLabel");
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(QStringLiteral("booking date")), qPrintable(problem->text()));
        QCOMPARE(child<QTableView>(wizard, "rawTable")->model()->rowCount(), 12);

        retype(child<QComboBox>(wizard, "dateFormatCombo")->lineEdit(), QStringLiteral("yyyy.MM.dd."));
        QTest::mouseClick(child<QPushButton>(wizard, "nextButton"), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ui::CsvMappingDialog::ColumnsPage));
        choose(child<QComboBox>(wizard, "roleCombo0"), QStringLiteral("booking_date"));
        choose(child<QComboBox>(wizard, "roleCombo1"), QStringLiteral("value_date"));
        choose(child<QComboBox>(wizard, "roleCombo4"), QStringLiteral("counterparty_name"));
        QVERIFY(!child<QLabel>(wizard, "columnsProblemLabel")->isVisible());
        QTest::mouseClick(child<QPushButton>(wizard, "nextButton"), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ui::CsvMappingDialog::PreviewPage));
        auto* preview = child<QTableView>(wizard, "previewTable")->model();
        QCOMPARE(preview->rowCount(), 8);
        QCOMPARE(preview->index(0, CsvPreviewModel::CounterpartyColumn).data().toString(), QStringLiteral("REWE Budapest"));
        QVERIFY2(child<QLabel>(wizard, "previewSummaryLabel")->text().startsWith(QStringLiteral("8 entries read, 0 rows")),
                 qPrintable(child<QLabel>(wizard, "previewSummaryLabel")->text()));

        QTest::mouseClick(child<QPushButton>(wizard, "nextButton"), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ui::CsvMappingDialog::PresetPage));
        child<QCheckBox>(wizard, "savePresetCheck")->click();
        QTest::keyClicks(child<QLineEdit>(wizard, "presetNameEdit"), QStringLiteral("OTP"));
        QPointer<ui::CsvMappingDialog> closing(wizard);
        QTest::mouseClick(child<QPushButton>(wizard, "finishButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(closing.isNull() || !closing->isVisible(), 10000);

        // The import reads the file with the new columns; its account is created on the way.
        QVERIFY(settled(dialog));
        auto* error = child<QLabel>(&dialog, "errorLabel");
        QVERIFY2(error->text().contains(kHungarianIban), qPrintable(error->text()));
        QTest::mouseClick(child<QPushButton>(&dialog, "createAccountButton"), Qt::LeftButton);
        QVERIFY(settled(dialog));
        QVERIFY2(child<QLabel>(&dialog, "statementsLabel")->text().contains(QStringLiteral("bank preset “OTP”")),
                 qPrintable(child<QLabel>(&dialog, "statementsLabel")->text()));
        QVERIFY(child<QLabel>(&dialog, "countsLabel")->text().startsWith(QStringLiteral("8 new")));
        QTest::mouseClick(child<QPushButton>(&dialog, "importButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 8, 10000);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_presets WHERE name = 'OTP'")), 1);
    }

    void nextFileOfTheBankIsReadWithThePresetWithoutTheWizard()
    {
        auto sniff = ingest::sniffCsv(test::hungarianExport(3), QStringLiteral("a.csv"));
        QVERIFY(sniff);
        ingest::CsvMapping layout = sniff->mapping;
        layout.dateFormat = QStringLiteral("yyyy.MM.dd.");
        layout.columns[0] = ingest::CsvColumnRole::BookingDate;
        QVERIFY(ingest::ImportPresets(m_db, m_actor).save(QStringLiteral("OTP"), layout));
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO accounts (kind, name, iban, currency) VALUES ('own', 'OTP', ?, 'HUF')"),
                           {kHungarianIban}));

        ui::ImportDialog dialog(m_db, m_actor,
                                writeExport(QStringLiteral("Kivonat_2018_04.csv"), test::hungarianExport(5, 3)));
        dialog.show();
        QVERIFY(settled(dialog));
        QVERIFY(!dialog.findChild<ui::CsvMappingDialog*>());
        QVERIFY2(child<QLabel>(&dialog, "fileLabel")->text().contains(QStringLiteral("CSV (OTP)")),
                 qPrintable(child<QLabel>(&dialog, "fileLabel")->text()));
        QCOMPARE(child<QTableView>(&dialog, "previewTable")->model()->rowCount(), 5);
        QVERIFY(child<QPushButton>(&dialog, "importButton")->isEnabled());
        QVERIFY(child<QPushButton>(&dialog, "adjustColumnsButton")->isVisible());
    }

    void adjustingASampleShowsBadRowsAndReplans()
    {
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO accounts (kind, name, currency) VALUES ('own', 'BOI current', 'EUR')")));
        ui::ImportDialog dialog(m_db, m_actor, kBankOfIreland);
        dialog.show();
        QVERIFY(settled(dialog));
        QTest::mouseClick(child<QPushButton>(&dialog, "useAccountButton"), Qt::LeftButton);
        QVERIFY(settled(dialog));
        auto* plan = child<QTableView>(&dialog, "previewTable")->model();
        const int entries = plan->rowCount();
        QVERIFY(entries > 0);
        QCOMPARE(plan->index(0, ImportPreviewModel::CounterpartyColumn).data().toString(), QString());

        auto* adjust = child<QPushButton>(&dialog, "adjustColumnsButton");
        QVERIFY(adjust->isVisible());
        QTest::mouseClick(adjust, Qt::LeftButton);
        ui::CsvMappingDialog* wizard = nullptr;
        QTRY_VERIFY((wizard = dialog.findChild<ui::CsvMappingDialog*>()) && wizard->isVisible());
        QCOMPARE(child<QLineEdit>(wizard, "currencyEdit")->text(), QStringLiteral("EUR")); // the account's
        auto* preview = child<QTableView>(wizard, "previewTable")->model();
        QCOMPARE(preview->rowCount(), entries);

        // Month first: the 13th of September is no date any more, and the row says so.
        retype(child<QComboBox>(wizard, "dateFormatCombo")->lineEdit(), QStringLiteral("MM/dd/yyyy"));
        int bad = -1;
        for (int r = 0; r < preview->rowCount() && bad < 0; ++r) {
            if (preview->index(r, 0).data(CsvPreviewModel::KindRole).toInt() == int(ingest::CsvPreviewRow::Kind::Error)) {
                bad = r;
            }
        }
        QVERIFY(bad >= 0);
        const QString why = preview->index(bad, CsvPreviewModel::StatusColumn).data().toString();
        QVERIFY2(why.contains(QStringLiteral("is not a date in the format MM/dd/yyyy")), qPrintable(why));
        QVERIFY(preview->index(0, CsvPreviewModel::StatusColumn).data().toString() == QStringLiteral("OK"));
        wizard->next();
        wizard->next();
        QCOMPARE(wizard->currentId(), int(ui::CsvMappingDialog::PreviewPage));
        wizard->next(); // refused: the import would stop at that row
        QCOMPARE(wizard->currentId(), int(ui::CsvMappingDialog::PreviewPage));
        QVERIFY(child<QLabel>(wizard, "previewProblemLabel")->isVisible());

        wizard->back();
        wizard->back();
        retype(child<QComboBox>(wizard, "dateFormatCombo")->lineEdit(), QStringLiteral("dd/MM/yyyy"));
        wizard->next();
        choose(child<QComboBox>(wizard, "roleCombo1"), QStringLiteral("counterparty_name"));
        wizard->next();
        QCOMPARE(preview->index(0, CsvPreviewModel::CounterpartyColumn).data().toString(), QStringLiteral("Random Name      GP"));
        wizard->next();
        QPointer<ui::CsvMappingDialog> closing(wizard);
        QTest::mouseClick(child<QPushButton>(wizard, "finishButton"), Qt::LeftButton);
        QTRY_VERIFY(closing.isNull() || !closing->isVisible());

        // The plan is made again from the file, read with the adjusted columns.
        QVERIFY(settled(dialog));
        QVERIFY(child<QPushButton>(&dialog, "importButton")->isEnabled());
        QCOMPARE(plan->rowCount(), entries);
        QCOMPARE(plan->index(0, ImportPreviewModel::CounterpartyColumn).data().toString(), QStringLiteral("Random Name      GP"));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_presets")), 0);
    }
};

QTEST_MAIN(TestCsvMappingDialog)
#include "TestCsvMappingDialog.moc"
