#include "Money.h"

#include <QCoreApplication>

#include <limits>

namespace flowlet {

namespace {

constexpr qint64 kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

// 10^36 keeps a margin below the 128-bit limit so that intermediate steps cannot wrap.
const MoneyRaw kLimit = MoneyRaw(1'000'000'000'000'000'000LL) * MoneyRaw(1'000'000'000'000'000'000LL);

Error overflowError()
{
    return {ErrorCode::Overflow, QStringLiteral("amount is out of range")};
}

} // namespace

Result<Money> Money::parse(QStringView text, QStringView currencyCode)
{
    const auto currency = Currency::fromCode(currencyCode);
    if (!currency) {
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("'%1' is not an ISO 4217 currency code").arg(currencyCode.toString()));
    }
    return parse(text, *currency);
}

Result<Money> Money::parse(QStringView text, const Currency& currency)
{
    const QStringView s = text.trimmed();
    auto fail = [&](const char* why) {
        return Error(ErrorCode::ParseError,
                     QStringLiteral("'%1' is not an amount: %2").arg(text.toString(), QLatin1String(why)));
    };
    if (!currency.isValid()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("amount without a currency"));
    }
    if (s.isEmpty()) {
        return fail("it is empty");
    }
    qsizetype i = 0;
    bool negative = false;
    if (s.at(0) == u'-' || s.at(0) == u'+') {
        negative = s.at(0) == u'-';
        ++i;
    }
    MoneyRaw whole = 0;
    qint64 fraction = 0;
    int fractionDigits = 0;
    bool seenDigit = false;
    bool seenPoint = false;
    for (; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == u'.') {
            if (seenPoint) {
                return fail("more than one decimal point");
            }
            seenPoint = true;
            continue;
        }
        if (c < u'0' || c > u'9') {
            return fail("unexpected character");
        }
        const int d = c.unicode() - u'0';
        seenDigit = true;
        if (!seenPoint) {
            whole = whole * 10 + d;
            if (whole > kLimit / kUnit) {
                return overflowError();
            }
        } else if (fractionDigits < kScale) {
            fraction = fraction * 10 + d;
            ++fractionDigits;
        } else if (d != 0) {
            return fail("more than six decimals");
        }
    }
    if (!seenDigit) {
        return fail("no digits");
    }
    MoneyRaw micros = whole * kUnit + fraction * kPow10[kScale - fractionDigits];
    return Money(negative ? -micros : micros, currency);
}

Result<qint64> Money::parseMicros(QStringView text)
{
    static const Currency any = *Currency::fromCode(u"XXX");
    auto parsed = parse(text, any);
    if (!parsed) {
        return parsed.error();
    }
    return parsed->toMicros();
}

Money Money::fromMicros(qint64 micros, const Currency& currency)
{
    return Money(micros, currency);
}

Money Money::fromMinorUnits(qint64 minor, const Currency& currency)
{
    return Money(MoneyRaw(minor) * kPow10[kScale - currency.minorUnits()], currency);
}

Result<qint64> Money::toMicros() const
{
    if (m_micros > std::numeric_limits<qint64>::max() || m_micros < std::numeric_limits<qint64>::min()) {
        return overflowError();
    }
    return static_cast<qint64>(m_micros);
}

Result<Money> Money::plus(const Money& other) const
{
    if (!(m_currency == other.m_currency)) {
        return Error(ErrorCode::CurrencyMismatch,
                     QStringLiteral("cannot add %1 to %2").arg(other.m_currency.code(), m_currency.code()));
    }
    const MoneyRaw sum = m_micros + other.m_micros;
    if (sum > kLimit || sum < -kLimit) {
        return overflowError();
    }
    return Money(sum, m_currency);
}

Result<Money> Money::minus(const Money& other) const
{
    return plus(other.negated());
}

Result<Money> Money::times(qint64 factor) const
{
    MoneyRaw product = 0;
    if (__builtin_mul_overflow(m_micros, MoneyRaw(factor), &product) || product > kLimit || product < -kLimit) {
        return overflowError();
    }
    return Money(product, m_currency);
}

Money Money::negated() const
{
    return Money(-m_micros, m_currency);
}

Money Money::abs() const
{
    return Money(m_micros < 0 ? -m_micros : m_micros, m_currency);
}

QString Money::digits(QChar decimalPoint, QString groupSeparator) const
{
    MoneyRaw magnitude = m_micros < 0 ? -m_micros : m_micros;
    MoneyRaw whole = magnitude / kUnit;
    qint64 fraction = static_cast<qint64>(magnitude % kUnit);

    QString wholeText;
    if (whole == 0) {
        wholeText = QStringLiteral("0");
    }
    int count = 0;
    while (whole > 0) {
        if (count > 0 && count % 3 == 0 && !groupSeparator.isEmpty()) {
            wholeText.prepend(groupSeparator);
        }
        wholeText.prepend(QChar(u'0' + static_cast<int>(whole % 10)));
        whole /= 10;
        ++count;
    }

    // Show the currency's minor digits, and more only when the amount really has them.
    int shown = m_currency.minorUnits();
    QString fractionText = QString::number(fraction).rightJustified(kScale, u'0');
    int significant = kScale;
    while (significant > shown && fractionText.at(significant - 1) == u'0') {
        --significant;
    }
    fractionText.truncate(significant);

    QString out;
    if (m_micros < 0) {
        out += u'-';
    }
    out += wholeText;
    if (!fractionText.isEmpty()) {
        out += decimalPoint;
        out += fractionText;
    }
    return out;
}

QString Money::toString() const
{
    return digits(u'.', QString());
}

QString Money::toDisplayString(const QLocale& locale) const
{
    const QString groupSeparator = (locale.numberOptions() & QLocale::OmitGroupSeparator) ? QString()
                                                                                         : locale.groupSeparator();
    QString text = digits(locale.decimalPoint().at(0), groupSeparator);
    if (m_micros < 0) {
        text.replace(0, 1, locale.negativeSign());
    }
    return text + QChar(u'\u00a0') + m_currency.code();
}

std::strong_ordering Money::operator<=>(const Money& other) const
{
    if (!(m_currency == other.m_currency)) {
        return m_currency.code().compare(other.m_currency.code()) <=> 0;
    }
    return m_micros <=> other.m_micros;
}

bool Money::operator==(const Money& other) const
{
    return m_currency == other.m_currency && m_micros == other.m_micros;
}

} // namespace flowlet
