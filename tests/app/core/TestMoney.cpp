#include "core/Money.h"

#include <QtTest>

using namespace flowlet;

class TestMoney : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesCanonicalText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("cents") << "1234.56" << "EUR" << "1234.56";
        QTest::newRow("whole") << "10" << "EUR" << "10.00";
        QTest::newRow("negative") << "-0.5" << "EUR" << "-0.50";
        QTest::newRow("plus sign") << "+7.25" << "USD" << "7.25";
        QTest::newRow("camt five decimals kept") << "0.12345" << "EUR" << "0.12345";
        QTest::newRow("six decimals") << "1.000001" << "EUR" << "1.000001";
        QTest::newRow("trailing zeros beyond six") << "1.5000000000" << "EUR" << "1.50";
        QTest::newRow("yen has no minor unit") << "1500" << "JPY" << "1500";
        QTest::newRow("dinar has three") << "2.5" << "BHD" << "2.500";
        QTest::newRow("lower-case code") << "3" << "chf" << "3.00";
        QTest::newRow("beyond int64 cents") << "123456789012345678901234.5" << "EUR" << "123456789012345678901234.50";
        QTest::newRow("spaces around") << "  42.10 " << "GBP" << "42.10";
    }
    void parsesCanonicalText()
    {
        QFETCH(QString, text);
        QFETCH(QString, currency);
        QFETCH(QString, canonical);
        auto m = Money::parse(text, currency);
        QVERIFY2(m.ok(), qPrintable(m.ok() ? QString() : m.error().message()));
        QCOMPARE(m->toString(), canonical);
        QCOMPARE(m->currency().code(), currency.toUpper());
    }

    void refusesWhatIsNotAnAmount_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("letters") << "12a";
        QTest::newRow("two points") << "1.2.3";
        QTest::newRow("grouping") << "1,234.56";
        QTest::newRow("exponent") << "1e5";
        QTest::newRow("seven significant decimals") << "0.1234567";
        QTest::newRow("sign only") << "-";
        QTest::newRow("point only") << ".";
    }
    void refusesWhatIsNotAnAmount()
    {
        QFETCH(QString, text);
        auto m = Money::parse(text, u"EUR");
        QVERIFY(!m.ok());
        QCOMPARE(m.error().code(), ErrorCode::ParseError);
    }

    void refusesUnknownCurrency()
    {
        for (const char* code : {"EURO", "ABC", "", "12€"}) {
            auto m = Money::parse(u"1", QString::fromUtf8(code));
            QVERIFY(!m.ok());
            QCOMPARE(m.error().code(), ErrorCode::InvalidArgument);
        }
    }

    void addsExactly()
    {
        // 0.1 + 0.2 is 0.3 here, unlike with binary floating point.
        auto a = Money::parse(u"0.1", u"EUR");
        auto b = Money::parse(u"0.2", u"EUR");
        auto sum = a->plus(*b);
        QVERIFY(sum.ok());
        QCOMPARE(sum->toString(), QStringLiteral("0.30"));
        QCOMPARE(*sum, *Money::parse(u"0.3", u"EUR"));

        // A million cent-sized additions stay exact.
        Money total = *Money::parse(u"0", u"EUR");
        const Money cent = *Money::parse(u"0.01", u"EUR");
        for (int i = 0; i < 1'000'000; ++i) {
            total = *total.plus(cent);
        }
        QCOMPARE(total.toString(), QStringLiteral("10000.00"));
    }

    void sumsBeyond64BitsDoNotOverflow()
    {
        const Money big = Money::fromMicros(std::numeric_limits<qint64>::max(), *Currency::fromCode(u"EUR"));
        auto doubled = big.plus(big);
        QVERIFY(doubled.ok());
        QCOMPARE(doubled->toString(), QStringLiteral("18446744073709.551614"));
        // ... but such a sum cannot go into a 64-bit column, and says so.
        auto stored = doubled->toMicros();
        QVERIFY(!stored.ok());
        QCOMPARE(stored.error().code(), ErrorCode::Overflow);
        QCOMPARE(*big.toMicros(), std::numeric_limits<qint64>::max());
    }

    void refusesMixingCurrencies()
    {
        auto sum = Money::parse(u"1", u"EUR")->plus(*Money::parse(u"1", u"USD"));
        QVERIFY(!sum.ok());
        QCOMPARE(sum.error().code(), ErrorCode::CurrencyMismatch);
    }

    void multipliesAndNegates()
    {
        const Money m = *Money::parse(u"19.99", u"EUR");
        QCOMPARE(m.times(3)->toString(), QStringLiteral("59.97"));
        QCOMPARE(m.negated().toString(), QStringLiteral("-19.99"));
        QCOMPARE(m.negated().abs(), m);
        QVERIFY(m.negated().isNegative());
        QCOMPARE(m.negated().signum(), -1);
        QVERIFY(Money::parse(u"0", u"EUR")->isZero());
    }

    void minorUnitsFollowTheCurrency()
    {
        QCOMPARE(Money::fromMinorUnits(1999, *Currency::fromCode(u"EUR")).toString(), QStringLiteral("19.99"));
        QCOMPARE(Money::fromMinorUnits(1999, *Currency::fromCode(u"JPY")).toString(), QStringLiteral("1999"));
        QCOMPARE(Money::fromMinorUnits(1999, *Currency::fromCode(u"KWD")).toString(), QStringLiteral("1.999"));
    }

    void ordersWithinACurrency()
    {
        const Money a = *Money::parse(u"-5", u"EUR");
        const Money b = *Money::parse(u"3", u"EUR");
        QVERIFY(a < b);
        QVERIFY(b > a);
        QVERIFY(!(a == b));
    }

    void displaysForPeople()
    {
        const Money m = *Money::parse(u"-1234567.891", u"EUR");
        QCOMPARE(m.toDisplayString(QLocale(QLocale::English, QLocale::UnitedStates)),
                 QStringLiteral("-1,234,567.891\u00a0EUR"));
        QCOMPARE(m.toDisplayString(QLocale(QLocale::German, QLocale::Germany)),
                 QStringLiteral("-1.234.567,891\u00a0EUR"));
        QCOMPARE(Money::parse(u"5", u"EUR")->toDisplayString(QLocale(QLocale::German)), QStringLiteral("5,00\u00a0EUR"));
    }

    void parseMicrosIgnoresCurrency()
    {
        QCOMPARE(*Money::parseMicros(u"9000.5"), Q_INT64_C(9000500000));
        QVERIFY(!Money::parseMicros(u"nine").ok());
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "TestMoney.moc"
