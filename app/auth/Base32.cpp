#include "Base32.h"

namespace flowlet {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

QString Base32::encode(const QByteArray& data)
{
    QString out;
    out.reserve((data.size() * 8 + 4) / 5);
    quint32 buffer = 0;
    int bits = 0;
    for (const char c : data) {
        buffer = (buffer << 8) | static_cast<quint8>(c);
        bits += 8;
        while (bits >= 5) {
            out += QLatin1Char(kAlphabet[(buffer >> (bits - 5)) & 0x1f]);
            bits -= 5;
        }
    }
    if (bits > 0) {
        out += QLatin1Char(kAlphabet[(buffer << (5 - bits)) & 0x1f]);
    }
    return out;
}

Result<QByteArray> Base32::decode(QStringView text)
{
    QByteArray out;
    quint32 buffer = 0;
    int bits = 0;
    bool padding = false;
    for (const QChar ch : text) {
        if (ch == u' ' || ch == u'-') {
            continue;
        }
        if (ch == u'=') {
            padding = true;
            continue;
        }
        if (padding) {
            return Error(ErrorCode::ParseError, QStringLiteral("Base32 text continues after its padding"));
        }
        const char16_t c = ch.toUpper().unicode();
        int value = -1;
        if (c >= u'A' && c <= u'Z') {
            value = c - u'A';
        } else if (c >= u'2' && c <= u'7') {
            value = c - u'2' + 26;
        }
        if (value < 0) {
            return Error(ErrorCode::ParseError,
                         QStringLiteral("'%1' is not a Base32 character (A-Z, 2-7)").arg(ch));
        }
        buffer = (buffer << 5) | static_cast<quint32>(value);
        bits += 5;
        if (bits >= 8) {
            out.append(static_cast<char>((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    return out;
}

} // namespace flowlet
