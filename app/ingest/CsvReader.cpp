#include "CsvReader.h"

#include "core/Iban.h"

#include <QHash>
#include <QJsonArray>
#include <QStringDecoder>
#include <QVarLengthArray>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

namespace flowlet::ingest {

namespace {

// ---------------------------------------------------------------------------------------------
// Roles

struct RoleKey
{
    CsvColumnRole role;
    const char* key;
};

constexpr RoleKey kRoleKeys[] = {
    {CsvColumnRole::Ignore, "ignore"},
    {CsvColumnRole::BookingDate, "booking_date"},
    {CsvColumnRole::ValueDate, "value_date"},
    {CsvColumnRole::Amount, "amount"},
    {CsvColumnRole::Debit, "debit"},
    {CsvColumnRole::Credit, "credit"},
    {CsvColumnRole::DebitCreditMark, "debit_credit_mark"},
    {CsvColumnRole::Currency, "currency"},
    {CsvColumnRole::CounterpartyName, "counterparty_name"},
    {CsvColumnRole::CounterpartyAccount, "counterparty_account"},
    {CsvColumnRole::CounterpartyBankCode, "counterparty_bank_code"},
    {CsvColumnRole::Reference, "reference"},
    {CsvColumnRole::EndToEndId, "end_to_end_id"},
    {CsvColumnRole::BankTransactionCode, "bank_transaction_code"},
    {CsvColumnRole::Description, "description"},
    {CsvColumnRole::BankId, "bank_id"},
    {CsvColumnRole::MerchantCategory, "merchant_category"},
    {CsvColumnRole::Balance, "balance"},
    {CsvColumnRole::Account, "account"},
    {CsvColumnRole::AccountBankCode, "account_bank_code"},
};

// Roles that several columns may share; every other role belongs to one column at most.
bool isSharedRole(CsvColumnRole role)
{
    return role == CsvColumnRole::Ignore || role == CsvColumnRole::Description;
}

bool isMoneyRole(CsvColumnRole role)
{
    return role == CsvColumnRole::Amount || role == CsvColumnRole::Debit || role == CsvColumnRole::Credit
        || role == CsvColumnRole::Balance;
}

// ---------------------------------------------------------------------------------------------
// Encodings

constexpr const char* kEncodings[] = {"UTF-8",      "UTF-16LE",    "UTF-16BE", "windows-1252",
                                      "ISO-8859-1", "ISO-8859-15", "IBM852"};

std::optional<QString> canonicalEncoding(QStringView name)
{
    for (const char* encoding : kEncodings) {
        if (name.compare(QLatin1String(encoding), Qt::CaseInsensitive) == 0) {
            return QString::fromLatin1(encoding);
        }
    }
    return std::nullopt;
}

enum class Bom { None, Utf8, Utf16LE, Utf16BE };

Bom detectBom(const QByteArray& data)
{
    if (data.startsWith("\xEF\xBB\xBF")) {
        return Bom::Utf8;
    }
    if (data.startsWith("\xFF\xFE")) {
        return Bom::Utf16LE;
    }
    if (data.startsWith("\xFE\xFF")) {
        return Bom::Utf16BE;
    }
    return Bom::None;
}

qsizetype bomSize(Bom bom)
{
    switch (bom) {
    case Bom::None:
        return 0;
    case Bom::Utf8:
        return 3;
    case Bom::Utf16LE:
    case Bom::Utf16BE:
        return 2;
    }
    return 0;
}

QString bomEncoding(Bom bom)
{
    switch (bom) {
    case Bom::Utf8:
        return QStringLiteral("UTF-8");
    case Bom::Utf16LE:
        return QStringLiteral("UTF-16LE");
    case Bom::Utf16BE:
        return QStringLiteral("UTF-16BE");
    case Bom::None:
        break;
    }
    return {};
}

// 1-based line of a byte offset, counting LF, CRLF and lone CR as line ends (as the scanner does).
int lineAtByte(QByteArrayView data, qsizetype offset)
{
    int line = 1;
    for (qsizetype i = 0; i < offset && i < data.size(); ++i) {
        if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= data.size() || data[i + 1] != '\n'))) {
            ++line;
        }
    }
    return line;
}

// Offset of the first byte that is not well-formed UTF-8 (no overlongs, surrogates or values
// beyond U+10FFFF), or -1.
qsizetype firstInvalidUtf8(QByteArrayView data)
{
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    const qsizetype n = data.size();
    qsizetype i = 0;
    while (i < n) {
        // Eight ASCII bytes at a time: bank files are mostly ASCII.
        quint64 word = 0;
        if (i + 8 <= n && (std::memcpy(&word, p + i, 8), (word & 0x8080808080808080ULL) == 0)) {
            i += 8;
            continue;
        }
        const unsigned c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        char32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + length > n) {
            return i;
        }
        for (int k = 1; k < length; ++k) {
            const unsigned cc = p[i + k];
            if ((cc & 0xC0) != 0x80) {
                return i;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
            || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
            return i;
        }
        i += length;
    }
    return -1;
}

Result<QString> decodeBody(QByteArrayView body, const QString& encoding, const QString& fileName, qsizetype bom)
{
    const QByteArrayView whole(body.data() - bom, body.size() + bom);
    if (encoding == u"UTF-16LE" || encoding == u"UTF-16BE") {
        if (body.size() % 2 != 0) {
            return parseError(fileName, 0, {}, QStringLiteral("an odd number of bytes cannot be %1 text").arg(encoding));
        }
        QStringDecoder decoder(encoding == u"UTF-16LE" ? QStringConverter::Utf16LE : QStringConverter::Utf16BE,
                               QStringConverter::Flag::Stateless);
        QString text = decoder.decode(body);
        if (decoder.hasError() || text.contains(QChar(0))) {
            return parseError(fileName, 0, {}, QStringLiteral("the file is not %1 text").arg(encoding));
        }
        return text;
    }
    const qsizetype nul = body.indexOf('\0');
    if (nul >= 0) {
        return parseError(fileName, lineAtByte(whole, nul + bom), {},
                          QStringLiteral("binary data (a NUL byte): this is not a CSV text file"));
    }
    if (encoding == u"UTF-8") {
        QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
        QString text = decoder.decode(body);
        if (decoder.hasError()) {
            const qsizetype at = std::max<qsizetype>(0, firstInvalidUtf8(body));
            const QString byte = QString::number(static_cast<unsigned char>(body[at]), 16).toUpper();
            return parseError(fileName, lineAtByte(whole, at + bom), {},
                              QStringLiteral("byte 0x%1 is not valid UTF-8; the file is in another encoding "
                                             "(windows-1252?)")
                                  .arg(byte));
        }
        return text;
    }
    if (encoding == u"ISO-8859-1") {
        return QString::fromLatin1(body);
    }
    QStringDecoder decoder(encoding.toLatin1().constData(), QStringConverter::Flag::Stateless);
    if (decoder.isValid()) {
        return QString(decoder.decode(body));
    }
    // Debian's Qt decodes the legacy code pages through ICU, as the MT940 reader relies on too.
    return Error(ErrorCode::InvalidArgument, QStringLiteral("%1: this system cannot decode %2").arg(fileName, encoding));
}

// ---------------------------------------------------------------------------------------------
// Records

// Walks the decoded text one record at a time without copying cells: a cell is a view into the
// text, or into a reused buffer when its quotes had to be undone. Keeps the 1-based line of every
// record and cell, counting line breaks inside quoted cells.
class CsvScanner final
{
public:
    CsvScanner(QStringView text, QChar delimiter, QChar quote)
        : m_pos(text.utf16())
        , m_end(text.utf16() + text.size())
        , m_delimiter(delimiter.unicode())
        , m_quote(quote.unicode())
    {
        // A DOS end-of-file mark is not part of the last record.
        while (m_end > m_pos && m_end[-1] == 0x1A) {
            --m_end;
        }
    }

    bool next()
    {
        if (m_pos >= m_end) {
            return false;
        }
        m_fields.clear();
        m_buffersUsed = 0;
        m_recordLine = m_line;
        for (;;) {
            readField();
            if (m_pos >= m_end) {
                return true;
            }
            if (*m_pos == m_delimiter) {
                ++m_pos;
                continue;
            }
            consumeLineEnd();
            return true;
        }
    }

    qsizetype size() const { return m_fields.size(); }
    QStringView field(qsizetype i) const { return m_fields[i].text; }
    int fieldLine(qsizetype i) const { return m_fields[i].line; }
    int line() const { return m_recordLine; }
    int unclosedQuoteLine() const { return m_unclosedLine; }

    bool isEmptyLine() const { return m_fields.size() == 1 && m_fields[0].text.isEmpty() && !m_fields[0].quoted; }

    bool isBlank() const
    {
        return std::all_of(m_fields.begin(), m_fields.end(),
                           [](const Field& f) { return f.text.trimmed().isEmpty(); });
    }

    QStringList cells() const
    {
        QStringList out;
        if (isEmptyLine()) {
            return out;
        }
        out.reserve(m_fields.size());
        for (const Field& f : m_fields) {
            out.append(f.text.toString());
        }
        return out;
    }

private:
    struct Field
    {
        QStringView text;
        int line = 0;
        bool quoted = false;
    };

    bool isPadding(char16_t c) const { return c == u' ' || (c == u'\t' && m_delimiter != u'\t'); }
    bool endsField(char16_t c) const { return c == m_delimiter || c == u'\n' || c == u'\r'; }

    void consumeLineEnd()
    {
        if (*m_pos == u'\r') {
            ++m_pos;
            if (m_pos < m_end && *m_pos == u'\n') {
                ++m_pos;
            }
        } else {
            ++m_pos;
        }
        ++m_line;
    }

    void readField()
    {
        if (m_quote != 0) {
            const char16_t* q = m_pos;
            while (q < m_end && isPadding(*q)) {
                ++q;
            }
            if (q < m_end && *q == m_quote) {
                readQuoted(q + 1);
                return;
            }
        }
        const char16_t* p = m_pos;
        while (p < m_end && !endsField(*p)) {
            ++p;
        }
        m_fields.append({QStringView(m_pos, p - m_pos), m_line, false});
        m_pos = p;
    }

    void readQuoted(const char16_t* start)
    {
        const int line = m_line;
        const char16_t* p = start;
        const char16_t* segment = start;
        QString* buffer = nullptr;
        auto finish = [&](const char16_t* segmentEnd, const char16_t* resume) {
            QStringView text(segment, segmentEnd - segment);
            if (buffer != nullptr) {
                buffer->append(text);
                text = *buffer;
            }
            m_fields.append({text, line, true});
            m_pos = resume;
        };
        while (p < m_end) {
            const char16_t c = *p;
            if (c == m_quote) {
                if (p + 1 < m_end && p[1] == m_quote) {
                    if (buffer == nullptr) {
                        buffer = &takeBuffer();
                    }
                    buffer->append(QStringView(segment, p + 1 - segment));
                    p += 2;
                    segment = p;
                    continue;
                }
                const char16_t* after = p + 1;
                const char16_t* r = after;
                while (r < m_end && isPadding(*r)) {
                    ++r;
                }
                if (r >= m_end || endsField(*r)) {
                    finish(p, r);
                    return;
                }
                // Text after the closing quote stays part of the cell, as spreadsheets keep it.
                if (buffer == nullptr) {
                    buffer = &takeBuffer();
                }
                buffer->append(QStringView(segment, p - segment));
                const char16_t* q = after;
                while (q < m_end && !endsField(*q)) {
                    ++q;
                }
                segment = after;
                finish(q, q);
                return;
            }
            if (c == u'\n' || (c == u'\r' && !(p + 1 < m_end && p[1] == u'\n'))) {
                ++m_line;
            }
            ++p;
        }
        if (m_unclosedLine == 0) {
            m_unclosedLine = line;
        }
        finish(m_end, m_end);
    }

    QString& takeBuffer()
    {
        if (m_buffersUsed == m_buffers.size()) {
            m_buffers.emplace_back();
        }
        QString& buffer = m_buffers[m_buffersUsed++];
        buffer.resize(0);
        return buffer;
    }

    const char16_t* m_pos;
    const char16_t* m_end;
    char16_t m_delimiter;
    char16_t m_quote;
    int m_line = 1;
    int m_recordLine = 0;
    int m_unclosedLine = 0;
    QVarLengthArray<Field, 32> m_fields;
    // Views into these stay valid when the vector grows: moving a QString keeps its characters.
    std::vector<QString> m_buffers;
    size_t m_buffersUsed = 0;
};

QList<QStringList> splitRecords(QStringView text, QChar delimiter, QChar quote, qsizetype maxRecords,
                                QList<int>* lines)
{
    QList<QStringList> records;
    CsvScanner scanner(text, delimiter, quote);
    while (records.size() < maxRecords && scanner.next()) {
        records.append(scanner.cells());
        if (lines != nullptr) {
            lines->append(scanner.line());
        }
    }
    return records;
}

// ---------------------------------------------------------------------------------------------
// Dates

int monthFromName(QStringView word)
{
    // Accent-free lower case; a word matches a month when it starts the month's name in English,
    // German, Dutch, French or Spanish ("Mär", "mrt", "févr.", "ene").
    static const std::array<std::pair<const char*, int>, 62> kNames = {{
        {"january", 1},   {"januar", 1},    {"januari", 1},   {"janvier", 1},    {"enero", 1},
        {"february", 2},  {"februar", 2},   {"februari", 2},  {"fevrier", 2},    {"febrero", 2},
        {"march", 3},     {"marz", 3},      {"maart", 3},     {"mars", 3},       {"marzo", 3},
        {"mrt", 3},       {"mrz", 3},       {"april", 4},     {"avril", 4},      {"abril", 4},
        {"may", 5},       {"mai", 5},       {"mei", 5},       {"mayo", 5},       {"june", 6},
        {"juni", 6},      {"juin", 6},      {"junio", 6},     {"july", 7},       {"juli", 7},
        {"juillet", 7},   {"julio", 7},     {"august", 8},    {"augustus", 8},   {"aout", 8},
        {"agosto", 8},    {"september", 9}, {"septembre", 9}, {"septiembre", 9}, {"setiembre", 9},
        {"october", 10},  {"oktober", 10},  {"octobre", 10},  {"octubre", 10},   {"november", 11},
        {"novembre", 11}, {"noviembre", 11}, {"december", 12}, {"dezember", 12},  {"decembre", 12},
        {"diciembre", 12}, {"sept", 9},     {"okt", 10},      {"dez", 12},       {"dic", 12},
        {"ene", 1},       {"ago", 8},       {"abr", 4},       {"avr", 4},        {"juil", 7},
        {"janv", 1},      {"fevr", 2},
    }};
    if (word.size() < 3 || word.size() > 10) {
        return 0;
    }
    char folded[12] = {};
    for (qsizetype i = 0; i < word.size(); ++i) {
        QChar c = word[i];
        if (c.unicode() > 127) {
            const QString d = c.decomposition();
            c = d.isEmpty() ? c : d.at(0);
        }
        if (c.unicode() > 127 || !c.isLetter()) {
            return 0;
        }
        folded[i] = static_cast<char>(c.toLower().unicode());
    }
    const std::string_view w(folded, word.size());
    for (const auto& [name, month] : kNames) {
        if (std::string_view(name).starts_with(w)) {
            return month;
        }
    }
    return 0;
}

// A compiled date format: the mapping's QDate-style format turned into tokens once, so that a
// million cells are read without QDate::fromString's per-call format parsing.
class DatePattern final
{
public:
    static std::optional<DatePattern> compile(QStringView format)
    {
        DatePattern pattern;
        int days = 0;
        int months = 0;
        int years = 0;
        qsizetype i = 0;
        const qsizetype n = format.size();
        while (i < n) {
            const QChar c = format[i];
            if (c == u'\'') {
                ++i;
                if (i < n && format[i] == u'\'') {
                    pattern.literal(u'\'');
                    ++i;
                    continue;
                }
                bool closed = false;
                while (i < n) {
                    if (format[i] == u'\'') {
                        if (i + 1 < n && format[i + 1] == u'\'') {
                            pattern.literal(u'\'');
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    pattern.literal(format[i].unicode());
                    ++i;
                }
                if (!closed) {
                    return std::nullopt;
                }
                continue;
            }
            qsizetype j = i;
            while (j < n && format[j] == c) {
                ++j;
            }
            const auto run = static_cast<int>(j - i);
            switch (c.unicode()) {
            case u'd':
                if (run > 2) {
                    return std::nullopt;
                }
                pattern.add(Kind::Day, run);
                ++days;
                break;
            case u'M':
                if (run > 4) {
                    return std::nullopt;
                }
                pattern.add(run <= 2 ? Kind::Month : Kind::MonthName, run);
                ++months;
                break;
            case u'y':
                if (run != 2 && run != 4) {
                    return std::nullopt;
                }
                pattern.add(run == 2 ? Kind::Year2 : Kind::Year4, run);
                ++years;
                break;
            case u'H':
            case u'h':
            case u'm':
            case u's':
                if (run > 2) {
                    return std::nullopt;
                }
                pattern.add(c == u'm' ? Kind::Minute : (c == u's' ? Kind::Second : Kind::Hour), run);
                break;
            case u'z':
                if (run > 3) {
                    return std::nullopt;
                }
                pattern.add(Kind::Fraction, run);
                break;
            case u't':
                if (run > 1) {
                    return std::nullopt;
                }
                pattern.add(Kind::Offset, 1);
                break;
            case u'A':
            case u'a':
                if (run == 1 && j < n && (format[j] == u'P' || format[j] == u'p')) {
                    pattern.add(Kind::AmPm, 2);
                    ++j;
                    break;
                }
                [[fallthrough]];
            default:
                for (int k = 0; k < run; ++k) {
                    pattern.literal(c.unicode());
                }
                break;
            }
            i = j;
        }
        if (days != 1 || months != 1 || years != 1) {
            return std::nullopt;
        }
        return pattern;
    }

    QDate parse(QStringView text) const
    {
        const char16_t* p = text.utf16();
        const char16_t* end = p + text.size();
        while (p < end && QChar(*p).isSpace()) {
            ++p;
        }
        while (end > p && QChar(end[-1]).isSpace()) {
            --end;
        }
        int day = 0;
        int month = 0;
        int year = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int amPm = -1;
        for (qsizetype t = 0; t < m_tokens.size(); ++t) {
            const Token& token = m_tokens[t];
            // "yyyyMMdd": a part next to another number has its full width.
            const bool packed = (t + 1 < m_tokens.size() && isNumeric(m_tokens[t + 1].kind))
                             || (t > 0 && isNumeric(m_tokens[t - 1].kind));
            const int minWidth = (packed && token.width == 2) ? 2 : 1;
            bool ok = true;
            switch (token.kind) {
            case Kind::Day:
                ok = readNumber(p, end, minWidth, 2, day);
                break;
            case Kind::Month:
                ok = readNumber(p, end, minWidth, 2, month);
                break;
            case Kind::MonthName:
                ok = readMonthName(p, end, month);
                break;
            case Kind::Year2:
                ok = readNumber(p, end, 2, 2, year);
                year += year < 70 ? 2000 : 1900;
                break;
            case Kind::Year4:
                ok = readNumber(p, end, 4, 4, year);
                break;
            case Kind::Hour:
                ok = readNumber(p, end, minWidth, 2, hour);
                break;
            case Kind::Minute:
                ok = readNumber(p, end, minWidth, 2, minute);
                break;
            case Kind::Second:
                ok = readNumber(p, end, minWidth, 2, second);
                break;
            case Kind::Fraction: {
                int ignored = 0;
                ok = readNumber(p, end, 1, 9, ignored);
                break;
            }
            case Kind::Offset:
                ok = readOffset(p, end);
                break;
            case Kind::AmPm:
                ok = readAmPm(p, end, amPm);
                break;
            case Kind::Space:
                ok = p < end && QChar(*p).isSpace();
                while (p < end && QChar(*p).isSpace()) {
                    ++p;
                }
                break;
            case Kind::Literal:
                ok = p < end && (*p == token.literal || (QChar(*p).toLower() == QChar(token.literal).toLower()));
                ++p;
                break;
            }
            if (!ok) {
                return {};
            }
        }
        if (p != end) {
            return {};
        }
        if (amPm >= 0) {
            if (hour < 1 || hour > 12) {
                return {};
            }
            hour = hour % 12 + (amPm == 1 ? 12 : 0);
        }
        if (hour > 23 || minute > 59 || second > 60) {
            return {};
        }
        return QDate(year, month, day); // invalid for 31.02. or month 13
    }

    // Whether the format reads the numeric parts of a date in this order (day/month ambiguity).
    bool dayBeforeMonth() const
    {
        for (const Token& token : m_tokens) {
            if (token.kind == Kind::Day) {
                return true;
            }
            if (token.kind == Kind::Month || token.kind == Kind::MonthName) {
                return false;
            }
        }
        return false;
    }

private:
    enum class Kind : quint8 {
        Day,
        Month,
        MonthName,
        Year2,
        Year4,
        Hour,
        Minute,
        Second,
        Fraction,
        Offset,
        AmPm,
        Space,
        Literal
    };
    struct Token
    {
        Kind kind;
        quint8 width;
        char16_t literal;
    };

    static bool isNumeric(Kind kind) { return kind <= Kind::Fraction && kind != Kind::MonthName; }

    void add(Kind kind, int width) { m_tokens.append({kind, static_cast<quint8>(width), 0}); }
    void literal(char16_t c) { m_tokens.append({QChar(c).isSpace() ? Kind::Space : Kind::Literal, 1, c}); }

    static bool readNumber(const char16_t*& p, const char16_t* end, int minDigits, int maxDigits, int& out)
    {
        int value = 0;
        int digits = 0;
        while (p < end && digits < maxDigits && *p >= u'0' && *p <= u'9') {
            value = value * 10 + (*p - u'0');
            ++digits;
            ++p;
        }
        out = value;
        return digits >= minDigits;
    }

    static bool readMonthName(const char16_t*& p, const char16_t* end, int& month)
    {
        const char16_t* start = p;
        while (p < end && QChar(*p).isLetter()) {
            ++p;
        }
        month = monthFromName(QStringView(start, p - start));
        if (p < end && *p == u'.') {
            ++p;
        }
        return month != 0;
    }

    static bool readOffset(const char16_t*& p, const char16_t* end)
    {
        if (p < end && (*p == u'Z' || *p == u'z')) {
            ++p;
            return true;
        }
        const QStringView rest(p, end - p);
        if (rest.startsWith(u"UTC", Qt::CaseInsensitive) || rest.startsWith(u"GMT", Qt::CaseInsensitive)) {
            p += 3;
            if (p >= end || (*p != u'+' && *p != u'-')) {
                return true;
            }
        }
        if (p >= end || (*p != u'+' && *p != u'-' && *p != u'\u2212')) {
            return false;
        }
        ++p;
        int hours = 0;
        if (!readNumber(p, end, 2, 2, hours) || hours > 14) {
            return false;
        }
        if (p < end && *p == u':') {
            ++p;
        }
        int minutes = 0;
        const char16_t* before = p;
        if (readNumber(p, end, 2, 2, minutes)) {
            return minutes < 60;
        }
        return p == before;
    }

    static bool readAmPm(const char16_t*& p, const char16_t* end, int& amPm)
    {
        if (end - p < 2 || (p[1] != u'M' && p[1] != u'm')) {
            return false;
        }
        if (*p == u'A' || *p == u'a') {
            amPm = 0;
        } else if (*p == u'P' || *p == u'p') {
            amPm = 1;
        } else {
            return false;
        }
        p += 2;
        return true;
    }

    QVarLengthArray<Token, 16> m_tokens;
};

// The date parts of the formats sniffCsv tries, most likely first.
constexpr const char* kDateFormats[] = {
    "yyyy-MM-dd",  "dd.MM.yyyy",  "dd/MM/yyyy", "MM/dd/yyyy",  "dd-MM-yyyy",  "MM-dd-yyyy",
    "yyyyMMdd",    "yyyy/MM/dd",  "yyyy.MM.dd", "dd.MM.yy",    "dd/MM/yy",    "MM/dd/yy",
    "dd-MM-yy",    "dd MMM yyyy", "dd-MMM-yyyy", "dd MMM yy",  "dd-MMM-yy",   "dd/MMM/yyyy",
    "dd.MMM.yyyy", "MMM dd, yyyy", "MMM d, yyyy",
};

// The formats sniffCsv tries, most likely first; a format is kept only when it reads every value.
const QStringList& dateFormatCandidates()
{
    static const QStringList formats = [] {
        const char* const times[] = {
            "",           " HH:mm",          " HH:mm:ss",      " HH:mm:ss t",  " HH:mm:ss.zzz",
            "'T'HH:mm:ss", "'T'HH:mm:sst",   "'T'HH:mm:ss.zzz", "'T'HH:mm:ss.zzzt", "'T'HH:mm",
            " h:mm AP",   " h:mm:ss AP",
        };
        QStringList out;
        for (const char* date : kDateFormats) {
            for (const char* time : times) {
                out.append(QLatin1String(date) + QLatin1String(time));
            }
        }
        return out;
    }();
    return formats;
}

const std::vector<DatePattern>& compiledDateCandidates()
{
    static const std::vector<DatePattern> patterns = [] {
        std::vector<DatePattern> out;
        for (const QString& format : dateFormatCandidates()) {
            out.push_back(*DatePattern::compile(format));
        }
        return out;
    }();
    return patterns;
}

// ---------------------------------------------------------------------------------------------
// Amounts

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isMinusSign(QChar c)
{
    return c == u'-' || c == u'\u2212' || c == u'\u2013';
}

bool isSpaceGroup(QChar c)
{
    return c == u' ' || c == u'\u00A0' || c == u'\u202F' || c == u'\u2009';
}

bool isApostrophe(QChar c)
{
    return c == u'\'' || c == u'\u2019';
}

// What surrounds the digits of an amount cell: sign, parentheses, CR/DR, currency.
struct AmountShell
{
    QStringView core;      // digits and separators only
    QStringView code;      // a currency code written in the cell ("EUR")
    QChar symbol;          // a currency symbol written in the cell ('€')
    bool negative = false;
};

// Peels signs, parentheses, debit/credit suffixes and currency symbols or codes off both ends.
// False when something else is there or when two markers give the sign.
bool peelAmount(QStringView cell, AmountShell& shell)
{
    QStringView s = cell.trimmed();
    int signs = 0;
    bool changed = true;
    while (changed && !s.isEmpty()) {
        changed = false;
        const QChar front = s.front();
        const QChar back = s.back();
        if (s.size() >= 2 && front == u'(' && back == u')') {
            ++signs;
            shell.negative = true;
            s = s.sliced(1, s.size() - 2).trimmed();
            changed = true;
        } else if (isMinusSign(front) || front == u'+') {
            ++signs;
            shell.negative = isMinusSign(front);
            s = s.sliced(1).trimmed();
            changed = true;
        } else if (s.size() >= 2 && (isMinusSign(back) || back == u'+')) {
            ++signs;
            shell.negative = isMinusSign(back);
            s = s.chopped(1).trimmed();
            changed = true;
        } else if (front.category() == QChar::Symbol_Currency || back.category() == QChar::Symbol_Currency) {
            if (!shell.symbol.isNull()) {
                return false;
            }
            const bool atFront = front.category() == QChar::Symbol_Currency;
            shell.symbol = atFront ? front : back;
            s = (atFront ? s.sliced(1) : s.chopped(1)).trimmed();
            changed = true;
        } else if (isAsciiLetter(front) || isAsciiLetter(back)) {
            const bool atFront = isAsciiLetter(front);
            qsizetype n = 0;
            while (n < s.size() && isAsciiLetter(atFront ? s[n] : s[s.size() - 1 - n])) {
                ++n;
            }
            const QStringView word = atFront ? s.first(n) : s.last(n);
            if (!atFront && (word.compare(u"CR", Qt::CaseInsensitive) == 0 || word.compare(u"DR", Qt::CaseInsensitive) == 0
                             || word == u"H" || word == u"S")) {
                ++signs;
                shell.negative = word.compare(u"DR", Qt::CaseInsensitive) == 0 || word == u"S";
            } else if (word.size() == 3 && shell.code.isEmpty()) {
                shell.code = word;
            } else {
                return false;
            }
            s = (atFront ? s.sliced(n) : s.chopped(n)).trimmed();
            changed = true;
        }
    }
    if (signs > 1 || s.isEmpty()) {
        return false;
    }
    shell.core = s;
    return true;
}

// Canonical digits of the core ("1.234,56" with ',' → "1234.56"). Grouping must be in threes.
bool canonicalDigits(QStringView core, QChar decimal, QChar group, bool negative, QVarLengthArray<char16_t, 64>& out)
{
    out.clear();
    if (negative) {
        out.append(u'-');
    }
    int digitsInGroup = 0;
    int groups = 0;
    int integerDigits = 0;
    int fractionDigits = 0;
    bool seenDecimal = false;
    QChar groupChar;
    for (const QChar c : core) {
        if (c >= u'0' && c <= u'9') {
            out.append(c.unicode());
            if (seenDecimal) {
                ++fractionDigits;
            } else {
                ++digitsInGroup;
                ++integerDigits;
            }
            continue;
        }
        if (c == decimal && !seenDecimal) {
            if (groups > 0 && digitsInGroup != 3) {
                return false;
            }
            if (integerDigits == 0) {
                out.append(u'0');
            }
            out.append(u'.');
            seenDecimal = true;
            continue;
        }
        const bool grouping = !seenDecimal && (c == group || isSpaceGroup(c) || isApostrophe(c))
                           && c != decimal;
        if (!grouping || digitsInGroup == 0 || (groups == 0 ? digitsInGroup > 3 : digitsInGroup != 3)) {
            return false;
        }
        if (groups > 0 && c != groupChar && !(isSpaceGroup(c) && isSpaceGroup(groupChar))) {
            return false;
        }
        groupChar = c;
        ++groups;
        digitsInGroup = 0;
    }
    if (integerDigits == 0 && fractionDigits == 0) {
        return false;
    }
    if (seenDecimal && fractionDigits == 0) {
        return false;
    }
    if (!seenDecimal && groups > 0 && digitsInGroup != 3) {
        return false;
    }
    return out.size() < 60;
}

QString amountFormatExample(QChar decimal, QChar group)
{
    QString example = QStringLiteral("1");
    if (!group.isNull()) {
        example += group;
    }
    return example + QStringLiteral("234") + decimal + QStringLiteral("56");
}

// Whether a cell reads as an amount in either decimal convention (for sniffing only).
bool looksLikeAmount(QStringView cell)
{
    AmountShell shell;
    if (!peelAmount(cell, shell)) {
        return false;
    }
    QVarLengthArray<char16_t, 64> digits;
    return canonicalDigits(shell.core, u',', u'.', false, digits) || canonicalDigits(shell.core, u'.', u',', false, digits);
}

std::optional<QString> currencyOfSymbol(QChar symbol)
{
    switch (symbol.unicode()) {
    case u'€':
        return QStringLiteral("EUR");
    case u'£':
        return QStringLiteral("GBP");
    default:
        return std::nullopt;
    }
}

// ---------------------------------------------------------------------------------------------
// Header names

// Currency codes recognised inside header names and preamble text ("Betrag (EUR)"); any ISO code
// would find false positives in ordinary upper-case words.
bool isCommonCurrency(QStringView token)
{
    static const char* const kCodes[] = {"EUR", "USD", "GBP", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN",
                                         "CZK", "HUF", "CAD", "AUD", "NZD", "RON", "BGN", "ISK", "ZAR",
                                         "CNY", "HKD", "SGD", "INR", "MXN", "BRL"};
    if (token.size() != 3) {
        return false;
    }
    return std::any_of(std::begin(kCodes), std::end(kCodes),
                       [&](const char* code) { return token.compare(QLatin1String(code), Qt::CaseInsensitive) == 0; });
}

// Lower case, accents dropped, punctuation as spaces; a currency code in the name is taken out
// and reported ("Betrag (EUR)" → "betrag", EUR).
QString normaliseHeader(QStringView header, QString* currency)
{
    const QString decomposed = header.toString().normalized(QString::NormalizationForm_KD);
    QString flat;
    flat.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.isMark()) {
            continue;
        }
        if (c == u'ß') {
            flat += QStringLiteral("ss");
        } else if (c.isLetterOrNumber()) {
            flat += c.toLower();
        } else {
            if (currency != nullptr && currency->isEmpty()) {
                if (auto code = currencyOfSymbol(c)) {
                    *currency = *code;
                }
            }
            flat += u' ';
        }
    }
    QStringList tokens = flat.split(u' ', Qt::SkipEmptyParts);
    if (tokens.size() > 1 && (tokens.last() == u"euro" || tokens.last() == u"euros")) {
        if (currency != nullptr && currency->isEmpty()) {
            *currency = QStringLiteral("EUR"); // "Débit euros"
        }
        tokens.removeLast();
    }
    if (tokens.size() > 1) {
        for (qsizetype i = tokens.size() - 1; i >= 0; --i) {
            if (isCommonCurrency(tokens[i])) {
                if (currency != nullptr && currency->isEmpty()) {
                    *currency = tokens[i].toUpper();
                }
                tokens.removeAt(i);
            }
        }
        if (tokens.size() > 1 && (tokens.last() == u"in" || tokens.last() == u"en")) {
            tokens.removeLast();
        }
    }
    return tokens.join(u' ');
}

struct HeaderRule
{
    const char* phrase;      // normalised header name
    CsvColumnRole role;
    CsvColumnRole fallback;  // when the content rules the first role out (Ignore: none)
    int weight;              // which column wins when two want the same role
};

using R = CsvColumnRole;

// Header names in English, German, Dutch, French and Spanish, normalised as by normaliseHeader().
// An exact name beats a name found inside a longer header; the longest contained name wins.
constexpr HeaderRule kHeaderRules[] = {
    // Booking date
    {"buchungstag", R::BookingDate, R::Ignore, 10},
    {"buchungsdatum", R::BookingDate, R::Ignore, 10},
    {"buchung", R::BookingDate, R::Ignore, 10},
    {"datum", R::BookingDate, R::Ignore, 10},
    {"date", R::BookingDate, R::Ignore, 10},
    {"booking date", R::BookingDate, R::Ignore, 10},
    {"transaction date", R::BookingDate, R::Ignore, 10},
    {"posting date", R::BookingDate, R::Ignore, 10},
    {"posted date", R::BookingDate, R::Ignore, 10},
    {"post date", R::BookingDate, R::Ignore, 10},
    {"completed date", R::BookingDate, R::Ignore, 10},
    {"created", R::BookingDate, R::Ignore, 10},
    {"boekingsdatum", R::BookingDate, R::Ignore, 10},
    {"transactiedatum", R::BookingDate, R::Ignore, 10},
    {"date operation", R::BookingDate, R::Ignore, 10},
    {"date de l operation", R::BookingDate, R::Ignore, 10},
    {"date d operation", R::BookingDate, R::Ignore, 10},
    {"date comptable", R::BookingDate, R::Ignore, 10},
    {"date de comptabilisation", R::BookingDate, R::Ignore, 10},
    {"fecha", R::BookingDate, R::Ignore, 10},
    {"fecha operacion", R::BookingDate, R::Ignore, 10},
    {"fecha de operacion", R::BookingDate, R::Ignore, 10},
    {"fecha contable", R::BookingDate, R::Ignore, 10},
    {"f operacion", R::BookingDate, R::Ignore, 10},
    // Value date ("Valuta" is a value date in German, the currency in Dutch: the content decides)
    {"wertstellung", R::ValueDate, R::Ignore, 10},
    {"wertstellungsdatum", R::ValueDate, R::Ignore, 10},
    {"wertstellungstag", R::ValueDate, R::Ignore, 10},
    {"valuta", R::ValueDate, R::Currency, 10},
    {"valutadatum", R::ValueDate, R::Ignore, 10},
    {"value date", R::ValueDate, R::Ignore, 10},
    {"rentedatum", R::ValueDate, R::Ignore, 10},
    {"date de valeur", R::ValueDate, R::Ignore, 10},
    {"date valeur", R::ValueDate, R::Ignore, 10},
    {"fecha valor", R::ValueDate, R::Ignore, 10},
    {"fecha de valor", R::ValueDate, R::Ignore, 10},
    {"f valor", R::ValueDate, R::Ignore, 10},
    // Amount
    {"betrag", R::Amount, R::Ignore, 10},
    {"umsatz", R::Amount, R::Ignore, 10},
    {"buchungsbetrag", R::Amount, R::Ignore, 10},
    {"amount", R::Amount, R::Ignore, 10},
    {"transaction amount", R::Amount, R::Ignore, 10},
    {"bedrag", R::Amount, R::Ignore, 10},
    {"transactiebedrag", R::Amount, R::Ignore, 10},
    {"montant", R::Amount, R::Ignore, 10},
    {"importe", R::Amount, R::Ignore, 10},
    {"monto", R::Amount, R::Ignore, 10},
    {"cantidad", R::Amount, R::Ignore, 10},
    // Debit and credit
    {"debit", R::Debit, R::Ignore, 10},
    {"debits", R::Debit, R::Ignore, 10},
    {"debit amount", R::Debit, R::Ignore, 10},
    {"soll", R::Debit, R::Ignore, 10},
    {"betrag soll", R::Debit, R::Ignore, 10},
    {"af", R::Debit, R::Ignore, 10},
    {"uitgaven", R::Debit, R::Ignore, 10},
    {"money out", R::Debit, R::Ignore, 10},
    {"paid out", R::Debit, R::Ignore, 10},
    {"withdrawal", R::Debit, R::Ignore, 10},
    {"withdrawals", R::Debit, R::Ignore, 10},
    {"withdrawal amount", R::Debit, R::Ignore, 10},
    {"ausgang", R::Debit, R::Ignore, 10},
    {"ausgaben", R::Debit, R::Ignore, 10},
    {"belastung", R::Debit, R::Ignore, 10},
    {"montant debit", R::Debit, R::Ignore, 10},
    {"cargo", R::Debit, R::Ignore, 10},
    {"cargos", R::Debit, R::Ignore, 10},
    {"debe", R::Debit, R::Ignore, 10},
    {"credit", R::Credit, R::Ignore, 10},
    {"credits", R::Credit, R::Ignore, 10},
    {"credit amount", R::Credit, R::Ignore, 10},
    {"haben", R::Credit, R::Ignore, 10},
    {"betrag haben", R::Credit, R::Ignore, 10},
    {"bij", R::Credit, R::Ignore, 10},
    {"inkomsten", R::Credit, R::Ignore, 10},
    {"money in", R::Credit, R::Ignore, 10},
    {"paid in", R::Credit, R::Ignore, 10},
    {"deposit", R::Credit, R::Ignore, 10},
    {"deposits", R::Credit, R::Ignore, 10},
    {"deposit amount", R::Credit, R::Ignore, 10},
    {"eingang", R::Credit, R::Ignore, 10},
    {"einnahmen", R::Credit, R::Ignore, 10},
    {"gutschrift", R::Credit, R::Ignore, 10},
    {"montant credit", R::Credit, R::Ignore, 10},
    {"abono", R::Credit, R::Ignore, 10},
    {"abonos", R::Credit, R::Ignore, 10},
    {"haber", R::Credit, R::Ignore, 10},
    // Debit/credit mark
    {"af bij", R::DebitCreditMark, R::Ignore, 10},
    {"soll haben", R::DebitCreditMark, R::Ignore, 10},
    {"s h", R::DebitCreditMark, R::Ignore, 10},
    {"debit credit", R::DebitCreditMark, R::Ignore, 10},
    {"credit debit", R::DebitCreditMark, R::Ignore, 10},
    {"debit credit indicator", R::DebitCreditMark, R::Ignore, 10},
    {"credit debit indicator", R::DebitCreditMark, R::Ignore, 10},
    {"d c", R::DebitCreditMark, R::Ignore, 10},
    {"c d", R::DebitCreditMark, R::Ignore, 10},
    {"dr cr", R::DebitCreditMark, R::Ignore, 10},
    {"cr dr", R::DebitCreditMark, R::Ignore, 10},
    {"vorzeichen", R::DebitCreditMark, R::Ignore, 10},
    {"sens", R::DebitCreditMark, R::Ignore, 10},
    {"debet credit", R::DebitCreditMark, R::Ignore, 10},
    {"type", R::DebitCreditMark, R::BankTransactionCode, 10},
    // Currency
    {"wahrung", R::Currency, R::Ignore, 10},
    {"waehrung", R::Currency, R::Ignore, 10},
    {"currency", R::Currency, R::Ignore, 10},
    {"currency code", R::Currency, R::Ignore, 10},
    {"munt", R::Currency, R::Ignore, 10},
    {"devise", R::Currency, R::Ignore, 10},
    {"moneda", R::Currency, R::Ignore, 10},
    {"divisa", R::Currency, R::Ignore, 10},
    {"ccy", R::Currency, R::Ignore, 10},
    // Counterparty name
    {"auftraggeber empfanger", R::CounterpartyName, R::Ignore, 10},
    {"auftraggeber empfaenger", R::CounterpartyName, R::Ignore, 10},
    {"auftraggeber", R::CounterpartyName, R::Ignore, 10},
    {"empfanger", R::CounterpartyName, R::Ignore, 10},
    {"empfaenger", R::CounterpartyName, R::Ignore, 10},
    {"zahlungsempfanger", R::CounterpartyName, R::Ignore, 10},
    {"zahlungsempfanger in", R::CounterpartyName, R::Ignore, 10},
    {"zahlungspflichtiger", R::CounterpartyName, R::Ignore, 10},
    {"zahlungspflichtige r", R::CounterpartyName, R::Ignore, 10},
    {"begunstigter zahlungspflichtiger", R::CounterpartyName, R::Ignore, 10},
    {"beguenstigter zahlungspflichtiger", R::CounterpartyName, R::Ignore, 10},
    {"auftraggeber begunstigter", R::CounterpartyName, R::Ignore, 10},
    {"begunstigter", R::CounterpartyName, R::Ignore, 10},
    {"beguenstigter", R::CounterpartyName, R::Ignore, 10},
    {"name", R::CounterpartyName, R::Ignore, 10},
    {"naam", R::CounterpartyName, R::Ignore, 10},
    {"naam omschrijving", R::CounterpartyName, R::Ignore, 10},
    {"naam tegenpartij", R::CounterpartyName, R::Ignore, 10},
    {"naam tegenrekening", R::CounterpartyName, R::Ignore, 10},
    {"tegenpartij", R::CounterpartyName, R::Ignore, 10},
    {"payee", R::CounterpartyName, R::Ignore, 10},
    {"payer", R::CounterpartyName, R::Ignore, 10},
    {"payee name", R::CounterpartyName, R::Ignore, 10},
    {"counter party", R::CounterpartyName, R::CounterpartyAccount, 5},
    {"counterparty", R::CounterpartyName, R::CounterpartyAccount, 5},
    {"counterparty name", R::CounterpartyName, R::Ignore, 10},
    {"counter party name", R::CounterpartyName, R::Ignore, 10},
    {"beneficiary", R::CounterpartyName, R::Ignore, 10},
    {"merchant", R::CounterpartyName, R::Ignore, 10},
    {"merchant name", R::CounterpartyName, R::Ignore, 10},
    {"other party", R::CounterpartyName, R::Ignore, 10},
    {"nom", R::CounterpartyName, R::Ignore, 10},
    {"beneficiaire", R::CounterpartyName, R::Ignore, 10},
    {"tiers", R::CounterpartyName, R::Ignore, 10},
    {"contrepartie", R::CounterpartyName, R::Ignore, 10},
    {"beneficiario", R::CounterpartyName, R::Ignore, 10},
    {"ordenante", R::CounterpartyName, R::Ignore, 10},
    {"ordenante beneficiario", R::CounterpartyName, R::Ignore, 10},
    {"nombre", R::CounterpartyName, R::Ignore, 10},
    // Counterparty account and bank code
    {"iban", R::CounterpartyAccount, R::Ignore, 10},
    {"kontonummer", R::CounterpartyAccount, R::Ignore, 10},
    {"kontonummer iban", R::CounterpartyAccount, R::Ignore, 10},
    {"konto", R::CounterpartyAccount, R::Ignore, 10},
    {"gegenkonto", R::CounterpartyAccount, R::Ignore, 10},
    {"tegenrekening", R::CounterpartyAccount, R::Ignore, 10},
    {"tegenrekening iban bban", R::CounterpartyAccount, R::Ignore, 10},
    {"counterparty iban", R::CounterpartyAccount, R::Ignore, 10},
    {"counterparty account", R::CounterpartyAccount, R::Ignore, 10},
    {"counter account", R::CounterpartyAccount, R::Ignore, 10},
    {"payee account", R::CounterpartyAccount, R::Ignore, 10},
    {"account number", R::CounterpartyAccount, R::Ignore, 10},
    {"compte contrepartie", R::CounterpartyAccount, R::Ignore, 10},
    {"iban contrepartie", R::CounterpartyAccount, R::Ignore, 10},
    {"cuenta contrapartida", R::CounterpartyAccount, R::Ignore, 10},
    {"iban beneficiario", R::CounterpartyAccount, R::Ignore, 10},
    {"bic", R::CounterpartyBankCode, R::AccountBankCode, 10},
    {"bic swift", R::CounterpartyBankCode, R::Ignore, 10},
    {"bic swift code", R::CounterpartyBankCode, R::Ignore, 10},
    {"swift", R::CounterpartyBankCode, R::Ignore, 10},
    {"swift code", R::CounterpartyBankCode, R::Ignore, 10},
    {"blz", R::CounterpartyBankCode, R::Ignore, 10},
    {"bankleitzahl", R::CounterpartyBankCode, R::Ignore, 10},
    {"bank code", R::CounterpartyBankCode, R::Ignore, 10},
    {"bic tegenrekening", R::CounterpartyBankCode, R::Ignore, 20},
    {"bic tegenpartij", R::CounterpartyBankCode, R::Ignore, 20},
    {"code bic", R::CounterpartyBankCode, R::Ignore, 10},
    // The holder's own account
    {"auftragskonto", R::Account, R::Ignore, 10},
    {"auftraggeberkonto", R::Account, R::Ignore, 10},
    {"iban auftraggeberkonto", R::Account, R::Ignore, 20},
    {"iban auftragskonto", R::Account, R::Ignore, 20},
    {"account", R::Account, R::Ignore, 10},
    {"account iban", R::Account, R::Ignore, 20},
    {"own account", R::Account, R::Ignore, 10},
    {"rekening", R::Account, R::Ignore, 10},
    {"rekeningnummer", R::Account, R::Ignore, 10},
    {"iban bban", R::Account, R::Ignore, 10},
    {"eigen rekening", R::Account, R::Ignore, 10},
    {"numero de compte", R::Account, R::Ignore, 10},
    {"bankleitzahl auftraggeberkonto", R::AccountBankCode, R::Ignore, 10},
    {"blz auftraggeberkonto", R::AccountBankCode, R::Ignore, 10},
    {"bic auftraggeberkonto", R::AccountBankCode, R::Ignore, 10},
    {"blz auftragskonto", R::AccountBankCode, R::Ignore, 10},
    {"bic auftragskonto", R::AccountBankCode, R::Ignore, 10},
    // References and codes
    {"reference", R::Reference, R::Ignore, 10},
    {"referenz", R::Reference, R::Ignore, 10},
    {"zahlungsreferenz", R::Reference, R::Ignore, 10},
    {"kundenreferenz", R::Reference, R::Ignore, 10},
    {"customer reference", R::Reference, R::Ignore, 10},
    {"referentie", R::Reference, R::Ignore, 10},
    {"kenmerk", R::Reference, R::Ignore, 10},
    {"betalingskenmerk", R::Reference, R::Ignore, 10},
    {"referencia", R::Reference, R::Ignore, 10},
    {"cheque number", R::Reference, R::Ignore, 10},
    {"check number", R::Reference, R::Ignore, 10},
    {"check or slip", R::Reference, R::Ignore, 10},
    {"end to end", R::EndToEndId, R::Ignore, 10},
    {"end to end id", R::EndToEndId, R::Ignore, 10},
    {"end to end reference", R::EndToEndId, R::Ignore, 10},
    {"end to end referenz", R::EndToEndId, R::Ignore, 10},
    {"endtoendid", R::EndToEndId, R::Ignore, 10},
    {"kundenreferenz end to end", R::EndToEndId, R::Ignore, 10},
    {"eref", R::EndToEndId, R::Ignore, 10},
    {"umsatzart", R::BankTransactionCode, R::Ignore, 10},
    {"buchungsart", R::BankTransactionCode, R::Ignore, 10},
    {"transaktionsart", R::BankTransactionCode, R::Ignore, 10},
    {"vorgang", R::BankTransactionCode, R::Ignore, 10},
    {"transaction type", R::BankTransactionCode, R::Ignore, 10},
    {"transaction code", R::BankTransactionCode, R::Ignore, 10},
    {"subcategory", R::BankTransactionCode, R::Ignore, 10},
    {"bank transaction code", R::BankTransactionCode, R::Ignore, 10},
    {"mutatiesoort", R::BankTransactionCode, R::Ignore, 10},
    {"code", R::BankTransactionCode, R::Ignore, 10},
    {"transactiecode", R::BankTransactionCode, R::Ignore, 10},
    {"type de transaction", R::BankTransactionCode, R::Ignore, 10},
    {"type d operation", R::BankTransactionCode, R::Ignore, 10},
    {"tipo", R::BankTransactionCode, R::Ignore, 10},
    {"tipo de movimiento", R::BankTransactionCode, R::Ignore, 10},
    {"tipo movimiento", R::BankTransactionCode, R::Ignore, 10},
    {"gvc", R::BankTransactionCode, R::Ignore, 10},
    // Free text
    {"verwendungszweck", R::Description, R::Ignore, 10},
    {"vorgang verwendungszweck", R::Description, R::Ignore, 10},
    {"buchungstext", R::Description, R::Ignore, 10},
    {"beschreibung", R::Description, R::Ignore, 10},
    {"text", R::Description, R::Ignore, 10},
    {"omschrijving", R::Description, R::Ignore, 10},
    {"mededelingen", R::Description, R::Ignore, 10},
    {"description", R::Description, R::Ignore, 10},
    {"transaction description", R::Description, R::Ignore, 10},
    {"details", R::Description, R::Ignore, 10},
    {"detail", R::Description, R::Ignore, 10},
    {"transaction details", R::Description, R::Ignore, 10},
    {"payment details", R::Description, R::Ignore, 10},
    {"memo", R::Description, R::Ignore, 10},
    {"narrative", R::Description, R::Ignore, 10},
    {"narration", R::Description, R::Ignore, 10},
    {"notes", R::Description, R::Ignore, 10},
    {"purpose", R::Description, R::Ignore, 10},
    {"remittance information", R::Description, R::Ignore, 10},
    {"particulars", R::Description, R::Ignore, 10},
    {"libelle", R::Description, R::Ignore, 10},
    {"libelle operation", R::Description, R::Ignore, 10},
    {"libelle de l operation", R::Description, R::Ignore, 10},
    {"informations complementaires", R::Description, R::Ignore, 10},
    {"concepto", R::Description, R::Ignore, 10},
    {"descripcion", R::Description, R::Ignore, 10},
    {"detalle", R::Description, R::Ignore, 10},
    {"observaciones", R::Description, R::Ignore, 10},
    // The bank's id
    {"id", R::BankId, R::Ignore, 10},
    {"transaction id", R::BankId, R::Ignore, 10},
    {"transaktions id", R::BankId, R::Ignore, 10},
    {"transaktionsnummer", R::BankId, R::Ignore, 10},
    {"transactie id", R::BankId, R::Ignore, 10},
    {"transactiereferentie", R::BankId, R::Ignore, 10},
    {"buchungs id", R::BankId, R::Ignore, 10},
    {"fitid", R::BankId, R::Ignore, 10},
    {"unique id", R::BankId, R::Ignore, 10},
    {"bank reference", R::BankId, R::Ignore, 10},
    {"identifiant", R::BankId, R::Ignore, 10},
    {"id transaccion", R::BankId, R::Ignore, 10},
    // Merchant category (only when the cells are four-digit MCCs)
    {"mcc", R::MerchantCategory, R::Ignore, 10},
    {"merchant category", R::MerchantCategory, R::Ignore, 10},
    {"merchant category code", R::MerchantCategory, R::Ignore, 10},
    // Balance
    {"balance", R::Balance, R::Ignore, 10},
    {"running balance", R::Balance, R::Ignore, 10},
    {"saldo", R::Balance, R::Ignore, 10},
    {"saldo nach buchung", R::Balance, R::Ignore, 10},
    {"kontostand", R::Balance, R::Ignore, 10},
    {"saldo na mutatie", R::Balance, R::Ignore, 10},
    {"saldo na boeking", R::Balance, R::Ignore, 10},
    {"solde", R::Balance, R::Ignore, 10},
    {"solde apres operation", R::Balance, R::Ignore, 10},
    {"saldo contable", R::Balance, R::Ignore, 10},
    // Names that contain one of the above but mean something else
    {"local amount", R::Ignore, R::Ignore, 10},
    {"local currency", R::Ignore, R::Ignore, 10},
    {"foreign currency", R::Ignore, R::Ignore, 10},
    {"batch id", R::Ignore, R::Ignore, 10},
    {"incassant id", R::Ignore, R::Ignore, 10},
    {"creditor id", R::Ignore, R::Ignore, 10},
    {"mandate id", R::Ignore, R::Ignore, 10},
    {"original amount", R::Ignore, R::Ignore, 10},
    {"ursprungsbetrag", R::Ignore, R::Ignore, 10},
    {"lastschrift ursprungsbetrag", R::Ignore, R::Ignore, 10},
    {"auslagenersatz rucklastschrift", R::Ignore, R::Ignore, 10},
    {"auslagenersatz ruecklastschrift", R::Ignore, R::Ignore, 10},
    {"saldo voor mutatie", R::Ignore, R::Ignore, 10},
    {"available balance", R::Ignore, R::Ignore, 10},
    {"saldo disponible", R::Ignore, R::Ignore, 10},
    {"glaubiger id", R::Ignore, R::Ignore, 10},
    {"glaeubiger id", R::Ignore, R::Ignore, 10},
    {"mandatsreferenz", R::Ignore, R::Ignore, 10},
    {"sammlerreferenz", R::Ignore, R::Ignore, 10},
    {"category", R::Ignore, R::Ignore, 10},
    {"kategorie", R::Ignore, R::Ignore, 10},
    {"emoji", R::Ignore, R::Ignore, 10},
    {"address", R::Ignore, R::Ignore, 10},
    {"receipt", R::Ignore, R::Ignore, 10},
    {"fee", R::Ignore, R::Ignore, 10},
    {"fees", R::Ignore, R::Ignore, 10},
    {"info", R::Ignore, R::Ignore, 10},
    {"status", R::Ignore, R::Ignore, 10},
    {"state", R::Ignore, R::Ignore, 10},
};

struct RoleCandidate
{
    CsvColumnRole role;
    int score;
};

QList<RoleCandidate> candidatesForHeader(const QString& name)
{
    QList<RoleCandidate> out;
    if (name.isEmpty()) {
        return out;
    }
    auto add = [&](const HeaderRule& rule, int base) {
        out.append({rule.role, base + rule.weight * 2});
        if (rule.fallback != R::Ignore) {
            out.append({rule.fallback, base + rule.weight * 2 - 1});
        }
    };
    for (const HeaderRule& rule : kHeaderRules) {
        if (name == QLatin1String(rule.phrase)) {
            add(rule, 1000);
            return out;
        }
    }
    const QString padded = QStringLiteral(" ") + name + QStringLiteral(" ");
    const HeaderRule* best = nullptr;
    for (const HeaderRule& rule : kHeaderRules) {
        const QString phrase = QStringLiteral(" ") + QLatin1String(rule.phrase) + QStringLiteral(" ");
        if (padded.contains(phrase) && (best == nullptr || qstrlen(rule.phrase) > qstrlen(best->phrase))) {
            best = &rule;
        }
    }
    if (best != nullptr) {
        add(*best, 500);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Cell kinds for the sniffer

bool isDebitMark(QStringView mark)
{
    static const char* const kMarks[] = {"d",   "s",     "af",    "dr",   "db",    "debit",
                                         "debet", "soll", "cargo", "debe", "out", "-"};
    return std::any_of(std::begin(kMarks), std::end(kMarks),
                       [&](const char* m) { return mark.compare(QLatin1String(m), Qt::CaseInsensitive) == 0; })
        || mark.compare(u"débit", Qt::CaseInsensitive) == 0;
}

bool isCreditMark(QStringView mark)
{
    static const char* const kMarks[] = {"c",     "h",     "bij",   "cr",  "credit", "haben",
                                         "abono", "haber", "in",    "+"};
    return std::any_of(std::begin(kMarks), std::end(kMarks),
                       [&](const char* m) { return mark.compare(QLatin1String(m), Qt::CaseInsensitive) == 0; })
        || mark.compare(u"crédit", Qt::CaseInsensitive) == 0;
}

std::optional<bool> readMark(QStringView cell)
{
    QStringView mark = cell.trimmed();
    if (mark.endsWith(u'.')) {
        mark.chop(1);
    }
    if (isDebitMark(mark)) {
        return true;
    }
    if (isCreditMark(mark)) {
        return false;
    }
    return std::nullopt;
}

// The first IBAN with valid check digits inside a text ("DE12 3456 … / Girokonto"), spaces
// inside it allowed; empty when there is none.
QString findIban(QStringView text)
{
    for (qsizetype start = 0; start + 15 <= text.size(); ++start) {
        if (!isAsciiLetter(text[start]) || !isAsciiLetter(text[start + 1]) || !text[start + 2].isDigit()
            || !text[start + 3].isDigit() || (start > 0 && text[start - 1].isLetterOrNumber())) {
            continue;
        }
        QString compact;
        for (qsizetype i = start; i < text.size() && compact.size() < 34; ++i) {
            const QChar c = text[i];
            if (c.isLetterOrNumber() && c.unicode() < 128) {
                compact += c.toUpper();
            } else if (c != u' ') {
                break;
            }
        }
        for (qsizetype length = compact.size(); length >= 15; --length) {
            if (Iban::isValid(QStringView(compact).first(length))) {
                return compact.left(length);
            }
        }
    }
    return {};
}

// An account number or IBAN: letters and digits (spaces allowed), mostly digits.
bool looksLikeAccount(QStringView cell)
{
    int digits = 0;
    int other = 0;
    for (const QChar c : cell) {
        if (c.isDigit()) {
            ++digits;
        } else if (isAsciiLetter(c)) {
            ++other;
        } else if (c != u' ' && c != u'-' && c != u'/') {
            return false;
        }
    }
    return digits >= 4 && digits > other;
}

QString normaliseAccount(QStringView cell)
{
    const QStringView trimmed = cell.trimmed();
    if (trimmed.size() >= 15 && isAsciiLetter(trimmed[0]) && isAsciiLetter(trimmed[1]) && trimmed[2].isDigit()
        && trimmed[3].isDigit()) {
        QString iban;
        iban.reserve(trimmed.size());
        for (const QChar c : trimmed) {
            if (c != u' ') {
                iban += c.toUpper();
            }
        }
        return iban;
    }
    return trimmed.toString();
}

bool containsLetter(QStringView cell)
{
    return std::any_of(cell.begin(), cell.end(), [](QChar c) { return c.isLetter(); });
}

bool containsSummaryWord(QStringView cell)
{
    static const char* const kWords[] = {"kontostand", "saldo",  "summe",   "total",  "totaal", "balance",
                                         "solde",      "gesamt", "opening", "closing", "umsatze", "umsätze"};
    return std::any_of(std::begin(kWords), std::end(kWords), [&](const char* word) {
        return cell.contains(QString::fromUtf8(word), Qt::CaseInsensitive);
    });
}

QString describeDelimiter(QChar delimiter)
{
    return delimiter == u'\t' ? QStringLiteral("tab") : QStringLiteral("'%1'").arg(delimiter);
}

} // namespace

// =============================================================================================
// Public helpers

QString csvColumnRoleKey(CsvColumnRole role)
{
    for (const RoleKey& key : kRoleKeys) {
        if (key.role == role) {
            return QString::fromLatin1(key.key);
        }
    }
    return {};
}

std::optional<CsvColumnRole> csvColumnRoleFromKey(QStringView key)
{
    for (const RoleKey& k : kRoleKeys) {
        if (key == QLatin1String(k.key)) {
            return k.role;
        }
    }
    return std::nullopt;
}

QStringList csvEncodings()
{
    QStringList out;
    for (const char* encoding : kEncodings) {
        out.append(QString::fromLatin1(encoding));
    }
    return out;
}

Result<QString> decodeCsvText(const QByteArray& data, const QString& encoding, const QString& fileName)
{
    const auto canonical = canonicalEncoding(encoding);
    if (!canonical) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("unknown encoding \"%1\"").arg(encoding));
    }
    const Bom bom = detectBom(data);
    if (bom != Bom::None && bomEncoding(bom) != *canonical) {
        return parseError(fileName, 0, {},
                          QStringLiteral("the file starts with a %1 byte order mark but is to be read as %2")
                              .arg(bomEncoding(bom), *canonical));
    }
    const qsizetype skip = bomSize(bom);
    return decodeBody(QByteArrayView(data).sliced(skip), *canonical, fileName, skip);
}

QList<QStringList> splitCsvRecords(QStringView text, QChar delimiter, QChar quote, QList<int>* lines)
{
    return splitRecords(text, delimiter, quote, std::numeric_limits<qsizetype>::max(), lines);
}

namespace {

// Where a prefix of the file may end without splitting a character: just after a line break.
qsizetype headCut(QByteArrayView data, const QString& encoding, qsizetype limit)
{
    if (encoding == u"UTF-16LE" || encoding == u"UTF-16BE") {
        const bool little = encoding == u"UTF-16LE";
        for (qsizetype i = (std::min(limit, data.size()) & ~qsizetype(1)) - 2; i >= 0; i -= 2) {
            if (data[i + (little ? 0 : 1)] == '\n' && data[i + (little ? 1 : 0)] == '\0') {
                return i + 2;
            }
        }
        return -1;
    }
    const qsizetype at = data.first(std::min(limit, data.size())).lastIndexOf('\n');
    return at < 0 ? -1 : at + 1;
}

// The decoded beginning of the file that holds more than `records` records (or the whole file),
// so that the wizard and preset matching never decode a large file for its first lines.
// `whole` says whether the text is the whole file.
Result<QString> decodeHead(const QByteArray& data, const QString& encoding, QChar delimiter, QChar quote,
                           qsizetype records, const QString& fileName, bool* whole)
{
    for (qsizetype limit = 64 * 1024;; limit *= 4) {
        const qsizetype cut = limit >= data.size() ? data.size() : headCut(data, encoding, limit);
        if (cut < 0) {
            continue; // no line break yet: read further
        }
        auto text = decodeCsvText(cut == data.size() ? data : data.first(cut), encoding, fileName);
        if (!text || cut == data.size()) {
            *whole = true;
            return text;
        }
        if (splitRecords(*text, delimiter, quote, records + 1, nullptr).size() > records) {
            *whole = false;
            return text;
        }
    }
}

} // namespace

Result<QList<QStringList>> readCsvHead(const QByteArray& data, const QString& fileName, const QString& encoding,
                                       QChar delimiter, QChar quote, int maxRecords, QList<int>* lines)
{
    bool whole = false;
    auto text = decodeHead(data, encoding, delimiter, quote, maxRecords, fileName, &whole);
    if (!text) {
        return text.error();
    }
    return splitRecords(*text, delimiter, quote, maxRecords, lines);
}

QStringList csvDateFormats()
{
    QStringList out;
    for (const char* format : kDateFormats) {
        out.append(QString::fromLatin1(format));
    }
    return out;
}

QDate parseCsvDate(QStringView text, QStringView format)
{
    const auto pattern = DatePattern::compile(format);
    return pattern ? pattern->parse(text) : QDate();
}

std::optional<QString> normaliseCsvAmount(QStringView text, QChar decimalSeparator, QChar groupSeparator)
{
    AmountShell shell;
    QVarLengthArray<char16_t, 64> digits;
    if (!peelAmount(text, shell) || !canonicalDigits(shell.core, decimalSeparator, groupSeparator, shell.negative, digits)) {
        return std::nullopt;
    }
    return QString(reinterpret_cast<const QChar*>(digits.constData()), digits.size());
}

// =============================================================================================
// Mapping validation and JSON

namespace {

constexpr int kMappingVersion = 1;

Status validateMapping(const CsvMapping& m)
{
    auto invalid = [](const QString& what) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("CSV mapping: ") + what);
    };
    if (!canonicalEncoding(m.encoding)) {
        return invalid(QStringLiteral("unknown encoding \"%1\"").arg(m.encoding));
    }
    if (m.delimiter.isNull() || m.delimiter == u'\n' || m.delimiter == u'\r' || m.delimiter == m.quote) {
        return invalid(QStringLiteral("the delimiter must be one character other than the quote and a line break"));
    }
    if (m.quote == u'\n' || m.quote == u'\r') {
        return invalid(QStringLiteral("a line break cannot be the quote character"));
    }
    if (m.headerLine < -1 || m.firstDataLine < 0 || m.firstDataLine <= m.headerLine) {
        return invalid(QStringLiteral("the first entry (record %1) must come after the header (record %2)")
                           .arg(m.firstDataLine)
                           .arg(m.headerLine));
    }
    if (!DatePattern::compile(m.dateFormat)) {
        return invalid(QStringLiteral("\"%1\" is not a date format with a day, a month and a year").arg(m.dateFormat));
    }
    if (m.decimalSeparator != u'.' && m.decimalSeparator != u',') {
        return invalid(QStringLiteral("the decimal separator must be '.' or ','"));
    }
    if (!m.groupSeparator.isNull()
        && (m.groupSeparator == m.decimalSeparator
            || !(m.groupSeparator == u'.' || m.groupSeparator == u',' || isSpaceGroup(m.groupSeparator)
                 || isApostrophe(m.groupSeparator)))) {
        return invalid(QStringLiteral("'%1' cannot group digits here").arg(m.groupSeparator));
    }
    if (!m.currency.isEmpty() && !Currency::fromCode(m.currency)) {
        return invalid(QStringLiteral("\"%1\" is not an ISO 4217 currency code").arg(m.currency));
    }
    QHash<int, int> counts;
    auto has = [&](CsvColumnRole role) { return counts.contains(static_cast<int>(role)); };
    for (const CsvColumnRole role : m.columns) {
        if (!csvColumnRoleFromKey(csvColumnRoleKey(role))) {
            return invalid(QStringLiteral("unknown column role %1").arg(static_cast<int>(role)));
        }
        if (++counts[static_cast<int>(role)] > 1 && !isSharedRole(role)) {
            return invalid(QStringLiteral("two columns have the role %1").arg(csvColumnRoleKey(role)));
        }
    }
    if (!has(CsvColumnRole::BookingDate)) {
        return invalid(QStringLiteral("no column has the booking date"));
    }
    const bool amount = has(CsvColumnRole::Amount);
    const bool debitCredit = has(CsvColumnRole::Debit) || has(CsvColumnRole::Credit);
    if (amount == debitCredit) {
        return invalid(amount ? QStringLiteral("an amount column and debit/credit columns cannot be used together")
                              : QStringLiteral("no column has the amount (or debit and credit)"));
    }
    if (has(CsvColumnRole::DebitCreditMark) && !amount) {
        return invalid(QStringLiteral("a debit/credit mark needs an amount column"));
    }
    return {};
}

QString charToJson(QChar c)
{
    return c.isNull() ? QString() : QString(c);
}

} // namespace

QJsonObject CsvMapping::toJson() const
{
    QJsonArray roleKeys;
    for (const CsvColumnRole role : columns) {
        roleKeys.append(csvColumnRoleKey(role));
    }
    return QJsonObject{
        {QStringLiteral("version"), kMappingVersion},
        {QStringLiteral("preset_name"), presetName},
        {QStringLiteral("encoding"), encoding},
        {QStringLiteral("delimiter"), charToJson(delimiter)},
        {QStringLiteral("quote"), charToJson(quote)},
        {QStringLiteral("header_line"), headerLine},
        {QStringLiteral("first_data_line"), firstDataLine},
        {QStringLiteral("date_format"), dateFormat},
        {QStringLiteral("decimal_separator"), charToJson(decimalSeparator)},
        {QStringLiteral("group_separator"), charToJson(groupSeparator)},
        {QStringLiteral("currency"), currency},
        {QStringLiteral("columns"), roleKeys},
        {QStringLiteral("header_signature"), QJsonArray::fromStringList(headerSignature)},
    };
}

Result<CsvMapping> CsvMapping::fromJson(const QJsonObject& json)
{
    auto invalid = [](const QString& what) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("CSV mapping: ") + what);
    };
    static const char* const kKeys[] = {"version",     "preset_name",     "encoding",          "delimiter",
                                        "quote",       "header_line",     "first_data_line",   "date_format",
                                        "decimal_separator", "group_separator", "currency", "columns",
                                        "header_signature"};
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (std::none_of(std::begin(kKeys), std::end(kKeys), [&](const char* k) { return it.key() == QLatin1String(k); })) {
            return invalid(QStringLiteral("unknown key \"%1\"").arg(it.key()));
        }
    }
    const QJsonValue version = json.value(QStringLiteral("version"));
    if (!version.isUndefined() && (!version.isDouble() || version.toInteger(-1) != kMappingVersion)) {
        return invalid(QStringLiteral("version %1 is not one this program reads").arg(version.toVariant().toString()));
    }
    CsvMapping m;
    auto text = [&](const char* key, bool required, QString& out) -> Status {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined() && !required) {
            return {};
        }
        if (!v.isString()) {
            return invalid(QStringLiteral("\"%1\" must be a string").arg(QLatin1String(key)));
        }
        out = v.toString();
        return {};
    };
    auto character = [&](const char* key, bool required, bool nullable, QChar& out) -> Status {
        QString s = out.isNull() ? QString() : QString(out);
        if (auto st = text(key, required, s); !st) {
            return st;
        }
        if (s.size() > 1 || (s.isEmpty() && !nullable)) {
            return invalid(QStringLiteral("\"%1\" must be one character").arg(QLatin1String(key)));
        }
        out = s.isEmpty() ? QChar() : s.at(0);
        return {};
    };
    auto integer = [&](const char* key, int& out) -> Status {
        const QJsonValue v = json.value(QLatin1String(key));
        const qint64 n = v.toInteger(std::numeric_limits<qint64>::min());
        if (!v.isDouble() || n < -1 || n > std::numeric_limits<int>::max()) {
            return invalid(QStringLiteral("\"%1\" must be a whole number").arg(QLatin1String(key)));
        }
        out = static_cast<int>(n);
        return {};
    };
    QString encoding;
    for (const Status& st : {text("preset_name", false, m.presetName), text("encoding", true, encoding),
                             character("delimiter", true, false, m.delimiter), character("quote", false, true, m.quote),
                             integer("header_line", m.headerLine), integer("first_data_line", m.firstDataLine),
                             text("date_format", true, m.dateFormat),
                             character("decimal_separator", true, false, m.decimalSeparator),
                             character("group_separator", false, true, m.groupSeparator),
                             text("currency", false, m.currency)}) {
        if (!st) {
            return st.error();
        }
    }
    const auto canonical = canonicalEncoding(encoding);
    if (!canonical) {
        return invalid(QStringLiteral("unknown encoding \"%1\"").arg(encoding));
    }
    m.encoding = *canonical;
    m.currency = m.currency.toUpper();
    const QJsonValue columns = json.value(QStringLiteral("columns"));
    if (!columns.isArray()) {
        return invalid(QStringLiteral("\"columns\" must be a list of roles"));
    }
    for (const QJsonValue& v : columns.toArray()) {
        const auto role = csvColumnRoleFromKey(v.toString());
        if (!v.isString() || !role) {
            return invalid(QStringLiteral("unknown column role \"%1\"").arg(v.toVariant().toString()));
        }
        m.columns.append(*role);
    }
    const QJsonValue signature = json.value(QStringLiteral("header_signature"));
    if (!signature.isUndefined()) {
        if (!signature.isArray()) {
            return invalid(QStringLiteral("\"header_signature\" must be a list of strings"));
        }
        for (const QJsonValue& v : signature.toArray()) {
            if (!v.isString()) {
                return invalid(QStringLiteral("\"header_signature\" must be a list of strings"));
            }
            m.headerSignature.append(v.toString());
        }
    }
    if (auto st = validateMapping(m); !st) {
        return st.error();
    }
    return m;
}

// =============================================================================================
// Sniffing

namespace {

constexpr qsizetype kSniffRecords = 5000;
constexpr qsizetype kDelimiterRecords = 200;
constexpr qsizetype kPreviewRecords = 20;

struct Detection
{
    QString encoding;
    QString note;
};

Result<Detection> detectEncoding(const QByteArray& data, const QString& fileName)
{
    const Bom bom = detectBom(data);
    if (bom != Bom::None) {
        return Detection{bomEncoding(bom), {}};
    }
    const QByteArrayView head = QByteArrayView(data).first(std::min<qsizetype>(data.size(), 65536));
    qsizetype evenZeros = 0;
    qsizetype oddZeros = 0;
    qsizetype controls = 0;
    qsizetype firstControl = -1;
    for (qsizetype i = 0; i < head.size(); ++i) {
        const auto c = static_cast<unsigned char>(head[i]);
        if (c == 0) {
            ++(i % 2 == 0 ? evenZeros : oddZeros);
        } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A) {
            ++controls;
            firstControl = firstControl < 0 ? i : firstControl;
        }
    }
    // UTF-16 without a byte order mark: ASCII text has a zero in every other byte.
    const qsizetype half = head.size() / 2;
    if (half > 0 && oddZeros > half * 3 / 5 && evenZeros == 0) {
        return Detection{QStringLiteral("UTF-16LE"), QStringLiteral("The file is UTF-16 without a byte order mark.")};
    }
    if (half > 0 && evenZeros > half * 3 / 5 && oddZeros == 0) {
        return Detection{QStringLiteral("UTF-16BE"), QStringLiteral("The file is UTF-16 without a byte order mark.")};
    }
    if (evenZeros + oddZeros > 0 || controls > head.size() / 200 + 2) {
        const qsizetype at = evenZeros + oddZeros > 0 ? head.indexOf('\0') : firstControl;
        return parseError(fileName, 0, {},
                          QStringLiteral("not a CSV file: it holds binary data (byte 0x%1 at offset %2)")
                              .arg(static_cast<unsigned char>(head[at]), 2, 16, QLatin1Char('0'))
                              .arg(at));
    }
    if (firstInvalidUtf8(data) < 0) {
        return Detection{QStringLiteral("UTF-8"), {}};
    }
    return Detection{QStringLiteral("windows-1252"),
                     QStringLiteral("The file is not UTF-8; it was read as windows-1252 (check the accented letters).")};
}

struct FieldCounts
{
    int modal = 0;       // the field count of the body
    qsizetype weight = 0;
};

// The body's field count: the count that covers the most cells (records × fields), so that a
// short statement below many two-field preamble lines ("IBAN;DE12…", "Zeitraum;…") still wins.
FieldCounts fieldCounts(const QList<QStringList>& records)
{
    QHash<int, qsizetype> histogram;
    for (const QStringList& record : records) {
        if (!record.isEmpty()) {
            ++histogram[static_cast<int>(record.size())];
        }
    }
    FieldCounts best;
    for (auto it = histogram.begin(); it != histogram.end(); ++it) {
        const qsizetype weight = it.value() * it.key();
        if (weight > best.weight || (weight == best.weight && it.key() > best.modal)) {
            best = {it.key(), weight};
        }
    }
    return best;
}

std::optional<QChar> detectDelimiter(QStringView text)
{
    std::optional<QChar> best;
    FieldCounts bestCounts;
    for (const QChar candidate : {QChar(u','), QChar(u';'), QChar(u'\t'), QChar(u'|')}) {
        const FieldCounts counts = fieldCounts(splitRecords(text, candidate, u'"', kDelimiterRecords, nullptr));
        if (counts.modal < 2) {
            continue;
        }
        if (!best || counts.weight > bestCounts.weight
            || (counts.weight == bestCounts.weight && counts.modal > bestCounts.modal)) {
            best = candidate;
            bestCounts = counts;
        }
    }
    return best;
}

// Indices into compiledDateCandidates() of the formats that read every value.
QList<int> dateFormatsFor(const QStringList& values)
{
    QList<int> out;
    if (values.isEmpty() || !std::any_of(values.front().begin(), values.front().end(), [](QChar c) { return c.isDigit(); })) {
        return out;
    }
    const auto& patterns = compiledDateCandidates();
    for (size_t i = 0; i < patterns.size(); ++i) {
        if (std::all_of(values.begin(), values.end(), [&](const QString& v) { return patterns[i].parse(v).isValid(); })) {
            out.append(static_cast<int>(i));
        }
    }
    return out;
}

bool looksLikeDate(QStringView cell)
{
    if (cell.size() < 6 || !cell.front().isDigit()) {
        return false;
    }
    const auto& patterns = compiledDateCandidates();
    return std::any_of(patterns.begin(), patterns.end(), [&](const DatePattern& p) { return p.parse(cell).isValid(); });
}

// A header row: text, no numbers or dates.
bool isHeaderLike(const QStringList& record)
{
    int filled = 0;
    int numeric = 0;
    int lettered = 0;
    for (const QString& cell : record) {
        const QStringView c = QStringView(cell).trimmed();
        if (c.isEmpty()) {
            continue;
        }
        ++filled;
        if (looksLikeAmount(c) || looksLikeDate(c)) {
            ++numeric;
        } else if (containsLetter(c)) {
            ++lettered;
        }
    }
    return filled > 0 && numeric * 10 <= filled && lettered * 2 >= filled;
}

struct Column
{
    QString header;
    QString name;             // normalised header
    QStringList values;       // non-empty sample cells, trimmed
    QList<int> dateFormats;
    bool amounts = false;
    bool currencies = false;
    bool marks = false;
    bool mccs = false;
    bool accounts = false;
    bool decimals = false;    // some value has decimals or a sign: more like money than an id
    bool identical = false;   // one value in every row

    bool empty() const { return values.isEmpty(); }
};

void classify(Column& column)
{
    const QStringList& v = column.values;
    column.dateFormats = dateFormatsFor(v);
    auto all = [&](auto pred) { return std::all_of(v.begin(), v.end(), pred); };
    column.amounts = all([](const QString& s) { return looksLikeAmount(s); });
    column.currencies = all([](const QString& s) { return Currency::fromCode(s).has_value(); });
    column.marks = all([](const QString& s) { return readMark(s).has_value(); });
    column.mccs = all([](const QString& s) { return s.size() == 4 && std::all_of(s.begin(), s.end(), [](QChar c) { return c.isDigit(); }); });
    column.accounts = all([](const QString& s) { return looksLikeAccount(s); });
    column.decimals = std::any_of(v.begin(), v.end(), [](const QString& s) {
        return s.contains(u',') || s.contains(u'.') || s.startsWith(u'-') || s.endsWith(u'-');
    });
    column.identical = !v.isEmpty() && all([&](const QString& s) { return s == v.front(); });
}

// Whether a column's cells allow a role that its header suggests.
bool contentFits(const Column& c, CsvColumnRole role)
{
    if (c.empty()) {
        return true;
    }
    switch (role) {
    case CsvColumnRole::BookingDate:
    case CsvColumnRole::ValueDate:
        return !c.dateFormats.isEmpty();
    case CsvColumnRole::Amount:
    case CsvColumnRole::Debit:
    case CsvColumnRole::Credit:
    case CsvColumnRole::Balance:
        return c.amounts && c.dateFormats.isEmpty();
    case CsvColumnRole::Currency:
        return c.currencies;
    case CsvColumnRole::DebitCreditMark:
        return c.marks;
    case CsvColumnRole::MerchantCategory:
        return c.mccs;
    case CsvColumnRole::CounterpartyName:
        return !c.accounts;
    case CsvColumnRole::CounterpartyAccount:
    case CsvColumnRole::Account:
        return c.accounts;
    default:
        return true;
    }
}

class Sniffer final
{
public:
    Sniffer(const QByteArray& data, const QString& fileName)
        : m_data(data)
        , m_fileName(fileName)
    {
    }

    Result<CsvSniff> run();

private:
    Status splitText();
    void findHeader();
    void collectColumns();
    void assignRolesFromHeader();
    void assignRolesFromContent();
    void chooseDateFormat();
    void chooseDecimalSeparator();
    void chooseCurrency();
    int columnWith(CsvColumnRole role) const { return static_cast<int>(m_mapping.columns.indexOf(role)); }
    bool has(CsvColumnRole role) const { return m_mapping.columns.contains(role); }

    const QByteArray& m_data;
    QString m_fileName;
    QString m_text;
    CsvMapping m_mapping;
    QList<QStringList> m_records;
    int m_fieldCount = 0;
    QList<Column> m_columns;
    QString m_headerCurrency;
    QStringList m_notes;
};

Result<CsvSniff> Sniffer::run()
{
    if (QByteArrayView(m_data).trimmed().isEmpty()) {
        return parseError(m_fileName, 0, {}, QStringLiteral("the file is empty"));
    }
    if (auto st = splitText(); !st) {
        return st.error();
    }
    findHeader();
    collectColumns();
    if (m_mapping.headerLine >= 0) {
        assignRolesFromHeader();
    }
    assignRolesFromContent();
    chooseDateFormat();
    chooseDecimalSeparator();
    chooseCurrency();

    CsvSniff sniff;
    sniff.mapping = m_mapping;
    if (m_mapping.headerLine >= 0) {
        sniff.header = m_mapping.headerSignature;
    }
    for (qsizetype i = m_mapping.firstDataLine; i < m_records.size() && sniff.sample.size() < kPreviewRecords; ++i) {
        if (!m_records[i].isEmpty()) {
            sniff.sample.append(m_records[i]);
        }
    }
    const bool hasDate = has(CsvColumnRole::BookingDate);
    const bool hasAmount = has(CsvColumnRole::Amount) || (has(CsvColumnRole::Debit) && has(CsvColumnRole::Credit));
    if (!hasDate) {
        m_notes.append(QStringLiteral("No column holds the booking date; choose it."));
    }
    if (!hasAmount) {
        m_notes.append(QStringLiteral("No column holds the amount (or debit and credit); choose it."));
    }
    sniff.complete = hasDate && hasAmount;
    sniff.notes = m_notes;
    return sniff;
}

Status Sniffer::splitText()
{
    auto detected = detectEncoding(m_data, m_fileName);
    if (!detected) {
        return detected.error();
    }
    auto text = decodeCsvText(m_data, detected->encoding, m_fileName);
    if (!text) {
        return text.error();
    }
    m_text = std::move(*text);
    if (QStringView(m_text).trimmed().isEmpty()) {
        return parseError(m_fileName, 0, {}, QStringLiteral("the file is empty"));
    }
    m_mapping.encoding = detected->encoding;
    if (!detected->note.isEmpty()) {
        m_notes.append(detected->note);
    }
    const auto delimiter = detectDelimiter(m_text);
    if (!delimiter) {
        return parseError(m_fileName, 0, {},
                          QStringLiteral("not a CSV file: no delimiter (',', ';', tab or '|') splits its lines into "
                                         "columns"));
    }
    m_mapping.delimiter = *delimiter;
    m_mapping.quote = u'"';
    m_records = splitRecords(m_text, *delimiter, u'"', kSniffRecords, nullptr);
    m_fieldCount = fieldCounts(m_records).modal;
    return {};
}

// The header is the last text-only record with the body's field count before the first record
// that holds numbers; German banks put account and period lines before it.
void Sniffer::findHeader()
{
    int lastText = -1;
    int firstData = -1;
    for (qsizetype i = 0; i < m_records.size(); ++i) {
        const QStringList& record = m_records[i];
        // Some exports end the header, or only the rows, with a delimiter.
        const bool headerWidth = record.size() == m_fieldCount || record.size() + 1 == m_fieldCount
                              || (record.size() == m_fieldCount + 1 && record.last().trimmed().isEmpty());
        if (headerWidth && isHeaderLike(record)) {
            lastText = static_cast<int>(i);
        } else if (record.size() == m_fieldCount) {
            firstData = static_cast<int>(i);
            break;
        }
    }
    if (lastText >= 0) {
        m_mapping.headerLine = lastText;
        m_mapping.firstDataLine = lastText + 1;
        for (const QString& cell : m_records[lastText]) {
            m_mapping.headerSignature.append(cell.trimmed());
        }
        // One name per column: a header a delimiter shorter or longer than the rows is evened out.
        m_mapping.headerSignature.resize(m_fieldCount);
    } else {
        m_mapping.headerLine = -1;
        m_mapping.firstDataLine = std::max(firstData, 0);
        m_notes.append(QStringLiteral("No header row: the column roles were guessed from the cells."));
    }
    if (firstData < 0) {
        m_notes.append(QStringLiteral("No entries found below the header."));
    }
}

void Sniffer::collectColumns()
{
    m_columns.resize(m_fieldCount);
    for (int c = 0; c < m_fieldCount; ++c) {
        if (m_mapping.headerLine >= 0) {
            m_columns[c].header = m_mapping.headerSignature.value(c);
            m_columns[c].name = normaliseHeader(m_columns[c].header, &m_headerCurrency);
        }
    }
    // Summary lines at the end ("Kontostand;…") would spoil the content checks.
    auto isTrailer = [&](const QStringList& record) {
        if (record.isEmpty() || record.size() != m_fieldCount) {
            return true;
        }
        const bool summary = std::any_of(record.begin(), record.end(), [](const QString& c) { return containsSummaryWord(c); });
        const bool dated = std::any_of(record.begin(), record.end(),
                                       [](const QString& c) { return looksLikeDate(QStringView(c).trimmed()); });
        return summary && !dated;
    };
    qsizetype end = m_records.size();
    while (end > m_mapping.firstDataLine && isTrailer(m_records[end - 1])) {
        --end;
    }
    for (qsizetype r = m_mapping.firstDataLine; r < end; ++r) {
        if (m_records[r].size() != m_fieldCount) {
            continue;
        }
        for (int c = 0; c < m_fieldCount; ++c) {
            const QString cell = m_records[r][c].trimmed();
            if (!cell.isEmpty()) {
                m_columns[c].values.append(cell);
            }
        }
    }
    for (Column& column : m_columns) {
        classify(column);
    }
    m_mapping.columns = QList<CsvColumnRole>(m_fieldCount, CsvColumnRole::Ignore);
}

void Sniffer::assignRolesFromHeader()
{
    struct Claim
    {
        int column;
        CsvColumnRole role;
        int score;
    };
    QList<Claim> claims;
    for (int c = 0; c < m_fieldCount; ++c) {
        const QList<RoleCandidate> candidates = candidatesForHeader(m_columns[c].name);
        for (const RoleCandidate& candidate : candidates) {
            if (contentFits(m_columns[c], candidate.role)) {
                claims.append({c, candidate.role, candidate.score});
            } else if (candidate.role != CsvColumnRole::Ignore && candidates.size() == 1) {
                m_notes.append(QStringLiteral("Column \"%1\" is named like the %2 but holds \"%3\".")
                                   .arg(m_columns[c].header, csvColumnRoleKey(candidate.role).replace(u'_', u' '),
                                        m_columns[c].values.value(0)));
            }
        }
    }
    std::stable_sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) { return a.score > b.score; });
    QList<bool> decided(m_fieldCount, false);
    for (const Claim& claim : claims) {
        if (decided[claim.column] || (!isSharedRole(claim.role) && has(claim.role))) {
            continue;
        }
        m_mapping.columns[claim.column] = claim.role;
        decided[claim.column] = true;
    }
    // "Buchungstext" is the text at Commerzbank but the transaction type ("FOLGELASTSCHRIFT")
    // where a "Verwendungszweck" column carries the text (Sparkasse, ING).
    int buchungstext = -1;
    bool verwendungszweck = false;
    for (int c = 0; c < m_fieldCount; ++c) {
        if (m_mapping.columns[c] == CsvColumnRole::Description) {
            if (m_columns[c].name == u"buchungstext") {
                buchungstext = c;
            } else if (m_columns[c].name.contains(u"verwendungszweck")) {
                verwendungszweck = true;
            }
        }
    }
    if (buchungstext >= 0 && verwendungszweck && !has(CsvColumnRole::BankTransactionCode)) {
        m_mapping.columns[buchungstext] = CsvColumnRole::BankTransactionCode;
    }
    // A "Details" column that only says DEBIT/CREDIT (Chase) is a mark, not text.
    for (int c = 0; c < m_fieldCount; ++c) {
        if (m_mapping.columns[c] == CsvColumnRole::Description && m_columns[c].marks && !m_columns[c].empty()
            && has(CsvColumnRole::Amount) && !has(CsvColumnRole::DebitCreditMark)) {
            m_mapping.columns[c] = CsvColumnRole::DebitCreditMark;
        }
    }
    if (has(CsvColumnRole::Amount) && (has(CsvColumnRole::Debit) || has(CsvColumnRole::Credit))) {
        for (CsvColumnRole& role : m_mapping.columns) {
            if (role == CsvColumnRole::Debit || role == CsvColumnRole::Credit) {
                role = CsvColumnRole::Ignore;
            }
        }
        m_notes.append(QStringLiteral("Both an amount and debit/credit columns: the amount column is used."));
    }
}

// Fills what the header did not say from the cells: dates, amounts, currency codes, marks, IBANs
// and the longest text. Only columns without a role are considered.
void Sniffer::assignRolesFromContent()
{
    const bool noHeader = m_mapping.headerLine < 0;
    auto freeColumns = [&](auto pred) {
        QList<int> out;
        for (int c = 0; c < m_fieldCount; ++c) {
            const bool unnamed = noHeader || m_columns[c].name.isEmpty() || candidatesForHeader(m_columns[c].name).isEmpty();
            if (m_mapping.columns[c] == CsvColumnRole::Ignore && unnamed && !m_columns[c].empty() && pred(m_columns[c])) {
                out.append(c);
            }
        }
        return out;
    };
    QStringList guessed;
    if (!has(CsvColumnRole::BookingDate)) {
        const QList<int> dates = freeColumns([](const Column& c) { return !c.dateFormats.isEmpty(); });
        if (!dates.isEmpty()) {
            m_mapping.columns[dates[0]] = CsvColumnRole::BookingDate;
            guessed.append(QStringLiteral("booking date"));
            if (dates.size() > 1 && !has(CsvColumnRole::ValueDate)) {
                m_mapping.columns[dates[1]] = CsvColumnRole::ValueDate;
                guessed.append(QStringLiteral("value date"));
            }
        }
    }
    if (!has(CsvColumnRole::Amount) && !has(CsvColumnRole::Debit) && !has(CsvColumnRole::Credit)) {
        const QList<int> money = freeColumns([](const Column& c) { return c.amounts && c.decimals && c.dateFormats.isEmpty(); });
        if (money.size() == 1) {
            m_mapping.columns[money[0]] = CsvColumnRole::Amount;
            guessed.append(QStringLiteral("amount"));
        } else if (money.size() >= 2) {
            // Two money columns: debit and credit when each row fills one of them, else amount and balance.
            bool complementary = true;
            for (qsizetype r = m_mapping.firstDataLine; r < m_records.size() && complementary; ++r) {
                const QStringList& rec = m_records[r];
                if (rec.size() != m_fieldCount) {
                    continue;
                }
                const bool a = !rec[money[0]].trimmed().isEmpty();
                const bool b = !rec[money[1]].trimmed().isEmpty();
                complementary = a != b;
            }
            if (complementary) {
                m_mapping.columns[money[0]] = CsvColumnRole::Debit;
                m_mapping.columns[money[1]] = CsvColumnRole::Credit;
                guessed.append(QStringLiteral("debit (the first money column) and credit"));
            } else {
                m_mapping.columns[money[0]] = CsvColumnRole::Amount;
                m_mapping.columns[money[1]] = CsvColumnRole::Balance;
                guessed.append(QStringLiteral("amount (the first money column) and balance"));
            }
        }
    }
    if (!has(CsvColumnRole::Currency)) {
        const QList<int> codes = freeColumns([](const Column& c) { return c.currencies; });
        if (!codes.isEmpty()) {
            m_mapping.columns[codes[0]] = CsvColumnRole::Currency;
            guessed.append(QStringLiteral("currency"));
        }
    }
    if (has(CsvColumnRole::Amount) && !has(CsvColumnRole::DebitCreditMark)) {
        const QList<int> marks = freeColumns([](const Column& c) { return c.marks; });
        if (marks.size() == 1) {
            m_mapping.columns[marks[0]] = CsvColumnRole::DebitCreditMark;
            guessed.append(QStringLiteral("debit/credit mark"));
        }
    }
    if (noHeader) {
        const QList<int> ibans = freeColumns([](const Column& c) {
            return std::all_of(c.values.begin(), c.values.end(), [](const QString& v) { return Iban::isValid(v); });
        });
        for (const int c : ibans) {
            const bool own = m_columns[c].identical && m_columns[c].values.size() >= 3 && !has(CsvColumnRole::Account);
            const CsvColumnRole role = own ? CsvColumnRole::Account : CsvColumnRole::CounterpartyAccount;
            if (!has(role)) {
                m_mapping.columns[c] = role;
                guessed.append(own ? QStringLiteral("own account") : QStringLiteral("counterparty account"));
            }
        }
        int longest = -1;
        qsizetype longestLength = 0;
        for (const int c : freeColumns([](const Column& col) { return !col.amounts && col.dateFormats.isEmpty(); })) {
            qsizetype total = 0;
            for (const QString& v : m_columns[c].values) {
                total += v.size();
            }
            const qsizetype average = total / m_columns[c].values.size();
            if (average > longestLength && std::any_of(m_columns[c].values.begin(), m_columns[c].values.end(),
                                                       [](const QString& v) { return containsLetter(v); })) {
                longest = c;
                longestLength = average;
            }
        }
        if (longest >= 0) {
            m_mapping.columns[longest] = CsvColumnRole::Description;
            guessed.append(QStringLiteral("description (the longest text)"));
        }
    }
    if (!guessed.isEmpty() && !noHeader) {
        m_notes.append(QStringLiteral("Guessed from the cells, not the header: %1.").arg(guessed.join(QStringLiteral(", "))));
    } else if (!guessed.isEmpty()) {
        m_notes.append(QStringLiteral("Guessed: %1.").arg(guessed.join(QStringLiteral(", "))));
    }
}

void Sniffer::chooseDateFormat()
{
    QStringList values;
    for (const CsvColumnRole role : {CsvColumnRole::BookingDate, CsvColumnRole::ValueDate}) {
        const int c = columnWith(role);
        if (c >= 0) {
            values += m_columns[c].values;
        }
    }
    QList<int> formats = dateFormatsFor(values);
    if (formats.isEmpty()) {
        return;
    }
    const auto& patterns = compiledDateCandidates();
    const QStringList& names = dateFormatCandidates();
    // Day and month both at most 12 everywhere: the file's order (usually by date) may decide.
    auto monotonic = [&](int format) {
        const int c = columnWith(CsvColumnRole::BookingDate);
        if (c < 0) {
            return false;
        }
        const QStringList& v = m_columns[c].values;
        bool ascending = true;
        bool descending = true;
        for (qsizetype i = 1; i < v.size(); ++i) {
            const QDate a = patterns[format].parse(v[i - 1]);
            const QDate b = patterns[format].parse(v[i]);
            ascending = ascending && a <= b;
            descending = descending && a >= b;
        }
        return ascending || descending;
    };
    int chosen = formats.front();
    const auto swapped = std::find_if(formats.begin() + 1, formats.end(), [&](int f) {
        return patterns[f].dayBeforeMonth() != patterns[chosen].dayBeforeMonth();
    });
    if (swapped != formats.end()) {
        const bool firstInOrder = monotonic(chosen);
        const bool otherInOrder = monotonic(*swapped);
        if (otherInOrder && !firstInOrder) {
            chosen = *swapped;
        } else if (firstInOrder == otherInOrder) {
            m_notes.append(QStringLiteral("The dates could be day/month or month/day (no day above 12); %1 was "
                                          "assumed — check it.")
                               .arg(names[chosen]));
        }
    }
    m_mapping.dateFormat = names[chosen];
}

void Sniffer::chooseDecimalSeparator()
{
    int commaDecimal = 0;
    int pointDecimal = 0;
    int ambiguousComma = 0; // "1,000": a thousand, or one with three decimals
    int ambiguousPoint = 0;
    QChar group;
    for (int c = 0; c < m_fieldCount; ++c) {
        if (!isMoneyRole(m_mapping.columns[c])) {
            continue;
        }
        for (const QString& value : m_columns[c].values) {
            AmountShell shell;
            if (!peelAmount(value, shell)) {
                continue;
            }
            const QStringView core = shell.core;
            const qsizetype comma = core.lastIndexOf(u',');
            const qsizetype point = core.lastIndexOf(u'.');
            for (const QChar ch : core) {
                if (isApostrophe(ch) || isSpaceGroup(ch)) {
                    group = ch;
                }
            }
            if (comma >= 0 && point >= 0) {
                ++(comma > point ? commaDecimal : pointDecimal);
                group = comma > point ? u'.' : u',';
                continue;
            }
            const qsizetype at = comma >= 0 ? comma : point;
            if (at < 0) {
                continue;
            }
            const QChar sep = core[at];
            const bool single = core.indexOf(sep) == at;
            const qsizetype after = core.size() - at - 1;
            if (single && after != 3) {
                ++(sep == u',' ? commaDecimal : pointDecimal);
            } else if (single) {
                ++(sep == u',' ? ambiguousComma : ambiguousPoint);
            } else {
                group = sep; // "1.234.567"
            }
        }
    }
    if (commaDecimal > 0 && pointDecimal > 0) {
        m_notes.append(QStringLiteral("Some amounts use ',' and others '.' as the decimal separator; check it."));
    }
    if (commaDecimal == 0 && pointDecimal == 0) {
        // Nothing to go by ("-10", "1.000"): three digits after a separator are read as a
        // thousands group (bank amounts rarely have three decimals), else the delimiter's custom
        // decides (a ';' file comes from a decimal-comma country).
        if (group == u'.' || (ambiguousPoint > 0 && ambiguousComma == 0)) {
            m_mapping.decimalSeparator = u',';
        } else if (group == u',' || (ambiguousComma > 0 && ambiguousPoint == 0)) {
            m_mapping.decimalSeparator = u'.';
        } else {
            m_mapping.decimalSeparator = m_mapping.delimiter == u';' ? u',' : u'.';
        }
        if (has(CsvColumnRole::Amount) || has(CsvColumnRole::Debit) || has(CsvColumnRole::Credit)) {
            m_notes.append(QStringLiteral("No amount shows its decimals; '%1' was assumed as the decimal separator "
                                          "(check it).")
                               .arg(m_mapping.decimalSeparator));
        }
    } else {
        m_mapping.decimalSeparator = commaDecimal >= pointDecimal ? u',' : u'.';
    }
    if (group.isNull() || group == m_mapping.decimalSeparator) {
        // Not seen in the sample; the usual partner lets later, larger amounts be read.
        group = m_mapping.decimalSeparator == u',' ? u'.' : u',';
    }
    m_mapping.groupSeparator = group;
}

void Sniffer::chooseCurrency()
{
    QString found = m_headerCurrency;
    // Preamble lines: "Kontostand vom 31.01.2020: 1.234,56 EUR", "Währung;EUR".
    const int preambleEnd = m_mapping.headerLine >= 0 ? m_mapping.headerLine : m_mapping.firstDataLine;
    for (int r = 0; r < preambleEnd && found.isEmpty(); ++r) {
        for (const QString& cell : m_records.value(r)) {
            const QString trimmed = cell.trimmed();
            if (Currency::fromCode(trimmed) && trimmed == trimmed.toUpper()) {
                found = trimmed;
                break;
            }
            for (const QString& token : cell.split(u' ', Qt::SkipEmptyParts)) {
                if (isCommonCurrency(token) && token == token.toUpper()) {
                    found = token;
                    break;
                }
            }
            if (!found.isEmpty()) {
                break;
            }
        }
    }
    // Codes or symbols written with the amounts ("12,00 EUR", "€ 12,00").
    for (int c = 0; c < m_fieldCount && found.isEmpty(); ++c) {
        if (!isMoneyRole(m_mapping.columns[c])) {
            continue;
        }
        for (const QString& value : m_columns[c].values) {
            AmountShell shell;
            if (peelAmount(value, shell)) {
                if (!shell.code.isEmpty() && Currency::fromCode(shell.code)) {
                    found = shell.code.toString().toUpper();
                } else if (auto code = currencyOfSymbol(shell.symbol)) {
                    found = *code;
                }
            }
            if (!found.isEmpty()) {
                break;
            }
        }
    }
    const bool column = has(CsvColumnRole::Currency);
    if (found.isEmpty() && !column) {
        // Bank exports are often named "…_EUR_…".
        QString name = m_fileName;
        for (QChar& ch : name) {
            ch = isAsciiLetter(ch) ? ch : u' ';
        }
        for (const QString& token : name.split(u' ', Qt::SkipEmptyParts)) {
            if (isCommonCurrency(token) && token == token.toUpper()) {
                found = token;
                m_notes.append(QStringLiteral("The currency %1 was taken from the file name.").arg(token));
                break;
            }
        }
    }
    m_mapping.currency = found;
    if (found.isEmpty() && !column) {
        m_notes.append(QStringLiteral("The file names no currency; choose the account's currency."));
    }
}

} // namespace

Result<CsvSniff> sniffCsv(const QByteArray& data, const QString& fileName)
{
    return Sniffer(data, fileName).run();
}

// =============================================================================================
// Reading

namespace {

struct RoleColumns
{
    int bookingDate = -1;
    int valueDate = -1;
    int amount = -1;
    int debit = -1;
    int credit = -1;
    int mark = -1;
    int currency = -1;
    int name = -1;
    int account = -1;
    int bankCode = -1;
    int reference = -1;
    int endToEnd = -1;
    int transactionCode = -1;
    int bankId = -1;
    int merchantCategory = -1;
    int balance = -1;
    int ownAccount = -1;
    int ownBankCode = -1;
    QVarLengthArray<int, 4> descriptions;
    int needed = 0; // fields a record must have to reach the date and amount columns

    explicit RoleColumns(const QList<CsvColumnRole>& roles)
    {
        for (int c = 0; c < roles.size(); ++c) {
            slot(roles[c]) = c;
            if (roles[c] == CsvColumnRole::Description) {
                descriptions.append(c);
            }
        }
        needed = std::max({bookingDate, amount, debit, credit}) + 1;
    }

private:
    int m_ignored = -1;
    int& slot(CsvColumnRole role)
    {
        switch (role) {
        case CsvColumnRole::BookingDate:
            return bookingDate;
        case CsvColumnRole::ValueDate:
            return valueDate;
        case CsvColumnRole::Amount:
            return amount;
        case CsvColumnRole::Debit:
            return debit;
        case CsvColumnRole::Credit:
            return credit;
        case CsvColumnRole::DebitCreditMark:
            return mark;
        case CsvColumnRole::Currency:
            return currency;
        case CsvColumnRole::CounterpartyName:
            return name;
        case CsvColumnRole::CounterpartyAccount:
            return account;
        case CsvColumnRole::CounterpartyBankCode:
            return bankCode;
        case CsvColumnRole::Reference:
            return reference;
        case CsvColumnRole::EndToEndId:
            return endToEnd;
        case CsvColumnRole::BankTransactionCode:
            return transactionCode;
        case CsvColumnRole::BankId:
            return bankId;
        case CsvColumnRole::MerchantCategory:
            return merchantCategory;
        case CsvColumnRole::Balance:
            return balance;
        case CsvColumnRole::Account:
            return ownAccount;
        case CsvColumnRole::AccountBankCode:
            return ownBankCode;
        case CsvColumnRole::Ignore:
        case CsvColumnRole::Description:
            break;
        }
        return m_ignored;
    }
};

struct Row
{
    StatementEntry entry;
    std::optional<Money> balance;
};

class CsvFileReader final
{
public:
    CsvFileReader(const QString& fileName, const CsvMapping& mapping)
        : m_fileName(fileName)
        , m_mapping(mapping)
        , m_roles(mapping.columns)
        , m_date(*DatePattern::compile(mapping.dateFormat))
    {
        if (!mapping.currency.isEmpty()) {
            m_defaultCurrency = Currency::fromCode(mapping.currency).value_or(Currency());
        }
    }

    Result<StatementFile> read(const QByteArray& data);
    QList<CsvPreviewRow> preview(QStringView text, qsizetype maxRecords, bool whole);

private:
    Status checkHeader(const CsvScanner& scanner);
    void notePreamble(const CsvScanner& scanner);
    Status readRow(const CsvScanner& scanner, Row& row);
    Status checkWidth(const CsvScanner& scanner) const;
    Status readDates(const CsvScanner& scanner, StatementEntry& e) const;
    Result<Money> readSignedAmount(const CsvScanner& scanner, Currency& currency);
    Result<Money> readDebitCredit(const CsvScanner& scanner, Currency& currency);
    void readTexts(const CsvScanner& scanner, StatementEntry& e) const;
    Result<Money> readMoney(const CsvScanner& scanner, int column, const QString& what, Currency& currency);
    Result<Currency> rowCurrency(const CsvScanner& scanner);
    bool isSummaryRow(const CsvScanner& scanner) const;
    void addEntry(const CsvScanner& scanner, Row&& row);
    void applyBalances(Statement& statement, const std::vector<std::optional<Money>>& balances);

    QString columnLabel(int column) const
    {
        const QString name = m_headerCells.value(column, m_mapping.headerSignature.value(column)).trimmed();
        return name.isEmpty() ? QStringLiteral("column %1").arg(column + 1) : QStringLiteral("column \"%1\"").arg(name);
    }
    Error cellError(const CsvScanner& scanner, int column, const QString& what) const
    {
        const int line = column < scanner.size() ? scanner.fieldLine(column) : scanner.line();
        return parseError(m_fileName, line, columnLabel(column), what);
    }
    static QStringView cell(const CsvScanner& scanner, int column)
    {
        return column >= 0 && column < scanner.size() ? scanner.field(column).trimmed() : QStringView();
    }
    static QString text(const CsvScanner& scanner, int column)
    {
        return column >= 0 && column < scanner.size() ? scanner.field(column).trimmed().toString() : QString();
    }
    // A row's error without the file name and line the preview shows in columns of its own.
    QString rowMessage(const Error& error, int line) const
    {
        const QString where = QStringLiteral("%1, line %2").arg(m_fileName).arg(line);
        const QString& message = error.message();
        if (!message.startsWith(where) || message.size() < where.size() + 2) {
            return message;
        }
        return message.mid(where.size() + 2);
    }

    QString m_fileName;
    const CsvMapping& m_mapping;
    RoleColumns m_roles;
    DatePattern m_date;
    Currency m_defaultCurrency;
    QStringList m_headerCells;
    QStringList m_warnings;
    QString m_preambleIban;
    QString m_lastCurrencyText;
    Currency m_lastCurrency;

    // Entries grouped by the own-account column (one statement when the file has none).
    QList<Statement> m_statements;
    std::vector<std::vector<std::optional<Money>>> m_balances;
    QHash<QString, int> m_statementOf;
    QString m_lastAccount;
    int m_lastStatement = -1;
    qsizetype m_expectedEntries = 0;
};

Status CsvFileReader::checkHeader(const CsvScanner& scanner)
{
    for (qsizetype i = 0; i < scanner.size(); ++i) {
        m_headerCells.append(scanner.field(i).trimmed().toString());
    }
    if (m_mapping.headerSignature.isEmpty()) {
        return {};
    }
    auto withoutTrailingEmpty = [](QStringList cells) {
        while (!cells.isEmpty() && cells.last().trimmed().isEmpty()) {
            cells.removeLast();
        }
        return cells;
    };
    const QStringList found = withoutTrailingEmpty(m_headerCells);
    const QStringList expected = withoutTrailingEmpty(m_mapping.headerSignature);
    for (qsizetype i = 0; i < std::max(found.size(), expected.size()); ++i) {
        if (found.value(i) != expected.value(i).trimmed()) {
            return parseError(m_fileName, scanner.line(), {},
                              QStringLiteral("the header does not match the mapping: column %1 is \"%2\", "
                                             "expected \"%3\"")
                                  .arg(i + 1)
                                  .arg(found.value(i), expected.value(i)));
        }
    }
    return {};
}

// Account lines before the header ("Kontonummer:;DE12 …") name the statement's own account.
void CsvFileReader::notePreamble(const CsvScanner& scanner)
{
    for (qsizetype i = 0; i < scanner.size(); ++i) {
        const QString iban = findIban(scanner.field(i));
        if (iban.isEmpty() || iban == m_preambleIban) {
            continue;
        }
        if (m_preambleIban.isEmpty()) {
            m_preambleIban = iban;
        } else {
            m_warnings.append(QStringLiteral("line %1: a second IBAN before the header (%2); the first (%3) is taken "
                                             "as the account")
                                  .arg(scanner.line())
                                  .arg(iban, m_preambleIban));
        }
    }
}

Result<Currency> CsvFileReader::rowCurrency(const CsvScanner& scanner)
{
    const QStringView code = cell(scanner, m_roles.currency);
    if (code.isEmpty()) {
        return m_defaultCurrency;
    }
    if (code == m_lastCurrencyText) {
        return m_lastCurrency;
    }
    const auto currency = Currency::fromCode(code);
    if (!currency) {
        return cellError(scanner, m_roles.currency, QStringLiteral("currency \"%1\" is not an ISO 4217 code").arg(code));
    }
    m_lastCurrencyText = code.toString();
    m_lastCurrency = *currency;
    return *currency;
}

// One money cell with the mapping's separators. `currency` is the entry's currency (invalid when
// not known yet); a code or symbol in the cell must agree with it, or supplies it.
Result<Money> CsvFileReader::readMoney(const CsvScanner& scanner, int column, const QString& what, Currency& currency)
{
    const QStringView value = cell(scanner, column);
    if (value.isEmpty()) {
        return cellError(scanner, column, QStringLiteral("the %1 is empty").arg(what));
    }
    AmountShell shell;
    QVarLengthArray<char16_t, 64> digits;
    if (!peelAmount(value, shell)
        || !canonicalDigits(shell.core, m_mapping.decimalSeparator, m_mapping.groupSeparator, shell.negative, digits)) {
        return cellError(scanner, column,
                         QStringLiteral("%1 \"%2\" is not a number in the format %3")
                             .arg(what, value, amountFormatExample(m_mapping.decimalSeparator, m_mapping.groupSeparator)));
    }
    std::optional<Currency> written;
    if (!shell.code.isEmpty()) {
        written = Currency::fromCode(shell.code);
        if (!written) {
            return cellError(scanner, column, QStringLiteral("%1 \"%2\": \"%3\" is not a currency code").arg(what, value, shell.code));
        }
    } else if (auto code = currencyOfSymbol(shell.symbol)) {
        written = Currency::fromCode(*code);
    }
    if (written) {
        if (currency.isValid() && !(*written == currency)) {
            return cellError(scanner, column,
                             QStringLiteral("%1 \"%2\" is in %3 but the entry's currency is %4")
                                 .arg(what, value, written->code(), currency.code()));
        }
        currency = *written;
    }
    if (!currency.isValid()) {
        return cellError(scanner, column,
                         m_roles.currency >= 0
                             ? QStringLiteral("%1 \"%2\" has no currency: the currency cell is empty and the mapping "
                                              "names none")
                                   .arg(what, value)
                             : QStringLiteral("%1 \"%2\" has no currency: the file has no currency column; choose the "
                                              "account's currency")
                                   .arg(what, value));
    }
    auto money = Money::parse(QStringView(digits.constData(), digits.size()), currency);
    if (!money) {
        return cellError(scanner, column, QStringLiteral("%1 \"%2\": %3").arg(what, value, money.error().message()));
    }
    return money;
}

Status CsvFileReader::checkWidth(const CsvScanner& scanner) const
{
    if (scanner.size() < m_roles.needed) {
        return parseError(m_fileName, scanner.line(), {},
                          QStringLiteral("expected %1 fields, found %2").arg(m_mapping.columns.size()).arg(scanner.size()));
    }
    for (qsizetype i = m_mapping.columns.size(); i < scanner.size(); ++i) {
        if (!scanner.field(i).trimmed().isEmpty()) {
            return parseError(m_fileName, scanner.line(), {},
                              QStringLiteral("expected %1 fields, found %2 (is the delimiter %3 right?)")
                                  .arg(m_mapping.columns.size())
                                  .arg(scanner.size())
                                  .arg(describeDelimiter(m_mapping.delimiter)));
        }
    }
    return {};
}

Status CsvFileReader::readDates(const CsvScanner& scanner, StatementEntry& e) const
{
    const QStringView booking = cell(scanner, m_roles.bookingDate);
    e.bookingDate = m_date.parse(booking);
    if (!e.bookingDate.isValid()) {
        return cellError(scanner, m_roles.bookingDate,
                         booking.isEmpty() ? QStringLiteral("the booking date is empty")
                                           : QStringLiteral("date \"%1\" is not a date in the format %2")
                                                 .arg(booking, m_mapping.dateFormat));
    }
    const QStringView value = cell(scanner, m_roles.valueDate);
    if (!value.isEmpty()) {
        e.valueDate = m_date.parse(value);
        if (!e.valueDate.isValid()) {
            return cellError(scanner, m_roles.valueDate,
                             QStringLiteral("date \"%1\" is not a date in the format %2").arg(value, m_mapping.dateFormat));
        }
    }
    return {};
}

// A signed amount, or an unsigned one whose sign a D/C mark gives.
Result<Money> CsvFileReader::readSignedAmount(const CsvScanner& scanner, Currency& currency)
{
    auto amount = readMoney(scanner, m_roles.amount, QStringLiteral("amount"), currency);
    const QStringView mark = cell(scanner, m_roles.mark);
    if (!amount || mark.isEmpty()) {
        return amount;
    }
    const auto debit = readMark(mark);
    if (!debit) {
        return cellError(scanner, m_roles.mark,
                         QStringLiteral("\"%1\" is not a debit/credit mark (D/C, S/H, Af/Bij, DR/CR, Debit/Credit)").arg(mark));
    }
    if (!*debit && amount->isNegative()) {
        return cellError(scanner, m_roles.amount,
                         QStringLiteral("amount \"%1\" is negative but the mark \"%2\" says credit")
                             .arg(cell(scanner, m_roles.amount), mark));
    }
    return *debit ? amount->abs().negated() : *amount;
}

// Debit is money out and credit money in, whatever sign they are written with; a zero on the
// other side is no conflict.
Result<Money> CsvFileReader::readDebitCredit(const CsvScanner& scanner, Currency& currency)
{
    std::optional<Money> debit;
    std::optional<Money> credit;
    if (!cell(scanner, m_roles.debit).isEmpty()) {
        auto m = readMoney(scanner, m_roles.debit, QStringLiteral("debit"), currency);
        if (!m) {
            return m;
        }
        debit = m->abs().negated();
    }
    if (!cell(scanner, m_roles.credit).isEmpty()) {
        auto m = readMoney(scanner, m_roles.credit, QStringLiteral("credit"), currency);
        if (!m) {
            return m;
        }
        credit = m->abs();
    }
    if (debit && credit && !debit->isZero() && !credit->isZero()) {
        return parseError(m_fileName, scanner.line(),
                          QStringLiteral("%1 and %2").arg(columnLabel(m_roles.debit), columnLabel(m_roles.credit)),
                          QStringLiteral("both debit \"%1\" and credit \"%2\" are filled; an entry is one or the other")
                              .arg(cell(scanner, m_roles.debit), cell(scanner, m_roles.credit)));
    }
    if (!debit && !credit) {
        return cellError(scanner, m_roles.debit >= 0 ? m_roles.debit : m_roles.credit,
                         m_roles.debit >= 0 && m_roles.credit >= 0 ? QStringLiteral("neither debit nor credit has an amount")
                                                                   : QStringLiteral("the amount is empty"));
    }
    return (debit && !debit->isZero()) || !credit ? *debit : *credit;
}

void CsvFileReader::readTexts(const CsvScanner& scanner, StatementEntry& e) const
{
    e.counterpartyName = text(scanner, m_roles.name);
    if (m_roles.account >= 0) {
        e.counterpartyAccount = normaliseAccount(cell(scanner, m_roles.account));
    }
    e.counterpartyBankCode = text(scanner, m_roles.bankCode);
    e.reference = text(scanner, m_roles.reference);
    e.endToEndId = text(scanner, m_roles.endToEnd);
    if (e.endToEndId.compare(u"NOTPROVIDED", Qt::CaseInsensitive) == 0) {
        e.endToEndId.clear();
    }
    e.bankTransactionCode = text(scanner, m_roles.transactionCode);
    e.bankId = text(scanner, m_roles.bankId);
    e.merchantCategory = text(scanner, m_roles.merchantCategory);
    for (const int c : m_roles.descriptions) {
        const QStringView part = cell(scanner, c);
        if (!part.isEmpty()) {
            if (!e.remittanceText.isEmpty()) {
                e.remittanceText += u' ';
            }
            e.remittanceText += part;
        }
    }
}

Status CsvFileReader::readRow(const CsvScanner& scanner, Row& row)
{
    StatementEntry& e = row.entry;
    e.sourceLine = scanner.line();
    if (auto st = checkWidth(scanner); !st) {
        return st;
    }
    if (auto st = readDates(scanner, e); !st) {
        return st;
    }
    auto currency = rowCurrency(scanner);
    if (!currency) {
        return currency.error();
    }
    Currency entryCurrency = *currency;
    auto amount = m_roles.amount >= 0 ? readSignedAmount(scanner, entryCurrency) : readDebitCredit(scanner, entryCurrency);
    if (!amount) {
        return amount.error();
    }
    e.amount = *amount;
    if (!cell(scanner, m_roles.balance).isEmpty()) {
        Currency balanceCurrency = entryCurrency;
        auto balance = readMoney(scanner, m_roles.balance, QStringLiteral("balance"), balanceCurrency);
        if (!balance) {
            return balance.error();
        }
        row.balance = *balance;
    }
    readTexts(scanner, e);
    return {};
}

// A line that is clearly not an entry: no date where the date belongs and a word like
// "Kontostand" or "Total", or too few fields to hold an entry at all.
bool CsvFileReader::isSummaryRow(const CsvScanner& scanner) const
{
    const QStringView date = cell(scanner, m_roles.bookingDate);
    const bool dated = m_date.parse(date).isValid();
    bool summaryWord = false;
    for (qsizetype i = 0; i < scanner.size() && !summaryWord; ++i) {
        summaryWord = containsSummaryWord(scanner.field(i));
    }
    bool amountEmpty = true;
    for (const int c : {m_roles.amount, m_roles.debit, m_roles.credit}) {
        amountEmpty = amountEmpty && cell(scanner, c).isEmpty();
    }
    if (summaryWord) {
        return !dated || amountEmpty;
    }
    return date.isEmpty() && scanner.size() < m_roles.needed;
}

void CsvFileReader::addEntry(const CsvScanner& scanner, Row&& row)
{
    int index = 0;
    if (m_roles.ownAccount >= 0 || m_statements.isEmpty()) {
        const QStringView own = cell(scanner, m_roles.ownAccount);
        if (m_lastStatement < 0 || own != m_lastAccount) {
            m_lastAccount = own.toString();
            const QString key = normaliseAccount(own);
            auto it = m_statementOf.find(key);
            if (it == m_statementOf.end()) {
                Statement statement;
                if (key.isEmpty()) {
                    statement.account.iban = m_preambleIban;
                } else if (Iban::isValid(key)) {
                    statement.account.iban = key;
                } else {
                    statement.account.number = key;
                }
                statement.account.bankCode = text(scanner, m_roles.ownBankCode);
                if (m_statements.isEmpty()) {
                    statement.entries.reserve(m_expectedEntries);
                }
                it = m_statementOf.insert(key, static_cast<int>(m_statements.size()));
                m_statements.append(statement);
                m_balances.emplace_back();
            }
            m_lastStatement = it.value();
        }
        index = m_lastStatement;
    }
    m_statements[index].entries.append(std::move(row.entry));
    if (m_roles.balance >= 0) {
        m_balances[index].push_back(row.balance);
    }
}

Result<StatementFile> CsvFileReader::read(const QByteArray& data)
{
    if (auto st = validateMapping(m_mapping); !st) {
        return st.error();
    }
    if (QByteArrayView(data).trimmed().isEmpty()) {
        return parseError(m_fileName, 0, {}, QStringLiteral("the file is empty"));
    }
    auto decoded = decodeCsvText(data, m_mapping.encoding, m_fileName);
    if (!decoded) {
        return decoded.error();
    }
    const QString& text = *decoded;
    m_expectedEntries = data.count('\n') + 1;
    if (QStringView(text).trimmed().isEmpty()) {
        return parseError(m_fileName, 0, {}, QStringLiteral("the file is empty"));
    }
    CsvScanner scanner(text, m_mapping.delimiter, m_mapping.quote);
    std::optional<Error> pendingSummary; // a summary-like line after the last entry so far
    QList<int> summaryLines;
    bool anyEntry = false;
    for (int record = 0; scanner.next(); ++record) {
        if (record < m_mapping.firstDataLine) {
            if (record == m_mapping.headerLine) {
                if (auto st = checkHeader(scanner); !st) {
                    return st.error();
                }
            } else {
                notePreamble(scanner);
            }
            continue;
        }
        if (scanner.isBlank()) {
            continue;
        }
        Row row;
        if (auto st = readRow(scanner, row); !st) {
            if (scanner.unclosedQuoteLine() == 0 && isSummaryRow(scanner)) {
                if (!pendingSummary) {
                    pendingSummary = st.error();
                }
                summaryLines.append(scanner.line());
                continue;
            }
            if (scanner.unclosedQuoteLine() > 0) {
                break;
            }
            return st.error();
        }
        if (pendingSummary) {
            if (anyEntry) {
                return *pendingSummary; // between entries: not a summary after all
            }
            for (const int line : summaryLines) {
                m_warnings.append(QStringLiteral("line %1: skipped a line that is not an entry").arg(line));
            }
            pendingSummary.reset();
            summaryLines.clear();
        }
        addEntry(scanner, std::move(row));
        anyEntry = true;
    }
    if (scanner.unclosedQuoteLine() > 0) {
        return parseError(m_fileName, scanner.unclosedQuoteLine(), {},
                          QStringLiteral("a quoted field starts here and is never closed"));
    }
    for (const int line : summaryLines) {
        m_warnings.append(QStringLiteral("line %1: skipped a line that is not an entry").arg(line));
    }
    if (m_statements.isEmpty()) {
        Statement statement;
        statement.account.iban = m_preambleIban;
        m_statements.append(statement);
        m_balances.emplace_back();
        m_warnings.append(QStringLiteral("the file has no entries"));
    }
    for (qsizetype i = 0; i < m_statements.size(); ++i) {
        Statement& statement = m_statements[i];
        QString common;
        for (const StatementEntry& e : statement.entries) {
            const QString code = e.amount.currency().code();
            common = common.isEmpty() || common == code ? code : QStringLiteral("*");
        }
        statement.account.currency = common == u"*" ? QString() : (common.isEmpty() ? m_mapping.currency : common);
        if (m_roles.balance >= 0) {
            applyBalances(statement, m_balances[i]);
        }
    }
    StatementFile file;
    file.format = StatementFormat::Csv;
    file.variant = m_mapping.presetName.isEmpty() ? QStringLiteral("CSV")
                                                  : QStringLiteral("CSV (%1)").arg(m_mapping.presetName);
    file.fileName = m_fileName;
    file.statements = std::move(m_statements);
    file.warnings = m_warnings;
    return file;
}

// Each record on its own, as readCsv would take it: the preview goes on after a bad row, so that
// the wizard can show every row's problem at once.
QList<CsvPreviewRow> CsvFileReader::preview(QStringView text, qsizetype maxRecords, bool whole)
{
    using Kind = CsvPreviewRow::Kind;
    QList<CsvPreviewRow> rows;
    CsvScanner scanner(text, m_mapping.delimiter, m_mapping.quote);
    for (int record = 0; record < maxRecords && scanner.next(); ++record) {
        CsvPreviewRow row;
        row.record = record;
        row.line = scanner.line();
        row.cells = scanner.cells();
        Status status;
        if (record == m_mapping.headerLine) {
            row.kind = Kind::Header;
            status = checkHeader(scanner);
        } else if (record < m_mapping.firstDataLine) {
            row.kind = Kind::Preamble;
        } else if (scanner.isBlank()) {
            row.kind = Kind::Blank;
        } else {
            Row read;
            status = readRow(scanner, read);
            if (status) {
                row.kind = Kind::Entry;
                row.entry = std::move(read.entry);
            } else {
                row.kind = scanner.unclosedQuoteLine() == 0 && isSummaryRow(scanner) ? Kind::Skipped : Kind::Error;
            }
        }
        if (!status) {
            row.kind = row.kind == Kind::Header ? Kind::Error : row.kind;
            row.message = rowMessage(status.error(), row.line);
        }
        if (whole && scanner.unclosedQuoteLine() > 0) {
            row.kind = Kind::Error;
            row.message = QStringLiteral("a quoted field starts here and is never closed");
        }
        rows.append(std::move(row));
    }
    // A line that is no entry between two entries is an error, as readCsv has it.
    const auto isEntry = [](const CsvPreviewRow& r) { return r.kind == Kind::Entry; };
    const auto first = std::find_if(rows.begin(), rows.end(), isEntry);
    const auto last = std::find_if(rows.rbegin(), rows.rend(), isEntry).base();
    for (auto it = first; it < last; ++it) {
        if (it->kind == Kind::Skipped) {
            it->kind = Kind::Error;
        }
    }
    return rows;
}

// Opening and closing balances from a running-balance column, only when the order of the file is
// certain: consecutive balances must follow the amounts in one direction (or, with a single
// balance, the dates must run one way).
void CsvFileReader::applyBalances(Statement& statement, const std::vector<std::optional<Money>>& balances)
{
    const QList<StatementEntry>& entries = statement.entries;
    const auto n = static_cast<qsizetype>(entries.size());
    QList<qsizetype> withBalance;
    for (qsizetype i = 0; i < n; ++i) {
        if (balances[i]) {
            withBalance.append(i);
        }
    }
    const QString column = columnLabel(m_roles.balance);
    if (withBalance.isEmpty()) {
        return;
    }
    if (statement.account.currency.isEmpty()) {
        m_warnings.append(QStringLiteral("%1: entries in several currencies; no opening or closing balance").arg(column));
        return;
    }
    // prefix[k] = sum of the first k amounts
    std::vector<Money> prefix(static_cast<size_t>(n) + 1, Money::fromMicros(0, entries.front().amount.currency()));
    for (qsizetype i = 0; i < n; ++i) {
        auto sum = prefix[i].plus(entries[i].amount);
        if (!sum) {
            m_warnings.append(QStringLiteral("%1: %2").arg(column, sum.error().message()));
            return;
        }
        prefix[i + 1] = *sum;
    }
    auto sumOf = [&](qsizetype from, qsizetype to) { return prefix[to].minus(prefix[from]); }; // amounts [from, to)
    bool oldestFirst = true;
    bool newestFirst = true;
    int breakLine = 0;
    for (qsizetype k = 1; k < withBalance.size(); ++k) {
        const qsizetype i = withBalance[k - 1];
        const qsizetype j = withBalance[k];
        const auto up = balances[j]->minus(*balances[i]);
        const auto down = balances[i]->minus(*balances[j]);
        const auto after = sumOf(i + 1, j + 1);
        const auto before = sumOf(i, j);
        oldestFirst = oldestFirst && up && after && *up == *after;
        newestFirst = newestFirst && down && before && *down == *before;
        if (!oldestFirst && !newestFirst && breakLine == 0) {
            breakLine = entries[j].sourceLine;
        }
    }
    if (withBalance.size() >= 2 && !oldestFirst && !newestFirst) {
        m_warnings.append(QStringLiteral("%1 does not follow the amounts (line %2); no opening or closing balance was "
                                         "taken from it")
                              .arg(column)
                              .arg(breakLine));
        return;
    }
    if (oldestFirst == newestFirst) {
        bool ascending = true;
        bool descending = true;
        for (qsizetype i = 1; i < n; ++i) {
            ascending = ascending && entries[i - 1].bookingDate <= entries[i].bookingDate;
            descending = descending && entries[i - 1].bookingDate >= entries[i].bookingDate;
        }
        oldestFirst = ascending && !descending;
        newestFirst = descending && !ascending;
        if (oldestFirst == newestFirst) {
            m_warnings.append(QStringLiteral("%1: the order of the entries is not clear; no opening or closing "
                                             "balance was taken from it")
                                  .arg(column));
            return;
        }
    }
    const qsizetype first = withBalance.front();
    const qsizetype last = withBalance.back();
    Result<Money> opening = Money();
    Result<Money> closing = Money();
    if (oldestFirst) {
        const auto before = sumOf(0, first + 1);
        const auto after = sumOf(last + 1, n);
        opening = before ? balances[first]->minus(*before) : Result<Money>(before.error());
        closing = after ? balances[last]->plus(*after) : Result<Money>(after.error());
        statement.openingDate = entries.front().bookingDate;
        statement.closingDate = entries.back().bookingDate;
    } else {
        const auto newer = sumOf(0, first);
        const auto older = sumOf(last, n);
        closing = newer ? balances[first]->plus(*newer) : Result<Money>(newer.error());
        opening = older ? balances[last]->minus(*older) : Result<Money>(older.error());
        statement.openingDate = entries.back().bookingDate;
        statement.closingDate = entries.front().bookingDate;
    }
    if (!opening || !closing) {
        m_warnings.append(QStringLiteral("%1: %2").arg(column, (!opening ? opening : closing).error().message()));
        return;
    }
    statement.openingBalance = *opening;
    statement.closingBalance = *closing;
    m_warnings.append(QStringLiteral("opening and closing balances come from %1 (the file lists the %2 entry first)")
                          .arg(column, oldestFirst ? QStringLiteral("oldest") : QStringLiteral("newest")));
}

} // namespace

Result<StatementFile> readCsv(const QByteArray& data, const QString& fileName, const CsvMapping& mapping)
{
    if (auto st = validateMapping(mapping); !st) {
        return st.error();
    }
    return CsvFileReader(fileName, mapping).read(data);
}

Result<QList<CsvPreviewRow>> previewCsv(const QByteArray& data, const QString& fileName, const CsvMapping& mapping,
                                        int maxRecords)
{
    if (auto st = validateMapping(mapping); !st) {
        return st.error();
    }
    bool whole = false;
    auto text = decodeHead(data, mapping.encoding, mapping.delimiter, mapping.quote, maxRecords, fileName, &whole);
    if (!text) {
        return text.error();
    }
    return CsvFileReader(fileName, mapping).preview(*text, maxRecords, whole);
}

} // namespace flowlet::ingest
