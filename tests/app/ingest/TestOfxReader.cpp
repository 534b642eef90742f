#include "ingest/OfxReader.h"

#include <QtTest>

#include <atomic>
#include <iostream>
#include <thread>

#include <unistd.h>

using namespace flowlet;
using namespace flowlet::ingest;

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

QString samplePath(const QString& name)
{
    return QStringLiteral(FLOWLET_SAMPLES_DIR "/ofx/") + name;
}

QString dataPath(const QString& name)
{
    return QStringLiteral(FLOWLET_TEST_DATA_DIR "/statements/ofx/") + name;
}

// A one-transaction bank statement. Line 14 holds <CURDEF>, line 17 <STMTTRN>, and the
// transaction's own lines start at 18.
QByteArray bankStatement(const QByteArray& transaction, const QByteArray& currency = "USD")
{
    return "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\n"
           "COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n"
           "<OFX>\n"
           "<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20240201<LANGUAGE>ENG</SONRS>"
           "</SIGNONMSGSRSV1>\n"
           "<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>\n"
           "<STMTRS><CURDEF>"
        + currency
        + "\n"
          "<BANKACCTFROM><BANKID>021000021<ACCTID>555<ACCTTYPE>CHECKING</BANKACCTFROM>\n"
          "<BANKTRANLIST><DTSTART>20240101<DTEND>20240131\n"
          "<STMTTRN>\n"
        + transaction
        + "</STMTTRN>\n"
          "</BANKTRANLIST><LEDGERBAL><BALAMT>10.00<DTASOF>20240131</LEDGERBAL></STMTRS></STMTTRNRS>"
          "</BANKMSGSRSV1>\n"
          "</OFX>\n";
}

// The transaction of bankStatement() with one amount (at line 20) and one booking date (line 19).
QByteArray transactionWith(const QByteArray& amount, const QByteArray& posted = "20240105")
{
    return "<TRNTYPE>DEBIT\n<DTPOSTED>" + posted + "\n<TRNAMT>" + amount + "\n<FITID>T1\n<NAME>Shop\n";
}

QStringList texts(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* text : list) {
        out << QString::fromUtf8(text);
    }
    return out;
}

const StatementEntry& onlyEntry(const StatementFile& file)
{
    return file.statements.first().entries.first();
}

QString errorOf(const Result<StatementFile>& result)
{
    return result.ok() ? QString() : result.error().message();
}

// Everything a reader result says, as one text, to compare runs with each other.
QString digest(const StatementFile& file)
{
    QStringList lines{file.variant, file.warnings.join(u'|')};
    for (const Statement& s : file.statements) {
        lines << s.account.identifier() + u' ' + s.account.currency
                     + u' ' + (s.closingBalance ? s.closingBalance->toString() : QString());
        for (const StatementEntry& e : s.entries) {
            lines << QStringList{e.bookingDate.toString(Qt::ISODate), e.valueDate.toString(Qt::ISODate),
                                 e.amount.toString(), e.counterpartyName, e.remittanceText, e.bankId,
                                 e.reference, e.bankTransactionCode, QString::number(e.sourceLine)}
                         .join(u';');
        }
    }
    return lines.join(u'\n');
}

const QStringList kSamples = {
    QStringLiteral("asgrim-ofxparser__ofxdata-credit-card.ofx"),
    QStringLiteral("asgrim-ofxparser__ofxdata-investments-xml.ofx"),
    QStringLiteral("ofxparse__anzcc.ofx"),
    QStringLiteral("ofxparse__bank_medium.ofx"),
    QStringLiteral("ofxtools__stmtrs.ofx"),
};

} // namespace

class TestOfxReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEverySample_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("variant");
        QTest::addColumn<int>("entries");
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("bankCode");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<QString>("closing");
        QTest::addColumn<QDate>("closingDate");

        QTest::newRow("credit card, OFX 1.02 SGML")
            << kSamples[0] << "OFX 1.02 (SGML)" << 1 << "1234567891234567" << "" << "credit card" << "GBP"
            << QDate(2016, 8, 23) << QDate(2016, 8, 23) << "-500.00" << QDate(2016, 8, 23);
        QTest::newRow("investment, OFX 2.02 XML")
            << kSamples[1] << "OFX 2.02 (XML)" << 1 << "1234567890" << "vanguard.com" << "brokerage" << "USD"
            << QDate(2009, 6, 8) << QDate(2012, 2, 18) << "" << QDate();
        QTest::newRow("ANZ card, XML header with SGML elements")
            << kSamples[2] << "OFX 2.03 (XML header, SGML elements)" << 1 << "1234123412341234" << ""
            << "credit card" << "AUD" << QDate(2017, 3, 11) << QDate(2017, 5, 9) << "-123.45" << QDate(2017, 5, 10);
        QTest::newRow("bank, one line per transaction, INTU.BID")
            << kSamples[3] << "OFX 1.02 (SGML, QFX)" << 3 << "12300 000012345678" << "160000100" << "checking"
            << "CAD" << QDate(2009, 4, 1) << QDate(2009, 5, 23) << "382.34" << QDate(2009, 5, 23);
        QTest::newRow("bank, OFX 2.00 XML")
            << kSamples[4] << "OFX 2.00 (XML)" << 2 << "999988" << "121099999" << "checking" << "USD"
            << QDate(2005, 10, 1) << QDate(2005, 10, 28) << "200.29" << QDate(2005, 10, 29);
    }
    void readsEverySample()
    {
        QFETCH(QString, file);
        const QByteArray data = readFile(samplePath(file));
        QVERIFY2(!data.isEmpty(), qPrintable(file));
        auto result = readOfx(data, file);
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));

        QFETCH(QString, variant);
        QCOMPARE(result->format, StatementFormat::Ofx);
        QCOMPARE(result->variant, variant);
        QCOMPARE(result->fileName, file);
        QCOMPARE(result->statements.size(), 1);
        const Statement& statement = result->statements.first();
        QFETCH(int, entries);
        QCOMPARE(statement.entries.size(), entries);
        QFETCH(QString, account);
        QCOMPARE(statement.account.identifier(), account);
        QCOMPARE(statement.account.number, account);
        QFETCH(QString, bankCode);
        QCOMPARE(statement.account.bankCode, bankCode);
        QFETCH(QString, kind);
        QCOMPARE(statement.account.kind, kind);
        QFETCH(QString, currency);
        QCOMPARE(statement.account.currency, currency);
        QFETCH(QDate, from);
        QCOMPARE(statement.from, from);
        QFETCH(QDate, to);
        QCOMPARE(statement.to, to);
        // OFX carries no opening balance, and none is worked out from the entries.
        QVERIFY(!statement.openingBalance.has_value());
        QFETCH(QString, closing);
        QCOMPARE(statement.closingBalance.has_value(), !closing.isEmpty());
        if (statement.closingBalance) {
            QCOMPARE(statement.closingBalance->toString(), closing);
            QCOMPARE(statement.closingBalance->currency().code(), currency);
        }
        QFETCH(QDate, closingDate);
        QCOMPARE(statement.closingDate, closingDate);
        for (const StatementEntry& entry : statement.entries) {
            QCOMPARE(entry.amount.currency().code(), currency);
            QVERIFY(!entry.pending);
        }
    }

    void readsSampleEntries_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("line");
        QTest::addColumn<QDate>("booked");
        QTest::addColumn<QDate>("value");
        QTest::addColumn<QString>("amount");
        QTest::addColumn<QString>("counterparty");
        QTest::addColumn<QString>("memo");
        QTest::addColumn<QString>("bankId");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("code");

        QTest::newRow("card purchase") << kSamples[0] << 0 << 36 << QDate(2016, 8, 23) << QDate(2016, 8, 23)
                                       << "-100.00" << "VENDOR" << "" << "ABCDEFGHIJ" << "VENDOR" << "POS";
        QTest::newRow("brokerage cash movement") << kSamples[1] << 0 << 132 << QDate(2010, 1, 15) << QDate()
                                                 << "1234.56" << "" << "" << "300100" << "" << "OTHER";
        QTest::newRow("ANZ card debit") << kSamples[2] << 0 << 29 << QDate(2017, 5, 8) << QDate(2017, 5, 8)
                                        << "-5.50" << "" << "SOME MEMO" << "201705080001" << "" << "DEBIT";
        QTest::newRow("POS in EST") << kSamples[3] << 0 << 15 << QDate(2009, 4, 1) << QDate() << "-6.60"
                                    << "MCDONALD'S #112" << "POS MERCHANDISE;MCDONALD'S #112"
                                    << "0000123456782009040100001" << "" << "POS";
        QTest::newRow("check number 0 is no reference")
            << kSamples[3] << 1 << 16 << QDate(2009, 4, 2) << QDate() << "-316.67" << "Joe's Bald Hairstyles"
            << "MISCELLANEOUS PAYMENTS;Joe's Bald Hairstyles" << "0000123456782009040200004" << "" << "CHECK";
        QTest::newRow("third POS") << kSamples[3] << 2 << 17 << QDate(2009, 4, 3) << QDate() << "-22.00"
                                   << "CONNIE'S HAIR D" << "POS MERCHANDISE;CONNIE'S HAIR D"
                                   << "0000123456782009040300005" << "" << "POS";
        QTest::newRow("XML check") << kSamples[4] << 0 << 38 << QDate(2005, 10, 4) << QDate() << "-200.00" << ""
                                   << "" << "00002" << "1000" << "CHECK";
        QTest::newRow("XML ATM with DTUSER") << kSamples[4] << 1 << 45 << QDate(2005, 10, 20) << QDate(2005, 10, 20)
                                             << "-300.00" << "" << "" << "00003" << "" << "ATM";
    }
    void readsSampleEntries()
    {
        QFETCH(QString, file);
        QFETCH(int, index);
        auto result = readOfx(readFile(samplePath(file)), file);
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        const StatementEntry& entry = result->statements.first().entries.at(index);
        QFETCH(int, line);
        QCOMPARE(entry.sourceLine, line);
        QFETCH(QDate, booked);
        QCOMPARE(entry.bookingDate, booked);
        QFETCH(QDate, value);
        QCOMPARE(entry.valueDate, value);
        QFETCH(QString, amount);
        QCOMPARE(entry.amount.toString(), amount);
        QFETCH(QString, counterparty);
        QCOMPARE(entry.counterpartyName, counterparty);
        QFETCH(QString, memo);
        QCOMPARE(entry.remittanceText, memo);
        QFETCH(QString, bankId);
        QCOMPARE(entry.bankId, bankId);
        QFETCH(QString, reference);
        QCOMPARE(entry.reference, reference);
        QFETCH(QString, code);
        QCOMPARE(entry.bankTransactionCode, code);
    }

    void skipsSecuritiesTradesWithAWarning()
    {
        auto result = readOfx(readFile(samplePath(kSamples[1])), kSamples[1]);
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        QCOMPARE(result->entryCount(), 1);
        QCOMPARE(result->warnings.size(), 1);
        const QString& warning = result->warnings.first();
        QVERIFY2(warning.contains(u"5 securities transaction(s) skipped"), qPrintable(warning));
        for (const char* kind : {"BUYMF", "BUYSTOCK", "INCOME", "REINVEST", "SELLMF"}) {
            QVERIFY2(warning.contains(QLatin1String(kind)), kind);
        }
    }

    void refusesAnInvestmentStatementWithoutCash()
    {
        QByteArray data = readFile(samplePath(kSamples[1]));
        const qsizetype from = data.indexOf("<INVBANKTRAN>");
        const qsizetype to = data.indexOf("</INVBANKTRAN>") + qsizetype(sizeof("</INVBANKTRAN>") - 1);
        QVERIFY(from > 0 && to > from);
        data.remove(from, to - from);
        auto result = readOfx(data, QStringLiteral("trades.ofx"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::ParseError);
        QVERIFY2(result.error().message().contains(
                     u"an investment statement with no cash movements: securities trades are not imported"),
                 qPrintable(result.error().message()));
        QVERIFY2(result.error().message().contains(u"<INVSTMTRS>"), qPrintable(result.error().message()));
    }

    void readsTwoStatementsFromOneFile()
    {
        auto result = readOfx(readFile(dataPath(QStringLiteral("two-statements.ofx"))), QStringLiteral("two.ofx"));
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        QCOMPARE(result->variant, QStringLiteral("OFX 1.02 (SGML)"));
        QCOMPARE(result->statements.size(), 2);

        const Statement& bank = result->statements[0];
        QCOMPARE(bank.account.number, QStringLiteral("111222333"));
        QCOMPARE(bank.account.bankCode, QStringLiteral("021000021"));
        QCOMPARE(bank.account.kind, QStringLiteral("savings"));
        QCOMPARE(bank.account.currency, QStringLiteral("USD"));
        QCOMPARE(bank.to, QDate(2024, 1, 31));
        QCOMPARE(bank.closingBalance->toString(), QStringLiteral("1234.56"));
        QCOMPARE(bank.entries.size(), 3);

        const StatementEntry& transfer = bank.entries[0];
        QCOMPARE(transfer.sourceLine, 21);
        // 23:00 in New York on the 2nd is the 3rd in UTC: the date as written is the one kept.
        QCOMPARE(transfer.bookingDate, QDate(2024, 1, 2));
        QCOMPARE(transfer.valueDate, QDate(2024, 1, 1));
        QCOMPARE(transfer.amount.toString(), QStringLiteral("1000.50"));
        QCOMPARE(transfer.counterpartyName, QStringLiteral("Café Müller & Söhne"));
        QCOMPARE(transfer.counterpartyAccount, QStringLiteral("987654"));
        QCOMPARE(transfer.counterpartyBankCode, QStringLiteral("026009593"));
        QCOMPARE(transfer.reference, QStringLiteral("R-77"));
        QCOMPARE(transfer.merchantCategory, QStringLiteral("5411"));
        QCOMPARE(transfer.bankTransactionCode, QStringLiteral("XFER"));
        QCOMPARE(transfer.remittanceText, QStringLiteral("Rent share"));
        QCOMPARE(transfer.bankId, QStringLiteral("A-0001"));
        // <ORIGCURRENCY>: the amount stays in the account's currency, and the user is told.
        QCOMPARE(transfer.amount.currency().code(), QStringLiteral("USD"));
        QCOMPARE(result->warnings.size(), 1);
        QVERIFY2(result->warnings.first().contains(u"EUR") && result->warnings.first().contains(u"line 21"),
                 qPrintable(result->warnings.first()));

        QCOMPARE(bank.entries[1].amount.toString(), QStringLiteral("-2.345678"));
        QCOMPARE(bank.entries[1].counterpartyName, QStringLiteral("AT&T Wireless"));
        QCOMPARE(bank.entries[2].amount.toString(), QStringLiteral("-50.25"));
        QCOMPARE(bank.entries[2].reference, QStringLiteral("1042"));
        QCOMPARE(bank.entries[2].bankTransactionCode, QStringLiteral("CHECK"));

        const Statement& card = result->statements[1];
        QCOMPARE(card.account.number, QStringLiteral("4111000000001111"));
        QCOMPARE(card.account.kind, QStringLiteral("credit card"));
        QCOMPARE(card.account.currency, QStringLiteral("EUR"));
        QCOMPARE(card.entries.size(), 2);
        QCOMPARE(card.entries[0].sourceLine, 64);
        QCOMPARE(card.entries[0].amount.toString(), QStringLiteral("-12.50"));
        QCOMPARE(card.entries[0].amount.currency().code(), QStringLiteral("EUR"));
        QCOMPARE(card.entries[0].bookingDate, QDate(2024, 1, 4));
        QCOMPARE(card.entries[0].valueDate, QDate(2024, 1, 3));
        QCOMPARE(card.entries[0].counterpartyAccount, QStringLiteral("5500000000000004"));
        QCOMPARE(card.entries[1].amount.toString(), QStringLiteral("30.00"));
        QCOMPARE(card.entries[1].bankTransactionCode, QStringLiteral("CREDIT"));
        QCOMPARE(card.closingBalance->toString(), QStringLiteral("17.50"));
    }

    void refusesWhatLibofxFilesUnderAnotherAccount()
    {
        // Out of the DTD's order, the card's <CCACCTFROM> follows its transactions; libofx then files
        // the card's two transactions under the bank account read before. The amounts must not follow.
        QByteArray data = readFile(dataPath(QStringLiteral("two-statements.ofx")));
        const QByteArray account = "<CCACCTFROM><ACCTID>4111000000001111</CCACCTFROM>\n";
        QVERIFY(data.contains(account));
        data.replace(account, "").replace("<LEDGERBAL><BALAMT>17,50", account + "<LEDGERBAL><BALAMT>17,50");
        auto result = readOfx(data, QStringLiteral("misplaced.ofx"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::ParseError);
        const QString message = result.error().message();
        QVERIFY2(message.startsWith(u"misplaced.ofx, line 15, <STMTRS>: libofx read 5 transaction(s)"),
                 qPrintable(message));
        QVERIFY2(message.contains(u"the file has 3"), qPrintable(message));
    }

    void readsQuickenFileInWindows1252()
    {
        auto result = readOfx(readFile(dataPath(QStringLiteral("quicken-1252.qfx"))), QStringLiteral("bank.qfx"));
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        QCOMPARE(result->variant, QStringLiteral("OFX 1.02 (SGML, QFX)"));
        QVERIFY2(result->warnings.isEmpty(), qPrintable(result->warnings.join(u'\n')));
        QCOMPARE(result->statements.size(), 1);
        const Statement& statement = result->statements.first();
        QCOMPARE(statement.account.number, QStringLiteral("000012345"));
        QCOMPARE(statement.account.bankCode, QStringLiteral("111000614"));
        QCOMPARE(statement.entries.size(), 2);
        const StatementEntry& lunch = statement.entries[0];
        QCOMPARE(lunch.sourceLine, 46);
        QCOMPARE(lunch.counterpartyName, QStringLiteral("Café René"));
        QCOMPARE(lunch.remittanceText, QStringLiteral("Card 1234 – lunch"));
        QCOMPARE(lunch.amount.toString(), QStringLiteral("-45.10"));
        QCOMPARE(statement.entries[1].amount.toString(), QStringLiteral("2500.00"));
        QCOMPARE(statement.entries[1].bankTransactionCode, QStringLiteral("DIRECTDEP"));
        QCOMPARE(statement.closingBalance->toString(), QStringLiteral("3154.90"));
    }

    void readsAmountsAsBanksWriteThem_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("amount");
        QTest::newRow("plain debit") << QByteArray("-12.34") << "-12.34";
        QTest::newRow("leading plus") << QByteArray("+7.25") << "7.25";
        QTest::newRow("no decimals") << QByteArray("30") << "30.00";
        QTest::newRow("decimal comma") << QByteArray("-1,5") << "-1.50";
        QTest::newRow("leading zeros") << QByteArray("-0012.5") << "-12.50";
        QTest::newRow("no whole part") << QByteArray("-.5") << "-0.50";
        QTest::newRow("trailing separator") << QByteArray("5.") << "5.00";
        QTest::newRow("six decimals kept") << QByteArray("10.123456") << "10.123456";
        QTest::newRow("zeros beyond six") << QByteArray("1.230000000") << "1.23";
        QTest::newRow("zero") << QByteArray("0.00") << "0.00";
        QTest::newRow("XML closed leaf") << QByteArray("-9.99</TRNAMT>") << "-9.99";
        QTest::newRow("spaces around") << QByteArray("  -3.10  ") << "-3.10";
        QTest::newRow("beyond 64 bits") << QByteArray("123456789012345678901.01") << "123456789012345678901.01";
    }
    void readsAmountsAsBanksWriteThem()
    {
        QFETCH(QByteArray, text);
        auto result = readOfx(bankStatement(transactionWith(text)), QStringLiteral("amount.ofx"));
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        QFETCH(QString, amount);
        QCOMPARE(onlyEntry(*result).amount.toString(), amount);
        QCOMPARE(onlyEntry(*result).amount.currency().code(), QStringLiteral("USD"));
    }

    void refusesMalformedAmounts_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("grouping and decimal") << QByteArray("12,34.5");
        QTest::newRow("European grouping") << QByteArray("1.000,50");
        QTest::newRow("exponent") << QByteArray("1e5");
        QTest::newRow("letters") << QByteArray("12a");
        QTest::newRow("two signs") << QByteArray("--5");
        QTest::newRow("sign only") << QByteArray("+");
        QTest::newRow("seven decimals") << QByteArray("10.1234567");
        QTest::newRow("space grouping") << QByteArray("1 000.00");
        QTest::newRow("currency sign") << QByteArray("$5.00");
        QTest::newRow("accounting negative") << QByteArray("(5.00)");
    }
    void refusesMalformedAmounts()
    {
        QFETCH(QByteArray, text);
        auto result = readOfx(bankStatement(transactionWith(text)), QStringLiteral("amount.ofx"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::ParseError);
        const QString message = result.error().message();
        QVERIFY2(message.startsWith(u"amount.ofx, line 20, <TRNAMT>: "), qPrintable(message));
        QVERIFY2(message.contains(u'"' + QString::fromLatin1(text) + u'"'), qPrintable(message));
    }

    void keepsTheDateAsWrittenInItsTimeZone_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QDate>("date");
        QTest::newRow("date only") << QByteArray("20240105") << QDate(2024, 1, 5);
        QTest::newRow("late evening in Los Angeles") << QByteArray("20240105235959.999[-8:PST]") << QDate(2024, 1, 5);
        QTest::newRow("early morning in Tokyo") << QByteArray("20240105000001[+9:JST]") << QDate(2024, 1, 5);
        QTest::newRow("half-hour zone") << QByteArray("20240105233000.000[-3.30:NST]") << QDate(2024, 1, 5);
        QTest::newRow("no zone") << QByteArray("20240105120000.000") << QDate(2024, 1, 5);
        QTest::newRow("minutes only") << QByteArray("202401051120") << QDate(2024, 1, 5);
        QTest::newRow("zone without name") << QByteArray("20240105120000[0]") << QDate(2024, 1, 5);
        QTest::newRow("leap day") << QByteArray("20240229") << QDate(2024, 2, 29);
    }
    void keepsTheDateAsWrittenInItsTimeZone()
    {
        QFETCH(QByteArray, text);
        auto result = readOfx(bankStatement(transactionWith("-1.00", text)), QStringLiteral("date.ofx"));
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        QFETCH(QDate, date);
        QCOMPARE(onlyEntry(*result).bookingDate, date);
    }

    void refusesMalformedDates_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("seven digits") << QByteArray("2024010");
        QTest::newRow("month 13") << QByteArray("20241305");
        QTest::newRow("30 February") << QByteArray("20240230");
        QTest::newRow("slashes") << QByteArray("05/01/2024");
        QTest::newRow("ISO separator") << QByteArray("20240105T120000");
        QTest::newRow("hour 25") << QByteArray("20240105250000");
        QTest::newRow("odd time digits") << QByteArray("202401051");
        QTest::newRow("zone without offset") << QByteArray("20240105120000[EST]");
        QTest::newRow("unclosed zone") << QByteArray("20240105120000[-5:EST");
    }
    void refusesMalformedDates()
    {
        QFETCH(QByteArray, text);
        auto result = readOfx(bankStatement(transactionWith("-1.00", text)), QStringLiteral("date.ofx"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::ParseError);
        const QString message = result.error().message();
        QVERIFY2(message.startsWith(u"date.ofx, line 19, <DTPOSTED>: expected a date as YYYYMMDD"),
                 qPrintable(message));
        QVERIFY2(message.contains(QString::fromLatin1(text)), qPrintable(message));
    }

    void refusesBrokenFiles_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("expected");

        const QByteArray good = bankStatement(transactionWith("-1.00"));
        QTest::newRow("empty file") << QByteArray() << texts({"bad.ofx: the file is empty"});
        QTest::newRow("only blank lines") << QByteArray("\n \r\n\t\n") << texts({"the file is empty"});
        QTest::newRow("CSV") << QByteArray("Date;Amount\n2024-01-05;-1.00\n") << texts({"not an OFX file"});
        QTest::newRow("camt.053") << QByteArray("<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:"
                                                "xsd:camt.053.001.02\"><BkToCstmrStmt/></Document>\n")
                                  << texts({"not an OFX file"});
        QTest::newRow("header without body") << QByteArray("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n")
                                             << texts({"<OFX>", "truncated"});
        QTest::newRow("cut inside a transaction")
            << good.left(good.indexOf("<TRNAMT>-1.") + 10)
            << texts({"line 20, <STMTTRN>", "opened at line 17", "truncated"});
        QTest::newRow("cut before </OFX>") << good.left(good.lastIndexOf("</OFX>"))
                                           << texts({"<OFX>", "truncated"});
        QTest::newRow("cut inside a tag") << good.left(good.indexOf("<FITID>") + 4) << texts({"truncated"});
        QTest::newRow("no amount") << bankStatement("<TRNTYPE>DEBIT\n<DTPOSTED>20240105\n<FITID>T1\n")
                                   << texts({"line 17, <STMTTRN>", "<TRNAMT>"});
        QTest::newRow("no booking date") << bankStatement("<TRNTYPE>DEBIT\n<TRNAMT>-1.00\n<FITID>T1\n")
                                         << texts({"line 17, <STMTTRN>", "<DTPOSTED>"});
        QTest::newRow("two amounts") << bankStatement(transactionWith("-1.00") + "<TRNAMT>-2.00\n")
                                     << texts({"line 23, <TRNAMT>", "twice", "line 20"});
        QTest::newRow("unknown currency") << bankStatement(transactionWith("-1.00"), "XYZ")
                                          << texts({"line 14, <CURDEF>", "\"XYZ\""});
        QTest::newRow("no currency") << bankStatement(transactionWith("-1.00"), "")
                                     << texts({"<STMTRS>", "<CURDEF>"});
        QTest::newRow("transaction not closed")
            << bankStatement(transactionWith("-1.00") + "<STMTTRN>\n" + transactionWith("-2.00"))
            << texts({"line 17, <STMTTRN>", "not closed", "line 23"});
        QTest::newRow("bad closing balance")
            << QByteArray(good).replace("<BALAMT>10.00", "<BALAMT>10,000.00")
            << texts({"<BALAMT>", "\"10,000.00\""});
        QTest::newRow("bad value date") << bankStatement(transactionWith("-1.00") + "<DTUSER>2024-01-05\n")
                                        << texts({"line 23, <DTUSER>", "2024-01-05"});
        QTest::newRow("tag left open") << QByteArray(good).replace("<FITID>T1", "<FITID T1\n<NAME>x")
                                       << texts({"line 21", "not closed with '>'"});
        QTest::newRow("no statement")
            << QByteArray("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0"
                          "<SEVERITY>INFO</STATUS><DTSERVER>20240201<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1></OFX>\n")
            << texts({"no statement"});
    }
    void refusesBrokenFiles()
    {
        QFETCH(QByteArray, data);
        QFETCH(QStringList, expected);
        auto result = readOfx(data, QStringLiteral("bad.ofx"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::ParseError);
        const QString message = result.error().message();
        QVERIFY2(message.startsWith(u"bad.ofx"), qPrintable(message));
        for (const QString& part : expected) {
            QVERIFY2(message.contains(part), qPrintable(QStringLiteral("\"%1\" lacks \"%2\"").arg(message, part)));
        }
    }

    void readsOtherLineEndsAndByteOrderMarks()
    {
        const QByteArray original = readFile(dataPath(QStringLiteral("two-statements.ofx")));
        auto expected = readOfx(original, QStringLiteral("two.ofx"));
        QVERIFY2(expected.ok(), qPrintable(errorOf(expected)));

        QByteArray crlf = original;
        crlf.replace("\n", "\r\n");
        QByteArray classicMac = original;
        classicMac.replace("\n", "\r");
        for (const QByteArray& variant : {crlf, classicMac, "\xEF\xBB\xBF" + original}) {
            auto result = readOfx(variant, QStringLiteral("two.ofx"));
            QVERIFY2(result.ok(), qPrintable(errorOf(result)));
            QCOMPARE(digest(*result), digest(*expected));
        }
    }

    void readsAnXmlHeaderOnTheRootsLine()
    {
        QByteArray data = readFile(samplePath(kSamples[4]));
        data.replace("?>\n<?OFX", "?><?OFX").replace("?>\n\n<OFX>", "?><OFX>");
        QVERIFY(data.contains("NEWFILEUID=\"NONE\"?><OFX>"));
        auto result = readOfx(data, QStringLiteral("one-line.ofx"));
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        QCOMPARE(result->variant, QStringLiteral("OFX 2.00 (XML)"));
        QCOMPARE(result->entryCount(), 2);
        QCOMPARE(result->statements.first().entries[1].amount.toString(), QStringLiteral("-300.00"));
        QCOMPARE(result->statements.first().entries[1].sourceLine, 42);
    }

    void reportsPendingTransactionsWithoutImportingThem()
    {
        QByteArray data = readFile(samplePath(kSamples[4]));
        data.replace("</BANKTRANLIST>", "</BANKTRANLIST>\n<BANKTRANLISTP><DTASOF>20051029</DTASOF><STMTTRNP>"
                                        "<TRNTYPE>HOLD</TRNTYPE><DTTRAN>20051029</DTTRAN><TRNAMT>-9.99</TRNAMT>"
                                        "<NAME>Pending</NAME></STMTTRNP></BANKTRANLISTP>");
        auto result = readOfx(data, QStringLiteral("pending.ofx"));
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        QCOMPARE(result->entryCount(), 2);
        QCOMPARE(result->warnings.size(), 1);
        QVERIFY2(result->warnings.first().contains(u"1 pending transaction"), qPrintable(result->warnings.first()));
    }

    void recognisesAnIbanInTheAccountId()
    {
        QByteArray data = readFile(samplePath(kSamples[4]));
        data.replace("<ACCTID>999988</ACCTID>", "<ACCTID>FR14 2004 1010 0505 0001 3M02 606</ACCTID>");
        auto result = readOfx(data, QStringLiteral("iban.ofx"));
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        const StatementAccount& account = result->statements.first().account;
        // Longer than libofx's 22 characters for <ACCTID>: the file's full value is kept.
        QCOMPARE(account.number, QStringLiteral("FR14 2004 1010 0505 0001 3M02 606"));
        QCOMPARE(account.iban, QStringLiteral("FR1420041010050500013M02606"));
        QCOMPARE(account.identifier(), QStringLiteral("FR1420041010050500013M02606"));

        data.replace("3M02 606", "3M02 607");
        auto wrongCheck = readOfx(data, QStringLiteral("iban.ofx"));
        QVERIFY2(wrongCheck.ok(), qPrintable(errorOf(wrongCheck)));
        QCOMPARE(wrongCheck->statements.first().account.iban, QString());
    }

    void importsWhatLibofxFindsOffSpecWithAWarningAndNoNoise()
    {
        // <NAME> before <TRNAMT> breaks the DTD's order: libofx complains and drops the name.
        const QByteArray data =
            bankStatement("<TRNTYPE>DEBIT\n<DTPOSTED>20240105\n<NAME>Early name\n<TRNAMT>-4.20\n<FITID>T1\n");
        QTemporaryFile capture;
        QVERIFY(capture.open());
        std::cerr.flush();
        fflush(stderr);
        const int savedStderr = dup(STDERR_FILENO);
        QVERIFY(savedStderr >= 0);
        QVERIFY(dup2(capture.handle(), STDERR_FILENO) >= 0);
        auto result = readOfx(data, QStringLiteral("order.ofx"));
        std::cerr.flush();
        fflush(stderr);
        dup2(savedStderr, STDERR_FILENO);
        close(savedStderr);

        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        QCOMPARE(result->warnings.size(), 1);
        QVERIFY2(result->warnings.first().contains(u"departs from the OFX specification"),
                 qPrintable(result->warnings.first()));
        QCOMPARE(onlyEntry(*result).amount.toString(), QStringLiteral("-4.20"));
        QCOMPARE(onlyEntry(*result).counterpartyName, QStringLiteral("Early name"));
        QVERIFY(capture.seek(0));
        QCOMPARE(capture.readAll(), QByteArray());
    }

    void readsALongStatementInSlices()
    {
        // Beyond one slice of libofx's input: amounts and names must stay with their transactions.
        constexpr int count = 4321;
        QByteArray transactions;
        for (int i = 0; i < count; ++i) {
            const QByteArray day = QByteArray::number(1 + i % 28).rightJustified(2, '0');
            const QByteArray n = QByteArray::number(i);
            transactions += "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>202401" + day + "<TRNAMT>-" + n + ".01<FITID>F" + n
                + "<NAME>Payee " + n + "</STMTTRN>\n";
        }
        QByteArray data = bankStatement(transactionWith("-1.00"));
        data.replace("<STMTTRN>\n" + transactionWith("-1.00") + "</STMTTRN>\n", transactions);
        auto result = readOfx(data, QStringLiteral("long.ofx"));
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        QVERIFY2(result->warnings.isEmpty(), qPrintable(result->warnings.join(u'\n')));
        const QList<StatementEntry>& entries = result->statements.first().entries;
        QCOMPARE(entries.size(), count);
        Money sum = Money::fromMicros(0, *Currency::fromCode(u"USD"));
        for (int i = 0; i < count; ++i) {
            const StatementEntry& entry = entries[i];
            if (entry.bankId != QStringLiteral("F%1").arg(i)
                || entry.counterpartyName != QStringLiteral("Payee %1").arg(i)
                || entry.amount.toString() != QStringLiteral("-%1.01").arg(i) || entry.sourceLine != 17 + i) {
                QFAIL(qPrintable(QStringLiteral("entry %1 is %2 %3 %4 at line %5")
                                     .arg(i)
                                     .arg(entry.bankId, entry.counterpartyName, entry.amount.toString())
                                     .arg(entry.sourceLine)));
            }
            sum = *sum.plus(entry.amount);
        }
        // -(0 + 1 + ... + 4320) - 4321 * 0.01
        QCOMPARE(sum.toString(), QStringLiteral("-9333403.21"));
    }

    void readsFromSeveralThreadsAtOnce()
    {
        QList<QByteArray> files;
        QStringList expected;
        for (const QString& name : kSamples) {
            files << readFile(samplePath(name));
        }
        files << readFile(dataPath(QStringLiteral("two-statements.ofx")));
        for (const QByteArray& data : files) {
            auto result = readOfx(data, QStringLiteral("x.ofx"));
            QVERIFY2(result.ok(), qPrintable(errorOf(result)));
            expected << digest(*result);
        }
        std::atomic<int> mismatches = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&files, &expected, &mismatches, t] {
                for (int round = 0; round < 3; ++round) {
                    for (qsizetype i = 0; i < files.size(); ++i) {
                        const qsizetype which = (i + t) % files.size();
                        auto result = readOfx(files[which], QStringLiteral("x.ofx"));
                        if (!result.ok() || digest(*result) != expected[which]) {
                            ++mismatches;
                        }
                    }
                }
            });
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
        QCOMPARE(mismatches.load(), 0);
    }

    void sniffsOfx_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<bool>("ofx");
        QTest::newRow("SGML header") << QByteArray("OFXHEADER:100\r\nDATA:OFXSGML\r\n") << true;
        QTest::newRow("XML header")
            << QByteArray("<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"211\"?>\n") << true;
        QTest::newRow("root without header") << QByteArray("\n<OFX>\n<SIGNONMSGSRSV1>") << true;
        QTest::newRow("lower-case root") << QByteArray("<ofx><signonmsgsrsv1>") << true;
        QTest::newRow("camt") << QByteArray("<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
                                            "camt.053.001.02\">")
                              << false;
        QTest::newRow("MT940") << QByteArray(":20:STARTUMS\r\n:25:10020030/1234567\r\n") << false;
        QTest::newRow("CSV") << QByteArray("Date;Payee;Amount\n") << false;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("OFX far down") << QByteArray(2000, ' ') + "<OFX>" << false;
        for (const QString& name : kSamples) {
            QTest::newRow(qPrintable(name)) << readFile(samplePath(name)).left(512) << true;
        }
    }
    void sniffsOfx()
    {
        QFETCH(QByteArray, head);
        QFETCH(bool, ofx);
        QCOMPARE(looksLikeOfx(head), ofx);
    }
};

QTEST_GUILESS_MAIN(TestOfxReader)
#include "TestOfxReader.moc"
