#include "Iban.h"

namespace flowlet::Iban {

namespace {

bool isAsciiUpper(QChar c)
{
    return c >= u'A' && c <= u'Z';
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

QString compact(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (!c.isSpace()) {
            out += c.toUpper();
        }
    }
    return out;
}

bool isShaped(QStringView s)
{
    if (s.size() < 15 || s.size() > 34 || !isAsciiUpper(s[0]) || !isAsciiUpper(s[1]) || !isAsciiDigit(s[2]) ||
        !isAsciiDigit(s[3])) {
        return false;
    }
    for (QChar c : s) {
        if (!isAsciiUpper(c) && !isAsciiDigit(c)) {
            return false;
        }
    }
    return true;
}

bool hasValidCheckDigits(QStringView s)
{
    if (!isShaped(s)) {
        return false;
    }
    // The first four characters move to the end; letters count as 10..35; the remainder is 1.
    int remainder = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[(i + 4) % s.size()];
        remainder = isAsciiDigit(c) ? (remainder * 10 + (c.unicode() - u'0')) % 97
                                    : (remainder * 100 + (c.unicode() - u'A' + 10)) % 97;
    }
    return remainder == 1;
}

} // namespace flowlet::Iban
