#include "ingest/Mt940Reader.h"

#include <QtTest>

using namespace flowlet;
using namespace flowlet::ingest;
using namespace Qt::StringLiterals;

namespace {

QString samplePath(const QString& name)
{
    return QStringLiteral(FLOWLET_SAMPLES_DIR "/mt940/") + name;
}

Result<StatementFile> readSample(const QString& name)
{
    QFile file(samplePath(name));
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(ErrorCode::IoError, QStringLiteral("cannot open ") + file.fileName());
    }
    return readMt940(file.readAll(), name);
}

QString messageOf(const Result<StatementFile>& result)
{
    return result.ok() ? QString() : result.error().message();
}

// One statement around the given :61:/:86: lines; they start on line 5.
QByteArray statementWith(const QByteArray& body)
{
    return ":20:T1\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C230101EUR100,00\r\n" + body
        + ":62F:C230131EUR100,00\r\n-\r\n";
}

bool hasWarningContaining(const StatementFile& file, const QString& text)
{
    return std::any_of(file.warnings.cbegin(), file.warnings.cend(),
                       [&](const QString& w) { return w.contains(text); });
}

} // namespace

#define REQUIRE_READ(result) QVERIFY2((result).ok(), qPrintable(messageOf(result)))

class TestMt940Reader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- every sample: shape, account, currency

    void readsEverySample_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("statements");
        QTest::addColumn<int>("entries");
        QTest::addColumn<QStringList>("accounts"); // per statement
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("firstId");
        QTest::newRow("German SEPA") << u"wolph-mt940__betterplace_sepa_snippet.sta"_s << 2 << 11
                                     << QStringList{u"0194787400888"_s, u"0194791600888"_s} << u"EUR"_s
                                     << u"T089414086000001/00004/00001"_s;
        QTest::newRow("ABN AMRO") << u"wolph-mt940__jejik_abnamro.sta"_s << 2 << 10
                                  << QStringList{u"517852257"_s, u"517852257"_s} << u"EUR"_s
                                  << u"ABN AMRO BANK NV/19321/1"_s;
        QTest::newRow("ING") << u"wolph-mt940__jejik_ing.sta"_s << 1 << 7 << QStringList{u"0001234567"_s} << u"EUR"_s
                             << u"MPBZ/000"_s;
        QTest::newRow("PostFinance") << u"wolph-mt940__jejik_postfinance.sta"_s << 2 << 4
                                     << QStringList{u"123456789"_s, u"123456789"_s} << u"CHF"_s
                                     << u"2014040708285927/999/1"_s;
        QTest::newRow("Rabobank") << u"wolph-mt940__jejik_rabobank-iban.sta"_s << 2 << 4
                                  << QStringList{u"NL71RABO0123456789"_s, u"NL71RABO0123456789"_s} << u"EUR"_s
                                  << u"940S130101/0"_s;
    }
    void readsEverySample()
    {
        QFETCH(QString, file);
        QFETCH(int, statements);
        QFETCH(int, entries);
        QFETCH(QStringList, accounts);
        QFETCH(QString, currency);
        QFETCH(QString, firstId);
        const auto result = readSample(file);
        REQUIRE_READ(result);
        QCOMPARE(result->format, StatementFormat::Mt940);
        QCOMPARE(result->variant, QStringLiteral("MT940"));
        QCOMPARE(result->fileName, file);
        QCOMPARE(result->statements.size(), statements);
        QCOMPARE(result->entryCount(), entries);
        QCOMPARE(result->statements.first().id, firstId);
        for (qsizetype i = 0; i < result->statements.size(); ++i) {
            const Statement& s = result->statements.at(i);
            QCOMPARE(s.account.identifier(), accounts.at(i));
            QCOMPARE(s.account.currency, currency);
            QVERIFY(s.openingBalance.has_value());
            QVERIFY(s.closingBalance.has_value());
            for (const StatementEntry& e : s.entries) {
                QVERIFY(e.bookingDate.isValid());
                QVERIFY(e.valueDate.isValid());
                QCOMPARE(e.amount.currency().code(), currency);
                QVERIFY(!e.pending);
                QVERIFY(e.sourceLine > 0);
                QVERIFY(!e.remittanceText.contains(QChar(0x00AD)));
                QVERIFY(!e.remittanceText.contains(u'\t'));
            }
        }
    }

    // Where the anonymised samples still add up, opening + entries == closing catches sign errors.
    void balancesAddUp_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("statement");
        QTest::addColumn<QString>("closing");
        QTest::newRow("German SEPA #1") << u"wolph-mt940__betterplace_sepa_snippet.sta"_s << 0 << u"1125250.40"_s;
        QTest::newRow("PostFinance #1") << u"wolph-mt940__jejik_postfinance.sta"_s << 0 << u"229.20"_s;
        QTest::newRow("Rabobank #1") << u"wolph-mt940__jejik_rabobank-iban.sta"_s << 0 << u"965.00"_s;
        QTest::newRow("Rabobank #2") << u"wolph-mt940__jejik_rabobank-iban.sta"_s << 1 << u"930.00"_s;
    }
    void balancesAddUp()
    {
        QFETCH(QString, file);
        QFETCH(int, statement);
        QFETCH(QString, closing);
        const auto result = readSample(file);
        REQUIRE_READ(result);
        const Statement& s = result->statements.at(statement);
        Money sum = *s.openingBalance;
        for (const StatementEntry& e : s.entries) {
            sum = *sum.plus(e.amount);
        }
        QCOMPARE(s.closingBalance->toString(), closing);
        QCOMPARE(sum, *s.closingBalance);
        QVERIFY(!hasWarningContaining(*result, QStringLiteral("closing balance is ") + closing));
    }

    // The ABN AMRO and ING samples were anonymised without fixing the balances: the reader says so.
    void warnsWhenBalancesDoNotAddUp()
    {
        const auto result = readSample(QStringLiteral("wolph-mt940__jejik_abnamro.sta"));
        REQUIRE_READ(result);
        QVERIFY(hasWarningContaining(*result, QStringLiteral("opening balance 3236.28 plus the entries makes "
                                                             "2914.84, but the closing balance is 876.84")));
    }

    // ---- each sample's entries, as read from the files by hand

    void readsGermanStructuredInformation()
    {
        const auto result = readSample(QStringLiteral("wolph-mt940__betterplace_sepa_snippet.sta"));
        REQUIRE_READ(result);
        const Statement& first = result->statements.at(0);
        QCOMPARE(first.account.bankCode, QStringLiteral("50880050"));
        QCOMPARE(first.account.number, QStringLiteral("0194787400888"));
        QCOMPARE(first.openingBalance->toString(), QStringLiteral("766656.49"));
        QCOMPARE(first.openingDate, QDate(2007, 9, 3));
        QCOMPARE(first.closingDate, QDate(2007, 9, 4));

        const StatementEntry& e0 = first.entries.at(0);
        QCOMPARE(e0.sourceLine, 5);
        QCOMPARE(e0.valueDate, QDate(2007, 9, 7));
        QCOMPARE(e0.bookingDate, QDate(2007, 9, 4));
        QCOMPARE(e0.amount.toString(), QStringLiteral("50990.05"));
        QCOMPARE(e0.bankTransactionCode, QStringLiteral("166"));
        QCOMPARE(e0.bankId, QStringLiteral("0724710333343453"));
        QCOMPARE(e0.endToEndId, QStringLiteral("EndToEndId TFNR 22 004 00001"));
        QCOMPARE(e0.counterpartyName, QStringLiteral("KARL KAUFMANN"));
        QCOMPARE(e0.counterpartyAccount, QStringLiteral("DE14508800500194785000"));
        QCOMPARE(e0.counterpartyBankCode, QStringLiteral("DRESDEFF508"));
        QCOMPARE(e0.reference, QString());
        QCOMPARE(e0.remittanceText, QStringLiteral("Verw CTSc-01 BC-PPP TFNr 22 004 Empfaenger Marta Metzger"));

        // ?21/?22 and the line break both split words: "Strukturier|ter Verwend|ungszweck".
        QCOMPARE(first.entries.at(1).remittanceText,
                 QStringLiteral("Strukturierter Verwendungszweck 30030004 DE Empfaenger bei DRESDE mit 70 Zeichen "
                                "Empfaenger bei DR"));
        QCOMPARE(first.entries.at(1).endToEndId, QStringLiteral("TFNR 0300300004"));
        QCOMPARE(first.entries.at(1).counterpartyName, QStringLiteral("Quentin Quast"));

        // "KREF+" on the :61: line points at the KREF+ in :86:; the text after the short ?21 is free text.
        const StatementEntry& e3 = first.entries.at(3);
        QCOMPARE(e3.sourceLine, 19);
        QCOMPARE(e3.amount.toString(), QStringLiteral("-1500.00"));
        QCOMPARE(e3.bankTransactionCode, QStringLiteral("191"));
        QCOMPARE(e3.reference, QStringLiteral("TFNr 01022 MSGID CTSc-01 EBB"));
        QCOMPARE(e3.bankId, QStringLiteral("536D80EFEC56ACF8"));
        QCOMPARE(e3.remittanceText, QStringLiteral("MTLG:SEPA-Ueberweisungsauftrag Datei mit 0000001 Zahlungen"));

        const Statement& second = result->statements.at(1);
        QCOMPARE(second.openingBalance->toString(), QStringLiteral("-1970431.87"));
        QCOMPARE(second.closingBalance->toString(), QStringLiteral("-4472049.09"));
        const StatementEntry& r0 = second.entries.at(0);
        QCOMPARE(r0.amount.toString(), QStringLiteral("-0.08"));
        QCOMPARE(r0.reference, QStringLiteral("TFNr 40001 MSGID"));
        QCOMPARE(r0.endToEndId, QStringLiteral("TFNR 40001 00005"));
        QCOMPARE(r0.remittanceText,
                 QStringLiteral("MTLG:Grund nicht spezifiziert Reject aus SEPA-Ueberweisungsauftrag"));
        QCOMPARE(second.entries.at(2).amount.toString(), QStringLiteral("15000.00")); // "15000,"
        const StatementEntry& r3 = second.entries.at(3);
        QCOMPARE(r3.sourceLine, 38);
        QCOMPARE(r3.endToEndId, QStringLiteral("EndToEndIdTFNR2000100001"));
        QCOMPARE(r3.counterpartyName, QStringLiteral("Richter Renate 70 Zeichen Beginn Fuellzeichen xxxxxxxx"));
        QCOMPARE(r3.counterpartyBankCode, QStringLiteral("PBNKDEFF100"));
        QVERIFY2(r3.remittanceText.startsWith(QStringLiteral("TO 13 TFNr 20001 Eingangskanal Mint Unstrukturierter "
                                                             "Verwendungszweck 140 Zeichen Beginn")),
                 qPrintable(r3.remittanceText));
        const StatementEntry& last = second.entries.last();
        QCOMPARE(last.amount.toString(), QStringLiteral("-3572569.03"));
        QCOMPARE(last.bankTransactionCode, QStringLiteral("079"));
        QCOMPARE(last.bankId, QString());
        QCOMPARE(last.remittanceText, QStringLiteral("0904059001"));
    }

    void readsAbnAmro()
    {
        const auto result = readSample(QStringLiteral("wolph-mt940__jejik_abnamro.sta"));
        REQUIRE_READ(result);
        const Statement& first = result->statements.at(0);
        QCOMPARE(first.openingBalance->toString(), QStringLiteral("3236.28"));
        QCOMPARE(first.closingBalance->toString(), QStringLiteral("876.84"));
        const StatementEntry& e0 = first.entries.at(0);
        QCOMPARE(e0.sourceLine, 8);
        QCOMPARE(e0.amount.toString(), QStringLiteral("-9.00")); // "9,"
        QCOMPARE(e0.valueDate, QDate(2011, 5, 24));
        QCOMPARE(e0.bookingDate, QDate(2011, 5, 24));
        QCOMPARE(e0.bankTransactionCode, QStringLiteral("N192"));
        QCOMPARE(e0.reference, QString()); // NONREF
        QCOMPARE(e0.counterpartyName, QStringLiteral("KPN - DIGITENNE"));
        QCOMPARE(e0.counterpartyAccount, QStringLiteral("428428"));
        QCOMPARE(e0.remittanceText, QStringLiteral("BETALINGSKENM. 000000042188659 5314606715 BETREFT FACTUUR D.D. "
                                                   "20-05-2011 INCL. 1,44 BTW"));
        const StatementEntry& e1 = first.entries.at(1);
        QCOMPARE(e1.valueDate, QDate(2011, 5, 21));
        QCOMPARE(e1.bookingDate, QDate(2011, 5, 23));
        QCOMPARE(e1.amount.toString(), QStringLiteral("-11.59"));
        QCOMPARE(e1.counterpartyName, QString());
        QCOMPARE(e1.remittanceText, QStringLiteral("BEA NR:XXX1234 21.05.11/12.54 DIRCKIII FIL2500 KATWIJK,PAS999"));
        // After the blank line in the file.
        QCOMPARE(first.entries.at(6).sourceLine, 23);
        QCOMPARE(first.entries.at(6).amount.toString(), QStringLiteral("-107.00"));

        // :60M:/:62M: intermediate balances of the second part.
        const Statement& second = result->statements.at(1);
        QCOMPARE(second.id, QStringLiteral("ABN AMRO BANK NV/19322/1"));
        QCOMPARE(second.openingBalance->toString(), QStringLiteral("2876.84"));
        QCOMPARE(second.closingBalance->toString(), QStringLiteral("1849.75"));
        const StatementEntry& dotted = second.entries.at(1);
        QCOMPARE(dotted.sourceLine, 38);
        QCOMPARE(dotted.amount.toString(), QStringLiteral("-15.00"));
        QCOMPARE(dotted.counterpartyAccount, QStringLiteral("528939882"));
        QCOMPARE(dotted.counterpartyName, QStringLiteral("MYCOM DEN HAAG"));
    }

    void readsIng()
    {
        const auto result = readSample(QStringLiteral("wolph-mt940__jejik_ing.sta"));
        REQUIRE_READ(result);
        const Statement& s = result->statements.first();
        QCOMPARE(s.openingBalance->toString(), QStringLiteral("0.00"));
        QCOMPARE(s.closingBalance->toString(), QStringLiteral("3.47"));
        QCOMPARE(s.closingDate, QDate(2010, 7, 23));
        const StatementEntry& e0 = s.entries.at(0);
        QCOMPARE(e0.sourceLine, 8);
        QCOMPARE(e0.amount.toString(), QStringLiteral("-25.03"));
        QCOMPARE(e0.bookingDate, QDate(2010, 7, 22)); // no entry date: the value date
        QCOMPARE(e0.bankTransactionCode, QStringLiteral("NTRF"));
        QCOMPARE(e0.remittanceText, QStringLiteral("RC AFREKENING BETALINGSVERKEER BETREFT REKENING 4715589 PERIODE: "
                                                   "01-10-2010 / 31-12-2010 ING Bank N.V. tarifering ING"));
        QCOMPARE(s.entries.at(1).remittanceText,
                 QStringLiteral("0111111111 GPSEOUL SPOEDBETALING MPBZS1016000047 GPSEOUL"));
        const StatementEntry& e2 = s.entries.at(2);
        QCOMPARE(e2.reference, QStringLiteral("TMG TANGO"));
        QVERIFY2(e2.remittanceText.contains(QStringLiteral("0050000534527978 10062010 15:32 TMG TANGO")),
                 qPrintable(e2.remittanceText));
        QCOMPARE(s.entries.at(5).amount.toString(), QStringLiteral("3.68"));
        QCOMPARE(s.entries.at(6).bookingDate, QDate(2010, 7, 23));
        QCOMPARE(s.entries.at(6).remittanceText, QStringLiteral("0111111111 Hr S Marechal ROSMALEN Hr S Marechal "
                                                                "ROSMALEN Betaling transactiedatum: 22-07-2010"));
        // The turnover summary :86: after :62F: is not an entry's.
        QVERIFY(hasWarningContaining(*result, QStringLiteral("on line 27")));
        QVERIFY(!s.entries.last().remittanceText.contains(QStringLiteral("D000004C000002")));
    }

    void readsPostFinance()
    {
        const auto result = readSample(QStringLiteral("wolph-mt940__jejik_postfinance.sta"));
        REQUIRE_READ(result);
        const Statement& first = result->statements.at(0);
        QCOMPARE(first.openingBalance->toString(), QStringLiteral("0.00")); // "0,"
        QCOMPARE(first.openingDate, QDate(2013, 11, 30));
        const StatementEntry& e0 = first.entries.at(0);
        QCOMPARE(e0.sourceLine, 5);
        QCOMPARE(e0.amount.toString(), QStringLiteral("79.70"));
        QCOMPARE(e0.bookingDate, QDate(2013, 12, 9));
        QCOMPARE(e0.bankTransactionCode, QStringLiteral("FMSC"));
        QCOMPARE(e0.reference, QStringLiteral("01916"));
        QCOMPARE(e0.bankId, QString()); // "//NONREF"
        QCOMPARE(e0.remittanceText, QStringLiteral("GIRO AUS ONLINE-SIC 80532 AUFTRAGGEBER: JANE DOE EXAMPLESTRASSE 10 "
                                                   "1234 XXXX 131209CH98765432 MITTEILUNGEN: RECHNUNG XXXXXXXXXXXX "
                                                   "20131209007602198765432000000012"));
        const Statement& second = result->statements.at(1);
        const StatementEntry& d = second.entries.at(0);
        QCOMPARE(d.sourceLine, 19);
        QCOMPARE(d.amount.toString(), QStringLiteral("-79.90"));
        // Lines cut at 65 characters join without a space: "XXXXXXXXSTR|ASSE", "SONNE|NGLAESER".
        QVERIFY2(d.remittanceText.contains(QStringLiteral("XXXXXXXXSTRASSE 111 1234")), qPrintable(d.remittanceText));
        QVERIFY2(d.remittanceText.contains(QStringLiteral("MITTEILUNGEN: 1 SONNENGLAESER")),
                 qPrintable(d.remittanceText));
        QCOMPARE(second.entries.at(1).amount.toString(), QStringLiteral("10.10"));
        QCOMPARE(second.entries.at(1).bookingDate, QDate(2013, 12, 18));
    }

    void readsRabobank()
    {
        const auto result = readSample(QStringLiteral("wolph-mt940__jejik_rabobank-iban.sta"));
        REQUIRE_READ(result);
        const Statement& first = result->statements.at(0);
        QCOMPARE(first.account.iban, QStringLiteral("NL71RABO0123456789"));
        QCOMPARE(first.openingBalance->toString(), QStringLiteral("1000.00")); // "000000001000,00"
        const StatementEntry& e0 = first.entries.at(0);
        QCOMPARE(e0.sourceLine, 6);
        QCOMPARE(e0.amount.toString(), QStringLiteral("-25.00"));
        QCOMPARE(e0.bookingDate, QDate(2013, 1, 1));
        QCOMPARE(e0.bankTransactionCode, QStringLiteral("N102"));
        QCOMPARE(e0.reference, QString()); // "EREF": see :86:
        QCOMPARE(e0.counterpartyAccount, QStringLiteral("NL70ABNA0987654321")); // the :61: continuation line
        QCOMPARE(e0.counterpartyName, QStringLiteral("CONTRA ACCOUNT HOLDER"));  // "ACCOUN|T" wrapped
        QCOMPARE(e0.endToEndId, QStringLiteral("01-01-2013 12:00 0030000987654321"));
        QCOMPARE(e0.remittanceText, QString());
        const StatementEntry& e1 = first.entries.at(1);
        QCOMPARE(e1.counterpartyAccount, QStringLiteral("P001234567"));
        QCOMPARE(e1.counterpartyName, QStringLiteral("JOHN DOE"));
        QCOMPARE(e1.remittanceText, QStringLiteral("Reference 201301234"));
        QCOMPARE(e1.bookingDate, QDate(2013, 1, 2));
        const Statement& second = result->statements.at(1);
        QCOMPARE(second.entries.at(0).sourceLine, 18);
        QCOMPARE(second.entries.at(0).endToEndId, QStringLiteral("08-01-2013 12:00 0030000987654321"));
        // The anonymised IBAN fails mod 97: kept, with a warning.
        QVERIFY(hasWarningContaining(*result, QStringLiteral("NL71RABO0123456789 has wrong check digits")));
    }

    // ---- dialects and field forms beyond the samples

    void readsSlashStructuredInformation()
    {
        const QByteArray data = statementWith(
            ":61:230105D12,50NTRFNONREF//B-9\r\n"
            ":86:/TRTP/SEPA OVERBOEKING/IBAN/NL91ABNA0417164300/BIC/ABNANL2A/NAME/J. J\r\n"
            "ANSEN/REMI/Factuur 2023-001 dank u/EREF/NOTPROVIDED\r\n"
            ":61:230106C3,00NTRFNONREF\r\n"
            ":86:/CNTP/NL91ABNA0417164300/ABNANL2A/Piet Puk/Utrecht/REMI/USTD//Factu\r\n"
            "ur 12/34 betaald/CDTRREF/1234567890123456/EREF/E2E-7/\r\n");
        const auto result = readMt940(data, QStringLiteral("slash.sta"));
        REQUIRE_READ(result);
        const StatementEntry& a = result->statements.first().entries.at(0);
        QCOMPARE(a.amount.toString(), QStringLiteral("-12.50"));
        QCOMPARE(a.bankId, QStringLiteral("B-9"));
        QCOMPARE(a.counterpartyName, QStringLiteral("J. JANSEN"));
        QCOMPARE(a.counterpartyAccount, QStringLiteral("NL91ABNA0417164300"));
        QCOMPARE(a.counterpartyBankCode, QStringLiteral("ABNANL2A"));
        QCOMPARE(a.remittanceText, QStringLiteral("Factuur 2023-001 dank u"));
        QCOMPARE(a.endToEndId, QString()); // NOTPROVIDED
        const StatementEntry& b = result->statements.first().entries.at(1);
        QCOMPARE(b.counterpartyName, QStringLiteral("Piet Puk"));
        QCOMPARE(b.counterpartyAccount, QStringLiteral("NL91ABNA0417164300"));
        QCOMPARE(b.counterpartyBankCode, QStringLiteral("ABNANL2A"));
        QCOMPARE(b.remittanceText, QStringLiteral("Factuur 12/34 betaald"));
        QCOMPARE(b.reference, QStringLiteral("1234567890123456"));
        QCOMPARE(b.endToEndId, QStringLiteral("E2E-7"));
    }

    // SWIFT forbids it, but banks that cut text at a fixed width do start lines with '-'; only "-" (and
    // "-}", "-XXX") end a message.
    void keepsTextLinesThatStartWithADash()
    {
        const QByteArray data = statementWith(":61:230105D12,50NTRFNONREF\r\n"
                                              ":86:/REMI/Huur periode 2023-01-01 tot 2023\r\n"
                                              "-01-31 appartement 12/EREF/E-1\r\n");
        const auto result = readMt940(data, QStringLiteral("dash.sta"));
        REQUIRE_READ(result);
        const StatementEntry& e = result->statements.first().entries.first();
        QCOMPARE(e.remittanceText, QStringLiteral("Huur periode 2023-01-01 tot 2023-01-31 appartement 12"));
        QCOMPARE(e.endToEndId, QStringLiteral("E-1"));
    }

    void readsAccountForms_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QString>("iban");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("bankCode");
        QTest::newRow("IBAN") << QByteArray("DE89370400440532013000") << u"DE89370400440532013000"_s << u""_s << u""_s;
        QTest::newRow("IBAN with spaces") << QByteArray("DE89 3704 0044 0532 0130 00") << u"DE89370400440532013000"_s << u""_s
                                          << u""_s;
        QTest::newRow("IBAN + currency") << QByteArray("NL91ABNA0417164300EUR") << u"NL91ABNA0417164300"_s << u""_s
                                         << u""_s;
        QTest::newRow("BLZ/Konto") << QByteArray("37040044/0532013000") << u""_s << u"0532013000"_s << u"37040044"_s;
        QTest::newRow("BIC/IBAN") << QByteArray("COBADEFFXXX/DE89370400440532013000") << u"DE89370400440532013000"_s
                                  << u""_s << u"COBADEFFXXX"_s;
        QTest::newRow("number + currency") << QByteArray("123456789EUR") << u""_s << u"123456789"_s << u""_s;
        QTest::newRow("plain number") << QByteArray("0001234567") << u""_s << u"0001234567"_s << u""_s;
    }
    void readsAccountForms()
    {
        QFETCH(QByteArray, field);
        QFETCH(QString, iban);
        QFETCH(QString, number);
        QFETCH(QString, bankCode);
        const QByteArray data = ":20:A\n:25:" + field + "\n:28C:1\n:60F:C230101EUR1,\n:62F:C230101EUR1,\n";
        const auto result = readMt940(data, QStringLiteral("acct.sta"));
        REQUIRE_READ(result);
        const StatementAccount& account = result->statements.first().account;
        QCOMPARE(account.iban, iban);
        QCOMPARE(account.number, number);
        QCOMPARE(account.bankCode, bankCode);
        QCOMPARE(account.currency, QStringLiteral("EUR"));
        QVERIFY(!hasWarningContaining(*result, QStringLiteral("check digits")));
    }

    void splitsGermanSepaKeys()
    {
        const QByteArray data = statementWith(
            ":61:2301090109D49,90NDDTKREF+\r\n"
            ":86:105?00SEPA-BASISLASTSCHRIFT?109310?20EREF+E2E-1?21KREF+K-55?22MREF+\r\n"
            "M-77?23CRED+DE98ZZZ09999999999?24SVWZ+Beitrag Januar 2023 Mi\r\n"
            "?25tgliedsnr 4711?30GENODEF1S04?31DE02120300000000202051?32Turn- und Sportverein Muste\r\n"
            "?33rstadt e.V.?34992\r\n");
        const auto result = readMt940(data, QStringLiteral("gvc.sta"));
        REQUIRE_READ(result);
        const StatementEntry& e = result->statements.first().entries.first();
        QCOMPARE(e.amount.toString(), QStringLiteral("-49.90"));
        QCOMPARE(e.bankTransactionCode, QStringLiteral("105"));
        QCOMPARE(e.endToEndId, QStringLiteral("E2E-1"));
        QCOMPARE(e.reference, QStringLiteral("K-55"));
        QCOMPARE(e.counterpartyBankCode, QStringLiteral("GENODEF1S04"));
        QCOMPARE(e.counterpartyAccount, QStringLiteral("DE02120300000000202051"));
        QCOMPARE(e.counterpartyName, QStringLiteral("Turn- und Sportverein Musterstadt e.V."));
        QCOMPARE(e.remittanceText,
                 QStringLiteral("Beitrag Januar 2023 Mitgliedsnr 4711 MREF+M-77 CRED+DE98ZZZ09999999999"));
    }

    // ---- encodings and framing

    void decodesCp852()
    {
        // "Zapłata za fakturę, Łódź" in CP852, as Polish and Czech banks still send it.
        const QByteArray data = ":20:PL1\r\n:25:PL61109010140000071219812874\r\n:28C:1/1\r\n:60F:C230102PLN100,00\r\n"
                                ":61:2301030103D20,00NTRFNONREF\r\n"
                                ":86:Zap\x88" "ata za faktur\xa9, \x9d\xa2" "d\xab\r\n"
                                ":62F:C230103PLN80,00\r\n-\r\n";
        const auto result = readMt940(data, QStringLiteral("pl.sta"));
        REQUIRE_READ(result);
        QCOMPARE(result->statements.first().entries.first().remittanceText,
                 QStringLiteral("Zapłata za fakturę, Łódź"));
        QCOMPARE(result->statements.first().account.currency, QStringLiteral("PLN"));
        QVERIFY2(hasWarningContaining(*result, QStringLiteral("CP852")), qPrintable(result->warnings.join(u'|')));
    }

    void decodesWindows1252()
    {
        const QByteArray data = statementWith(":61:230103D20,00NTRFNONREF\r\n"
                                              ":86:M\xfcller, Stra\xdf" "e 5, K\xf6ln, \x80 20\r\n");
        const auto result = readMt940(data, QStringLiteral("de.sta"));
        REQUIRE_READ(result);
        QCOMPARE(result->statements.first().entries.first().remittanceText,
                 QStringLiteral("Müller, Straße 5, Köln, € 20"));
        QVERIFY2(hasWarningContaining(*result, QStringLiteral("windows-1252")),
                 qPrintable(result->warnings.join(u'|')));
    }

    void readsUtf8WithBomWithoutWarning()
    {
        const QByteArray data =
            "\xEF\xBB\xBF" + statementWith(":61:230103D20,00NTRFNONREF\r\n:86:Gr\xc3\xbc\xc3\x9f" "e\r\n");
        const auto result = readMt940(data, QStringLiteral("utf8.sta"));
        REQUIRE_READ(result);
        QCOMPARE(result->statements.first().entries.first().remittanceText, QStringLiteral("Grüße"));
        QVERIFY(!hasWarningContaining(*result, QStringLiteral("UTF-8")));
    }

    void stripsSwiftFraming()
    {
        const QByteArray message1 = "\x01{1:F01COBADEFFAXXX0000000000}{2:O9401200230102COBADEFFAXXX00000000002301021200N}"
                                    "{3:{108:MSG1}}{4:\r\n"
                                    ":20:FRAMED1\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n"
                                    ":60F:C230101EUR100,00\r\n"
                                    ":61:2301020102D10,50NTRFNONREF//BANKREF1\r\n"
                                    ":86:177?00SEPA-UEBERWEISUNG?20SVWZ+Rechnung 42?32Max Muster\r\n"
                                    ":62F:C230102EUR89,50\r\n"
                                    "-}{5:{CHK:123456789ABC}}\x03";
        const QByteArray message2 = "\x01{1:F01COBADEFFAXXX0000000000}{2:O9401200230103COBADEFFAXXX00000000002301031200N}{4:\r\n"
                                    ":20:FRAMED2\r\n:25:DE89370400440532013000\r\n:28C:2/1\r\n"
                                    ":60F:C230102EUR89,50\r\n"
                                    ":61:2301030103C0,50NTRFNONREF//BANKREF2\r\n"
                                    ":62F:C230103EUR90,00\r\n"
                                    "-}\x03";
        const auto result = readMt940(message1 + "\r\n" + message2, QStringLiteral("framed.fin"));
        REQUIRE_READ(result);
        QCOMPARE(result->variant, QStringLiteral("MT940"));
        QCOMPARE(result->statements.size(), 2);
        const StatementEntry& e = result->statements.at(0).entries.first();
        QCOMPARE(e.sourceLine, 6);
        QCOMPARE(e.amount.toString(), QStringLiteral("-10.50"));
        QCOMPARE(e.bankId, QStringLiteral("BANKREF1"));
        QCOMPARE(e.counterpartyName, QStringLiteral("Max Muster"));
        QCOMPARE(e.remittanceText, QStringLiteral("Rechnung 42"));
        QCOMPARE(result->statements.at(1).id, QStringLiteral("FRAMED2/2/1"));
        QCOMPARE(result->statements.at(1).entries.first().sourceLine, 15);
        QCOMPARE(result->statements.at(1).entries.first().bankId, QStringLiteral("BANKREF2"));
        QVERIFY2(result->warnings.isEmpty(), qPrintable(result->warnings.join(u'|')));
    }

    void readsMt942AsPending()
    {
        const QByteArray data = ":20:INTERIM1\r\n:21:NONREF\r\n:25:DE89370400440532013000\r\n:28C:5/1\r\n:34F:EURD0,\r\n"
                                ":13D:2301151030+0100\r\n"
                                ":61:2301150115C25,00NTRFNONREF//B1\r\n"
                                ":86:166?00GUTSCHRIFT?20SVWZ+Miete Januar?32Anna Beispiel\r\n"
                                ":61:2301150115D4,50NMSCNONREF//B2\r\n"
                                ":90D:1EUR4,50\r\n:90C:1EUR25,00\r\n-\r\n";
        const auto result = readMt940(data, QStringLiteral("interim.sta"));
        REQUIRE_READ(result);
        QCOMPARE(result->variant, QStringLiteral("MT942"));
        const Statement& s = result->statements.first();
        QCOMPARE(s.id, QStringLiteral("INTERIM1/5/1"));
        QCOMPARE(s.account.currency, QStringLiteral("EUR"));
        QVERIFY(!s.openingBalance.has_value());
        QVERIFY(!s.closingBalance.has_value());
        QCOMPARE(s.to, QDate(2023, 1, 15));
        QCOMPARE(s.entries.size(), 2);
        for (const StatementEntry& e : s.entries) {
            QVERIFY(e.pending);
        }
        QCOMPARE(s.entries.at(0).amount.toString(), QStringLiteral("25.00"));
        QCOMPARE(s.entries.at(0).counterpartyName, QStringLiteral("Anna Beispiel"));
        QCOMPARE(s.entries.at(1).amount.toString(), QStringLiteral("-4.50"));
        QVERIFY(hasWarningContaining(*result, QStringLiteral("pending")));
        QVERIFY(!hasWarningContaining(*result, QStringLiteral(":90")));

        // Totals that disagree with the entries point at a damaged report.
        QByteArray wrong = data;
        wrong.replace(":90C:1EUR25,00", ":90C:2EUR35,00");
        const auto checked = readMt940(wrong, QStringLiteral("interim.sta"));
        REQUIRE_READ(checked);
        QVERIFY2(hasWarningContaining(*checked, QStringLiteral("line 11, :90C:: the report counts 2 credit entries "
                                                               "summing to 35.00, but lists 1 summing to 25.00")),
                 qPrintable(checked->warnings.join(u'|')));
    }

    // ---- dates and signs

    void infersTheEntryDateYear_data()
    {
        QTest::addColumn<QByteArray>("dates");
        QTest::addColumn<QDate>("value");
        QTest::addColumn<QDate>("booked");
        QTest::newRow("booked in the new year") << QByteArray("2312310102") << QDate(2023, 12, 31) << QDate(2024, 1, 2);
        QTest::newRow("booked in the old year") << QByteArray("2401021231") << QDate(2024, 1, 2) << QDate(2023, 12, 31);
        QTest::newRow("same year") << QByteArray("2306150616") << QDate(2023, 6, 15) << QDate(2023, 6, 16);
        QTest::newRow("leap day") << QByteArray("2403010229") << QDate(2024, 3, 1) << QDate(2024, 2, 29);
        QTest::newRow("no entry date") << QByteArray("230615") << QDate(2023, 6, 15) << QDate(2023, 6, 15);
    }
    void infersTheEntryDateYear()
    {
        QFETCH(QByteArray, dates);
        QFETCH(QDate, value);
        QFETCH(QDate, booked);
        const auto result = readMt940(statementWith(":61:" + dates + "D1,00NTRFNONREF\r\n"), QStringLiteral("ny.sta"));
        REQUIRE_READ(result);
        const StatementEntry& e = result->statements.first().entries.first();
        QCOMPARE(e.valueDate, value);
        QCOMPARE(e.bookingDate, booked);
    }

    void signsFollowTheMark_data()
    {
        QTest::addColumn<QByteArray>("mark");
        QTest::addColumn<QString>("amount");
        QTest::newRow("credit") << QByteArray("C") << u"12.34"_s;
        QTest::newRow("debit") << QByteArray("D") << u"-12.34"_s;
        QTest::newRow("reversal of a debit is money in") << QByteArray("RD") << u"12.34"_s;
        QTest::newRow("reversal of a credit is money out") << QByteArray("RC") << u"-12.34"_s;
        QTest::newRow("credit with funds code") << QByteArray("CR") << u"12.34"_s;
        QTest::newRow("debit with funds code") << QByteArray("DR") << u"-12.34"_s;
        QTest::newRow("reversal with funds code") << QByteArray("RDR") << u"12.34"_s;
    }
    void signsFollowTheMark()
    {
        QFETCH(QByteArray, mark);
        QFETCH(QString, amount);
        const auto result =
            readMt940(statementWith(":61:2301050105" + mark + "12,34NTRFNONREF//X1\r\n"), QStringLiteral("rv.sta"));
        REQUIRE_READ(result);
        const StatementEntry& e = result->statements.first().entries.first();
        QCOMPARE(e.amount.toString(), amount);
        QCOMPARE(e.bankTransactionCode, QStringLiteral("NTRF"));
        QCOMPARE(e.bankId, QStringLiteral("X1"));
    }

    void readsStatementsOfTwoAccounts()
    {
        const QByteArray data = ":20:STMT-A\n:25:DE89370400440532013000\n:28C:7/1\n:60F:C230301EUR500,\n"
                                ":61:230302D100,NMSCNONREF\n:86:Miete\n:62F:C230302EUR400,\n"
                                ":20:STMT-B\n:25:GB29NWBK60161331926819\n:28C:3/1\n:60F:D230301GBP20,\n"
                                ":61:230302C50,25NTRFNONREF\n:86:Refund\n"
                                ":61:230303D0,25NCHGNONREF\n:62F:C230303GBP30,00\n-\n";
        const auto result = readMt940(data, QStringLiteral("two.sta"));
        REQUIRE_READ(result);
        QCOMPARE(result->statements.size(), 2);
        const Statement& a = result->statements.at(0);
        const Statement& b = result->statements.at(1);
        QCOMPARE(a.account.iban, QStringLiteral("DE89370400440532013000"));
        QCOMPARE(a.account.currency, QStringLiteral("EUR"));
        QCOMPARE(a.entries.size(), 1);
        QCOMPARE(a.entries.first().remittanceText, QStringLiteral("Miete"));
        QCOMPARE(b.account.iban, QStringLiteral("GB29NWBK60161331926819"));
        QCOMPARE(b.account.currency, QStringLiteral("GBP"));
        QCOMPARE(b.openingBalance->toString(), QStringLiteral("-20.00"));
        QCOMPARE(b.entries.size(), 2);
        QCOMPARE(b.entries.at(0).sourceLine, 12);
        QCOMPARE(b.entries.at(0).amount.toString(), QStringLiteral("50.25"));
        QCOMPARE(b.entries.at(1).amount.toString(), QStringLiteral("-0.25"));
        QCOMPARE(b.entries.at(1).remittanceText, QString());
        QVERIFY2(result->warnings.isEmpty(), qPrintable(result->warnings.join(u'|')));
    }

    // ---- what is refused, and how it is said

    void refusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("message");
        const QByteArray head = ":20:T1\n:25:DE89370400440532013000\n:28C:1/1\n:60F:C230101EUR100,00\n";
        QTest::newRow("empty") << QByteArray() << u"bad.sta: the file is empty"_s;
        QTest::newRow("only blank lines") << QByteArray("\r\n \r\n") << u"bad.sta: the file is empty"_s;
        QTest::newRow("not MT940 (CSV)") << QByteArray("Datum;Betrag\n01.01.2023;12,00\n") << u"not an MT940/MT942"_s;
        QTest::newRow("not MT940 (XML)") << QByteArray("<?xml version=\"1.0\"?>\n<Document/>\n")
                                         << u"not an MT940/MT942"_s;
        QTest::newRow("truncated: no closing balance")
            << head + ":61:230102D1,00NTRFNONREF\n:86:Text\n"
            << u"bad.sta, line 6, :62F:: statement \"T1\" (from line 1) ends without a closing balance :62F:; the "
               "file seems truncated"_s;
        QTest::newRow("truncated inside :61:") << head + ":61:2301"
                                               << u"bad.sta, line 5, :61:: expected a date as YYMMDD, found \"2301\""_s;
        QTest::newRow("truncated SWIFT block")
            << QByteArray("{1:F01COBADEFFAXXX0000000000}{2:O942}{4:\n:20:I\n:25:DE89370400440532013000\n:34F:EUR0,\n"
                          ":13D:2301151030+0100\n:61:230115C1,NTRFNONREF\n")
            << u"bad.sta, line 1, {4:: the SWIFT text block is not closed"_s;
        QTest::newRow("bad D/C mark") << head + ":61:230102X1,00NTRFNONREF\n:62F:C230102EUR99,00\n"
                                      << u"bad.sta, line 5, :61:: expected a D/C mark after the date, found \"X\""_s;
        QTest::newRow("bad amount") << head + ":61:230102D12,3x4NTRFNONREF\n:62F:C230102EUR99,00\n"
                                    << u"bad.sta, line 5, :61:: amount \"12,3x4\" is not a decimal number"_s;
        QTest::newRow("decimal point") << head + ":61:230102D12.30NTRFNONREF\n:62F:C230102EUR99,00\n"
                                       << u"bad.sta, line 5, :61:: amount \"12.30\" is not a decimal number with a "
                                          "decimal comma"_s;
        QTest::newRow("two commas in a balance")
            << QByteArray(":20:T1\n:25:DE89370400440532013000\n:60F:C230101EUR1,000,00\n")
            << u"bad.sta, line 3, :60F:: amount \"1,000,00\" is not a decimal number"_s;
        QTest::newRow("no amount") << head + ":61:230102DNTRFNONREF\n" << u"line 5, :61:: expected an amount"_s;
        QTest::newRow("no transaction type") << head + ":61:230102D1,00\n"
                                             << u"line 5, :61:: expected a transaction type such as \"NTRF\""_s;
        QTest::newRow("month 13 in :60F:") << QByteArray(":20:T1\n:25:X1\n:28C:1\n:60F:C231301EUR1,00\n")
                                           << u"bad.sta, line 4, :60F:: expected a date as YYMMDD, found \"231301\""_s;
        QTest::newRow("month 13 in :61:") << head + ":61:231302D1,00NTRFNONREF\n"
                                          << u"bad.sta, line 5, :61:: expected a date as YYMMDD, found \"231302\""_s;
        QTest::newRow("bad entry date") << head + ":61:2301021340D1,00NTRFNONREF\n"
                                        << u"bad.sta, line 5, :61:: expected an entry date as MMDD, found \"1340\""_s;
        QTest::newRow("unknown currency") << QByteArray(":20:T1\n:25:X1\n:60F:C230101EUX1,00\n")
                                          << u"line 3, :60F:: expected an ISO 4217 currency code, found \"EUX\""_s;
        QTest::newRow(":61: before :60F:") << QByteArray(":20:T1\n:25:X1\n:28C:1\n:61:230102D1,00NTRFNONREF\n")
                                           << u"bad.sta, line 4, :61:: a statement line before the opening balance :60F:"_s;
        QTest::newRow("no :25:") << QByteArray(":20:T1\n:28C:1\n:60F:C230101EUR1,00\n:62F:C230101EUR1,00\n-\n")
                                 << u"bad.sta, line 1, :25:: statement \"T1\" has no account identification :25:"_s;
        QTest::newRow("no :60F:") << QByteArray(":20:T1\n:25:X1\n:28C:1\n-\n")
                                  << u"bad.sta, line 1, :60F:: statement \"T1\" has no opening balance :60F:"_s;
        QTest::newRow(":62F: without :60F:") << QByteArray(":20:T1\n:25:X1\n:62F:C230101EUR1,00\n")
                                             << u"bad.sta, line 3, :62F:: the closing balance comes before the opening"_s;
        QTest::newRow("currency changes") << QByteArray(":20:T1\n:25:X1\n:60F:C230101EUR1,00\n:62F:C230101USD1,00\n")
                                          << u"line 4, :62F:: the balance is in USD but the statement in EUR"_s;
        QTest::newRow("field before :20:") << QByteArray(":25:X1\n:20:T1\n")
                                           << u"bad.sta, line 1, :25:: expected a statement to start with :20:"_s;
    }
    void refusesBadInput()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, message);
        const auto result = readMt940(data, QStringLiteral("bad.sta"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::ParseError);
        QVERIFY2(result.error().message().contains(message), qPrintable(result.error().message()));
    }

    void sniffsTheFormat_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<bool>("mt940");
        for (const char* name : {"wolph-mt940__betterplace_sepa_snippet.sta", "wolph-mt940__jejik_abnamro.sta",
                                 "wolph-mt940__jejik_ing.sta", "wolph-mt940__jejik_postfinance.sta",
                                 "wolph-mt940__jejik_rabobank-iban.sta"}) {
            QFile file(samplePath(QString::fromLatin1(name)));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QTest::newRow(name) << file.read(512) << true;
        }
        QTest::newRow("SWIFT framed") << QByteArray("\x01{1:F01COBADEFFAXXX0000000000}{2:O940}{4:\r\n:20:X\r\n:25:Y\r\n")
                                      << true;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("CSV") << QByteArray("Buchungstag;Betrag\n:20:;x\n") << false;
        QTest::newRow("camt XML") << QByteArray("<?xml version=\"1.0\"?><Document><BkToCstmrStmt>") << false;
        QTest::newRow("OFX") << QByteArray("OFXHEADER:100\nDATA:OFXSGML\n<OFX>") << false;
        QTest::newRow(":20: alone") << QByteArray(":20:X\nsomething else\n") << false;
    }
    void sniffsTheFormat()
    {
        QFETCH(QByteArray, head);
        QFETCH(bool, mt940);
        QCOMPARE(looksLikeMt940(head), mt940);
    }
};

QTEST_GUILESS_MAIN(TestMt940Reader)
#include "TestMt940Reader.moc"
