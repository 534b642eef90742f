#include "Mt940Reader.h"

#include "core/Iban.h"

#include <QStringDecoder>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <utility>

namespace flowlet::ingest {

using namespace Qt::StringLiterals;

namespace {

// SWIFT allows 65 characters per line of :86:. Banks that cut the text at that limit cut wherever it
// falls, often mid-word, so a full line joins the next without a space; a shorter line ended at a
// word boundary that the bank dropped.
constexpr int kFullInfoLine = 65;
// The German ?20..?29 and ?32/?33 sub-fields hold 27 characters each; a full one was cut the same way.
constexpr int kFullGvcSubfield = 27;

// ---------------------------------------------------------------------------------------------
// Decoding

struct DecodedText
{
    QString text;
    QString assumedEncoding; // empty when the bytes were valid UTF-8
};

using HighHalf = std::array<QChar, 128>;

std::optional<HighHalf> highHalfOf(const char* encoding)
{
    QStringDecoder decoder(encoding);
    if (!decoder.isValid()) {
        return std::nullopt;
    }
    QByteArray bytes(128, '\0');
    for (int i = 0; i < 128; ++i) {
        bytes[i] = char(0x80 + i);
    }
    const QString decoded = decoder.decode(bytes);
    if (decoded.size() != 128) {
        return std::nullopt;
    }
    HighHalf table;
    for (int i = 0; i < 128; ++i) {
        table[size_t(i)] = decoded.at(i);
    }
    return table;
}

bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isLatinLetter(QChar c)
{
    return c.unicode() >= 0xC0 && c.unicode() <= 0x24F && c.isLetter();
}

// How plausible the text is in a legacy code page: an accented Latin letter counts for it, more so
// when its case matches the ASCII letters around it ("Straße", "ŁÓDŹ"); box-drawing, symbols and
// control characters count against it. CP852 puts box-drawing where windows-1252 has ÄÖÜß, and
// windows-1252 puts symbols (¥ © ¾ ˆ) where CP852 has ąężł, so the right code page wins clearly.
int legacyScore(const QByteArray& data, const HighHalf& table)
{
    int score = 0;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const auto b = uchar(data[i]);
        if (b < 0x80) {
            continue;
        }
        const QChar c = table[size_t(b - 0x80)];
        if (!isLatinLetter(c)) {
            --score;
            continue;
        }
        ++score;
        for (qsizetype j : {i - 1, i + 1}) {
            if (j < 0 || j >= data.size() || !isAsciiLetter(data[j])) {
                continue;
            }
            const bool neighbourLower = data[j] >= 'a';
            if (neighbourLower == c.isLower()) {
                ++score;
                break;
            }
        }
    }
    return score;
}

DecodedText decode(const QByteArray& data)
{
    QByteArrayView bytes(data);
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        bytes = bytes.sliced(3);
    }
    QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (!utf8.hasError()) {
        return {text, {}};
    }

    const auto western = highHalfOf("windows-1252");
    const auto central = highHalfOf("IBM852");
    if (central && (!western || legacyScore(data, *central) > legacyScore(data, *western))) {
        QStringDecoder cp852("IBM852");
        return {cp852.decode(data), QStringLiteral("CP852 (IBM852, Central European)")};
    }
    if (western) {
        QStringDecoder cp1252("windows-1252");
        return {cp1252.decode(data), QStringLiteral("windows-1252 (Western European)")};
    }
    return {QString::fromLatin1(data), QStringLiteral("ISO-8859-1 (Latin-1)")};
}

// ---------------------------------------------------------------------------------------------
// Lexing: lines → fields, with SWIFT framing and bank header lines removed

struct Field
{
    QString tag;       // "20", "61", "60F", ...; empty for the end of a message ("-" line)
    int line = 0;
    QStringList lines; // lines[0] is what follows the tag on its line
    bool interimHint = false; // the framing or a header line said MT942

    bool isEnd() const { return tag.isEmpty(); }
    QString element() const { return u':' + tag + u':'; }
};

struct Lexed
{
    QList<Field> fields;
    int lastLine = 0;      // the last line with text on it
    int openBlockLine = 0; // line of a "{4:" never closed by "-}", 0 when none
};

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isUpper(QChar c)
{
    return c >= u'A' && c <= u'Z';
}

bool allDigits(QStringView s)
{
    for (QChar c : s) {
        if (!isDigit(c)) {
            return false;
        }
    }
    return !s.isEmpty();
}

// Length of a field tag at the start of the line (":61:" → 4, ":60F:" → 5), 0 when there is none.
// SWIFT forbids field content lines that start with ':', so this cannot misread a continuation.
qsizetype tagLength(QStringView line)
{
    if (line.size() < 4 || line[0] != u':') {
        return 0;
    }
    const qsizetype close = line.indexOf(u':', 1);
    if (close != 3 && close != 4) {
        return 0;
    }
    const QStringView tag = line.mid(1, close - 1);
    const bool twoDigits = isDigit(tag[0]) && isDigit(tag[1]);
    if (tag.size() == 2 && (twoDigits || tag == u"NS")) {
        return close + 1;
    }
    if (tag.size() == 3 && twoDigits && (isUpper(tag[2]) || isDigit(tag[2]))) {
        return close + 1;
    }
    return 0;
}

// "-" ends a message, "-}" a SWIFT text block, "-XXX" an ING file. Other lines that start with '-'
// are text that a bank cut at a fixed width ("...12" / "-01-2023"), although SWIFT forbids it.
bool isEndOfMessage(QStringView line)
{
    if (!line.startsWith(u'-') || line.startsWith(u"-}")) {
        return line.startsWith(u'-');
    }
    const QStringView rest = line.mid(1).trimmed();
    return rest.size() <= 4 && std::all_of(rest.begin(), rest.end(), [](QChar c) { return isUpper(c); });
}

bool isPseudoTag(QStringView tag)
{
    return tag.size() == 3 && allDigits(tag); // Rabobank's ":940:" header line
}

class Lexer
{
public:
    Lexed run(const QString& text)
    {
        qsizetype start = 0;
        int lineNo = 0;
        while (start <= text.size()) {
            qsizetype end = text.indexOf(u'\n', start);
            if (end < 0) {
                end = text.size();
            }
            ++lineNo;
            const QStringView line = QStringView(text).mid(start, end - start);
            if (!line.trimmed().isEmpty()) {
                m_out.lastLine = lineNo;
            }
            onLine(line, lineNo);
            start = end + 1;
        }
        return std::move(m_out);
    }

private:
    void onLine(QStringView line, int lineNo)
    {
        while (true) {
            line = stripBlocks(line, lineNo);
            if (isEndOfMessage(line)) {
                endMessage(lineNo);
                if (!line.startsWith(u"-}")) {
                    return; // "-", or ING's "-XXX" trailer
                }
                m_out.openBlockLine = 0;
                line = line.mid(2); // "{5:{CHK:...}}" and maybe the next message's header
                continue;
            }
            break;
        }
        if (line.trimmed().isEmpty()) {
            return;
        }
        if (const qsizetype n = tagLength(line); n > 0) {
            const QStringView tag = line.mid(1, n - 2);
            if (isPseudoTag(tag)) {
                noteHeader(tag);
                m_current = -1;
                return;
            }
            m_out.fields.append(Field{tag.toString(), lineNo, {line.mid(n).toString()}, m_interimHint});
            m_current = m_out.fields.size() - 1;
            return;
        }
        if (m_current >= 0) {
            m_out.fields[m_current].lines.append(line.toString());
            return;
        }
        noteHeader(line.trimmed()); // "ABNANL2A", "940", "0000 01INGBNL2AXXXX00001", "940 00"
    }

    // Removes leading SWIFT blocks "{1:...}{2:...}{3:{108:...}}" and "{5:...}"; "{4:" opens the text
    // block whose fields follow, possibly on the same line.
    QStringView stripBlocks(QStringView line, int lineNo)
    {
        while (line.startsWith(u'{')) {
            const qsizetype colon = line.indexOf(u':');
            if (colon < 0) {
                return {};
            }
            const QStringView id = line.mid(1, colon - 1);
            if (id == u"4") {
                m_out.openBlockLine = lineNo;
                return line.mid(colon + 1);
            }
            qsizetype close = -1;
            int depth = 0;
            for (qsizetype i = 0; i < line.size() && close < 0; ++i) {
                if (line[i] == u'{') {
                    ++depth;
                } else if (line[i] == u'}' && --depth == 0) {
                    close = i;
                }
            }
            if (id == u"2") {
                // "{2:O940...}" (output) or "{2:I942...}" (input): the message type.
                noteHeader(line.mid(colon + 2, 3));
            }
            if (close < 0) {
                return {};
            }
            line = line.mid(close + 1);
        }
        return line;
    }

    void noteHeader(QStringView text)
    {
        if (text.startsWith(u"942")) {
            m_interimHint = true;
        } else if (text.startsWith(u"940")) {
            m_interimHint = false;
        }
    }

    void endMessage(int lineNo)
    {
        if (!m_out.fields.isEmpty() && !m_out.fields.constLast().isEnd()) {
            m_out.fields.append(Field{QString(), lineNo, {}, m_interimHint});
        }
        m_current = -1;
        m_interimHint = false;
    }

    Lexed m_out;
    qsizetype m_current = -1; // index of the field that continuation lines belong to
    bool m_interimHint = false;
};

// ---------------------------------------------------------------------------------------------
// Values

// SWIFT years have two digits; a statement from before 1980 is not going to be imported.
std::optional<QDate> dateFromYymmdd(QStringView text)
{
    if (text.size() != 6 || !allDigits(text)) {
        return std::nullopt;
    }
    const int yy = text.left(2).toInt();
    const QDate date(yy < 80 ? 2000 + yy : 1900 + yy, text.mid(2, 2).toInt(), text.mid(4, 2).toInt());
    return date.isValid() ? std::optional(date) : std::nullopt;
}

// The entry date has no year: take the one that puts it closest to the value date, so that an entry
// booked on 2 January for a value date of 31 December lands in the new year.
std::optional<QDate> entryDateNear(QStringView mmdd, const QDate& valueDate)
{
    const int month = mmdd.left(2).toInt();
    const int day = mmdd.mid(2, 2).toInt();
    std::optional<QDate> best;
    for (int year = valueDate.year() - 1; year <= valueDate.year() + 1; ++year) {
        const QDate candidate(year, month, day);
        if (candidate.isValid()
            && (!best || std::abs(candidate.daysTo(valueDate)) < std::abs(best->daysTo(valueDate)))) {
            best = candidate;
        }
    }
    return best;
}

// "000001234,5" → "1234.5"; "0," → "0". Only digits and one decimal comma: a '.' could be a grouping
// or a decimal mark, and guessing wrong would import a wrong amount.
std::optional<QString> canonicalAmount(QStringView text)
{
    const qsizetype comma = text.indexOf(u',');
    QStringView whole = comma < 0 ? text : text.left(comma);
    const QStringView fraction = comma < 0 ? QStringView() : text.mid(comma + 1);
    if ((whole.isEmpty() && fraction.isEmpty()) || (!whole.isEmpty() && !allDigits(whole))
        || (!fraction.isEmpty() && !allDigits(fraction))) {
        return std::nullopt;
    }
    while (whole.size() > 1 && whole[0] == u'0') {
        whole = whole.mid(1);
    }
    QString canonical = whole.isEmpty() ? QStringLiteral("0") : whole.toString();
    if (!fraction.isEmpty()) {
        canonical += u'.' + fraction.toString();
    }
    return canonical;
}

QString quoted(QStringView text)
{
    return u'"' + text.toString() + u'"';
}

QString foundText(QStringView rest)
{
    return rest.isEmpty() ? QStringLiteral("the end of the line") : quoted(rest.left(12));
}

bool isBic(QStringView text)
{
    if (text.size() != 8 && text.size() != 11) {
        return false;
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(isUpper(text[i]) || (i >= 6 && isDigit(text[i])))) {
            return false;
        }
    }
    return true;
}

struct AccountText
{
    StatementAccount account;
    QString suffixCurrency;
    bool badCheckDigits = false;
};

// :25: comes as an IBAN, "BLZ/Konto" (German), "BIC/IBAN", or a domestic number, any of them
// possibly followed by the account currency ("NL69INGB0123456789EUR", "123456789EUR").
AccountText accountFrom(QStringView text)
{
    AccountText out;
    QStringView rest = text.trimmed();
    if (const qsizetype slash = rest.indexOf(u'/'); slash > 0) {
        const QStringView left = rest.left(slash).trimmed();
        if ((left.size() == 8 && allDigits(left)) || isBic(left)) {
            out.account.bankCode = left.toString();
            rest = rest.mid(slash + 1).trimmed();
        }
    }
    if (Iban::hasValidCheckDigits(Iban::compact(rest))) {
        out.account.iban = Iban::compact(rest);
        return out;
    }
    const QStringView suffix = rest.right(3);
    if (rest.size() > 3 && isUpper(suffix[0]) && isUpper(suffix[1]) && isUpper(suffix[2])
        && !isUpper(rest[rest.size() - 4]) && Currency::fromCode(suffix)) {
        out.suffixCurrency = suffix.toString();
        rest = rest.chopped(3).trimmed();
    }
    const QString compact = Iban::compact(rest);
    if (Iban::isShaped(compact)) {
        out.account.iban = compact;
        out.badCheckDigits = !Iban::hasValidCheckDigits(compact);
        return out;
    }
    out.account.number = rest.toString();
    return out;
}

// Soft hyphens, tabs and runs of spaces are artefacts of the bank's layout, not of the text.
QString cleanText(QString text)
{
    text.remove(QChar(0x00AD));
    return text.simplified();
}

bool isReferencePlaceholder(QStringView ref)
{
    // "NONREF" says there is none; Rabobank's "EREF" and German "KREF+" say "see :86:".
    static const QStringList placeholders = {u"NONREF"_s, u"NOTPROVIDED"_s, u"EREF"_s, u"KREF"_s,
                                             u"MREF"_s,   u"EREF+"_s,       u"KREF+"_s, u"MREF+"_s};
    return ref.isEmpty() || placeholders.contains(ref.toString(), Qt::CaseInsensitive);
}

// ---------------------------------------------------------------------------------------------
// :86: information to account owner

struct Information
{
    QString code;        // German GVC
    QString bookingText; // German ?00, slash /TRTP/
    QString name;
    QString account;
    QString bankCode;
    QString endToEndId;
    QString reference;
    QString text;
};

QString joinedDirectly(const QStringList& lines)
{
    return lines.join(QString());
}

// Text pieces of a fixed width: a full piece was cut mid-word, a shorter one ended a word. Records
// where each piece starts in the result and where a space was put between two pieces.
QString joinFixedWidth(const QStringList& pieces, int width, QList<qsizetype>* starts = nullptr,
                       QList<qsizetype>* softBreaks = nullptr)
{
    QString out;
    qsizetype previous = width;
    for (const QString& piece : pieces) {
        if (!out.isEmpty() && previous < width) {
            if (softBreaks) {
                softBreaks->append(out.size());
            }
            out += u' ';
        }
        if (starts) {
            starts->append(out.size());
        }
        out += piece;
        previous = piece.size();
    }
    return out;
}

void appendText(QString& to, QStringView text)
{
    const QString clean = cleanText(text.toString());
    if (clean.isEmpty()) {
        return;
    }
    if (!to.isEmpty()) {
        to += u' ';
    }
    to += clean;
}

void setIfEmpty(QString& to, QStringView value)
{
    const QString clean = cleanText(value.toString());
    if (to.isEmpty() && !clean.isEmpty()) {
        to = clean;
    }
}

// --- German DFÜ structure: "166?00GUTSCHRIFT?20EREF+...?21SVWZ+...?30BIC?31IBAN?32Name"

bool isGvcStructured(QStringView text)
{
    return text.size() >= 6 && allDigits(text.left(3)) && text[3] == u'?' && isDigit(text[4]) && isDigit(text[5]);
}

struct SepaKeyHit
{
    qsizetype at = 0;
    QString key;
    qsizetype valueStart = 0;
};

// The SEPA keys German banks write into ?20..?29 ("EREF+", "SVWZ+", ...). A key counts where a
// sub-field starts, after a space, or at the start of the text.
QList<SepaKeyHit> sepaKeys(const QString& text, const QList<qsizetype>& pieceStarts)
{
    static const QStringList keys = {u"EREF"_s, u"KREF"_s, u"MREF"_s, u"CRED"_s, u"DEBT"_s,
                                     u"SVWZ"_s, u"ABWA"_s, u"ABWE"_s, u"IBAN"_s, u"BIC"_s,
                                     u"COAM"_s, u"OAMT"_s, u"PURP"_s};
    QList<SepaKeyHit> hits;
    qsizetype nextPiece = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        while (nextPiece < pieceStarts.size() && pieceStarts[nextPiece] < i) {
            ++nextPiece;
        }
        const bool atPieceStart = nextPiece < pieceStarts.size() && pieceStarts[nextPiece] == i;
        if (!(i == 0 || text[i - 1] == u' ' || atPieceStart) || !isUpper(text[i])
            || !((i + 3 < text.size() && text[i + 3] == u'+') || (i + 4 < text.size() && text[i + 4] == u'+'))) {
            continue;
        }
        for (const QString& key : keys) {
            const qsizetype plus = i + key.size();
            if (plus < text.size() && text[plus] == u'+' && QStringView(text).mid(i, key.size()) == key) {
                hits.append({i, key, plus + 1});
                i = plus;
                break;
            }
        }
    }
    return hits;
}

void applySepaValue(Information& info, const QString& key, QStringView value, QString& extras)
{
    const QString clean = cleanText(value.toString());
    if (clean.isEmpty()) {
        return;
    }
    if (key == u"EREF") {
        if (!isReferencePlaceholder(clean)) {
            setIfEmpty(info.endToEndId, clean);
        }
    } else if (key == u"KREF") {
        if (!isReferencePlaceholder(clean)) {
            setIfEmpty(info.reference, clean);
        }
    } else if (key == u"IBAN") {
        setIfEmpty(info.account, clean);
    } else if (key == u"BIC") {
        setIfEmpty(info.bankCode, clean);
    } else {
        appendText(extras, QString(key + u'+' + clean)); // mandate, creditor id, ultimate parties
    }
}

// ?20..?29 and ?60..?63 joined, then split at the SEPA keys. The value of a key other than SVWZ
// ends where a sub-field ended short: what follows is free text, not part of, say, the EREF.
void splitRemittance(Information& info, const QStringList& pieces)
{
    QList<qsizetype> starts;
    QList<qsizetype> softBreaks;
    const QString text = joinFixedWidth(pieces, kFullGvcSubfield, &starts, &softBreaks);
    const QList<SepaKeyHit> hits = sepaKeys(text, starts);
    QString remittance;
    QString extras;
    appendText(remittance, QStringView(text).left(hits.isEmpty() ? text.size() : hits.first().at));
    for (qsizetype h = 0; h < hits.size(); ++h) {
        const SepaKeyHit& hit = hits[h];
        const qsizetype end = h + 1 < hits.size() ? hits[h + 1].at : text.size();
        qsizetype valueEnd = end;
        if (hit.key != u"SVWZ") {
            for (qsizetype b : softBreaks) {
                if (b > hit.valueStart && b < end) {
                    valueEnd = b;
                    break;
                }
            }
        }
        const QStringView value = QStringView(text).mid(hit.valueStart, valueEnd - hit.valueStart);
        if (hit.key == u"SVWZ") {
            appendText(remittance, value);
        } else {
            applySepaValue(info, hit.key, value, extras);
        }
        appendText(remittance, QStringView(text).mid(valueEnd, end - valueEnd));
    }
    appendText(info.text, remittance);
    appendText(info.text, extras);
}

Information parseGvc(const QString& text)
{
    Information info;
    info.code = text.left(3);
    QStringList remittance;
    QStringList names;
    QList<std::pair<int, QStringList>> others; // unknown sub-fields, grouped by their tens
    qsizetype i = 3;
    while (i + 2 < text.size()) {
        const int key = QStringView(text).mid(i + 1, 2).toInt();
        qsizetype end = i + 3;
        while (end < text.size()
               && !(text[end] == u'?' && end + 2 < text.size() && isDigit(text[end + 1]) && isDigit(text[end + 2]))) {
            ++end;
        }
        const QString value = text.mid(i + 3, end - i - 3);
        if (key == 0) {
            info.bookingText = cleanText(value);
        } else if ((key >= 20 && key <= 29) || (key >= 60 && key <= 63)) {
            remittance.append(value);
        } else if (key == 30) {
            info.bankCode = cleanText(value);
        } else if (key == 31) {
            info.account = Iban::compact(value);
        } else if (key == 32 || key == 33) {
            names.append(value);
        } else if (key != 10 && key != 34) { // primanota and text key extension mean nothing to a person
            if (others.isEmpty() || others.constLast().first != key / 10) {
                others.append(std::pair(key / 10, QStringList()));
            }
            others.last().second.append(value);
        }
        i = end;
    }
    info.name = cleanText(joinFixedWidth(names, kFullGvcSubfield));
    splitRemittance(info, remittance);
    for (const auto& group : std::as_const(others)) {
        appendText(info.text, joinFixedWidth(group.second, kFullGvcSubfield));
    }
    return info;
}

// --- Slash structure (Rabobank, ING, ABN AMRO SEPA): "/EREF/.../BENM//NAME/.../REMI/.../"

const QStringList& slashKeys()
{
    static const QStringList keys = {
        u"EREF"_s, u"PREF"_s, u"MARF"_s, u"CSID"_s, u"BENM"_s, u"ORDP"_s,    u"NAME"_s,
        u"ID"_s,   u"ADDR"_s, u"REMI"_s, u"USTD"_s, u"STRD"_s, u"CDTRREFTP"_s, u"CDTRREF"_s,
        u"CD"_s,   u"SCOR"_s, u"ISSR"_s, u"ISDT"_s, u"TRTP"_s, u"IBAN"_s,    u"BIC"_s,
        u"RTRN"_s, u"ULTC"_s, u"ULTD"_s, u"ULTB"_s, u"PURP"_s, u"CNTP"_s,    u"SVCL"_s,
        u"EXCH"_s, u"OCMT"_s, u"CHGS"_s, u"COAM"_s, u"IREF"_s};
    return keys;
}

// The key starting at text[at] == '/', with its closing '/' (or the end of the text) after it.
QString slashKeyAt(QStringView text, qsizetype at)
{
    qsizetype close = text.indexOf(u'/', at + 1);
    if (close < 0) {
        close = text.size();
    }
    const QStringView candidate = text.mid(at + 1, close - at - 1);
    if (candidate.size() < 2 || candidate.size() > 9 || !isUpper(candidate[0])) {
        return {};
    }
    for (const QString& key : slashKeys()) {
        if (key.size() == candidate.size() && candidate == key) {
            return key;
        }
    }
    return {};
}

bool isSlashStructured(QStringView text)
{
    return text.startsWith(u'/') && !slashKeyAt(text, 0).isEmpty();
}

void applySlashValue(Information& info, const QString& key, QStringView value, const QString& party, QString& extras)
{
    const bool counterparty = party.isEmpty() || party == u"BENM" || party == u"ORDP";
    if (key == u"EREF") {
        if (!isReferencePlaceholder(cleanText(value.toString()))) {
            setIfEmpty(info.endToEndId, value);
        }
    } else if (key == u"CDTRREF") {
        setIfEmpty(info.reference, value);
    } else if (key == u"NAME" && counterparty) {
        setIfEmpty(info.name, value);
    } else if (key == u"IBAN" && counterparty) {
        setIfEmpty(info.account, Iban::compact(value));
    } else if (key == u"BIC" && counterparty) {
        setIfEmpty(info.bankCode, value);
    } else if (key == u"CNTP") {
        // Positional: account/BIC/name/city.
        const QList<QStringView> parts = value.split(u'/');
        setIfEmpty(info.account, parts.size() > 0 ? Iban::compact(parts[0]) : QString());
        setIfEmpty(info.bankCode, parts.size() > 1 ? parts[1] : QStringView());
        setIfEmpty(info.name, parts.size() > 2 ? parts[2] : QStringView());
    } else if (key == u"REMI" || key == u"USTD") {
        appendText(info.text, value);
    } else if (key == u"TRTP") {
        setIfEmpty(info.bookingText, value);
    } else if (key == u"MARF" || key == u"CSID" || key == u"RTRN") {
        const QString clean = cleanText(value.toString());
        if (!clean.isEmpty()) {
            appendText(extras, QString(key + u'/' + clean));
        }
    }
}

Information parseSlashed(const QString& text)
{
    Information info;
    QString party;
    QString extras;
    qsizetype at = 0;
    QString key = slashKeyAt(text, 0);
    while (!key.isEmpty()) {
        const qsizetype valueStart = at + 1 + key.size() + 1;
        // The closing '/' of a key may open the next one ("/BENM//NAME/", "/REMI/USTD//...").
        qsizetype next = at + 1 + key.size();
        QString nextKey;
        for (; next < text.size(); ++next) {
            if (text[next] == u'/' && !(nextKey = slashKeyAt(text, next)).isEmpty()) {
                break;
            }
        }
        QStringView value = QStringView(text).mid(qMin(valueStart, text.size()));
        value = value.left(qMax<qsizetype>(0, next - valueStart));
        while (value.startsWith(u'/')) {
            value = value.mid(1);
        }
        while (value.endsWith(u'/')) {
            value.chop(1);
        }
        if (key == u"BENM" || key == u"ORDP" || key == u"ULTC" || key == u"ULTD" || key == u"ULTB") {
            party = key;
        }
        applySlashValue(info, key, value, party, extras);
        at = next;
        key = nextKey;
    }
    appendText(info.text, extras);
    return info;
}

// --- Free text (ABN AMRO, old ING, PostFinance)

QString joinFreeText(const QStringList& lines)
{
    QString out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0 && lines[i - 1].size() < kFullInfoLine) {
            out += u' ';
        }
        out += lines[i];
    }
    return out;
}

// ABN AMRO's old layout opens with the other side's account, "GIRO   428428" (Postbank giro) or
// "52.89.39.882" (bank account), and the name after it up to a column gap of two spaces.
// Both shapes are distinctive enough that other banks' free text does not match by accident.
qsizetype abnAmroAccountEnd(QStringView line, QString* account)
{
    qsizetype i = 0;
    if (line.startsWith(u"GIRO ")) {
        i = 4;
        while (i < line.size() && line[i] == u' ') {
            ++i;
        }
        const qsizetype start = i;
        while (i < line.size() && isDigit(line[i])) {
            ++i;
        }
        if (i == start || i - start > 9 || (i < line.size() && line[i] != u' ')) {
            return 0;
        }
        *account = line.mid(start, i - start).toString();
        return i;
    }
    int groups = 0;
    QString digits;
    while (i < line.size() && isDigit(line[i])) {
        const qsizetype start = i;
        while (i < line.size() && isDigit(line[i])) {
            ++i;
        }
        digits += line.mid(start, i - start);
        ++groups;
        if (i < line.size() && line[i] == u'.' && i + 1 < line.size() && isDigit(line[i + 1])) {
            ++i;
        } else {
            break;
        }
    }
    if (groups != 4 || digits.size() < 9 || digits.size() > 10 || (i < line.size() && line[i] != u' ')) {
        return 0;
    }
    *account = digits;
    return i;
}

Information parseFreeText(const QStringList& lines)
{
    Information info;
    QString account;
    QStringView first = lines.first();
    if (const qsizetype end = abnAmroAccountEnd(first, &account); end > 0) {
        qsizetype nameStart = end;
        while (nameStart < first.size() && first[nameStart] == u' ') {
            ++nameStart;
        }
        qsizetype nameEnd = first.indexOf(u"  ", nameStart);
        if (nameEnd < 0) {
            nameEnd = first.size();
        }
        const QString name = cleanText(first.mid(nameStart, nameEnd - nameStart).toString());
        if (!name.isEmpty()) {
            info.account = account;
            info.name = name;
            QStringList rest = lines;
            rest.first() = first.mid(nameEnd).toString();
            info.text = cleanText(rest.join(u' '));
            return info;
        }
    }
    info.text = cleanText(joinFreeText(lines));
    return info;
}

Information parseInformation(const QStringList& lines)
{
    const QString direct = joinedDirectly(lines);
    if (isGvcStructured(direct)) {
        return parseGvc(direct);
    }
    if (isSlashStructured(direct)) {
        return parseSlashed(direct);
    }
    return parseFreeText(lines);
}

// ---------------------------------------------------------------------------------------------
// Building statements

struct Balance
{
    QDate date;
    Money amount;
};

struct Totals
{
    int count = 0;
    Money sum;
    int line = 0;
};

struct OpenStatement
{
    Statement statement;
    QString reference; // :20:
    QString sequence;  // :28C:
    int firstLine = 0;
    bool hasAccount = false;
    bool interimHint = false;
    bool hasInterimFields = false; // :34F: or :13D:
    std::optional<Currency> currency;
    QString suffixCurrency; // from :25:
    bool closed = false;    // :62F:/:62M: seen
    std::optional<Totals> debits;
    std::optional<Totals> credits;

    bool interim() const { return interimHint || (hasInterimFields && !statement.openingBalance); }
    QString label() const { return quoted(reference); }
};

class Mt940Builder
{
public:
    explicit Mt940Builder(QString fileName)
        : m_fileName(std::move(fileName))
    {
    }

    Result<StatementFile> build(const Lexed& lexed, const QString& assumedEncoding);

private:
    Status onField(const Field& field);
    Status openStatement(const Field& field);
    Status closeStatement(int endLine);
    Status onAccount(const Field& field);
    Status onOpeningBalance(const Field& field);
    Status onClosingBalance(const Field& field);
    Status onStatementLine(const Field& field);
    void onInformation(const Field& field);
    Status onFloorLimit(const Field& field);
    Status onDateTime(const Field& field);
    Status onTotals(const Field& field, std::optional<Totals>& totals);
    void checkBalances(const OpenStatement& open);
    void checkTotals(const OpenStatement& open);
    void applyInformation();

    Result<Currency> currencyFrom(const Field& field, QStringView code) const;
    Result<Money> amountFrom(const Field& field, QStringView text, const Currency& currency, bool negative) const;
    Result<QDate> dateFrom(const Field& field, QStringView text) const;
    Result<Balance> balanceFrom(const Field& field);

    Error error(const Field& field, const QString& what) const
    {
        return parseError(m_fileName, field.line, field.element(), what);
    }

    QString m_fileName;
    StatementFile m_file;
    std::optional<OpenStatement> m_open;
    // The entry a following :86: belongs to, with what its :61: left for it.
    qsizetype m_entryAwaitingInfo = -1;
    QStringList m_infoLines;
    QString m_supplement;
    QList<bool> m_interimFlags; // per statement read, whether it was an MT942
    // Notes gathered over the whole file, turned into one warning each.
    int m_statementInfoCount = 0;
    int m_statementInfoLine = 0;
    int m_strayLineCount = 0;
    int m_strayLine = 0;
    QStringList m_unknownTags;
};

Result<Currency> Mt940Builder::currencyFrom(const Field& field, QStringView code) const
{
    const auto currency = Currency::fromCode(code);
    if (!currency) {
        return error(field, QStringLiteral("expected an ISO 4217 currency code, found %1").arg(foundText(code)));
    }
    return *currency;
}

Result<Money> Mt940Builder::amountFrom(const Field& field, QStringView text, const Currency& currency,
                                       bool negative) const
{
    const auto canonical = canonicalAmount(text);
    if (!canonical) {
        return error(field, QStringLiteral("amount %1 is not a decimal number with a decimal comma").arg(quoted(text)));
    }
    auto money = Money::parse(negative ? u'-' + *canonical : *canonical, currency);
    if (!money) {
        return error(field, QStringLiteral("amount %1: %2").arg(quoted(text), money.error().message()));
    }
    return *money;
}

Result<QDate> Mt940Builder::dateFrom(const Field& field, QStringView text) const
{
    const auto date = dateFromYymmdd(text);
    if (!date) {
        return error(field, QStringLiteral("expected a date as YYMMDD, found %1").arg(foundText(text)));
    }
    return *date;
}

// "C090930EUR53126,94": credit/debit mark, date, currency, amount.
Result<Balance> Mt940Builder::balanceFrom(const Field& field)
{
    const QStringView text = QStringView(field.lines.first()).trimmed();
    if (text.isEmpty() || (text[0] != u'C' && text[0] != u'D')) {
        return error(field, QStringLiteral("expected a balance starting with C or D, found %1").arg(foundText(text)));
    }
    auto date = dateFrom(field, text.mid(1, 6));
    if (!date) {
        return date.error();
    }
    auto currency = currencyFrom(field, text.mid(7, 3));
    if (!currency) {
        return currency.error();
    }
    if (m_open->currency && !(*m_open->currency == *currency)) {
        return error(field, QStringLiteral("the balance is in %1 but the statement in %2")
                                .arg(currency->code(), m_open->currency->code()));
    }
    auto amount = amountFrom(field, text.mid(10), *currency, text[0] == u'D');
    if (!amount) {
        return amount.error();
    }
    m_open->currency = *currency;
    return Balance{*date, *amount};
}

Status Mt940Builder::openStatement(const Field& field)
{
    m_open = OpenStatement();
    m_open->reference = field.lines.first().trimmed();
    m_open->firstLine = field.line;
    m_open->interimHint = field.interimHint;
    return {};
}

Status Mt940Builder::onAccount(const Field& field)
{
    const QStringView text = QStringView(field.lines.first()).trimmed();
    if (text.isEmpty()) {
        return error(field, QStringLiteral("expected the account identification, found nothing"));
    }
    AccountText account = accountFrom(text);
    if (account.badCheckDigits) {
        m_file.warnings.append(QStringLiteral("line %1, :25:: the IBAN %2 has wrong check digits")
                                   .arg(field.line)
                                   .arg(account.account.iban));
    }
    m_open->statement.account = std::move(account.account);
    m_open->suffixCurrency = account.suffixCurrency;
    m_open->hasAccount = true;
    return {};
}

Status Mt940Builder::onOpeningBalance(const Field& field)
{
    if (!m_open->statement.entries.isEmpty()) {
        return error(field, QStringLiteral("the opening balance comes after the statement lines"));
    }
    auto balance = balanceFrom(field);
    if (!balance) {
        return balance.error();
    }
    m_open->statement.openingBalance = balance->amount;
    m_open->statement.openingDate = balance->date;
    return {};
}

Status Mt940Builder::onClosingBalance(const Field& field)
{
    if (!m_open->interim() && !m_open->statement.openingBalance) {
        return error(field, QStringLiteral("the closing balance comes before the opening balance :60F:"));
    }
    auto balance = balanceFrom(field);
    if (!balance) {
        return balance.error();
    }
    m_open->statement.closingBalance = balance->amount;
    m_open->statement.closingDate = balance->date;
    m_open->closed = true;
    return {};
}

// "YYMMDD[MMDD]{C|D|RC|RD}[funds code]amount,type(4)customer ref[//bank ref]" + supplementary line.
Status Mt940Builder::onStatementLine(const Field& field)
{
    if (m_open->closed) {
        return error(field, QStringLiteral("a statement line after the closing balance :62F:"));
    }
    if (!m_open->interim() && !m_open->statement.openingBalance) {
        return error(field, QStringLiteral("a statement line before the opening balance :60F:"));
    }
    if (!m_open->currency) {
        if (m_open->suffixCurrency.isEmpty()) {
            return error(field, QStringLiteral("no currency is known yet: expected :60F: or :34F: before it"));
        }
        m_open->currency = Currency::fromCode(m_open->suffixCurrency);
    }
    const QStringView s = QStringView(field.lines.first()).trimmed();
    auto valueDate = dateFrom(field, s.left(6));
    if (!valueDate) {
        return valueDate.error();
    }
    StatementEntry entry;
    entry.valueDate = *valueDate;
    entry.bookingDate = *valueDate;
    qsizetype p = 6;
    if (s.size() >= p + 4 && allDigits(s.mid(p, 4))) {
        const auto booked = entryDateNear(s.mid(p, 4), *valueDate);
        if (!booked) {
            return error(field, QStringLiteral("expected an entry date as MMDD, found %1").arg(quoted(s.mid(p, 4))));
        }
        entry.bookingDate = *booked;
        p += 4;
    }
    bool credit = false;
    if (p + 1 < s.size() && s[p] == u'R' && (s[p + 1] == u'C' || s[p + 1] == u'D')) {
        credit = s[p + 1] == u'D'; // reversal of a debit gives the money back
        p += 2;
    } else if (p < s.size() && (s[p] == u'C' || s[p] == u'D')) {
        credit = s[p] == u'C';
        p += 1;
    } else {
        return error(field, QStringLiteral("expected a D/C mark after the date, found %1").arg(foundText(s.mid(p, 1))));
    }
    if (p < s.size() && isUpper(s[p])) {
        ++p; // funds code, the third letter of the currency code
    }
    qsizetype amountEnd = p;
    while (amountEnd < s.size() && !isUpper(s[amountEnd])) {
        ++amountEnd;
    }
    if (amountEnd == p) {
        return error(field, QStringLiteral("expected an amount after the D/C mark, found %1").arg(foundText(s.mid(p))));
    }
    auto amount = amountFrom(field, s.mid(p, amountEnd - p), *m_open->currency, !credit);
    if (!amount) {
        return amount.error();
    }
    entry.amount = *amount;
    const QStringView type = s.mid(amountEnd, 4);
    if (type.size() != 4 || !isUpper(type[0]) || !(isUpper(type[1]) || isDigit(type[1]))
        || !(isUpper(type[2]) || isDigit(type[2])) || !(isUpper(type[3]) || isDigit(type[3]))) {
        return error(field, QStringLiteral("expected a transaction type such as \"NTRF\" after the amount, found %1")
                                .arg(foundText(s.mid(amountEnd))));
    }
    entry.bankTransactionCode = type.toString();
    const QStringView references = s.mid(amountEnd + 4);
    const qsizetype slashes = references.indexOf(u"//");
    const QStringView customer = (slashes < 0 ? references : references.left(slashes)).trimmed();
    const QStringView bank = slashes < 0 ? QStringView() : references.mid(slashes + 2).trimmed();
    if (!isReferencePlaceholder(customer)) {
        entry.reference = customer.toString();
    }
    if (!isReferencePlaceholder(bank)) {
        entry.bankId = bank.toString();
    }
    entry.pending = m_open->interim();
    entry.sourceLine = field.line;

    // Supplementary details: Rabobank puts the other side's account there, others a reference.
    const QString supplement = cleanText(field.lines.mid(1).join(u' '));
    const QString compact = Iban::compact(supplement);
    // An IBAN, a Postbank giro number ("P001234567") or a 9-10 digit Dutch bank account number.
    const bool looksLikeAccount = Iban::isShaped(compact)
        || (compact.size() >= 2 && compact.size() <= 10 && compact[0] == u'P' && allDigits(QStringView(compact).mid(1)))
        || ((compact.size() == 9 || compact.size() == 10) && allDigits(compact));
    m_supplement.clear();
    if (looksLikeAccount) {
        entry.counterpartyAccount = compact;
    } else {
        m_supplement = supplement;
        entry.remittanceText = supplement;
    }
    m_open->statement.entries.append(std::move(entry));
    m_entryAwaitingInfo = m_open->statement.entries.size() - 1;
    m_infoLines.clear();
    return {};
}

void Mt940Builder::applyInformation()
{
    StatementEntry& entry = m_open->statement.entries[m_entryAwaitingInfo];
    const Information info = parseInformation(m_infoLines);
    auto take = [](QString& to, const QString& value) {
        if (!value.isEmpty()) {
            to = value;
        }
    };
    take(entry.counterpartyName, info.name);
    take(entry.counterpartyAccount, info.account);
    take(entry.counterpartyBankCode, info.bankCode);
    take(entry.endToEndId, info.endToEndId);
    take(entry.reference, info.reference);
    take(entry.bankTransactionCode, info.code);
    QString text = info.text;
    appendText(text, m_supplement);
    entry.remittanceText = text.isEmpty() ? info.bookingText : text;
}

void Mt940Builder::onInformation(const Field& field)
{
    if (m_entryAwaitingInfo < 0) {
        // About the whole statement (ING's turnover summary after :62F:): there is no place for it.
        if (m_statementInfoCount++ == 0) {
            m_statementInfoLine = field.line;
        }
        return;
    }
    m_infoLines += field.lines; // a second :86: for the same entry continues the first
    applyInformation();
}

// "EUR0," or "EURD123,45": the floor limit of an MT942; only its currency matters here.
Status Mt940Builder::onFloorLimit(const Field& field)
{
    const QStringView text = QStringView(field.lines.first()).trimmed();
    auto currency = currencyFrom(field, text.left(3));
    if (!currency) {
        return currency.error();
    }
    QStringView amount = text.mid(3);
    if (amount.startsWith(u'D') || amount.startsWith(u'C')) {
        amount = amount.mid(1);
    }
    auto limit = amountFrom(field, amount, *currency, false);
    if (!limit) {
        return limit.error();
    }
    if (!m_open->currency) {
        m_open->currency = *currency;
    }
    m_open->hasInterimFields = true;
    return {};
}

// "2301151030+0100": when the interim report was made.
Status Mt940Builder::onDateTime(const Field& field)
{
    const QStringView text = QStringView(field.lines.first()).trimmed();
    auto date = dateFrom(field, text.left(6));
    if (!date) {
        return date.error();
    }
    m_open->statement.to = *date;
    m_open->hasInterimFields = true;
    return {};
}

// "3EUR1234,56": number and sum of the debit (:90D:) or credit (:90C:) entries of an MT942.
Status Mt940Builder::onTotals(const Field& field, std::optional<Totals>& totals)
{
    const QStringView text = QStringView(field.lines.first()).trimmed();
    qsizetype digits = 0;
    while (digits < text.size() && isDigit(text[digits])) {
        ++digits;
    }
    if (digits == 0) {
        return error(field, QStringLiteral("expected the number of entries, found %1").arg(foundText(text)));
    }
    auto currency = currencyFrom(field, text.mid(digits, 3));
    if (!currency) {
        return currency.error();
    }
    auto sum = amountFrom(field, text.mid(digits + 3), *currency, false);
    if (!sum) {
        return sum.error();
    }
    totals = Totals{text.left(digits).toInt(), *sum, field.line};
    return {};
}

void Mt940Builder::checkBalances(const OpenStatement& open)
{
    const Statement& s = open.statement;
    if (!s.openingBalance || !s.closingBalance) {
        return;
    }
    Money sum = *s.openingBalance;
    for (const StatementEntry& entry : s.entries) {
        sum = sum.plus(entry.amount).valueOr(sum);
    }
    if (!(sum == *s.closingBalance)) {
        m_file.warnings.append(QStringLiteral("statement %1 (from line %2): the opening balance %3 plus the entries "
                                              "makes %4, but the closing balance is %5")
                                   .arg(open.label())
                                   .arg(open.firstLine)
                                   .arg(s.openingBalance->toString(), sum.toString(), s.closingBalance->toString()));
    }
}

void Mt940Builder::checkTotals(const OpenStatement& open)
{
    for (const bool credits : {false, true}) {
        const std::optional<Totals>& totals = credits ? open.credits : open.debits;
        if (!totals) {
            continue;
        }
        int count = 0;
        Money sum = Money::fromMicros(0, totals->sum.currency());
        for (const StatementEntry& entry : open.statement.entries) {
            if ((entry.amount.signum() > 0) == credits && !entry.amount.isZero()) {
                ++count;
                sum = sum.plus(entry.amount.abs()).valueOr(sum);
            }
        }
        if (count != totals->count || !(sum == totals->sum)) {
            m_file.warnings.append(QStringLiteral("line %1, :90%2:: the report counts %3 %4 entries summing to %5, "
                                                  "but lists %6 summing to %7")
                                       .arg(totals->line)
                                       .arg(QChar(credits ? u'C' : u'D'))
                                       .arg(totals->count)
                                       .arg(credits ? QStringLiteral("credit") : QStringLiteral("debit"))
                                       .arg(totals->sum.toString())
                                       .arg(count)
                                       .arg(sum.toString()));
        }
    }
}

Status Mt940Builder::closeStatement(int endLine)
{
    OpenStatement& open = *m_open;
    if (!open.hasAccount) {
        return parseError(m_fileName, open.firstLine, QStringLiteral(":25:"),
                          QStringLiteral("statement %1 has no account identification :25:").arg(open.label()));
    }
    if (!open.interim()) {
        if (!open.statement.openingBalance) {
            return parseError(m_fileName, open.firstLine, QStringLiteral(":60F:"),
                              QStringLiteral("statement %1 has no opening balance :60F:").arg(open.label()));
        }
        if (!open.closed) {
            return parseError(m_fileName, endLine, QStringLiteral(":62F:"),
                              QStringLiteral("statement %1 (from line %2) ends without a closing balance :62F:; "
                                             "the file seems truncated")
                                  .arg(open.label())
                                  .arg(open.firstLine));
        }
    }
    const bool interim = open.interim();
    Statement& s = open.statement;
    s.id = open.sequence.isEmpty() ? open.reference : open.reference + u'/' + open.sequence;
    if (open.currency) {
        s.account.currency = open.currency->code();
    } else if (!open.suffixCurrency.isEmpty()) {
        s.account.currency = open.suffixCurrency;
    }
    if (interim) {
        checkTotals(open);
    } else {
        checkBalances(open);
    }
    m_file.statements.append(std::move(s));
    m_interimFlags.append(interim);
    m_open.reset();
    m_entryAwaitingInfo = -1;
    return {};
}

Status Mt940Builder::onField(const Field& field)
{
    if (field.isEnd()) {
        return m_open ? closeStatement(field.line) : Status();
    }
    if (field.tag == u"20") {
        if (m_open) {
            if (auto closed = closeStatement(field.line - 1); !closed) {
                return closed;
            }
        }
        return openStatement(field);
    }
    if (!m_open) {
        return error(field, QStringLiteral("expected a statement to start with :20: before this field"));
    }
    const bool multiLine = field.tag == u"61" || field.tag == u"86";
    if (!multiLine && field.lines.size() > 1) {
        if (m_strayLineCount++ == 0) {
            m_strayLine = field.line + 1;
        }
    }
    if (field.tag == u"86") {
        onInformation(field);
        return {};
    }
    m_entryAwaitingInfo = -1;
    if (field.tag == u"61") {
        return onStatementLine(field);
    }
    if (field.tag == u"25") {
        return onAccount(field);
    }
    if (field.tag == u"28" || field.tag == u"28C") {
        m_open->sequence = field.lines.first().trimmed();
        return {};
    }
    if (field.tag == u"60F" || field.tag == u"60M") {
        return onOpeningBalance(field);
    }
    if (field.tag == u"62F" || field.tag == u"62M") {
        return onClosingBalance(field);
    }
    if (field.tag == u"34F") {
        return onFloorLimit(field);
    }
    if (field.tag == u"13D" || field.tag == u"13") {
        return onDateTime(field);
    }
    if (field.tag == u"90D") {
        return onTotals(field, m_open->debits);
    }
    if (field.tag == u"90C") {
        return onTotals(field, m_open->credits);
    }
    if (field.tag == u"21" || field.tag == u"64" || field.tag == u"65") {
        return {}; // related reference and available balances: nothing to import
    }
    if (!m_unknownTags.contains(field.tag)) {
        m_unknownTags.append(field.tag);
    }
    return {};
}

Result<StatementFile> Mt940Builder::build(const Lexed& lexed, const QString& assumedEncoding)
{
    m_file.format = StatementFormat::Mt940;
    m_file.fileName = m_fileName;
    if (!assumedEncoding.isEmpty()) {
        m_file.warnings.append(QStringLiteral("the file is not UTF-8; it was read as %1").arg(assumedEncoding));
    }
    for (const Field& field : lexed.fields) {
        if (auto status = onField(field); !status) {
            return status.error();
        }
    }
    if (m_open) {
        if (auto status = closeStatement(lexed.lastLine); !status) {
            return status.error();
        }
    }
    if (lexed.openBlockLine > 0) {
        return parseError(m_fileName, lexed.openBlockLine, QStringLiteral("{4:"),
                          QStringLiteral("the SWIFT text block is not closed by \"-}\"; the file seems truncated"));
    }
    const qsizetype interimCount = m_interimFlags.count(true);
    if (interimCount == 0) {
        m_file.variant = QStringLiteral("MT940");
    } else {
        m_file.variant =
            interimCount == m_interimFlags.size() ? QStringLiteral("MT942") : QStringLiteral("MT940+MT942");
        m_file.warnings.append(QStringLiteral("%1 of the statements are MT942 interim reports; their entries are "
                                              "marked pending")
                                   .arg(interimCount));
    }
    if (m_statementInfoCount > 0) {
        m_file.warnings.append(QStringLiteral("%1 :86: field(s) describing a whole statement rather than an entry "
                                              "were not imported (the first on line %2)")
                                   .arg(m_statementInfoCount)
                                   .arg(m_statementInfoLine));
    }
    if (m_strayLineCount > 0) {
        m_file.warnings.append(QStringLiteral("%1 field(s) had unexpected extra lines, which were ignored (the first "
                                              "on line %2)")
                                   .arg(m_strayLineCount)
                                   .arg(m_strayLine));
    }
    for (const QString& tag : std::as_const(m_unknownTags)) {
        m_file.warnings.append(QStringLiteral("field :%1: is not part of MT940 and was ignored").arg(tag));
    }
    return std::move(m_file);
}

bool isBlankOrFraming(QByteArrayView data)
{
    for (char c : data) {
        if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\x01' || c == '\x03' || c == '\x1a')) {
            return false;
        }
    }
    return true;
}

// One pass, because QString::replace() of "\r\n" moves the rest of a large file again and again.
QString withoutFramingControls(const QString& text)
{
    QString out(text.size(), Qt::Uninitialized);
    QChar* to = out.data();
    const QChar* c = text.constData();
    const QChar* end = c + text.size();
    for (; c != end; ++c) {
        switch (c->unicode()) {
        case 0x01: // SOH and ETX frame each message in SWIFT files
        case 0x03:
        case 0x1A: // SUB ends files written by DOS tools
            break;
        case u'\r':
            *to++ = u'\n';
            if (c + 1 != end && c[1] == u'\n') {
                ++c;
            }
            break;
        default:
            *to++ = *c;
        }
    }
    out.truncate(to - out.constData());
    return out;
}

} // namespace

Result<StatementFile> readMt940(const QByteArray& data, const QString& fileName)
{
    QByteArrayView bytes(data);
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        bytes = bytes.sliced(3);
    }
    if (isBlankOrFraming(bytes)) {
        return parseError(fileName, 0, {}, QStringLiteral("the file is empty"));
    }
    const DecodedText decoded = decode(data);
    const Lexed lexed = Lexer().run(withoutFramingControls(decoded.text));
    const bool hasStart = std::any_of(lexed.fields.cbegin(), lexed.fields.cend(),
                                      [](const Field& f) { return f.tag == u"20"; });
    if (!hasStart) {
        return parseError(fileName, 0, {},
                          QStringLiteral("this is not an MT940/MT942 statement: no line starts with the "
                                         "transaction reference field :20:"));
    }
    return Mt940Builder(fileName).build(lexed, decoded.assumedEncoding);
}

bool looksLikeMt940(const QByteArray& head)
{
    const QString text = withoutFramingControls(QString::fromLatin1(head.left(4096)));
    const Lexed lexed = Lexer().run(text);
    int seen = 0;
    bool started = false;
    for (const Field& field : lexed.fields) {
        if (++seen > 8) {
            break;
        }
        if (field.tag == u"20") {
            started = true;
        } else if (started && (field.tag == u"25" || field.tag == u"60F" || field.tag == u"60M")) {
            return true;
        }
    }
    return false;
}

} // namespace flowlet::ingest
