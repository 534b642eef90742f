#include "audit/AuditLog.h"
#include "ingest/ImportController.h"
#include "ingest/ImportPresets.h"
#include "support/BankCsv.h"
#include "support/TestDatabase.h"
#include "support/Workstation.h"

#include <QtTest>

using namespace flowlet;
using namespace flowlet::ingest;
using flowlet::test::TestDatabase;

namespace {

const QString kCommerzbank =
    QStringLiteral(FLOWLET_SAMPLES_DIR "/bank_csv/bank2ynab__DE-Commerzbank__Umsaetze_KtoNr538917600.CSV");

template <typename T>
QString why(const Result<T>& r)
{
    return r ? QString() : r.error().message();
}

// What a user sets in the wizard for the Hungarian export: the sniffer's guess (encoding,
// delimiter, header, amount, currency) plus the date format and the columns it could not place.
CsvMapping hungarianLayout()
{
    auto sniff = sniffCsv(test::hungarianExport(5), QStringLiteral("export.csv"));
    CsvMapping m = sniff ? sniff->mapping : CsvMapping();
    m.dateFormat = QStringLiteral("yyyy.MM.dd.");
    m.columns = {CsvColumnRole::BookingDate, CsvColumnRole::ValueDate,        CsvColumnRole::Amount,
                 CsvColumnRole::Currency,    CsvColumnRole::CounterpartyName, CsvColumnRole::Description};
    return m;
}

} // namespace

class TestImportPresets : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    QTemporaryDir m_dir;
    QString m_role; // the workstation role of the PostgreSQL test, dropped after it
    const Actor m_actor{std::nullopt, QStringLiteral("tester"), std::nullopt};

    qint64 scalar(const QString& sql, const QVariantList& bindings = {})
    {
        auto q = m_db->exec(sql, bindings);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    QString writeExport(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        return test::writeFile(path, bytes) ? path : QString();
    }

    // Loads `path` the way the import dialog does and waits for the plan (or the error).
    bool loadAndWait(ImportController& controller, const QString& path)
    {
        QSignalSpy planned(&controller, &ImportController::planned);
        QSignalSpy failed(&controller, &ImportController::failed);
        controller.load(path);
        return QTest::qWaitFor([&] { return !planned.isEmpty() || !failed.isEmpty(); }, 30000) && !planned.isEmpty();
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
        test::dropWorkstationRole(*m_tdb, m_role);
        m_role.clear();
        m_tdb.reset();
    }

    void savedPresetsAreListedFoundReplacedAndRemoved()
    {
        ImportPresets presets(m_db, m_actor);
        const CsvMapping layout = hungarianLayout();
        auto saved = presets.save(QStringLiteral("  OTP   current "), layout);
        QVERIFY2(saved, qPrintable(why(saved)));
        QCOMPARE(saved->name, QStringLiteral("OTP current"));
        QCOMPARE(saved->mapping.presetName, QStringLiteral("OTP current"));

        auto listed = presets.list();
        QVERIFY2(listed, qPrintable(why(listed)));
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().mapping.dateFormat, QStringLiteral("yyyy.MM.dd."));
        QCOMPARE(listed->first().mapping.columns, layout.columns);
        auto found = presets.find(ImportPresets::signatureOf(layout));
        QVERIFY(found && *found);
        QCOMPARE((*found)->name, QStringLiteral("OTP current"));
        auto named = presets.byName(QStringLiteral("OTP current"));
        QVERIFY(named && *named);

        // Saving under the same name replaces the layout; it stays one preset.
        CsvMapping changed = layout;
        changed.columns[5] = CsvColumnRole::Reference;
        auto replaced = presets.save(QStringLiteral("OTP current"), changed);
        QVERIFY2(replaced, qPrintable(why(replaced)));
        QCOMPARE(replaced->id, saved->id);
        listed = presets.list();
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().mapping.columns.at(5), CsvColumnRole::Reference);

        QVERIFY(presets.remove(QStringLiteral("OTP current")));
        QCOMPARE(presets.list()->size(), 0);
        auto again = presets.remove(QStringLiteral("OTP current"));
        QVERIFY(!again);
        QCOMPARE(again.error().code(), ErrorCode::NotFound);

        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE object_type = 'import_preset'")), 3);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'import_preset.replaced'")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'import_preset.removed'")), 1);
        // The replacement records the mapping before and after; the removal what was removed.
        auto entries = m_db->exec(QStringLiteral("SELECT action, before, after FROM audit_log "
                                                 "WHERE object_type = 'import_preset' ORDER BY id"));
        QVERIFY(entries);
        QList<QStringList> rows; // action, before, after
        while (entries->next()) {
            rows << QStringList{entries->value(0).toString(), entries->value(1).toString(), entries->value(2).toString()};
        }
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).at(0), QStringLiteral("import_preset.saved"));
        QVERIFY(rows.at(0).at(1).isEmpty());
        QCOMPARE(rows.at(1).at(0), QStringLiteral("import_preset.replaced"));
        QVERIFY(rows.at(1).at(1).contains(QStringLiteral("\"mapping\"")));
        QVERIFY(rows.at(1).at(2).contains(QStringLiteral("\"mapping\"")));
        QVERIFY(rows.at(1).at(1) != rows.at(1).at(2));
        QCOMPARE(rows.at(2).at(0), QStringLiteral("import_preset.removed"));
        QVERIFY2(rows.at(2).at(1).contains(QStringLiteral("OTP current")), qPrintable(rows.at(2).at(1)));
        QVERIFY(rows.at(2).at(2).isEmpty());
        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified && !verified->firstBroken);
    }

    void layoutThatCannotReadIsNotSaved()
    {
        ImportPresets presets(m_db, m_actor);
        CsvMapping noAmount = hungarianLayout();
        noAmount.columns[2] = CsvColumnRole::Ignore;
        auto refused = presets.save(QStringLiteral("OTP"), noAmount);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::InvalidArgument);
        QVERIFY2(refused.error().message().contains(QStringLiteral("amount")), qPrintable(refused.error().message()));
        auto unnamed = presets.save(QStringLiteral("   "), hungarianLayout());
        QVERIFY(!unnamed);
        QCOMPARE(unnamed.error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(presets.list()->size(), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE object_type = 'import_preset'")), 0);
    }

    void signatureIsTheBanksNotTheFiles()
    {
        ImportPresets presets(m_db, m_actor);
        QVERIFY(presets.save(QStringLiteral("OTP"), hungarianLayout()));

        // Another month of the same bank's export, under another name: the same preset.
        const QByteArray march = test::hungarianExport(12, 7);
        auto matched = presets.match(march, QStringLiteral("Kivonat_2018_03 (1).csv"));
        QVERIFY2(matched, qPrintable(why(matched)));
        QVERIFY(*matched);
        QCOMPARE((*matched)->name, QStringLiteral("OTP"));
        QCOMPARE(ImportPresets::signatureOf(march, QStringLiteral("a.csv"), hungarianLayout()),
                 ImportPresets::signatureOf(test::hungarianExport(3, 99), QStringLiteral("b.txt"), hungarianLayout()));
        auto read = readCsv(march, QStringLiteral("march.csv"), (*matched)->mapping);
        QVERIFY2(read, qPrintable(why(read)));
        QCOMPARE(read->entryCount(), 12);
        QCOMPARE(read->variant, QStringLiteral("CSV (OTP)"));
        QCOMPARE(read->statements.first().entries.first().bookingDate, QDate(2018, 3, 8));

        // A later version of the bank's online banking writes the header in other case and spacing.
        const QByteArray recased =
            test::hungarianExport(4, 1, -1, "KÖNYVELÉS  DÁTUMA;Értéknap ;Összeg;Pénznem;Partner neve;Közlemény;");
        matched = presets.match(recased, QStringLiteral("new.csv"));
        QVERIFY(matched && *matched);
        read = readCsv(recased, QStringLiteral("new.csv"), (*matched)->mapping);
        QVERIFY2(read, qPrintable(why(read)));
        QCOMPARE(read->entryCount(), 4);

        // Another column is another layout; another bank is another bank.
        const QByteArray other = test::hungarianExport(4, 1, -1, "Könyvelés dátuma;Értéknap;Összeg;Pénznem;Partner neve");
        QVERIFY(!*presets.match(other, QStringLiteral("other.csv")));
        QFile commerzbank(kCommerzbank);
        QVERIFY(commerzbank.open(QIODevice::ReadOnly));
        QVERIFY(!*presets.match(commerzbank.readAll(), QStringLiteral("Umsaetze.CSV")));
    }

    void headerlessLayoutNeedsItsFirstEntryToRead()
    {
        ImportPresets presets(m_db, m_actor);
        const QByteArray rows = "2018-03-02,-17.22,EUR,REWE\n2018-03-03,1500.00,EUR,Salary\n";
        auto sniff = sniffCsv(rows, QStringLiteral("plain.csv"));
        QVERIFY(sniff && sniff->complete);
        QCOMPARE(sniff->mapping.headerLine, -1);
        QVERIFY(presets.save(QStringLiteral("Plain"), sniff->mapping));
        auto matched = presets.match("2019-01-05,-3.10,EUR,Bus\n", QStringLiteral("next.csv"));
        QVERIFY(matched && *matched);
        // Four columns too, but no entry where the layout expects one.
        matched = presets.match("Date,Amount,Currency,Text\n2019-01-05,-3.10,EUR,Bus\n", QStringLiteral("x.csv"));
        QVERIFY(matched && !*matched);
    }

    void presetIsAppliedOnTheNextImport()
    {
        // The first file of the bank: the sniffer cannot find the dates, so the wizard is needed.
        ImportController first(m_db, m_actor);
        QVERIFY(!loadAndWait(first, writeExport(QStringLiteral("februar.csv"), test::hungarianExport(6))));
        QVERIFY(first.needsCsvMapping());
        QVERIFY(first.isCsv());
        QVERIFY(first.csvPreset().isEmpty());

        QVERIFY(ImportPresets(m_db, m_actor).save(QStringLiteral("OTP"), hungarianLayout()));

        // The next file of the same bank is read with the preset, without asking.
        ImportController next(m_db, m_actor);
        QVERIFY(!loadAndWait(next, writeExport(QStringLiteral("Kivonat marcius.csv"), test::hungarianExport(9, 3))));
        QVERIFY(!next.needsCsvMapping());
        QCOMPARE(next.csvPreset(), QStringLiteral("OTP"));
        QVERIFY(next.needsAccount()); // the file's account is not in the workspace yet
        ImportOptions create;
        create.createMissingAccounts = true;
        QSignalSpy planned(&next, &ImportController::planned);
        next.replan(create);
        QVERIFY(planned.wait(30000));
        QCOMPARE(next.plan().file.variant, QStringLiteral("CSV (OTP)"));
        QCOMPARE(next.plan().lines.size(), 9);
        QCOMPARE(next.plan().file.statements.first().account.iban, QStringLiteral("HU42117730161111101800000000"));
        QSignalSpy committed(&next, &ImportController::committed);
        next.commit();
        QVERIFY(committed.wait(30000));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), 9);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches WHERE source_variant = 'CSV (OTP)'")), 1);
    }

    void onlyImportersSeeAndSavePresets()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("row-level security is PostgreSQL's");
        }
        const QString password = QStringLiteral("statements every monday");
        QVERIFY(AuthService(m_db).createEnrolledUsers(
            {{QStringLiteral("audrey"), QStringLiteral("Audrey Auditor"), {}, QStringLiteral("auditor"), password},
             {QStringLiteral("felix"), QStringLiteral("Felix Finance"), {}, QStringLiteral("finance_analyst"), password}}));
        QVERIFY(ImportPresets(m_db, m_actor).save(QStringLiteral("OTP"), hungarianLayout()));
        test::Workstation ws = test::openWorkstation(*m_tdb, *m_db);
        m_role = ws.role;
        QVERIFY2(ws.db, qPrintable(ws.error));

        // Reading everything is not importing: the auditor neither sees nor saves a preset.
        auto audrey = test::signInAtWorkstation(ws.db, QStringLiteral("audrey"), password);
        QVERIFY2(audrey, qPrintable(why(audrey)));
        ImportPresets asAudrey(ws.db, Actor{audrey->userId, audrey->username, std::nullopt});
        QCOMPARE(asAudrey.list()->size(), 0);
        QVERIFY(!*asAudrey.match(test::hungarianExport(3), QStringLiteral("x.csv")));
        QCOMPARE(asAudrey.save(QStringLiteral("Mine"), hungarianLayout()).error().code(), ErrorCode::PermissionDenied);

        auto felix = test::signInAtWorkstation(ws.db, QStringLiteral("felix"), password);
        QVERIFY2(felix, qPrintable(why(felix)));
        ImportPresets asFelix(ws.db, Actor{felix->userId, felix->username, std::nullopt});
        auto matched = asFelix.match(test::hungarianExport(3), QStringLiteral("x.csv"));
        QVERIFY2(matched && *matched, qPrintable(why(matched)));
        CsvMapping changed = hungarianLayout();
        changed.columns[5] = CsvColumnRole::Reference;
        auto replaced = asFelix.save(QStringLiteral("OTP"), changed);
        QVERIFY2(replaced, qPrintable(why(replaced)));
        QVERIFY(asFelix.remove(QStringLiteral("OTP")));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_presets")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT actor_id FROM audit_log WHERE action = 'import_preset.replaced'")),
                 felix->userId);
        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified && !verified->firstBroken);
    }
};

QTEST_GUILESS_MAIN(TestImportPresets)
#include "TestImportPresets.moc"
