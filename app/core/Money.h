#pragma once

#include "Currency.h"
#include "Result.h"

#include <QLocale>
#include <QString>

#include <compare>

namespace flowlet {

__extension__ typedef __int128 MoneyRaw;

// An exact amount of one currency. Stored as a signed count of millionths (six decimals, enough
// for camt's five and for FX-rated amounts) in 128 bits, so sums of any realistic number of
// transactions cannot overflow. There is deliberately no conversion from or to floating point.
class Money final
{
public:
    static constexpr int kScale = 6;
    static constexpr qint64 kUnit = 1'000'000;

    Money() = default;

    // Parses the canonical form: optional sign, digits, optional '.' and up to six decimals
    // (more are accepted only when they are zeros). No grouping, no exponent, no locale.
    static Result<Money> parse(QStringView text, const Currency& currency);
    static Result<Money> parse(QStringView text, QStringView currencyCode);

    // The canonical decimal text as a count of millionths, without a currency (for filters).
    static Result<qint64> parseMicros(QStringView text);

    static Money fromMicros(qint64 micros, const Currency& currency);
    // Whole minor units of the currency (cents for EUR, yen for JPY).
    static Money fromMinorUnits(qint64 minor, const Currency& currency);

    const Currency& currency() const { return m_currency; }
    bool isValid() const { return m_currency.isValid(); }
    bool isZero() const { return m_micros == 0; }
    bool isNegative() const { return m_micros < 0; }
    int signum() const { return m_micros < 0 ? -1 : (m_micros > 0 ? 1 : 0); }

    // The database stores 64-bit millionths; amounts beyond +/-9.2 trillion refuse to be stored.
    Result<qint64> toMicros() const;

    Result<Money> plus(const Money& other) const;
    Result<Money> minus(const Money& other) const;
    Result<Money> times(qint64 factor) const;
    Money negated() const;
    Money abs() const;

    // Canonical text: at least the currency's minor digits, more only when the amount has them.
    QString toString() const;
    // For people: grouped and with the locale's separators, plus the currency code.
    QString toDisplayString(const QLocale& locale = QLocale()) const;

    // Ordering is defined only within one currency; comparing different currencies compares codes
    // first so that containers stay well-ordered.
    std::strong_ordering operator<=>(const Money& other) const;
    bool operator==(const Money& other) const;

private:
    Money(MoneyRaw micros, const Currency& currency)
        : m_micros(micros)
        , m_currency(currency)
    {
    }

    QString digits(QChar decimalPoint, QString groupSeparator) const;

    MoneyRaw m_micros = 0;
    Currency m_currency;
};

} // namespace flowlet
