#include "ingest/CsvReader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QtTest>

using namespace flowlet;
using namespace flowlet::ingest;

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot open %s", qPrintable(path));
    }
    return file.readAll();
}

QByteArray sample(const QString& name)
{
    return readFile(QStringLiteral(FLOWLET_SAMPLES_DIR "/bank_csv/") + name);
}

QByteArray testData(const QString& name)
{
    return readFile(QStringLiteral(FLOWLET_TEST_DATA_DIR "/statements/csv/") + name);
}

QStringList roleKeys(const CsvMapping& mapping)
{
    QStringList keys;
    for (const CsvColumnRole role : mapping.columns) {
        keys.append(csvColumnRoleKey(role));
    }
    return keys;
}

QString errorOf(const auto& result)
{
    return result.ok() ? QString() : result.error().message();
}

QStringList strings(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* item : items) {
        out.append(QString::fromUtf8(item));
    }
    return out;
}

Money sum(const Statement& statement)
{
    Money total = Money::fromMicros(0, statement.entries.front().amount.currency());
    for (const StatementEntry& e : statement.entries) {
        total = *total.plus(e.amount);
    }
    return total;
}

const char* const kCommerzbank = "bank2ynab__DE-Commerzbank__Umsaetze_KtoNr538917600.CSV";
const char* const kBankOfIreland = "bank2ynab__IE-BankOfIreland__test_BOI_TransactionExport.csv";
const char* const kBunq = "bank2ynab__NL-bunq__2019-03-02_bunq-statement.csv";
const char* const kMonzo = "bank2ynab__UK-Monzo__MonzoDataExport_February2018.csv";

} // namespace

// Sniffs, then reads with the sniffed mapping (after `adjust`, the wizard's part); fails the test
// on an error.
#define SNIFF_AND_READ(data, name, adjust, out)                                                  \
    StatementFile out;                                                                           \
    {                                                                                            \
        auto sniffed_ = sniffCsv(data, name);                                                    \
        QVERIFY2(sniffed_.ok(), qPrintable(errorOf(sniffed_)));                                  \
        CsvMapping mapping_ = sniffed_->mapping;                                                 \
        adjust(mapping_);                                                                        \
        auto read_ = readCsv(data, name, mapping_);                                              \
        QVERIFY2(read_.ok(), qPrintable(errorOf(read_)));                                        \
        out = *read_;                                                                            \
    }

class TestCsvReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sniffsSamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("delimiter");
        QTest::addColumn<QString>("dateFormat");
        QTest::addColumn<QString>("decimal");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QStringList>("roles");
        QTest::newRow("Commerzbank") << kCommerzbank << "UTF-8" << ";" << "dd.MM.yyyy" << "," << ""
                                     << strings({"booking_date", "value_date", "bank_transaction_code",
                                                    "description", "amount", "currency", "ignore",
                                                    "account_bank_code", "account"});
        QTest::newRow("Bank of Ireland") << kBankOfIreland << "UTF-8" << "," << "dd/MM/yyyy" << "." << ""
                                         << strings({"booking_date", "description", "debit", "credit", "balance"});
        QTest::newRow("bunq") << kBunq << "UTF-8" << "," << "yyyy-MM-dd" << "," << ""
                              << strings({"booking_date", "amount", "account", "counterparty_account",
                                             "counterparty_name", "description"});
        QTest::newRow("Monzo") << kMonzo << "UTF-8" << "," << "yyyy-MM-dd HH:mm:ss t" << "." << ""
                               << strings({"bank_id", "booking_date", "amount", "currency", "ignore", "ignore",
                                              "ignore", "ignore", "description", "ignore", "description", "ignore"});
    }
    void sniffsSamples()
    {
        QFETCH(QString, file);
        QFETCH(QString, encoding);
        QFETCH(QString, delimiter);
        QFETCH(QString, dateFormat);
        QFETCH(QString, decimal);
        QFETCH(QString, currency);
        QFETCH(QStringList, roles);
        auto sniff = sniffCsv(sample(file), file);
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        QVERIFY2(sniff->complete, qPrintable(sniff->notes.join(u'\n')));
        const CsvMapping& m = sniff->mapping;
        QCOMPARE(m.encoding, encoding);
        QCOMPARE(QString(m.delimiter), delimiter);
        QCOMPARE(m.headerLine, 0);
        QCOMPARE(m.firstDataLine, 1);
        QCOMPARE(m.dateFormat, dateFormat);
        QCOMPARE(QString(m.decimalSeparator), decimal);
        QCOMPARE(m.currency, currency);
        QCOMPARE(roleKeys(m), roles);
        QCOMPARE(m.headerSignature, sniff->header);
        QCOMPARE(m.headerSignature.size(), roles.size());
        QVERIFY(!sniff->sample.isEmpty());
    }

    void sniffNotesWhatItCouldNotFind()
    {
        // Bank of Ireland and bunq name no currency anywhere: the wizard has to ask.
        for (const char* file : {kBankOfIreland, kBunq}) {
            auto sniff = sniffCsv(sample(QLatin1String(file)), QLatin1String(file));
            QVERIFY(sniff.ok());
            QVERIFY2(sniff->notes.join(u' ').contains(u"currency"), qPrintable(sniff->notes.join(u'\n')));
        }
        // Monzo's amounts are whole pounds in this file; the note says the separator was assumed.
        auto monzo = sniffCsv(sample(QLatin1String(kMonzo)), QLatin1String(kMonzo));
        QVERIFY(monzo->notes.join(u' ').contains(u"decimal separator"));
    }

    void readsCommerzbank()
    {
        SNIFF_AND_READ(sample(QLatin1String(kCommerzbank)), QLatin1String(kCommerzbank), [](CsvMapping&) {}, file);
        QCOMPARE(file.format, StatementFormat::Csv);
        QCOMPARE(file.statements.size(), 1);
        const Statement& s = file.statements.front();
        QCOMPARE(s.account.iban, QStringLiteral("DE44200400000538917600"));
        QCOMPARE(s.account.bankCode, QStringLiteral("20040000"));
        QCOMPARE(s.account.currency, QStringLiteral("EUR"));
        QCOMPARE(s.entries.size(), 1);
        const StatementEntry& e = s.entries.front();
        QCOMPARE(e.bookingDate, QDate(2018, 3, 2));
        QCOMPARE(e.valueDate, QDate(2018, 3, 2));
        QCOMPARE(e.amount.toString(), QStringLiteral("-17.22"));
        QCOMPARE(e.amount.currency().code(), QStringLiteral("EUR"));
        QCOMPARE(e.bankTransactionCode, QStringLiteral("Lastschrift"));
        QCOMPARE(e.remittanceText,
                 QStringLiteral("Kartenzahlung REWE SAGT DANKE. 41400673//Hamburg 2018-03-01T11:33:59 KFN 1 VJ 1812"));
        QCOMPARE(e.sourceLine, 2);
        QVERIFY(!s.openingBalance && !s.closingBalance);
    }

    void readsBankOfIreland()
    {
        const QByteArray data = sample(QLatin1String(kBankOfIreland));
        SNIFF_AND_READ(data, QLatin1String(kBankOfIreland), [](CsvMapping& m) { m.currency = QStringLiteral("EUR"); }, file);
        QCOMPARE(file.statements.size(), 1);
        const Statement& s = file.statements.front();
        QCOMPARE(s.account.identifier(), QString());
        QCOMPARE(s.account.currency, QStringLiteral("EUR"));
        QCOMPARE(s.entries.size(), 27);
        QCOMPARE(s.entries[0].bookingDate, QDate(2017, 9, 1));
        QCOMPARE(s.entries[0].amount.toString(), QStringLiteral("428.03"));
        QCOMPARE(s.entries[0].remittanceText, QStringLiteral("Random Name      GP"));
        QCOMPARE(s.entries[1].amount.toString(), QStringLiteral("29.50"));
        QCOMPARE(s.entries[1].remittanceText, QStringLiteral("Éáú üüüümlaut!     GP"));
        QCOMPARE(s.entries[2].amount.toString(), QStringLiteral("-512.00"));
        QCOMPARE(s.entries[2].remittanceText, QStringLiteral("Random Bill"));
        QCOMPARE(s.entries[5].amount.toString(), QStringLiteral("-0.08"));
        QCOMPARE(s.entries[26].bookingDate, QDate(2017, 9, 28));
        QCOMPARE(s.entries[26].amount.toString(), QStringLiteral("-818.00"));
        QCOMPARE(s.entries[26].remittanceText, QStringLiteral("CU Lin SO"));
        QCOMPARE(s.entries[26].sourceLine, 28);
        QCOMPARE(sum(s).toString(), QStringLiteral("-419.61"));
        // The balance column says 100 after entries that change it: no balance is taken from it.
        QVERIFY(!s.openingBalance && !s.closingBalance);
        QVERIFY2(file.warnings.join(u' ').contains(u"does not follow the amounts"), qPrintable(file.warnings.join(u'\n')));
    }

    void refusesToGuessTheCurrency()
    {
        const QByteArray data = sample(QLatin1String(kBankOfIreland));
        auto sniff = sniffCsv(data, QStringLiteral("boi.csv"));
        QVERIFY(sniff.ok());
        auto read = readCsv(data, QStringLiteral("boi.csv"), sniff->mapping);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code(), ErrorCode::ParseError);
        QVERIFY2(read.error().message().startsWith(u"boi.csv, line 2, column \"Credit\""), qPrintable(errorOf(read)));
        QVERIFY(read.error().message().contains(u"choose the account's currency"));
    }

    void readsBunq()
    {
        SNIFF_AND_READ(sample(QLatin1String(kBunq)), QLatin1String(kBunq), [](CsvMapping& m) { m.currency = QStringLiteral("EUR"); }, file);
        QCOMPARE(file.statements.size(), 1);
        const Statement& s = file.statements.front();
        QCOMPARE(s.account.iban, QStringLiteral("NL26BUNQ2025126409"));
        QCOMPARE(s.account.currency, QStringLiteral("EUR"));
        QCOMPARE(s.entries.size(), 7);
        QCOMPARE(s.entries[0].bookingDate, QDate(2018, 12, 6));
        QCOMPARE(s.entries[0].amount.toString(), QStringLiteral("-8.78"));
        QCOMPARE(s.entries[0].counterpartyName, QStringLiteral("CLOUDFLARE"));
        QCOMPARE(s.entries[0].counterpartyAccount, QString());
        QCOMPARE(s.entries[0].remittanceText, QStringLiteral("CLOUDFLARE 650-3198939, US 9.95 USD, 1 USD = 0.88241 EUR"));
        QCOMPARE(s.entries[2].amount.toString(), QStringLiteral("8.78"));
        QCOMPARE(s.entries[6].bookingDate, QDate(2018, 12, 17));
        QCOMPARE(s.entries[6].amount.toString(), QStringLiteral("-7.99"));
        QCOMPARE(s.entries[6].counterpartyName, QStringLiteral("NETFLIX.COM"));
        QCOMPARE(sum(s).toString(), QStringLiteral("-23.82"));
    }

    void readsMonzo()
    {
        SNIFF_AND_READ(sample(QLatin1String(kMonzo)), QLatin1String(kMonzo), [](CsvMapping&) {}, file);
        QCOMPARE(file.statements.size(), 1);
        const Statement& s = file.statements.front();
        QCOMPARE(s.account.identifier(), QString());
        QCOMPARE(s.account.currency, QStringLiteral("GBP"));
        QCOMPARE(s.entries.size(), 1);
        const StatementEntry& e = s.entries.front();
        QCOMPARE(e.bankId, QStringLiteral("tx_00009TziTeST1NG1ZWIPGS"));
        QCOMPARE(e.bookingDate, QDate(2018, 2, 25));
        QCOMPARE(e.amount.toString(), QStringLiteral("-10.00"));
        QCOMPARE(e.amount.currency().code(), QStringLiteral("GBP"));
        QCOMPARE(e.remittanceText, QStringLiteral("Tesco"));
    }

    void readsWindows1252()
    {
        const QByteArray data = testData(QStringLiteral("sparkasse_windows1252.csv"));
        auto sniff = sniffCsv(data, QStringLiteral("sparkasse.csv"));
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        QCOMPARE(sniff->mapping.encoding, QStringLiteral("windows-1252"));
        QCOMPARE(QString(sniff->mapping.delimiter), QStringLiteral(";"));
        QCOMPARE(sniff->mapping.dateFormat, QStringLiteral("dd.MM.yy"));
        QCOMPARE(sniff->mapping.decimalSeparator, QChar(u','));
        QCOMPARE(sniff->mapping.groupSeparator, QChar(u'.'));
        QCOMPARE(sniff->header.at(5), QStringLiteral("Begünstigter/Zahlungspflichtiger"));
        QCOMPARE(roleKeys(sniff->mapping),
                 (strings({"account", "booking_date", "value_date", "bank_transaction_code", "description",
                              "counterparty_name", "counterparty_account", "counterparty_bank_code", "amount",
                              "currency", "ignore"})));
        QVERIFY(sniff->complete);
        QVERIFY(sniff->notes.join(u' ').contains(u"windows-1252"));

        SNIFF_AND_READ(data, QStringLiteral("sparkasse.csv"), [](CsvMapping&) {}, file);
        const Statement& s = file.statements.front();
        QCOMPARE(s.account.iban, QStringLiteral("DE89370400440532013000"));
        QCOMPARE(s.account.currency, QStringLiteral("EUR"));
        QCOMPARE(s.entries.size(), 4);
        QCOMPARE(s.entries[0].bookingDate, QDate(2024, 1, 30));
        QCOMPARE(s.entries[0].amount.toString(), QStringLiteral("-850.00"));
        QCOMPARE(s.entries[0].counterpartyName, QStringLiteral("Hausverwaltung Jürgen Weiß"));
        QCOMPARE(s.entries[0].counterpartyAccount, QStringLiteral("DE02120300000000202051"));
        QCOMPARE(s.entries[0].counterpartyBankCode, QStringLiteral("BYLADEM1001"));
        QCOMPARE(s.entries[0].bankTransactionCode, QStringLiteral("FOLGELASTSCHRIFT"));
        QCOMPARE(s.entries[0].remittanceText, QStringLiteral("Miete Februar Müllerstraße 5"));
        QCOMPARE(s.entries[1].remittanceText, QStringLiteral("Erstattung Größe 42 – Schuhe"));
        QCOMPARE(s.entries[2].valueDate, QDate(2024, 1, 25));
        QCOMPARE(s.entries[2].remittanceText, QStringLiteral("Bäckerei Süß €2,40"));
        QCOMPARE(s.entries[3].amount.toString(), QStringLiteral("2345.67"));
        QCOMPARE(s.entries[3].counterpartyName, QStringLiteral("Firma Öztürk & Co. KG"));
        QCOMPARE(s.entries[3].sourceLine, 5);
    }

    void refusesTheWrongEncoding()
    {
        // Read as UTF-8, the umlauts of a windows-1252 file would become replacement characters.
        const QByteArray data = testData(QStringLiteral("sparkasse_windows1252.csv"));
        auto sniff = sniffCsv(data, QStringLiteral("sparkasse.csv"));
        QVERIFY(sniff.ok());
        CsvMapping mapping = sniff->mapping;
        mapping.encoding = QStringLiteral("UTF-8");
        auto read = readCsv(data, QStringLiteral("sparkasse.csv"), mapping);
        QVERIFY(!read.ok());
        QVERIFY2(read.error().message().startsWith(u"sparkasse.csv, line 1: byte 0xFC is not valid UTF-8"), qPrintable(errorOf(read)));
    }

    void readsPreambleSummaryAndBalances()
    {
        const QByteArray data = testData(QStringLiteral("dkb_preamble.csv"));
        auto sniff = sniffCsv(data, QStringLiteral("dkb.csv"));
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        const CsvMapping& m = sniff->mapping;
        QCOMPARE(m.encoding, QStringLiteral("UTF-8"));
        QCOMPARE(m.headerLine, 6);
        QCOMPARE(m.firstDataLine, 7);
        QCOMPARE(m.currency, QStringLiteral("EUR")); // from "Betrag (EUR)"
        QCOMPARE(m.dateFormat, QStringLiteral("dd.MM.yyyy"));
        QCOMPARE(m.decimalSeparator, QChar(u','));
        QCOMPARE(m.groupSeparator, QChar(u'.'));
        QCOMPARE(roleKeys(m), (strings({"booking_date", "value_date", "bank_transaction_code", "counterparty_name",
                                           "description", "counterparty_account", "counterparty_bank_code",
                                           "amount", "balance", "ignore"})));
        QCOMPARE(sniff->sample.size(), 4); // the summary line is shown in the preview too

        SNIFF_AND_READ(data, QStringLiteral("dkb.csv"), [](CsvMapping&) {}, file);
        QCOMPARE(file.statements.size(), 1);
        const Statement& s = file.statements.front();
        QCOMPARE(s.account.iban, QStringLiteral("DE89370400440532013000")); // from the preamble
        QCOMPARE(s.account.currency, QStringLiteral("EUR"));
        QCOMPARE(s.entries.size(), 3);
        QCOMPARE(s.entries[0].sourceLine, 8);
        QCOMPARE(s.entries[0].counterpartyName, QStringLiteral("Stadtwerke München"));
        QCOMPARE(s.entries[0].remittanceText, QStringLiteral("Strom März"));
        QCOMPARE(s.entries[0].bankTransactionCode, QStringLiteral("Lastschrift"));
        QCOMPARE(s.entries[1].amount.toString(), QStringLiteral("2500.00"));
        QCOMPARE(s.entries[2].amount.toString(), QStringLiteral("-1165.24"));
        QCOMPARE(s.entries[2].valueDate, QDate(2024, 3, 1));
        // Newest first: closing from the first row, opening from the last row minus its amount.
        QVERIFY(s.openingBalance && s.closingBalance);
        QCOMPARE(s.closingBalance->toString(), QStringLiteral("1234.56"));
        QCOMPARE(s.openingBalance->toString(), QStringLiteral("-16.00"));
        QCOMPARE(s.closingDate, QDate(2024, 3, 28));
        QCOMPARE(s.openingDate, QDate(2024, 3, 2));
        QCOMPARE(*s.openingBalance->plus(sum(s)), *s.closingBalance);
        const QString warnings = file.warnings.join(u'\n');
        QVERIFY2(warnings.contains(u"line 11: skipped"), qPrintable(warnings));
        QVERIFY2(warnings.contains(u"newest entry first"), qPrintable(warnings));
    }

    void readsAShortStatementBelowALongPreamble()
    {
        // ING (DE): thirteen lines about the account before a header and two entries.
        const QByteArray data = testData(QStringLiteral("ing_de_preamble.csv"));
        auto sniff = sniffCsv(data, QStringLiteral("ing.csv"));
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        QCOMPARE(sniff->mapping.headerLine, 14);
        QCOMPARE(roleKeys(sniff->mapping), strings({"booking_date", "value_date", "counterparty_name", "bank_transaction_code",
                                                    "description", "balance", "currency", "amount", "ignore"}));
        SNIFF_AND_READ(data, QStringLiteral("ing.csv"), [](CsvMapping&) {}, file);
        const Statement& s = file.statements.front();
        QCOMPARE(s.account.iban, QStringLiteral("DE89370400440532013000")); // "IBAN;DE89 3704 …" above the header
        QCOMPARE(s.entries.size(), 2);
        QCOMPARE(s.entries[0].sourceLine, 16);
        QCOMPARE(s.entries[0].counterpartyName, QStringLiteral("REWE Markt GmbH"));
        QCOMPARE(s.entries[1].amount.toString(), QStringLiteral("2000.00"));
        QCOMPARE(s.closingBalance->toString(), QStringLiteral("1234.56"));
        QCOMPARE(*s.openingBalance->plus(sum(s)), *s.closingBalance);
    }

    void sniffsOtherBanks_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("roles");
        QTest::addColumn<QString>("currency");
        QTest::newRow("Rabobank")
            << QByteArray("\"IBAN/BBAN\",\"Munt\",\"BIC\",\"Volgnr\",\"Datum\",\"Rentedatum\",\"Bedrag\",\"Saldo na trn\","
                          "\"Tegenrekening IBAN/BBAN\",\"Naam tegenpartij\",\"BIC tegenpartij\",\"Code\",\"Batch ID\","
                          "\"Transactiereferentie\",\"Betalingskenmerk\",\"Omschrijving-1\",\"Omschrijving-2\",\"Oorspr bedrag\"\n"
                          "\"NL91ABNA0417164300\",\"EUR\",\"RABONL2U\",\"000000000000007213\",\"2024-01-02\",\"2024-01-02\",\"-2,50\","
                          "\"+1.234,56\",\"NL69INGB0123456789\",\"Bakker\",\"INGBNL2A\",\"bg\",\"\",\"\",\"\",\"Brood\",\"\",\"\"\n")
            << strings({"account", "currency", "account_bank_code", "ignore", "booking_date", "value_date", "amount", "balance",
                        "counterparty_account", "counterparty_name", "counterparty_bank_code", "bank_transaction_code",
                        "ignore", "bank_id", "reference", "description", "description", "ignore"})
            << "";
        QTest::newRow("Revolut")
            << QByteArray("Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance\n"
                          "CARD_PAYMENT,Current,2024-01-02 10:11:12,2024-01-03 09:00:00,Amazon,-12.99,0.00,EUR,COMPLETED,100.01\n")
            << strings({"bank_transaction_code", "ignore", "ignore", "booking_date", "description", "amount", "ignore",
                        "currency", "ignore", "balance"})
            << "";
        QTest::newRow("N26")
            << QByteArray("\"Date\",\"Payee\",\"Account number\",\"Transaction type\",\"Payment reference\",\"Amount (EUR)\","
                          "\"Amount (Foreign Currency)\",\"Type Foreign Currency\",\"Exchange Rate\"\n"
                          "\"2024-01-02\",\"Lidl\",\"\",\"MasterCard Payment\",\"\",\"-10.5\",\"\",\"\",\"\"\n")
            << strings({"booking_date", "counterparty_name", "counterparty_account", "bank_transaction_code", "reference",
                        "amount", "ignore", "ignore", "ignore"})
            << "EUR";
        QTest::newRow("French debit/credit")
            << QByteArray("Date;Libell\xC3\xA9;D\xC3\xA9""bit euros;Cr\xC3\xA9""dit euros\n02/01/2024;PRLV SEPA EDF;45,20;\n"
                          "13/01/2024;VIR SALAIRE;;2 100,00\n")
            << strings({"booking_date", "description", "debit", "credit"}) << "EUR";
        QTest::newRow("Spanish")
            << QByteArray("Fecha Operaci\xC3\xB3n;Fecha Valor;Concepto;Importe;Saldo\n"
                          "02/01/2024;02/01/2024;COMPRA TARJETA MERCADONA;-23,45;1.000,00\n")
            << strings({"booking_date", "value_date", "description", "amount", "balance"}) << "";
        QTest::newRow("Chase")
            << QByteArray("Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\n"
                          "DEBIT,01/02/2024,\"STARBUCKS\",-5.25,DEBIT_CARD,1000.00,\n"
                          "CREDIT,01/15/2024,\"PAYROLL\",2000.00,ACH_CREDIT,3000.00,\n")
            << strings({"debit_credit_mark", "booking_date", "description", "amount", "bank_transaction_code", "balance",
                        "reference"})
            << "";
    }
    void sniffsOtherBanks()
    {
        QFETCH(QByteArray, data);
        QFETCH(QStringList, roles);
        QFETCH(QString, currency);
        auto sniff = sniffCsv(data, QStringLiteral("export.csv"));
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        QCOMPARE(roleKeys(sniff->mapping), roles);
        QCOMPARE(sniff->mapping.currency, currency);
        QVERIFY(sniff->complete);
        CsvMapping mapping = sniff->mapping;
        if (mapping.currency.isEmpty()) {
            mapping.currency = QStringLiteral("EUR");
        }
        auto read = readCsv(data, QStringLiteral("export.csv"), mapping);
        QVERIFY2(read.ok(), qPrintable(errorOf(read)));
        QVERIFY(read->entryCount() > 0);
    }

    void aSummaryLineBetweenEntriesIsAnError()
    {
        const QByteArray data = "Buchungstag;Betrag;Verwendungszweck\n"
                                "01.02.2024;-1,00;a\n"
                                "Summe;-1,00;\n"
                                "02.02.2024;-2,00;b\n";
        auto sniff = sniffCsv(data.left(data.indexOf("Summe")), QStringLiteral("bank.csv"));
        QVERIFY(sniff.ok());
        CsvMapping mapping = sniff->mapping;
        mapping.currency = QStringLiteral("EUR");
        QVERIFY(readCsv(data.left(data.indexOf("Summe")) + "Summe;-1,00;\n", QStringLiteral("bank.csv"), mapping).ok());
        auto read = readCsv(data, QStringLiteral("bank.csv"), mapping);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().message(), QStringLiteral("bank.csv, line 3, column \"Buchungstag\": date \"Summe\" is not a "
                                                        "date in the format dd.MM.yyyy"));
    }

    void disambiguatesDayAndMonth_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QDate>("second");
        QTest::addColumn<bool>("ambiguous");
        QTest::newRow("US, day above 12") << QByteArray("Date,Description,Amount\n01/05/2024,Coffee,-3.50\n"
                                                        "01/13/2024,Paycheck,\"1,250.00\"\n02/01/2024,Rent,-900.00\n")
                                          << "MM/dd/yyyy" << QDate(2024, 1, 13) << false;
        QTest::newRow("European, day above 12") << QByteArray("Date,Description,Amount\n05/01/2024,Coffee,-3.50\n"
                                                              "13/01/2024,Paycheck,1250.00\n01/02/2024,Rent,-900.00\n")
                                                << "dd/MM/yyyy" << QDate(2024, 1, 13) << false;
        QTest::newRow("order decides day/month") << QByteArray("Date,Description,Amount\n02/01/2024,A,-1.00\n"
                                                               "05/01/2024,B,-2.00\n03/02/2024,C,-3.00\n")
                                                 << "dd/MM/yyyy" << QDate(2024, 1, 5) << false;
        QTest::newRow("order decides month/day") << QByteArray("Date,Description,Amount\n01/02/2024,A,-1.00\n"
                                                               "01/05/2024,B,-2.00\n02/03/2024,C,-3.00\n")
                                                 << "MM/dd/yyyy" << QDate(2024, 1, 5) << false;
        QTest::newRow("ambiguous") << QByteArray("Date,Description,Amount\n01/02/2024,A,-1.00\n02/03/2024,B,-2.00\n")
                                   << "dd/MM/yyyy" << QDate(2024, 3, 2) << true;
    }
    void disambiguatesDayAndMonth()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, format);
        QFETCH(QDate, second);
        QFETCH(bool, ambiguous);
        auto sniff = sniffCsv(data, QStringLiteral("dates.csv"));
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        QCOMPARE(sniff->mapping.dateFormat, format);
        QCOMPARE(sniff->notes.join(u' ').contains(u"day/month"), ambiguous);
        SNIFF_AND_READ(data, QStringLiteral("dates.csv"), [](CsvMapping& m) { m.currency = QStringLiteral("USD"); }, file);
        QCOMPARE(file.statements.front().entries[1].bookingDate, second);
    }

    void readsAFileWithoutHeader()
    {
        const QByteArray data = "02.01.2024;Supermarkt Nord;-12,34;EUR\n"
                                "03.01.2024;Gehalt Januar;1.500,00;EUR\n"
                                "05.01.2024;Apotheke;-7,5;EUR\n";
        auto sniff = sniffCsv(data, QStringLiteral("plain.csv"));
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        QCOMPARE(sniff->mapping.headerLine, -1);
        QCOMPARE(sniff->mapping.firstDataLine, 0);
        QVERIFY(sniff->header.isEmpty());
        QVERIFY(sniff->mapping.headerSignature.isEmpty());
        QCOMPARE(roleKeys(sniff->mapping), (strings({"booking_date", "description", "amount", "currency"})));
        QVERIFY(sniff->complete);
        QVERIFY(sniff->notes.join(u' ').contains(u"No header row"));
        QCOMPARE(sniff->sample.size(), 3);

        SNIFF_AND_READ(data, QStringLiteral("plain.csv"), [](CsvMapping&) {}, file);
        const Statement& s = file.statements.front();
        QCOMPARE(s.entries.size(), 3);
        QCOMPARE(s.entries[0].sourceLine, 1);
        QCOMPARE(s.entries[1].amount.toString(), QStringLiteral("1500.00"));
        QCOMPARE(s.entries[2].amount.toString(), QStringLiteral("-7.50"));
        QCOMPARE(s.entries[2].remittanceText, QStringLiteral("Apotheke"));
    }

    void findsAHeaderShorterThanItsRows()
    {
        // The rows end with a delimiter, the header does not.
        const QByteArray data = "Datum;Betrag;Text\n01.02.2024;-1,00;a;\n02.02.2024;2,00;b;\n";
        auto sniff = sniffCsv(data, QStringLiteral("short.csv"));
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        QCOMPARE(sniff->mapping.headerLine, 0);
        QCOMPARE(roleKeys(sniff->mapping), strings({"booking_date", "amount", "description", "ignore"}));
        QCOMPARE(sniff->mapping.headerSignature, strings({"Datum", "Betrag", "Text", ""}));
        SNIFF_AND_READ(data, QStringLiteral("short.csv"), [](CsvMapping& m) { m.currency = QStringLiteral("EUR"); }, file);
        QCOMPARE(file.statements.front().entries.size(), 2);
        QCOMPARE(file.statements.front().entries[1].remittanceText, QStringLiteral("b"));
    }

    void readsDebitCreditMarks()
    {
        // ING (NL): unsigned amounts with "Af"/"Bij", compact dates, the currency in the header.
        const QByteArray data =
            "\"Datum\",\"Naam / Omschrijving\",\"Rekening\",\"Tegenrekening\",\"Code\",\"Af Bij\",\"Bedrag (EUR)\","
            "\"Mutatiesoort\",\"Mededelingen\"\r\n"
            "\"20240105\",\"Albert Heijn 1234\",\"NL91ABNA0417164300\",\"\",\"BA\",\"Af\",\"12,50\",\"Betaalautomaat\","
            "\"Pasvolgnr: 001\"\r\n"
            "\"20240106\",\"J. de Vries\",\"NL91ABNA0417164300\",\"NL69INGB0123456789\",\"GT\",\"Bij\",\"100,00\","
            "\"Online bankieren\",\"Terugbetaling\"\r\n";
        auto sniff = sniffCsv(data, QStringLiteral("ing.csv"));
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        QCOMPARE(roleKeys(sniff->mapping),
                 (strings({"booking_date", "counterparty_name", "account", "counterparty_account",
                              "bank_transaction_code", "debit_credit_mark", "amount", "ignore", "description"})));
        QCOMPARE(sniff->mapping.dateFormat, QStringLiteral("yyyyMMdd"));
        QCOMPARE(sniff->mapping.currency, QStringLiteral("EUR"));
        SNIFF_AND_READ(data, QStringLiteral("ing.csv"), [](CsvMapping&) {}, file);
        const Statement& s = file.statements.front();
        QCOMPARE(s.account.iban, QStringLiteral("NL91ABNA0417164300"));
        QCOMPARE(s.entries[0].amount.toString(), QStringLiteral("-12.50"));
        QCOMPARE(s.entries[0].bankTransactionCode, QStringLiteral("BA"));
        QCOMPARE(s.entries[1].amount.toString(), QStringLiteral("100.00"));
        QCOMPARE(s.entries[1].counterpartyAccount, QStringLiteral("NL69INGB0123456789"));
        QCOMPARE(s.entries[1].remittanceText, QStringLiteral("Terugbetaling"));
    }

    void splitsOneStatementPerOwnAccount()
    {
        const QByteArray data = "Account,Date,Amount,Currency\n"
                                "DE89370400440532013000,2024-01-02,-1.00,EUR\n"
                                "GB29NWBK60161331926819,2024-01-02,-2.00,GBP\n"
                                "DE89370400440532013000,2024-01-03,-3.00,EUR\n";
        SNIFF_AND_READ(data, QStringLiteral("multi.csv"), [](CsvMapping&) {}, file);
        QCOMPARE(file.statements.size(), 2);
        QCOMPARE(file.statements[0].account.iban, QStringLiteral("DE89370400440532013000"));
        QCOMPARE(file.statements[0].entries.size(), 2);
        QCOMPARE(file.statements[1].account.iban, QStringLiteral("GB29NWBK60161331926819"));
        QCOMPARE(file.statements[1].account.currency, QStringLiteral("GBP"));
        QCOMPARE(file.entryCount(), 3);
    }

    void keepsLineNumbersThroughQuotes_data()
    {
        QTest::addColumn<QByteArray>("eol");
        QTest::newRow("LF") << QByteArray("\n");
        QTest::newRow("CRLF") << QByteArray("\r\n");
        QTest::newRow("CR") << QByteArray("\r");
    }
    void keepsLineNumbersThroughQuotes()
    {
        QFETCH(QByteArray, eol);
        QByteArray data = "Date,Payee,Memo,Amount\n"
                          "2024-01-02,\"Smith, John\",\"He said \"\"hi\"\"\",-1.00\n"
                          "2024-01-03,\"Multi\nline, payee\",\"memo\nwith\nbreaks\",2.00\n"
                          "2024-01-04,Plain,\"x\",3.00\n";
        data.replace("\n", eol);
        const QString text = QString::fromUtf8(data);
        QList<int> lines;
        const QList<QStringList> records = splitCsvRecords(text, u',', u'"', &lines);
        QCOMPARE(records.size(), 4);
        QCOMPARE(lines, (QList<int>{1, 2, 3, 7}));
        QCOMPARE(records[1], (strings({"2024-01-02", "Smith, John", "He said \"hi\"", "-1.00"})));
        const QString br = QString::fromLatin1(eol);
        QCOMPARE(records[2], (QStringList{QStringLiteral("2024-01-03"), QStringLiteral("Multi") + br + QStringLiteral("line, payee"),
                                          QStringLiteral("memo") + br + QStringLiteral("with") + br + QStringLiteral("breaks"),
                                          QStringLiteral("2.00")}));

        auto sniff = sniffCsv(data, QStringLiteral("quoted.csv"));
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        QCOMPARE(roleKeys(sniff->mapping), (strings({"booking_date", "counterparty_name", "description", "amount"})));
        CsvMapping mapping = sniff->mapping;
        mapping.currency = QStringLiteral("USD");
        auto read = readCsv(data, QStringLiteral("quoted.csv"), mapping);
        QVERIFY2(read.ok(), qPrintable(errorOf(read)));
        const Statement& s = read->statements.front();
        QCOMPARE(s.entries[1].counterpartyName, QStringLiteral("Multi") + br + QStringLiteral("line, payee"));
        QCOMPARE(s.entries[2].sourceLine, 7);

        // A bad cell after the quoted line breaks is reported on its own line.
        QByteArray bad = data + QByteArray("2024-01-05,Bad,\"y\",12.3x").replace("\n", eol) + eol;
        auto failed = readCsv(bad, QStringLiteral("quoted.csv"), mapping);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().message(),
                 QStringLiteral("quoted.csv, line 8, column \"Amount\": amount \"12.3x\" is not a number in the format 1,234.56"));

        // An unclosed quote names the line where it opens.
        QByteArray unclosed = data + QByteArray("2024-01-05,\"Never closed,1.00") + eol + "2024-01-06,x,y,1.00" + eol;
        auto open = readCsv(unclosed, QStringLiteral("quoted.csv"), mapping);
        QVERIFY(!open.ok());
        QCOMPARE(open.error().message(), QStringLiteral("quoted.csv, line 8: a quoted field starts here and is never closed"));
    }

    void refusesBadCells_data()
    {
        QTest::addColumn<QByteArray>("good");
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<QString>("message");
        const QByteArray german = "Buchungstag;Betrag;Verwendungszweck\n01.02.2024;-1.234,00;a\n02.02.2024;5,00;b\n";
        QTest::newRow("amount") << german << QByteArray("03.02.2024;12,3x;c\n")
                                << "bank.csv, line 4, column \"Betrag\": amount \"12,3x\" is not a number in the format 1.234,56";
        QTest::newRow("grouping") << german << QByteArray("03.02.2024;1.23,45;c\n")
                                  << "bank.csv, line 4, column \"Betrag\": amount \"1.23,45\" is not a number in the format 1.234,56";
        QTest::newRow("empty amount") << german << QByteArray("03.02.2024;;c\n")
                                      << "bank.csv, line 4, column \"Betrag\": the amount is empty";
        QTest::newRow("date") << german << QByteArray("31.02.2024;1,00;c\n")
                              << "bank.csv, line 4, column \"Buchungstag\": date \"31.02.2024\" is not a date in the format dd.MM.yyyy";
        QTest::newRow("ISO date") << german << QByteArray("2024-02-03;1,00;c\n")
                                  << "bank.csv, line 4, column \"Buchungstag\": date \"2024-02-03\" is not a date in the format dd.MM.yyyy";
        QTest::newRow("missing date") << german << QByteArray(";1,00;c\n")
                                      << "bank.csv, line 4, column \"Buchungstag\": the booking date is empty";
        QTest::newRow("extra field") << german << QByteArray("03.02.2024;1,00;c;d\n")
                                     << "bank.csv, line 4: expected 3 fields, found 4 (is the delimiter ';' right?)";
        QTest::newRow("truncated") << german << QByteArray("03.02.2024") << "bank.csv, line 4: expected 3 fields, found 1";
        const QByteArray split = "Date,Details,Debit,Credit\n01/09/2017,Shop,12.00,\n13/09/2017,Salary,,100.00\n";
        QTest::newRow("debit and credit") << split << QByteArray("14/09/2017,Both,5.00,6.00\n")
                                          << "bank.csv, line 4, column \"Debit\" and column \"Credit\": both debit \"5.00\" and "
                                             "credit \"6.00\" are filled; an entry is one or the other";
        QTest::newRow("neither") << split << QByteArray("14/09/2017,None,,\n")
                                 << "bank.csv, line 4, column \"Debit\": neither debit nor credit has an amount";
        QTest::newRow("currency in the cell") << split << QByteArray("14/09/2017,Dollars,5.00 USD,\n")
                                              << "bank.csv, line 4, column \"Debit\": debit \"5.00 USD\" is in USD but the "
                                                 "entry's currency is EUR";
        const QByteArray marked = "Datum,Omschrijving,Af Bij,Bedrag\n20240105,x,Af,\"12,50\"\n20240106,y,Bij,\"1,00\"\n";
        QTest::newRow("sign against the mark") << marked << QByteArray("20240107,z,Bij,\"-3,00\"\n")
                                               << "bank.csv, line 4, column \"Bedrag\": amount \"-3,00\" is negative but the "
                                                  "mark \"Bij\" says credit";
        QTest::newRow("unknown mark") << marked << QByteArray("20240107,z,X,\"3,00\"\n")
                                      << "bank.csv, line 4, column \"Af Bij\": \"X\" is not a debit/credit mark (D/C, "
                                         "S/H, Af/Bij, DR/CR, Debit/Credit)";
    }
    void refusesBadCells()
    {
        QFETCH(QByteArray, good);
        QFETCH(QByteArray, bad);
        QFETCH(QString, message);
        auto sniff = sniffCsv(good, QStringLiteral("bank.csv"));
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        QVERIFY(sniff->complete);
        CsvMapping mapping = sniff->mapping;
        mapping.currency = QStringLiteral("EUR");
        QVERIFY2(readCsv(good, QStringLiteral("bank.csv"), mapping).ok(), "the good part reads");
        auto read = readCsv(good + bad, QStringLiteral("bank.csv"), mapping);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code(), ErrorCode::ParseError);
        QCOMPARE(read.error().message(), message);
    }

    void debitAndCreditSigns()
    {
        // Debit is money out however it is written; a zero on the other side is no conflict.
        const QByteArray data = "Date,Details,Debit,Credit\n"
                                "01/09/2017,Shop,12.00,\n"
                                "02/09/2017,Refund,-3.00,0.00\n"
                                "13/09/2017,Salary,0.00,100.00\n"
                                "14/09/2017,Odd credit,,-4.00\n";
        SNIFF_AND_READ(data, QStringLiteral("dc.csv"), [](CsvMapping& m) { m.currency = QStringLiteral("EUR"); }, file);
        const auto& e = file.statements.front().entries;
        QCOMPARE(e[0].amount.toString(), QStringLiteral("-12.00"));
        QCOMPARE(e[1].amount.toString(), QStringLiteral("-3.00"));
        QCOMPARE(e[2].amount.toString(), QStringLiteral("100.00"));
        QCOMPARE(e[3].amount.toString(), QStringLiteral("4.00"));
    }

    void refusesAPresetForAnotherLayout()
    {
        auto commerzbank = sniffCsv(sample(QLatin1String(kCommerzbank)), QStringLiteral("cb.csv"));
        QVERIFY(commerzbank.ok());
        const QByteArray other = "Buchungstag;Wertstellung;Umsatzart;Buchungstext;Betrag;Waehrung;Konto;BLZ;IBAN\n"
                                 "02.03.2018;02.03.2018;Lastschrift;x;-1,00;EUR;1;2;DE44200400000538917600\n";
        auto read = readCsv(other, QStringLiteral("other.csv"), commerzbank->mapping);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().message(), QStringLiteral("other.csv, line 1: the header does not match the mapping: column 6 "
                                                        "is \"Waehrung\", expected \"Währung\""));
    }

    void roundTripsMappingJson()
    {
        auto sniff = sniffCsv(sample(QLatin1String(kCommerzbank)), QStringLiteral("cb.csv"));
        QVERIFY(sniff.ok());
        CsvMapping a = sniff->mapping;
        a.presetName = QStringLiteral("Commerzbank Girokonto");
        a.currency = QStringLiteral("EUR");
        CsvMapping b;
        b.presetName = QStringLiteral("Tabs");
        b.encoding = QStringLiteral("IBM852");
        b.delimiter = u'\t';
        b.quote = QChar();
        b.headerLine = -1;
        b.firstDataLine = 3;
        b.dateFormat = QStringLiteral("d.M.yy");
        b.decimalSeparator = u'.';
        b.groupSeparator = u'\'';
        b.columns = {CsvColumnRole::BookingDate, CsvColumnRole::Amount, CsvColumnRole::DebitCreditMark,
                     CsvColumnRole::Description, CsvColumnRole::Description, CsvColumnRole::EndToEndId,
                     CsvColumnRole::Reference, CsvColumnRole::MerchantCategory, CsvColumnRole::BankId,
                     CsvColumnRole::CounterpartyBankCode, CsvColumnRole::Balance, CsvColumnRole::Ignore};
        for (const CsvMapping& original : {a, b}) {
            const QByteArray json = QJsonDocument(original.toJson()).toJson();
            auto back = CsvMapping::fromJson(QJsonDocument::fromJson(json).object());
            QVERIFY2(back.ok(), qPrintable(errorOf(back)));
            QCOMPARE(back->presetName, original.presetName);
            QCOMPARE(back->encoding, original.encoding);
            QCOMPARE(back->delimiter, original.delimiter);
            QCOMPARE(back->quote, original.quote);
            QCOMPARE(back->headerLine, original.headerLine);
            QCOMPARE(back->firstDataLine, original.firstDataLine);
            QCOMPARE(back->dateFormat, original.dateFormat);
            QCOMPARE(back->decimalSeparator, original.decimalSeparator);
            QCOMPARE(back->groupSeparator, original.groupSeparator);
            QCOMPARE(back->currency, original.currency);
            QCOMPARE(back->columns, original.columns);
            QCOMPARE(back->headerSignature, original.headerSignature);
            QCOMPARE(back->toJson(), original.toJson());
        }
        const QJsonObject json = a.toJson();
        QCOMPARE(json.value(u"columns").toArray().at(0).toString(), QStringLiteral("booking_date"));
        QCOMPARE(json.value(u"date_format").toString(), QStringLiteral("dd.MM.yyyy"));
        QCOMPARE(json.value(u"header_signature").toArray().at(5).toString(), QStringLiteral("Währung"));
        // Every role has a key that leads back to it.
        for (int r = 0; r <= static_cast<int>(CsvColumnRole::AccountBankCode); ++r) {
            const auto role = static_cast<CsvColumnRole>(r);
            QCOMPARE(csvColumnRoleFromKey(csvColumnRoleKey(role)), std::optional<CsvColumnRole>(role));
        }
    }

    void refusesBadMappingJson_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown role") << "columns" << QJsonValue(QJsonArray::fromStringList(strings({"booking_date", "amout"})))
                                      << "unknown column role \"amout\"";
        QTest::newRow("unknown encoding") << "encoding" << QJsonValue(QStringLiteral("EBCDIC")) << "unknown encoding \"EBCDIC\"";
        QTest::newRow("two amounts") << "columns" << QJsonValue(QJsonArray::fromStringList(strings({"booking_date", "amount", "amount"})))
                                     << "two columns have the role amount";
        QTest::newRow("no date") << "columns" << QJsonValue(QJsonArray::fromStringList(strings({"amount"}))) << "no column has the booking date";
        QTest::newRow("long delimiter") << "delimiter" << QJsonValue(QStringLiteral(";;")) << "\"delimiter\" must be one character";
        QTest::newRow("header line as text") << "header_line" << QJsonValue(QStringLiteral("0")) << "\"header_line\" must be a whole number";
        QTest::newRow("date format") << "date_format" << QJsonValue(QStringLiteral("dd.MM")) << "\"dd.MM\" is not a date format";
        QTest::newRow("decimal") << "decimal_separator" << QJsonValue(QStringLiteral(";")) << "the decimal separator must be";
        QTest::newRow("currency") << "currency" << QJsonValue(QStringLiteral("EURO")) << "\"EURO\" is not an ISO 4217 currency code";
        QTest::newRow("unknown key") << "delimeter" << QJsonValue(QStringLiteral(";")) << "unknown key \"delimeter\"";
        QTest::newRow("newer version") << "version" << QJsonValue(2) << "version 2";
    }
    void refusesBadMappingJson()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        CsvMapping m;
        m.columns = {CsvColumnRole::BookingDate, CsvColumnRole::Amount};
        QJsonObject json = m.toJson();
        QVERIFY(CsvMapping::fromJson(json).ok());
        json.insert(key, value);
        auto back = CsvMapping::fromJson(json);
        QVERIFY(!back.ok());
        QCOMPARE(back.error().code(), ErrorCode::InvalidArgument);
        QVERIFY2(back.error().message().contains(message), qPrintable(back.error().message()));
    }

    void refusesWhatIsNotCsv_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << "file.csv: the file is empty";
        QTest::newRow("blank lines") << QByteArray("\r\n\r\n  \n") << "file.csv: the file is empty";
        QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF") << "file.csv: the file is empty";
        QTest::newRow("BOM and a line break") << QByteArray("\xEF\xBB\xBF\r\n") << "file.csv: the file is empty";
        QTest::newRow("PNG") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0", 33)
                             << "file.csv: not a CSV file: it holds binary data";
        QByteArray noise;
        for (int i = 0; i < 4096; ++i) {
            noise.append(static_cast<char>((i * 7919 + 13) % 251 + 1));
        }
        QTest::newRow("noise") << noise << "file.csv: not a CSV file: it holds binary data";
        QTest::newRow("prose") << QByteArray("Dear customer\nthank you for your letter of 3 March.\nKind regards\n")
                               << "file.csv: not a CSV file: no delimiter";
    }
    void refusesWhatIsNotCsv()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, message);
        auto sniff = sniffCsv(data, QStringLiteral("file.csv"));
        QVERIFY(!sniff.ok());
        QCOMPARE(sniff.error().code(), ErrorCode::ParseError);
        QVERIFY2(sniff.error().message().startsWith(message), qPrintable(sniff.error().message()));

        CsvMapping mapping;
        mapping.columns = {CsvColumnRole::BookingDate, CsvColumnRole::Amount};
        mapping.currency = QStringLiteral("EUR");
        auto read = readCsv(data, QStringLiteral("file.csv"), mapping);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code(), ErrorCode::ParseError);
    }

    void refusesAnInvalidMapping()
    {
        CsvMapping mapping;
        mapping.columns = {CsvColumnRole::BookingDate, CsvColumnRole::Debit, CsvColumnRole::Amount};
        auto read = readCsv("2024-01-01,1,2\n", QStringLiteral("x.csv"), mapping);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code(), ErrorCode::InvalidArgument);
    }

    void normalisesAmounts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("decimal");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("German grouping") << "1.234,56" << "," << "." << "1234.56";
        QTest::newRow("English grouping") << "1,234.56" << "." << "," << "1234.56";
        QTest::newRow("decimal comma") << "-8,78" << "," << "." << "-8.78";
        QTest::newRow("trailing minus") << "8,78-" << "," << "." << "-8.78";
        QTest::newRow("parentheses") << "(12.00)" << "." << "," << "-12.00";
        QTest::newRow("euro sign") << "€ 12,00" << "," << "." << "12.00";
        QTest::newRow("code after") << "12.00 EUR" << "." << "," << "12.00";
        QTest::newRow("code and sign before") << "EUR -5,00" << "," << "." << "-5.00";
        QTest::newRow("sign before symbol") << "-£5.00" << "." << "," << "-5.00";
        QTest::newRow("no-break space") << "1\u00A0234,50" << "," << "." << "1234.50";
        QTest::newRow("narrow no-break space") << "-1\u202F234\u202F567,50" << "," << "" << "-1234567.50";
        QTest::newRow("Swiss apostrophe") << "1'234.50" << "." << "'" << "1234.50";
        QTest::newRow("apostrophe always groups") << "1'234.50" << "." << "," << "1234.50";
        QTest::newRow("CR") << "12.50 CR" << "." << "," << "12.50";
        QTest::newRow("DR") << "12.50 DR" << "." << "," << "-12.50";
        QTest::newRow("Soll") << "1.000,00 S" << "," << "." << "-1000.00";
        QTest::newRow("plus") << "+3" << "." << "" << "3";
        QTest::newRow("leading decimal") << ",50" << "," << "." << "0.50";
        QTest::newRow("millions") << "1.234.567,89" << "," << "." << "1234567.89";
        QTest::newRow("spaces around") << "  -0,01  " << "," << "." << "-0.01";
    }
    void normalisesAmounts()
    {
        QFETCH(QString, text);
        QFETCH(QString, decimal);
        QFETCH(QString, group);
        QFETCH(QString, canonical);
        const auto out = normaliseCsvAmount(text, decimal.at(0), group.isEmpty() ? QChar() : group.at(0));
        QVERIFY2(out.has_value(), qPrintable(text));
        QCOMPARE(*out, canonical);
    }

    void refusesWhatIsNotAnAmount_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("decimal");
        QTest::addColumn<QString>("group");
        QTest::newRow("letters") << "12,3x" << "," << ".";
        QTest::newRow("groups of two") << "1.23,45" << "," << ".";
        QTest::newRow("English in a German file") << "1,234.56" << "," << ".";
        QTest::newRow("point without grouping") << "1.234,56" << "," << "";
        QTest::newRow("two signs") << "--5" << "." << ",";
        QTest::newRow("parentheses and minus") << "(-5)" << "." << ",";
        QTest::newRow("empty") << "" << "." << ",";
        QTest::newRow("word") << "abc" << "." << ",";
        QTest::newRow("two points") << "1.2.3" << "." << ",";
        QTest::newRow("point at the end") << "12." << "." << ",";
        QTest::newRow("group of four") << "1,2345" << "." << ",";
        QTest::newRow("two codes") << "EUR 5 USD" << "." << ",";
    }
    void refusesWhatIsNotAnAmount()
    {
        QFETCH(QString, text);
        QFETCH(QString, decimal);
        QFETCH(QString, group);
        QVERIFY(!normaliseCsvAmount(text, decimal.at(0), group.isEmpty() ? QChar() : group.at(0)).has_value());
    }

    void parsesDates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QDate>("date");
        QTest::newRow("German") << "02.03.2018" << "dd.MM.yyyy" << QDate(2018, 3, 2);
        QTest::newRow("German short") << "2.3.18" << "d.M.yy" << QDate(2018, 3, 2);
        QTest::newRow("Monzo") << "2018-02-25 12:34:56 +0000" << "yyyy-MM-dd HH:mm:ss t" << QDate(2018, 2, 25);
        QTest::newRow("ISO offset") << "2024-01-31T23:59:59+01:00" << "yyyy-MM-dd'T'HH:mm:sst" << QDate(2024, 1, 31);
        QTest::newRow("ISO Z") << "2024-01-31T23:59:59.123Z" << "yyyy-MM-dd'T'HH:mm:ss.zzzt" << QDate(2024, 1, 31);
        QTest::newRow("compact") << "20240131" << "yyyyMMdd" << QDate(2024, 1, 31);
        QTest::newRow("English month") << "31-Jan-2024" << "dd-MMM-yyyy" << QDate(2024, 1, 31);
        QTest::newRow("German month") << "02 Mär 2018" << "dd MMM yyyy" << QDate(2018, 3, 2);
        QTest::newRow("Dutch month") << "05 mrt 2024" << "dd MMM yyyy" << QDate(2024, 3, 5);
        QTest::newRow("French month") << "05 févr. 2024" << "dd MMM yyyy" << QDate(2024, 2, 5);
        QTest::newRow("US") << "01/13/2024" << "MM/dd/yyyy" << QDate(2024, 1, 13);
        QTest::newRow("US with time") << "1/5/2024 3:04 PM" << "M/d/yyyy h:mm AP" << QDate(2024, 1, 5);
        QTest::newRow("1990s") << "31.12.99" << "dd.MM.yy" << QDate(1999, 12, 31);
        QTest::newRow("not a day") << "31.02.2018" << "dd.MM.yyyy" << QDate();
        QTest::newRow("other format") << "2018-02-25" << "dd.MM.yyyy" << QDate();
        QTest::newRow("month 13") << "13/01/2024" << "MM/dd/yyyy" << QDate();
        QTest::newRow("trailing time") << "02.03.2018 12:00" << "dd.MM.yyyy" << QDate();
        QTest::newRow("short compact") << "2024013" << "yyyyMMdd" << QDate();
        QTest::newRow("hour 25") << "2018-02-25 25:00:00 +0000" << "yyyy-MM-dd HH:mm:ss t" << QDate();
        QTest::newRow("bad format") << "02.03.2018" << "dd.MM" << QDate();
    }
    void parsesDates()
    {
        QFETCH(QString, text);
        QFETCH(QString, format);
        QFETCH(QDate, date);
        QCOMPARE(parseCsvDate(text, format), date);
    }

    void decodesEncodings()
    {
        const QByteArray latin = "Datum;Betrag;Empf\xE4nger\n01.02.2024;-1,00;M\xFCller \x80\n";
        auto cp1252 = decodeCsvText(latin, QStringLiteral("windows-1252"), QStringLiteral("a.csv"));
        QVERIFY(cp1252.ok());
        QVERIFY(cp1252->endsWith(QStringLiteral("Müller €\n")));
        auto latin9 = decodeCsvText("\xA4", QStringLiteral("ISO-8859-15"), QStringLiteral("a.csv"));
        QCOMPARE(*latin9, QStringLiteral("€"));
        auto dos = decodeCsvText("\x84", QStringLiteral("IBM852"), QStringLiteral("a.csv"));
        QCOMPARE(*dos, QStringLiteral("ä"));

        const QString text = QStringLiteral("Date,Amount\n2024-01-02,-1.50\n");
        QByteArray utf16 = "\xFF\xFE";
        utf16.append(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
        auto sniff = sniffCsv(utf16, QStringLiteral("u16.csv"));
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        QCOMPARE(sniff->mapping.encoding, QStringLiteral("UTF-16LE"));
        CsvMapping mapping = sniff->mapping;
        mapping.currency = QStringLiteral("EUR");
        auto read = readCsv(utf16, QStringLiteral("u16.csv"), mapping);
        QVERIFY2(read.ok(), qPrintable(errorOf(read)));
        QCOMPARE(read->statements.front().entries.front().amount.toString(), QStringLiteral("-1.50"));

        // A byte order mark that contradicts the mapping is refused rather than misread.
        mapping.encoding = QStringLiteral("UTF-8");
        auto wrong = readCsv(utf16, QStringLiteral("u16.csv"), mapping);
        QVERIFY(!wrong.ok());
        QVERIFY(wrong.error().message().contains(u"UTF-16LE byte order mark"));
    }

    void previewReadsRowByRowFromTheHeadOfTheFile_data()
    {
        QTest::addColumn<QString>("encoding");
        QTest::newRow("UTF-8") << QStringLiteral("UTF-8");
        QTest::newRow("UTF-16LE") << QStringLiteral("UTF-16LE");
    }

    void previewReadsRowByRowFromTheHeadOfTheFile()
    {
        // 20,000 rows; rows 1400-1599 have a line break in their quoted text (the first 64 KB end
        // among them), row 3 an amount that is no number, and the file's last byte cannot be decoded.
        QFETCH(QString, encoding);
        QString text = QStringLiteral("Date,Payee,Amount,Description\n");
        for (int i = 0; i < 20000; ++i) {
            const QString amount = i == 3 ? QStringLiteral("x") : QStringLiteral("-%1.25").arg(i);
            const QString description = i >= 1400 && i < 1600 ? QStringLiteral("\"Row %1\nsecond line\"").arg(i)
                                                               : QStringLiteral("Row %1").arg(i);
            text += QStringLiteral("2024-03-%1,Payee %2,%3,%4\n")
                        .arg(i % 28 + 1, 2, 10, QLatin1Char('0'))
                        .arg(i % 7)
                        .arg(amount, description);
        }
        QByteArray bytes = encoding == u"UTF-8" ? text.toUtf8() : QStringEncoder(QStringConverter::Utf16LE).encode(text);
        bytes += '\xff';
        CsvMapping mapping;
        mapping.encoding = encoding;
        mapping.headerLine = 0;
        mapping.firstDataLine = 1;
        mapping.currency = QStringLiteral("EUR");
        mapping.columns = {CsvColumnRole::BookingDate, CsvColumnRole::CounterpartyName, CsvColumnRole::Amount,
                           CsvColumnRole::Description};
        QVERIFY(!readCsv(bytes, QStringLiteral("big.csv"), mapping).ok()); // the import refuses the file ...

        auto rows = previewCsv(bytes, QStringLiteral("big.csv"), mapping, 2000); // ... the preview reads its head
        QVERIFY2(rows.ok(), qPrintable(errorOf(rows)));
        QCOMPARE(rows->size(), 2000);
        QCOMPARE(rows->at(0).kind, CsvPreviewRow::Kind::Header);
        QCOMPARE(rows->at(1).kind, CsvPreviewRow::Kind::Entry);
        QCOMPARE(rows->at(4).kind, CsvPreviewRow::Kind::Error);
        QCOMPARE(rows->at(4).line, 5);
        QVERIFY2(rows->at(4).message.startsWith(QStringLiteral("column \"Amount\": amount \"x\" is not a number")),
                 qPrintable(rows->at(4).message));
        QCOMPARE(rows->at(5).kind, CsvPreviewRow::Kind::Entry); // the rows after a bad one still read
        const CsvPreviewRow& last = rows->last();
        QCOMPARE(last.kind, CsvPreviewRow::Kind::Entry);
        QCOMPARE(last.line, 2 + 1998 + 200);
        QCOMPARE(last.entry.remittanceText, QStringLiteral("Row 1998"));
        QCOMPARE(last.entry.amount.toString(), QStringLiteral("-1998.25"));
        QCOMPARE(rows->at(1501).entry.remittanceText, QStringLiteral("Row 1500\nsecond line"));

        QList<int> lines;
        auto head = readCsvHead(bytes, QStringLiteral("big.csv"), encoding, u',', u'"', 1601, &lines);
        QVERIFY2(head.ok(), qPrintable(errorOf(head)));
        QCOMPARE(head->size(), 1601);
        QCOMPARE(head->last().value(3), QStringLiteral("Row 1599\nsecond line"));
        QCOMPARE(lines.last(), 2 + 1599 + 199);
    }

    void readsManyRowsQuickly()
    {
        // A figure for the import benchmark, not a pass/fail timing: FLOWLET_CSV_BENCH_ROWS rows.
        const int rows = qEnvironmentVariableIntValue("FLOWLET_CSV_BENCH_ROWS") > 0
                             ? qEnvironmentVariableIntValue("FLOWLET_CSV_BENCH_ROWS")
                             : 100000;
        QByteArray data = "Date,Payee,Amount,Description\n";
        data.reserve(rows * 64);
        for (int i = 0; i < rows; ++i) {
            data += "2024-";
            data += QByteArray::number(i % 12 + 1).rightJustified(2, '0');
            data += '-';
            data += QByteArray::number(i % 28 + 1).rightJustified(2, '0');
            data += ",Payee ";
            data += QByteArray::number(i % 997);
            data += ",-";
            data += QByteArray::number(i % 5000);
            data += '.';
            data += QByteArray::number(i % 100).rightJustified(2, '0');
            data += ",Card payment ";
            data += QByteArray::number(i);
            data += '\n';
        }
        auto sniff = sniffCsv(data, QStringLiteral("big.csv"));
        QVERIFY2(sniff.ok(), qPrintable(errorOf(sniff)));
        QVERIFY(sniff->complete);
        CsvMapping mapping = sniff->mapping;
        mapping.currency = QStringLiteral("EUR");
        QElapsedTimer timer;
        timer.start();
        auto read = readCsv(data, QStringLiteral("big.csv"), mapping);
        const qint64 ms = std::max<qint64>(1, timer.elapsed());
        timer.restart();
        QVERIFY(sniffCsv(data, QStringLiteral("big.csv")).ok());
        const qint64 sniffMs = timer.elapsed();
        QVERIFY2(read.ok(), qPrintable(errorOf(read)));
        QCOMPARE(read->entryCount(), qsizetype(rows));
        QCOMPARE(read->statements.front().entries.back().remittanceText, QStringLiteral("Card payment %1").arg(rows - 1));
        qInfo("readCsv: %d rows in %lld ms = %lld rows/s; sniffCsv of the same file: %lld ms", rows, ms,
              rows * 1000LL / ms, sniffMs);
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "TestCsvReader.moc"
