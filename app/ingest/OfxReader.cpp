#include "OfxReader.h"

#include "core/Iban.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QStringDecoder>
#include <QTemporaryFile>

#include <libofx/libofx.h>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <memory>
#include <mutex>
#include <utility>

// How the work is split: libofx (OpenSP with the OFX DTD) reads the structure — accounts,
// statements, transaction types, names, memos, FITIDs, check numbers, and which investment
// transactions are securities trades. libofx hands amounts over as double and dates as time_t
// without the file's time zone, so amounts, balances and dates are taken from the file's own text
// by the small scanner below, keyed to libofx's transactions by FITID (falling back to document
// order) after checking that both saw the same statements and the same number of transactions.
// The scanner also rewrites the bytes libofx gets into one form it reads reliably: UTF-8 under a
// plain SGML header, character references resolved, proprietary tags and pending lists removed.

namespace flowlet::ingest {

namespace {

// How far into a file the sniff looks for an OFX header or root element.
constexpr qsizetype kSniffWindow = 1024;
// How much of a file without <OFX> is searched for a header, to say "truncated" rather than "not OFX".
constexpr qsizetype kHeaderWindow = 4096;

bool isBlankChar(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool isDigitChar(char c)
{
    return c >= '0' && c <= '9';
}

char upperAscii(char c)
{
    return (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
}

bool isBlank(QByteArrayView text)
{
    return std::all_of(text.begin(), text.end(), isBlankChar);
}

int countNewlines(QByteArrayView text)
{
    return int(std::count(text.begin(), text.end(), '\n'));
}

QString element(const QByteArray& name)
{
    return u'<' + QString::fromLatin1(name) + u'>';
}

// Where the <OFX> root element starts (any letter case), or -1.
qsizetype findOfxRoot(const QByteArray& text)
{
    for (qsizetype i = text.indexOf('<'); i >= 0 && i + 4 < text.size(); i = text.indexOf('<', i + 1)) {
        if (upperAscii(text[i + 1]) == 'O' && upperAscii(text[i + 2]) == 'F' && upperAscii(text[i + 3]) == 'X'
            && (text[i + 4] == '>' || isBlankChar(text[i + 4]))) {
            return i;
        }
    }
    return -1;
}

// ------------------------------------------------------------------------------------------------
// Header and character set

enum class HeaderSyntax { None, Sgml, Xml };

struct HeaderInfo
{
    HeaderSyntax syntax = HeaderSyntax::None;
    QByteArray version;  // "102", "200": as the header says
    QByteArray charset;  // SGML CHARSET or the XML declaration's encoding
    bool declaresUtf8 = false;
};

// The value of name="value" inside a processing instruction such as <?OFX VERSION="203"?>.
QByteArray piAttribute(const QByteArray& pi, const QByteArray& name)
{
    const QByteArray upperPi = pi.toUpper();
    qsizetype at = upperPi.indexOf(name.toUpper() + '=');
    if (at < 0) {
        return {};
    }
    at += name.size() + 1;
    if (at >= pi.size() || (pi[at] != '"' && pi[at] != '\'')) {
        return {};
    }
    const qsizetype end = pi.indexOf(pi[at], at + 1);
    return end < 0 ? QByteArray() : pi.mid(at + 1, end - at - 1).trimmed();
}

QByteArray processingInstruction(const QByteArray& prefix, const QByteArray& start)
{
    const qsizetype at = prefix.toLower().indexOf(start.toLower());
    if (at < 0) {
        return {};
    }
    const qsizetype end = prefix.indexOf('>', at);
    return prefix.mid(at, end < 0 ? -1 : end - at);
}

HeaderInfo readHeader(const QByteArray& prefix)
{
    HeaderInfo info;
    const QByteArray ofxPi = processingInstruction(prefix, "<?OFX");
    if (!ofxPi.isEmpty()) {
        info.syntax = HeaderSyntax::Xml;
        info.version = piAttribute(ofxPi, "VERSION");
        info.charset = piAttribute(processingInstruction(prefix, "<?xml"), "encoding");
        info.declaresUtf8 = info.charset.isEmpty() || info.charset.toUpper() == "UTF-8";
        return info;
    }
    if (!prefix.toUpper().contains("OFXHEADER")) {
        return info;
    }
    info.syntax = HeaderSyntax::Sgml;
    for (const QByteArray& line : prefix.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0) {
            continue;
        }
        const QByteArray key = line.left(colon).trimmed().toUpper();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (key == "VERSION") {
            info.version = value;
        } else if (key == "CHARSET") {
            info.charset = value;
        } else if (key == "ENCODING") {
            const QByteArray upper = value.toUpper();
            info.declaresUtf8 = upper == "UTF-8" || upper == "UNICODE";
        }
    }
    return info;
}

// The codec name for an OFX CHARSET value: "1252" is Windows-1252, "8859-1" is ISO-8859-1, and
// "NONE" (or nothing) means the OFX 1.x default, Windows-1252.
QByteArray codecName(const QByteArray& declared)
{
    const QByteArray name = declared.trimmed().toUpper();
    if (name.isEmpty() || name == "NONE") {
        return "windows-1252";
    }
    if (std::all_of(name.begin(), name.end(), isDigitChar)) {
        return "windows-" + name;
    }
    if (name.startsWith("8859-")) {
        return "ISO-" + name;
    }
    return name;
}

// Bytes that are valid UTF-8 are read as UTF-8 whatever the header says, because banks often
// declare CHARSET:1252 and send UTF-8, while Windows-1252 text almost never happens to be valid
// UTF-8. Only bytes that are not UTF-8 are read in the declared single-byte character set.
QByteArray toUtf8(const QByteArray& raw, const HeaderInfo& header, QStringList& warnings)
{
    QStringDecoder utf8(QStringConverter::Utf8);
    const QString probe = utf8.decode(raw);
    Q_UNUSED(probe);
    if (!utf8.hasError()) {
        return raw;
    }
    const QByteArray name = header.declaresUtf8 ? QByteArray("windows-1252") : codecName(header.charset);
    QStringDecoder decoder(name.constData());
    if (!decoder.isValid()) {
        warnings << QStringLiteral("the character set \"%1\" is unknown; the text was read as Windows-1252")
                        .arg(QString::fromLatin1(header.charset));
        decoder = QStringDecoder("windows-1252");
    }
    if (!decoder.isValid()) {
        decoder = QStringDecoder(QStringConverter::Latin1);
    }
    if (header.declaresUtf8) {
        warnings << QStringLiteral("the file says it is UTF-8 but is not; its text was read as Windows-1252");
    }
    return QString(decoder.decode(raw)).toUtf8();
}

QByteArray normaliseLineEnds(const QByteArray& in)
{
    if (!in.contains('\r')) {
        return in;
    }
    QByteArray out;
    out.reserve(in.size());
    const char* p = in.constData();
    const char* end = p + in.size();
    for (; p < end; ++p) {
        if (*p != '\r') {
            out += *p;
            continue;
        }
        out += '\n';
        if (p + 1 < end && p[1] == '\n') {
            ++p;
        }
    }
    return out;
}

// Text before <OFX> in a file without an OFX header may hold an XML declaration or comments only.
bool onlyMarkupDeclarations(const QByteArray& prefix)
{
    qsizetype pos = 0;
    while (pos < prefix.size()) {
        if (isBlankChar(prefix[pos])) {
            ++pos;
            continue;
        }
        if (prefix.mid(pos, 2) != "<?" && prefix.mid(pos, 2) != "<!") {
            return false;
        }
        const qsizetype end = prefix.indexOf('>', pos);
        if (end < 0) {
            return false;
        }
        pos = end + 1;
    }
    return true;
}

struct PreparedText
{
    QByteArray utf8;  // the whole file as UTF-8 with '\n' line ends: lines stay the file's lines
    qsizetype rootOffset = 0;
    int rootLine = 1;
    HeaderInfo header;
    QStringList warnings;
};

Result<PreparedText> prepareText(const QByteArray& data, const QString& fileName)
{
    QByteArray raw = data;
    if (raw.startsWith("\xEF\xBB\xBF")) {
        raw.remove(0, 3);
    } else if (raw.startsWith("\xFF\xFE") || raw.startsWith("\xFE\xFF")) {
        QStringDecoder utf16(QStringConverter::Utf16);
        raw = QString(utf16.decode(raw)).toUtf8();
    }
    if (isBlank(raw)) {
        return parseError(fileName, 0, {}, QStringLiteral("the file is empty"));
    }
    raw = normaliseLineEnds(raw);

    qsizetype root = findOfxRoot(raw);
    const HeaderInfo header = readHeader(root < 0 ? raw.left(kHeaderWindow) : raw.left(root));
    if (root < 0) {
        if (header.syntax != HeaderSyntax::None) {
            return parseError(fileName, countNewlines(raw) + 1, QStringLiteral("<OFX>"),
                              QStringLiteral("the file has an OFX header but no <OFX> element: it is truncated "
                                             "or not an OFX statement"));
        }
        return parseError(fileName, 0, {},
                          QStringLiteral("not an OFX file: it has neither an OFX header nor an <OFX> element"));
    }
    if (header.syntax == HeaderSyntax::None && !onlyMarkupDeclarations(raw.left(root))) {
        return parseError(fileName, 1, {},
                          QStringLiteral("not an OFX file: text before <OFX> is not an OFX header"));
    }

    PreparedText text;
    text.header = header;
    text.utf8 = toUtf8(raw, header, text.warnings);
    // Transcoding moves byte offsets but never line breaks.
    root = findOfxRoot(text.utf8);
    text.rootOffset = root;
    text.rootLine = countNewlines(QByteArrayView(text.utf8.constData(), root)) + 1;
    return text;
}

// ------------------------------------------------------------------------------------------------
// The source scanner: amounts, dates and the few fields libofx does not hand over

// Replaces the character references banks write (&amp; &lt; &gt; &quot; &apos; &nbsp; &#233;
// &#xE9;); an '&' that starts none of them is kept as written ("AT&T").
QString decodeText(QByteArrayView raw)
{
    const QString text = QString::fromUtf8(raw).trimmed();
    if (!text.contains(u'&')) {
        return text;
    }
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'&') {
            out += text[i];
            continue;
        }
        const qsizetype semi = text.indexOf(u';', i + 1);
        if (semi < 0 || semi - i > 10) {
            out += u'&';
            continue;
        }
        const QStringView name = QStringView(text).mid(i + 1, semi - i - 1);
        char32_t decoded = 0;
        if (name == u"amp") {
            decoded = U'&';
        } else if (name == u"lt") {
            decoded = U'<';
        } else if (name == u"gt") {
            decoded = U'>';
        } else if (name == u"quot") {
            decoded = U'"';
        } else if (name == u"apos") {
            decoded = U'\'';
        } else if (name == u"nbsp") {
            decoded = 0xA0;
        } else if (name.startsWith(u'#')) {
            bool ok = false;
            const bool hex = name.size() > 1 && (name[1] == u'x' || name[1] == u'X');
            const uint value = hex ? name.mid(2).toUInt(&ok, 16) : name.mid(1).toUInt(&ok, 10);
            if (ok && value > 0 && value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF)) {
                decoded = value;
            }
        }
        if (decoded == 0) {
            out += u'&';
            continue;
        }
        out += QString::fromUcs4(&decoded, 1);
        i = semi;
    }
    return out;
}

// libofx's DTD defines only &amp; &lt; &gt;; any other reference, or a bare '&', is lost there.
QByteArray escapeForLibofx(const QString& text)
{
    QByteArray utf8 = text.toUtf8();
    if (utf8.contains('&')) {
        utf8.replace("&", "&amp;");
    }
    if (utf8.contains('<')) {
        utf8.replace("<", "&lt;");
    }
    if (utf8.contains('>')) {
        utf8.replace(">", "&gt;");
    }
    return utf8;
}

struct SourceValue
{
    QString text;
    int line = 0;
    bool present = false;
};

struct SourceTransaction
{
    int line = 0;
    SourceValue posted;
    SourceValue user;
    SourceValue amount;
    SourceValue fitId;
    SourceValue name;  // NAME and MEMO stand in when libofx drops them (it does for out-of-order elements)
    SourceValue memo;
    SourceValue payeeName;
    SourceValue toAccount;
    SourceValue toBank;
    SourceValue currencySymbol;
    QByteArray currencyElement;  // "CURRENCY" or "ORIGCURRENCY" when the transaction has one
};

enum class StatementKind { Bank, CreditCard, Investment };

struct SourceStatement
{
    StatementKind kind = StatementKind::Bank;
    QByteArray element;
    int line = 0;
    SourceValue currency;
    SourceValue bankId;
    SourceValue accountId;
    SourceValue accountType;
    SourceValue brokerId;
    SourceValue start;
    SourceValue end;
    int ledgerLine = 0;
    SourceValue ledgerAmount;
    SourceValue ledgerDate;
    int availableLine = 0;
    SourceValue availableAmount;
    SourceValue availableDate;
    QList<SourceTransaction> transactions;
    int pendingCount = 0;
    // Where the statement sits in the copy libofx reads, so that a long one can be handed over in
    // slices: the aggregate, each element of its transaction list, and the list's end tag.
    qsizetype copyBegin = 0;
    qsizetype copyEnd = 0;
    QList<qsizetype> itemOffsets;
    qsizetype listEnd = 0;
};

struct SourceDocument
{
    QList<SourceStatement> statements;
    bool quicken = false;
    int closedLeaves = 0;  // XML style: <TRNAMT>-5.50</TRNAMT>
    int openLeaves = 0;    // SGML style: <TRNAMT>-5.50 and no end tag
    QByteArray libofxBody;
};

std::optional<StatementKind> statementKind(const QByteArray& name)
{
    if (name == "STMTRS") {
        return StatementKind::Bank;
    }
    if (name == "CCSTMTRS") {
        return StatementKind::CreditCard;
    }
    if (name == "INVSTMTRS") {
        return StatementKind::Investment;
    }
    return std::nullopt;
}

// The securities transactions of an investment statement's <INVTRANLIST> (OFX 1.6 §13.9.2.4).
bool isInvestmentTrade(const QByteArray& name)
{
    static const QSet<QByteArray> names = {
        "BUYDEBT",  "BUYMF",    "BUYOPT",   "BUYOTHER", "BUYSTOCK",  "CLOSUREOPT", "INCOME",
        "INVEXPENSE", "JRNLFUND", "JRNLSEC", "MARGININTEREST", "REINVEST", "RETOFCAP", "SELLDEBT",
        "SELLMF",   "SELLOPT",  "SELLOTHER", "SELLSTOCK", "SPLIT",   "TRANSFER",
    };
    return names.contains(name);
}

// The aggregates this reader relies on. They always carry end tags, in SGML as in XML, so the
// scanner checks their nesting strictly; every other element is read as a leaf when text follows
// it, and otherwise passed over.
bool isTrackedAggregate(const QByteArray& name)
{
    if (isInvestmentTrade(name)) {
        return true;
    }
    static const QSet<QByteArray> names = {
        "OFX",         "STMTRS",     "CCSTMTRS",     "INVSTMTRS",   "BANKTRANLIST", "INVTRANLIST",
        "STMTTRN",     "STMTTRNP",   "BANKTRANLISTP", "INVBANKTRAN", "BANKACCTFROM", "CCACCTFROM",
        "INVACCTFROM", "BANKACCTTO", "CCACCTTO",     "LEDGERBAL",   "AVAILBAL",     "PAYEE",
        "CURRENCY",    "ORIGCURRENCY",
    };
    return names.contains(name);
}

class OfxScanner final
{
public:
    OfxScanner(const QByteArray& text, const QString& fileName)
        : m_text(text)
        , m_fileName(fileName)
    {
    }

    Result<SourceDocument> scan(qsizetype from, int firstLine);

private:
    struct Frame
    {
        QByteArray name;
        int line = 0;
    };

    Status onText(QByteArrayView run);
    Status onTag(QByteArrayView inner, int line);
    Status onStartTag(const QByteArray& name, bool selfClosing, int line);
    Status onEndTag(const QByteArray& name);
    Status enterAggregate(const QByteArray& name, int line);
    void leaveAggregate(const QByteArray& name);
    void noteCopyOffset(const QByteArray& name, bool start);
    Status deliverLeaf(const QByteArray& name, QByteArrayView text, int line);
    SourceValue* slotFor(const QByteArray& leaf);
    Error truncated() const;
    bool hidden() const { return m_hiddenDepth >= 0; }
    static bool hiddenFromLibofx(const QByteArray& name);
    void pass(QByteArrayView bytes);
    void passTag(const QByteArray& name, bool end);

    const QByteArray& m_text;
    QString m_fileName;
    SourceDocument m_doc;
    QList<Frame> m_stack;
    int m_line = 1;
    QByteArray m_pendingLeaf;   // a start tag whose text has not been seen yet
    int m_pendingLine = 0;
    QByteArray m_awaitingClose;  // a leaf with a value that may still get an XML end tag
    bool m_inStatement = false;
    bool m_inTransaction = false;
    bool m_rootSeen = false;
    bool m_rootClosed = false;
    bool m_dropText = false;     // the text after a tag libofx is not given
    qsizetype m_hiddenDepth = -1;  // inside an aggregate left out of libofx's copy: its stack depth
};

Result<SourceDocument> OfxScanner::scan(qsizetype from, int firstLine)
{
    m_line = firstLine;
    m_doc.libofxBody.reserve(m_text.size() - from + 64);
    const qsizetype size = m_text.size();
    qsizetype pos = from;
    while (pos < size && !m_rootClosed) {
        qsizetype lt = m_text.indexOf('<', pos);
        if (lt < 0) {
            lt = size;
        }
        if (lt > pos) {
            if (Status s = onText(QByteArrayView(m_text.constData() + pos, lt - pos)); !s) {
                return s.error();
            }
        }
        if (lt >= size) {
            break;
        }
        const QByteArrayView rest(m_text.constData() + lt, size - lt);
        if (rest.startsWith("<!--") || rest.startsWith("<?") || rest.startsWith("<!")) {
            const bool comment = rest.startsWith("<!--");
            const qsizetype end = comment ? m_text.indexOf("-->", lt + 4) : m_text.indexOf('>', lt + 2);
            if (end < 0) {
                return truncated();
            }
            const qsizetype after = end + (comment ? 3 : 1);
            m_line += countNewlines(QByteArrayView(m_text.constData() + lt, after - lt));
            pos = after;
            continue;
        }
        const qsizetype gt = m_text.indexOf('>', lt + 1);
        if (gt < 0) {
            return truncated();
        }
        const qsizetype nextLt = m_text.indexOf('<', lt + 1);
        if (nextLt >= 0 && nextLt < gt) {
            return parseError(m_fileName, m_line, {},
                              QStringLiteral("a tag is not closed with '>': \"%1\"")
                                  .arg(QString::fromUtf8(m_text.mid(lt, std::min<qsizetype>(nextLt - lt, 40)))
                                           .trimmed()));
        }
        const int tagLine = m_line;
        const QByteArrayView inner(m_text.constData() + lt + 1, gt - lt - 1);
        m_line += countNewlines(inner);
        if (Status s = onTag(inner, tagLine); !s) {
            return s.error();
        }
        pos = gt + 1;
    }
    if (!m_rootClosed) {
        return truncated();
    }
    if (m_doc.statements.isEmpty()) {
        return parseError(m_fileName, 0, {},
                          QStringLiteral("the file holds no statement (no <STMTRS>, <CCSTMTRS> or <INVSTMTRS>)"));
    }
    return std::move(m_doc);
}

Error OfxScanner::truncated() const
{
    if (m_stack.isEmpty()) {
        return parseError(m_fileName, m_line, {}, QStringLiteral("the file ends inside a tag: it is truncated"));
    }
    const Frame& open = m_stack.last();
    return parseError(m_fileName, m_line, element(open.name),
                      QStringLiteral("the file ends before </%1> (opened at line %2): it is truncated")
                          .arg(QString::fromLatin1(open.name))
                          .arg(open.line));
}

// Pending transactions (OFX 2.1.1) are unknown to libofx and are not imported. A transaction's
// currency is read here, none of libofx's output that is used depends on one, and libofx leaks
// memory on every <ORIGCURRENCY> it is given.
bool OfxScanner::hiddenFromLibofx(const QByteArray& name)
{
    return name == "BANKTRANLISTP" || name == "CURRENCY" || name == "ORIGCURRENCY";
}

void OfxScanner::pass(QByteArrayView bytes)
{
    if (!hidden()) {
        m_doc.libofxBody.append(bytes);
    }
}

void OfxScanner::passTag(const QByteArray& name, bool end)
{
    pass(end ? "</" : "<");
    pass(name);
    pass(">");
}

Status OfxScanner::onText(QByteArrayView run)
{
    const int newlines = countNewlines(run);
    m_line += newlines;
    const QByteArrayView text = run.trimmed();
    if (text.isEmpty()) {
        if (!m_dropText) {
            pass(run);
        }
        return {};
    }
    if (!m_dropText) {
        if (text.contains('&')) {
            pass(escapeForLibofx(decodeText(text)));
        } else {
            pass(text);
        }
        if (newlines > 0) {
            pass("\n");
        }
    }
    if (m_pendingLeaf.isEmpty()) {
        return {};
    }
    const QByteArray leaf = std::exchange(m_pendingLeaf, QByteArray());
    m_awaitingClose = leaf;
    return deliverLeaf(leaf, text, m_pendingLine);
}

Status OfxScanner::onTag(QByteArrayView rawInner, int line)
{
    QByteArrayView inner = rawInner.trimmed();
    if (inner.isEmpty()) {
        return parseError(m_fileName, line, {}, QStringLiteral("an empty tag \"<>\""));
    }
    const bool closing = inner.front() == '/';
    const bool selfClosing = !closing && inner.back() == '/';
    if (closing) {
        inner = inner.sliced(1);
    } else if (selfClosing) {
        inner.chop(1);
    }
    qsizetype nameEnd = 0;
    while (nameEnd < inner.size() && !isBlankChar(inner[nameEnd])) {
        ++nameEnd;
    }
    QByteArray name = inner.first(nameEnd).toByteArray();
    std::transform(name.begin(), name.end(), name.begin(), upperAscii);
    if (name.isEmpty()) {
        return parseError(m_fileName, line, {}, QStringLiteral("a tag without a name"));
    }
    return closing ? onEndTag(name) : onStartTag(name, selfClosing, line);
}

Status OfxScanner::onStartTag(const QByteArray& name, bool selfClosing, int line)
{
    if (!m_awaitingClose.isEmpty()) {
        ++m_doc.openLeaves;
        m_awaitingClose.clear();
    }
    m_pendingLeaf.clear();
    m_dropText = hidden();

    // Proprietary elements (Quicken's <INTU.BID>, bank extensions) carry a dot; libofx's DTD knows
    // none of them, so they are left out of its copy.
    if (name.contains('.')) {
        m_doc.quicken = m_doc.quicken || name.startsWith("INTU.");
        m_dropText = true;
        return {};
    }
    if (isTrackedAggregate(name)) {
        if (selfClosing) {
            return {};
        }
        if (Status s = enterAggregate(name, line); !s) {
            return s;
        }
        noteCopyOffset(name, true);
        m_stack.append({name, line});
        if (!hidden() && hiddenFromLibofx(name)) {
            m_hiddenDepth = m_stack.size();
            m_dropText = true;
            return {};
        }
        passTag(name, false);
        return {};
    }
    if (selfClosing) {
        passTag(name, false);
        passTag(name, true);
        return deliverLeaf(name, {}, line);
    }
    passTag(name, false);
    m_pendingLeaf = name;
    m_pendingLine = line;
    return {};
}

Status OfxScanner::onEndTag(const QByteArray& name)
{
    if (name.contains('.')) {
        m_awaitingClose.clear();
        m_pendingLeaf.clear();
        m_dropText = hidden();
        return {};
    }
    m_dropText = hidden();
    if (!m_awaitingClose.isEmpty()) {
        if (m_awaitingClose == name) {
            ++m_doc.closedLeaves;
            m_awaitingClose.clear();
            passTag(name, true);
            return {};
        }
        ++m_doc.openLeaves;
        m_awaitingClose.clear();
    }
    if (!m_pendingLeaf.isEmpty()) {
        const QByteArray leaf = std::exchange(m_pendingLeaf, QByteArray());
        if (leaf == name) {
            // <MEMO></MEMO>: an XML leaf without a value.
            ++m_doc.closedLeaves;
            passTag(name, true);
            return deliverLeaf(name, {}, m_pendingLine);
        }
    }
    if (!isTrackedAggregate(name)) {
        passTag(name, true);
        return {};
    }
    if (m_stack.isEmpty() || m_stack.last().name != name) {
        const bool opened = std::any_of(m_stack.cbegin(), m_stack.cend(),
                                        [&name](const Frame& f) { return f.name == name; });
        if (opened) {
            const Frame& open = m_stack.last();
            return parseError(m_fileName, open.line, element(open.name),
                              QStringLiteral("<%1> is not closed before </%2> at line %3")
                                  .arg(QString::fromLatin1(open.name), QString::fromLatin1(name))
                                  .arg(m_line));
        }
        return parseError(m_fileName, m_line, QStringLiteral("</") + QString::fromLatin1(name) + u'>',
                          QStringLiteral("</%1> closes an element that was never opened")
                              .arg(QString::fromLatin1(name)));
    }
    noteCopyOffset(name, false);
    leaveAggregate(name);
    m_stack.removeLast();
    if (hidden()) {
        if (m_stack.size() < m_hiddenDepth) {
            m_hiddenDepth = -1;
        }
        m_dropText = hidden();
        return {};
    }
    passTag(name, true);
    if (statementKind(name)) {
        m_doc.statements.last().copyEnd = m_doc.libofxBody.size();
    }
    if (name == "OFX") {
        m_rootClosed = true;
        pass("\n");
    }
    return {};
}

Status OfxScanner::enterAggregate(const QByteArray& name, int line)
{
    if (name == "OFX") {
        if (m_rootSeen) {
            return parseError(m_fileName, line, QStringLiteral("<OFX>"), QStringLiteral("a second <OFX> element"));
        }
        m_rootSeen = true;
        return {};
    }
    if (const auto kind = statementKind(name)) {
        if (m_inStatement) {
            return parseError(m_fileName, line, element(name),
                              QStringLiteral("a statement inside another statement"));
        }
        SourceStatement statement;
        statement.kind = *kind;
        statement.element = name;
        statement.line = line;
        m_doc.statements.append(std::move(statement));
        m_inStatement = true;
        return {};
    }
    if (name == "STMTTRN") {
        if (m_inTransaction) {
            return parseError(m_fileName, m_doc.statements.last().transactions.last().line,
                              QStringLiteral("<STMTTRN>"),
                              QStringLiteral("<STMTTRN> is not closed before the next <STMTTRN> at line %1").arg(line));
        }
        if (!m_inStatement) {
            return parseError(m_fileName, line, QStringLiteral("<STMTTRN>"),
                              QStringLiteral("a transaction outside any statement"));
        }
        SourceTransaction transaction;
        transaction.line = line;
        m_doc.statements.last().transactions.append(std::move(transaction));
        m_inTransaction = true;
        return {};
    }
    if (!m_inStatement) {
        return {};
    }
    SourceStatement& statement = m_doc.statements.last();
    if (name == "STMTTRNP") {
        ++statement.pendingCount;
    } else if (name == "LEDGERBAL" && !m_inTransaction) {
        statement.ledgerLine = line;
    } else if (name == "AVAILBAL" && !m_inTransaction) {
        statement.availableLine = line;
    } else if ((name == "CURRENCY" || name == "ORIGCURRENCY") && m_inTransaction
               && m_stack.last().name == "STMTTRN") {
        statement.transactions.last().currencyElement = name;
    }
    return {};
}

// Called before the tag is copied, while the stack does not yet hold (start) or still holds (end) it.
void OfxScanner::noteCopyOffset(const QByteArray& name, bool start)
{
    if (hidden() || m_doc.statements.isEmpty()) {
        return;
    }
    SourceStatement& statement = m_doc.statements.last();
    const qsizetype offset = m_doc.libofxBody.size();
    if (start && statementKind(name)) {
        statement.copyBegin = offset;
        return;
    }
    const QByteArray& top = m_stack.last().name;
    if (start && (top == "BANKTRANLIST" || top == "INVTRANLIST")) {
        statement.itemOffsets.append(offset);
    } else if (!start && (name == "BANKTRANLIST" || name == "INVTRANLIST") && m_stack.size() > 1
               && statementKind(m_stack.at(m_stack.size() - 2).name)) {
        statement.listEnd = offset;
    }
}

void OfxScanner::leaveAggregate(const QByteArray& name)
{
    if (statementKind(name)) {
        m_inStatement = false;
    } else if (name == "STMTTRN") {
        m_inTransaction = false;
    }
}

SourceValue* OfxScanner::slotFor(const QByteArray& leaf)
{
    if (!m_inStatement || m_stack.isEmpty()) {
        return nullptr;
    }
    SourceStatement& statement = m_doc.statements.last();
    const QByteArray& top = m_stack.last().name;
    const QByteArray parent = m_stack.size() > 1 ? m_stack.at(m_stack.size() - 2).name : QByteArray();

    if (statementKind(top)) {
        return leaf == "CURDEF" ? &statement.currency : nullptr;
    }
    if ((top == "BANKTRANLIST" || top == "INVTRANLIST") && statementKind(parent)) {
        if (leaf == "DTSTART") {
            return &statement.start;
        }
        if (leaf == "DTEND") {
            return &statement.end;
        }
        return nullptr;
    }
    if ((top == "BANKACCTFROM" || top == "CCACCTFROM" || top == "INVACCTFROM") && statementKind(parent)) {
        if (leaf == "ACCTID") {
            return &statement.accountId;
        }
        if (leaf == "BANKID") {
            return &statement.bankId;
        }
        if (leaf == "ACCTTYPE") {
            return &statement.accountType;
        }
        if (leaf == "BROKERID") {
            return &statement.brokerId;
        }
        return nullptr;
    }
    if ((top == "LEDGERBAL" || top == "AVAILBAL") && statementKind(parent)) {
        const bool ledger = top == "LEDGERBAL";
        if (leaf == "BALAMT") {
            return ledger ? &statement.ledgerAmount : &statement.availableAmount;
        }
        if (leaf == "DTASOF") {
            return ledger ? &statement.ledgerDate : &statement.availableDate;
        }
        return nullptr;
    }
    if (!m_inTransaction) {
        return nullptr;
    }
    SourceTransaction& transaction = statement.transactions.last();
    if (top == "STMTTRN") {
        if (leaf == "DTPOSTED") {
            return &transaction.posted;
        }
        if (leaf == "DTUSER") {
            return &transaction.user;
        }
        if (leaf == "TRNAMT") {
            return &transaction.amount;
        }
        if (leaf == "FITID") {
            return &transaction.fitId;
        }
        if (leaf == "NAME") {
            return &transaction.name;
        }
        if (leaf == "MEMO") {
            return &transaction.memo;
        }
        return nullptr;
    }
    if (parent != "STMTTRN") {
        return nullptr;
    }
    if (top == "PAYEE" && leaf == "NAME") {
        return &transaction.payeeName;
    }
    if (top == "BANKACCTTO" || top == "CCACCTTO") {
        if (leaf == "ACCTID") {
            return &transaction.toAccount;
        }
        if (leaf == "BANKID") {
            return &transaction.toBank;
        }
        return nullptr;
    }
    if ((top == "CURRENCY" || top == "ORIGCURRENCY") && leaf == "CURSYM") {
        return &transaction.currencySymbol;
    }
    return nullptr;
}

Status OfxScanner::deliverLeaf(const QByteArray& name, QByteArrayView text, int line)
{
    SourceValue* slot = slotFor(name);
    if (!slot) {
        return {};
    }
    if (slot->present) {
        // A repeated amount, date or id leaves no safe choice; repeated text keeps its first value.
        static const QSet<QByteArray> decisive = {"TRNAMT", "BALAMT", "DTPOSTED", "DTUSER", "DTASOF",
                                                  "DTSTART", "DTEND",  "FITID",    "CURDEF", "ACCTID"};
        if (!decisive.contains(name)) {
            return {};
        }
        return parseError(m_fileName, line, element(name),
                          QStringLiteral("<%1> appears twice (first at line %2)")
                              .arg(QString::fromLatin1(name))
                              .arg(slot->line));
    }
    slot->text = decodeText(text);
    slot->line = line;
    slot->present = true;
    return {};
}

// ------------------------------------------------------------------------------------------------
// Amounts and dates, from the file's text

// OFX amounts are digits with '.' or ',' as the decimal separator and no grouping (OFX 1.6 §3.2.9.1).
// Two separators ("1,000.50", "12,34.5") are refused: guessing which one groups would risk importing
// an amount a thousand times off.
Result<Money> parseAmount(const SourceValue& value, const Currency& currency, const QString& elementName,
                          const QString& fileName)
{
    const QString& text = value.text;
    const auto refuse = [&](const QString& why) { return parseError(fileName, value.line, elementName, why); };
    if (text.isEmpty()) {
        return refuse(QStringLiteral("the amount is empty"));
    }
    QString whole;
    QString fraction;
    bool negative = false;
    bool separator = false;
    qsizetype i = 0;
    if (text[0] == u'+' || text[0] == u'-') {
        negative = text[0] == u'-';
        i = 1;
    }
    for (; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c >= u'0' && c <= u'9') {
            (separator ? fraction : whole) += c;
        } else if ((c == u'.' || c == u',') && !separator) {
            separator = true;
        } else {
            return refuse(QStringLiteral("amount \"%1\" is not a decimal number (expected digits with one '.' or "
                                         "',' as the decimal separator and no grouping)")
                              .arg(text));
        }
    }
    if (whole.isEmpty() && fraction.isEmpty()) {
        return refuse(QStringLiteral("amount \"%1\" has no digits").arg(text));
    }
    while (whole.size() > 1 && whole.front() == u'0') {
        whole.remove(0, 1);
    }
    QString canonical = (negative ? QStringLiteral("-") : QString()) + (whole.isEmpty() ? QStringLiteral("0") : whole);
    if (!fraction.isEmpty()) {
        canonical += u'.' + fraction;
    }
    auto money = Money::parse(canonical, currency);
    if (!money) {
        return refuse(QStringLiteral("amount \"%1\" has more than six decimals and cannot be kept exactly").arg(text));
    }
    return money;
}

bool allDigits(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

// A time-zone suffix such as "[-5:EST]", "[+5.30:IST]" or "[0]".
bool isZoneSuffix(QStringView zone)
{
    if (zone.size() < 3 || zone.front() != u'[' || zone.back() != u']') {
        return false;
    }
    QStringView inside = zone.mid(1, zone.size() - 2);
    const qsizetype colon = inside.indexOf(u':');
    QStringView offset = colon < 0 ? inside : inside.first(colon);
    if (!offset.isEmpty() && (offset.front() == u'+' || offset.front() == u'-')) {
        offset = offset.sliced(1);
    }
    const qsizetype dot = offset.indexOf(u'.');
    if (dot >= 0 ? !(allDigits(offset.first(dot)) && allDigits(offset.sliced(dot + 1))) : !allDigits(offset)) {
        return false;
    }
    if (colon >= 0) {
        const QStringView name = inside.sliced(colon + 1);
        return !name.contains(u'[') && !name.contains(u']');
    }
    return true;
}

// OFX dates are YYYYMMDD[HHMMSS[.XXX]][[offset:TZ]], written in the time zone the suffix names, so
// the calendar date as written is the date in that zone; the time is checked, not kept.
Result<QDate> parseDate(const SourceValue& value, const QString& elementName, const QString& fileName)
{
    const QString& text = value.text;
    const auto refuse = [&]() {
        return parseError(fileName, value.line, elementName,
                          QStringLiteral("expected a date as YYYYMMDD[HHMMSS[.XXX]][[offset:TZ]], found \"%1\"")
                              .arg(text));
    };
    if (text.size() < 8 || !allDigits(QStringView(text).first(8))) {
        return refuse();
    }
    const QDate date(text.left(4).toInt(), text.mid(4, 2).toInt(), text.mid(6, 2).toInt());
    if (!date.isValid()) {
        return refuse();
    }
    qsizetype i = 8;
    while (i < text.size() && text[i].isDigit()) {
        ++i;
    }
    const QStringView time = QStringView(text).mid(8, i - 8);
    if (time.size() % 2 != 0 || time.size() > 6 || (time.size() >= 2 && time.first(2).toInt() > 23)
        || (time.size() >= 4 && time.mid(2, 2).toInt() > 59) || (time.size() == 6 && time.mid(4, 2).toInt() > 60)) {
        return refuse();
    }
    if (i < text.size() && text[i] == u'.') {
        const qsizetype start = ++i;
        while (i < text.size() && text[i].isDigit()) {
            ++i;
        }
        if (i == start || time.size() != 6) {
            return refuse();
        }
    }
    if (i < text.size() && !isZoneSuffix(QStringView(text).sliced(i))) {
        return refuse();
    }
    return date;
}

QString accountKind(const SourceStatement& source)
{
    switch (source.kind) {
    case StatementKind::CreditCard:
        return QStringLiteral("credit card");
    case StatementKind::Investment:
        return QStringLiteral("brokerage");
    case StatementKind::Bank:
        break;
    }
    static const QHash<QString, QString> kinds = {
        {QStringLiteral("CHECKING"), QStringLiteral("checking")},
        {QStringLiteral("SAVINGS"), QStringLiteral("savings")},
        {QStringLiteral("MONEYMRKT"), QStringLiteral("money market")},
        {QStringLiteral("CREDITLINE"), QStringLiteral("credit line")},
        {QStringLiteral("CD"), QStringLiteral("certificate of deposit")},
    };
    return kinds.value(source.accountType.text.toUpper(), source.accountType.text.toLower());
}

Result<StatementEntry> entryFromSource(const SourceTransaction& source, const Currency& currency,
                                       const QString& fileName)
{
    if (!source.amount.present) {
        return parseError(fileName, source.line, QStringLiteral("<STMTTRN>"),
                          QStringLiteral("the transaction has no <TRNAMT> (its amount)"));
    }
    if (!source.posted.present) {
        return parseError(fileName, source.line, QStringLiteral("<STMTTRN>"),
                          QStringLiteral("the transaction has no <DTPOSTED> (its booking date)"));
    }
    StatementEntry entry;
    entry.sourceLine = source.line;
    auto amount = parseAmount(source.amount, currency, QStringLiteral("<TRNAMT>"), fileName);
    if (!amount) {
        return amount.error();
    }
    entry.amount = *amount;
    auto booked = parseDate(source.posted, QStringLiteral("<DTPOSTED>"), fileName);
    if (!booked) {
        return booked.error();
    }
    entry.bookingDate = *booked;
    if (source.user.present) {
        auto user = parseDate(source.user, QStringLiteral("<DTUSER>"), fileName);
        if (!user) {
            return user.error();
        }
        entry.valueDate = *user;
    }
    entry.bankId = source.fitId.text;
    entry.counterpartyName = source.name.present ? source.name.text : source.payeeName.text;
    entry.remittanceText = source.memo.text;
    entry.counterpartyAccount = source.toAccount.text;
    entry.counterpartyBankCode = source.toBank.text;
    return entry;
}

Status readBalances(const SourceStatement& source, const Currency& currency, Statement& statement,
                    const QString& fileName)
{
    if (source.ledgerLine > 0) {
        if (!source.ledgerAmount.present) {
            return parseError(fileName, source.ledgerLine, QStringLiteral("<LEDGERBAL>"),
                              QStringLiteral("the balance has no <BALAMT>"));
        }
        auto closing = parseAmount(source.ledgerAmount, currency, QStringLiteral("<BALAMT>"), fileName);
        if (!closing) {
            return closing.error();
        }
        statement.closingBalance = *closing;
        if (source.ledgerDate.present) {
            auto asOf = parseDate(source.ledgerDate, QStringLiteral("<DTASOF>"), fileName);
            if (!asOf) {
                return asOf.error();
            }
            statement.closingDate = *asOf;
        }
    }
    // Statement has no field for the available balance; it is still checked, since a malformed
    // amount anywhere says the file cannot be trusted.
    if (source.availableAmount.present) {
        if (auto available = parseAmount(source.availableAmount, currency, QStringLiteral("<BALAMT>"), fileName);
            !available) {
            return available.error();
        }
    }
    return {};
}

QString currencyNote(const SourceStatement& source, const QString& accountCurrency)
{
    QStringList lines;
    QSet<QString> others;
    for (const SourceTransaction& transaction : source.transactions) {
        const QString symbol = transaction.currencySymbol.text.toUpper();
        if (!transaction.currencyElement.isEmpty() && !symbol.isEmpty() && symbol != accountCurrency) {
            lines << QString::number(transaction.line);
            others.insert(symbol);
        }
    }
    if (lines.isEmpty()) {
        return {};
    }
    QStringList codes(others.cbegin(), others.cend());
    codes.sort();
    return QStringLiteral("account %1: %2 transaction(s) name another currency (%3; <CURRENCY>/<ORIGCURRENCY> at "
                          "line %4); their amounts are kept in %5 as the file states them, not converted")
        .arg(source.accountId.text)
        .arg(lines.size())
        .arg(codes.join(QStringLiteral(", ")), lines.join(QStringLiteral(", ")), accountCurrency);
}

Result<Statement> statementFromSource(const SourceStatement& source, const QString& fileName, QStringList& warnings)
{
    if (!source.currency.present) {
        return parseError(fileName, source.line, element(source.element),
                          QStringLiteral("the statement has no <CURDEF> (its currency)"));
    }
    const auto currency = Currency::fromCode(source.currency.text);
    if (!currency) {
        return parseError(fileName, source.currency.line, QStringLiteral("<CURDEF>"),
                          QStringLiteral("unknown currency \"%1\": expected an ISO 4217 code such as USD")
                              .arg(source.currency.text));
    }
    if (source.accountId.text.isEmpty()) {
        return parseError(fileName, source.line, element(source.element),
                          QStringLiteral("the statement names no account (no <ACCTID> in its account aggregate)"));
    }
    // Investment statements: only the cash movements (INVBANKTRAN) are imported, as entries of the
    // brokerage's cash account. Securities trades have no single cash amount a ledger of money could
    // take without a securities model (units, prices, fees, positions); they are skipped with a
    // warning, and a statement that is nothing but trades is refused rather than imported empty.
    if (source.kind == StatementKind::Investment && source.transactions.isEmpty()) {
        return parseError(fileName, source.line, QStringLiteral("<INVSTMTRS>"),
                          QStringLiteral("an investment statement with no cash movements: securities trades are not "
                                         "imported"));
    }

    Statement statement;
    statement.account.number = source.accountId.text;
    // OFX has no IBAN element, but European banks put the IBAN in <ACCTID>: recognised by its
    // check digits, never guessed from the shape alone.
    if (const QString iban = Iban::compact(source.accountId.text); Iban::hasValidCheckDigits(iban)) {
        statement.account.iban = iban;
    }
    statement.account.bankCode =
        source.kind == StatementKind::Investment ? source.brokerId.text : source.bankId.text;
    statement.account.currency = currency->code();
    statement.account.kind = accountKind(source);
    if (source.start.present) {
        auto from = parseDate(source.start, QStringLiteral("<DTSTART>"), fileName);
        if (!from) {
            return from.error();
        }
        statement.from = *from;
    }
    if (source.end.present) {
        auto to = parseDate(source.end, QStringLiteral("<DTEND>"), fileName);
        if (!to) {
            return to.error();
        }
        statement.to = *to;
    }
    // OFX has no opening balance; it stays empty rather than being worked back from the entries.
    if (Status s = readBalances(source, *currency, statement, fileName); !s) {
        return s.error();
    }
    statement.entries.reserve(source.transactions.size());
    for (const SourceTransaction& transaction : source.transactions) {
        auto entry = entryFromSource(transaction, *currency, fileName);
        if (!entry) {
            return entry.error();
        }
        statement.entries.append(std::move(*entry));
    }
    if (const QString note = currencyNote(source, currency->code()); !note.isEmpty()) {
        warnings << note;
    }
    if (source.pendingCount > 0) {
        warnings << QStringLiteral("account %1: %2 pending transaction(s) (<STMTTRNP>) were not imported")
                        .arg(source.accountId.text)
                        .arg(source.pendingCount);
    }
    return statement;
}

// ------------------------------------------------------------------------------------------------
// libofx

struct LibofxTransaction
{
    QString fitId;
    int type = -1;     // TransactionType, -1 when libofx has none
    int invType = -1;  // InvTransactionType, -1 for bank and credit-card transactions
    QString name;
    QString memo;
    QString checkNumber;
    QString referenceNumber;
    long sic = -1;
};

struct LibofxAccount
{
    QString number;
    bool hasStatement = false;
    QList<LibofxTransaction> transactions;
};

struct LibofxDocument
{
    int status = 0;
    QList<LibofxAccount> accounts;
};

// libofx fills its fixed-size arrays up to the brim when a value is as long as the array.
template <std::size_t N>
QString libofxText(const char (&text)[N], int valid)
{
    return valid ? QString::fromUtf8(text, qstrnlen(text, N)).trimmed() : QString();
}

int onLibofxAccount(const struct OfxAccountData data, void* user)
{
    auto* document = static_cast<LibofxDocument*>(user);
    LibofxAccount account;
    account.number = libofxText(data.account_number, data.account_number_valid);
    document->accounts.append(std::move(account));
    return 0;
}

// libofx sends each account, then its statement, then its transactions.
LibofxAccount& currentAccount(LibofxDocument* document)
{
    if (document->accounts.isEmpty()) {
        document->accounts.append(LibofxAccount());
    }
    return document->accounts.last();
}

int onLibofxStatement(const struct OfxStatementData data, void* user)
{
    Q_UNUSED(data);
    currentAccount(static_cast<LibofxDocument*>(user)).hasStatement = true;
    return 0;
}

int onLibofxTransaction(const struct OfxTransactionData data, void* user)
{
    LibofxTransaction transaction;
    transaction.fitId = libofxText(data.fi_id, data.fi_id_valid);
    transaction.type = data.transactiontype_valid ? int(data.transactiontype) : -1;
    transaction.invType = data.invtransactiontype_valid ? int(data.invtransactiontype) : -1;
    transaction.name = libofxText(data.name, data.name_valid);
    transaction.memo = libofxText(data.memo, data.memo_valid);
    transaction.checkNumber = libofxText(data.check_number, data.check_number_valid);
    transaction.referenceNumber = libofxText(data.reference_number, data.reference_number_valid);
    transaction.sic = data.standard_industrial_code_valid ? data.standard_industrial_code : -1;
    currentAccount(static_cast<LibofxDocument*>(user)).transactions.append(std::move(transaction));
    return 0;
}

// libofx keeps global state (message switches, OpenSP's position, environment variables it sets),
// so every call into it goes through this one lock.
std::mutex& libofxMutex()
{
    static std::mutex mutex;
    return mutex;
}

void silenceLibofx()
{
    ofx_PARSER_msg = false;
    ofx_DEBUG_msg = false;
    ofx_DEBUG1_msg = false;
    ofx_DEBUG2_msg = false;
    ofx_DEBUG3_msg = false;
    ofx_DEBUG4_msg = false;
    ofx_DEBUG5_msg = false;
    ofx_STATUS_msg = false;
    ofx_INFO_msg = false;
    ofx_WARNING_msg = false;
    ofx_ERROR_msg = false;
    ofx_show_position = false;
}

// The one form libofx reads reliably: a plain SGML header that says UTF-8 (so its iconv step
// leaves the text alone), then the scanner's copy of the body. XML bodies go the same way: libofx
// feeds XML to OpenSP as SGML with the OFX 1.6 DTD anyway.
QByteArray libofxInput(const QByteArray& body)
{
    static const QByteArray header = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:UTF-8\n"
                                     "CHARSET:NONE\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n";
    return header + body;
}

Result<LibofxDocument> runLibofx(const QByteArray& input, const QString& fileName)
{
    // libofx reads only from a path.
    QTemporaryFile file(QDir::tempPath() + QStringLiteral("/flowlet-ofx-XXXXXX.ofx"));
    if (!file.open()) {
        return Error(ErrorCode::IoError, QStringLiteral("%1: cannot create a temporary file for libofx: %2")
                                             .arg(fileName, file.errorString()));
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(input) != input.size() || !file.flush()) {
        return Error(ErrorCode::IoError, QStringLiteral("%1: cannot write a temporary file for libofx: %2")
                                             .arg(fileName, file.errorString()));
    }
    const QByteArray path = QFile::encodeName(file.fileName());
    file.close();

    LibofxDocument document;
    std::lock_guard lock(libofxMutex());
    silenceLibofx();
    const std::unique_ptr<void, int (*)(LibofxContextPtr)> context(libofx_get_new_context(), libofx_free_context);
    ofx_set_account_cb(context.get(), onLibofxAccount, &document);
    ofx_set_statement_cb(context.get(), onLibofxStatement, &document);
    ofx_set_transaction_cb(context.get(), onLibofxTransaction, &document);
    document.status = libofx_proc_file(context.get(), path.constData(), OFX);
    return document;
}

// libofx's time grows with the square of the transactions in one document (its container tree is
// walked for every transaction added: 10,000 take half a second, 100,000 six minutes), so a long
// file is handed over in slices of this many transaction-list elements, each a document of its own.
constexpr qsizetype kLibofxSlice = 2000;

// One statement, or a slice of its transactions, as a complete document libofx accepts.
QByteArray standaloneStatement(StatementKind kind, const QByteArray& statement)
{
    static const QByteArray signOn = "<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>"
                                     "<DTSERVER>19700101<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>\n";
    static const QByteArray status = "<TRNUID>0<STATUS><CODE>0<SEVERITY>INFO</STATUS>\n";
    QByteArray messageSet;
    QByteArray response;
    switch (kind) {
    case StatementKind::Bank:
        messageSet = "BANKMSGSRSV1";
        response = "STMTTRNRS";
        break;
    case StatementKind::CreditCard:
        messageSet = "CREDITCARDMSGSRSV1";
        response = "CCSTMTTRNRS";
        break;
    case StatementKind::Investment:
        messageSet = "INVSTMTMSGSRSV1";
        response = "INVSTMTTRNRS";
        break;
    }
    return "<OFX>\n" + signOn + '<' + messageSet + "><" + response + '>' + status + statement + "\n</" + response
        + "></" + messageSet + ">\n</OFX>\n";
}

struct LibofxSlice
{
    QByteArray input;
    qsizetype statement = -1;  // -1: the whole file in one piece
};

QList<LibofxSlice> sliceForLibofx(const SourceDocument& document)
{
    qsizetype items = 0;
    for (const SourceStatement& statement : document.statements) {
        items += statement.itemOffsets.size();
    }
    if (items <= kLibofxSlice) {
        return {{libofxInput(document.libofxBody), -1}};
    }
    const QByteArray& body = document.libofxBody;
    QList<LibofxSlice> slices;
    for (qsizetype s = 0; s < document.statements.size(); ++s) {
        const SourceStatement& statement = document.statements[s];
        const QList<qsizetype>& offsets = statement.itemOffsets;
        if (offsets.isEmpty()) {
            slices.append({libofxInput(standaloneStatement(
                               statement.kind, body.mid(statement.copyBegin, statement.copyEnd - statement.copyBegin))),
                           s});
            continue;
        }
        const QByteArray head = body.mid(statement.copyBegin, offsets.first() - statement.copyBegin);
        const QByteArray tail = body.mid(statement.listEnd, statement.copyEnd - statement.listEnd);
        for (qsizetype first = 0; first < offsets.size(); first += kLibofxSlice) {
            const qsizetype next = first + kLibofxSlice;
            const qsizetype end = next < offsets.size() ? offsets[next] : statement.listEnd;
            const QByteArray part = head + body.mid(offsets[first], end - offsets[first]) + tail;
            slices.append({libofxInput(standaloneStatement(statement.kind, part)), s});
        }
    }
    return slices;
}

// Runs libofx over the slices and joins what it read back into one account per statement.
Result<LibofxDocument> readWithLibofx(const SourceDocument& source, const QString& fileName)
{
    const QList<LibofxSlice> slices = sliceForLibofx(source);
    if (slices.size() == 1 && slices.first().statement < 0) {
        return runLibofx(slices.first().input, fileName);
    }
    LibofxDocument joined;
    qsizetype previous = -1;
    for (const LibofxSlice& slice : slices) {
        auto part = runLibofx(slice.input, fileName);
        if (!part) {
            return part.error();
        }
        joined.status = joined.status != 0 ? joined.status : part->status;
        for (LibofxAccount& account : part->accounts) {
            if (!account.hasStatement && account.transactions.isEmpty()) {
                continue;
            }
            if (slice.statement == previous && !joined.accounts.isEmpty()) {
                joined.accounts.last().transactions.append(std::move(account.transactions));
            } else {
                joined.accounts.append(std::move(account));
            }
            previous = slice.statement;
        }
    }
    return joined;
}

QString transactionTypeName(int type)
{
    // In the order of libofx's TransactionType.
    static const char* const names[] = {"CREDIT", "DEBIT",   "INT",         "DIV",       "FEE",     "SRVCHG",
                                        "DEP",    "ATM",     "POS",         "XFER",      "CHECK",   "PAYMENT",
                                        "CASH",   "DIRECTDEP", "DIRECTDEBIT", "REPEATPMT", "OTHER"};
    return type >= 0 && type < int(std::size(names)) ? QString::fromLatin1(names[type]) : QString();
}

QString investmentTypeName(int type)
{
    // In the order of libofx's InvTransactionType.
    static const char* const names[] = {"BUYDEBT",  "BUYMF",    "BUYOPT",   "BUYOTHER",  "BUYSTOCK",  "CLOSUREOPT",
                                        "INCOME",   "INVEXPENSE", "JRNLFUND", "JRNLSEC", "MARGININTEREST",
                                        "REINVEST", "RETOFCAP", "SELLDEBT", "SELLMF",    "SELLOPT",   "SELLOTHER",
                                        "SELLSTOCK", "SPLIT",   "TRANSFER", "INVBANKTRAN"};
    return type >= 0 && type < int(std::size(names)) ? QString::fromLatin1(names[type]) : QStringLiteral("?");
}

bool isCashMovement(const LibofxTransaction& transaction)
{
    return transaction.invType < 0 || transaction.invType == OFX_INVBANKTRAN;
}

// libofx cuts <ACCTID> at the OFX limit of 22 characters; banks that send an IBAN there exceed it,
// and the file's own value is the full one.
bool sameAccount(const QString& fromLibofx, const QString& fromFile)
{
    return fromLibofx == fromFile
        || (fromLibofx.size() >= OFX_ACCTID_LENGTH - 1 && fromFile.startsWith(fromLibofx));
}

// For each of libofx's cash transactions, the index of the file's <STMTTRN> it is: by FITID, which
// banks keep unique, else by document order, which both sides share.
Result<QList<qsizetype>> matchTransactions(const SourceStatement& source, const QList<LibofxTransaction>& cash,
                                           const QString& fileName)
{
    if (cash.size() != source.transactions.size()) {
        return parseError(fileName, source.line, element(source.element),
                          QStringLiteral("libofx read %1 transaction(s) in this statement where the file has %2 "
                                         "<STMTTRN>; refusing rather than guessing which amount is whose")
                              .arg(cash.size())
                              .arg(source.transactions.size()));
    }
    QHash<QString, qsizetype> byFitId;
    QSet<QString> duplicated;
    for (qsizetype i = 0; i < source.transactions.size(); ++i) {
        const QString& fitId = source.transactions[i].fitId.text;
        if (!fitId.isEmpty() && byFitId.contains(fitId)) {
            duplicated.insert(fitId);
        }
        byFitId.insert(fitId, i);
    }
    QList<qsizetype> mapping(cash.size(), -1);
    QList<bool> used(source.transactions.size(), false);
    for (qsizetype i = 0; i < cash.size(); ++i) {
        const QString& fitId = cash[i].fitId;
        qsizetype match = i;
        if (!fitId.isEmpty() && fitId != source.transactions[i].fitId.text) {
            match = (!duplicated.contains(fitId) && byFitId.contains(fitId)) ? byFitId.value(fitId) : -1;
        }
        if (match < 0 || used[match]) {
            return parseError(fileName, source.transactions[i].line, QStringLiteral("<FITID>"),
                              QStringLiteral("libofx and the file disagree about transaction \"%1\"; refusing rather "
                                             "than guessing its amount")
                                  .arg(fitId));
        }
        used[match] = true;
        mapping[i] = match;
    }
    return mapping;
}

// A check number of zeros is a placeholder some banks send with every payment.
QString meaningfulReference(const LibofxTransaction& transaction)
{
    const QString& check = transaction.checkNumber;
    const bool placeholder = std::all_of(check.begin(), check.end(), [](QChar c) { return c == u'0'; });
    if (!check.isEmpty() && !placeholder) {
        return check;
    }
    return transaction.referenceNumber;
}

void applyLibofx(const LibofxTransaction& transaction, StatementEntry& entry)
{
    entry.bankTransactionCode = transactionTypeName(transaction.type);
    if (!transaction.name.isEmpty()) {
        entry.counterpartyName = transaction.name;
    }
    if (!transaction.memo.isEmpty()) {
        entry.remittanceText = transaction.memo;
    }
    if (!transaction.fitId.isEmpty()) {
        entry.bankId = transaction.fitId;
    }
    entry.reference = meaningfulReference(transaction);
    if (transaction.sic >= 0) {
        entry.merchantCategory = QString::number(transaction.sic).rightJustified(4, u'0');
    }
}

QString skippedTradesNote(const SourceStatement& source, const QList<LibofxTransaction>& trades)
{
    QStringList kinds;
    for (const LibofxTransaction& trade : trades) {
        const QString kind = investmentTypeName(trade.invType);
        if (!kinds.contains(kind)) {
            kinds << kind;
        }
    }
    kinds.sort();
    return QStringLiteral("account %1: %2 securities transaction(s) skipped (%3): only the cash movements "
                          "(<INVBANKTRAN>) of an investment statement are imported")
        .arg(source.accountId.text)
        .arg(trades.size())
        .arg(kinds.join(QStringLiteral(", ")));
}

Status mergeLibofx(const SourceDocument& document, const LibofxDocument& libofx, QList<Statement>& statements,
                   QStringList& warnings, const QString& fileName)
{
    QList<const LibofxAccount*> accounts;
    for (const LibofxAccount& account : libofx.accounts) {
        // An account list (ACCTINFORS) names accounts without statements.
        if (account.hasStatement || !account.transactions.isEmpty()) {
            accounts.append(&account);
        }
    }
    if (libofx.status < 0 && accounts.isEmpty()) {
        return parseError(fileName, 0, {},
                          QStringLiteral("libofx could not process the file at all (is its OFX DTD installed?)"));
    }
    if (accounts.size() != document.statements.size()) {
        return parseError(fileName, 0, {},
                          QStringLiteral("libofx read %1 statement(s) where the file has %2; refusing rather than "
                                         "guessing which entries belong where")
                              .arg(accounts.size())
                              .arg(document.statements.size()));
    }
    for (qsizetype s = 0; s < accounts.size(); ++s) {
        const SourceStatement& source = document.statements[s];
        const LibofxAccount& account = *accounts[s];
        if (!sameAccount(account.number, source.accountId.text)) {
            return parseError(fileName, source.accountId.line, QStringLiteral("<ACCTID>"),
                              QStringLiteral("libofx read account \"%1\" where the file says \"%2\"")
                                  .arg(account.number, source.accountId.text));
        }
        QList<LibofxTransaction> cash;
        QList<LibofxTransaction> trades;
        for (const LibofxTransaction& transaction : account.transactions) {
            (isCashMovement(transaction) ? cash : trades).append(transaction);
        }
        auto mapping = matchTransactions(source, cash, fileName);
        if (!mapping) {
            return mapping.error();
        }
        for (qsizetype i = 0; i < cash.size(); ++i) {
            applyLibofx(cash[i], statements[s].entries[mapping->at(i)]);
        }
        if (!trades.isEmpty()) {
            warnings << skippedTradesNote(source, trades);
        }
    }
    if (libofx.status != 0) {
        warnings << QStringLiteral("libofx reports that the file departs from the OFX specification; its amounts "
                                   "and dates were read from the file itself and cross-checked");
    }
    return {};
}

QString variantOf(const HeaderInfo& header, const SourceDocument& document)
{
    QString syntax;
    switch (header.syntax) {
    case HeaderSyntax::Sgml:
        syntax = QStringLiteral("SGML");
        break;
    case HeaderSyntax::Xml:
        syntax = document.openLeaves > 0 ? QStringLiteral("XML header, SGML elements") : QStringLiteral("XML");
        break;
    case HeaderSyntax::None:
        syntax = document.openLeaves > 0 ? QStringLiteral("SGML, no header") : QStringLiteral("XML, no header");
        break;
    }
    if (document.quicken) {
        syntax += QStringLiteral(", QFX");
    }
    const QByteArray& v = header.version;
    if (v.size() == 3 && std::all_of(v.begin(), v.end(), isDigitChar)) {
        return QStringLiteral("OFX %1.%2 (%3)")
            .arg(QString::fromLatin1(v.left(1)), QString::fromLatin1(v.mid(1)), syntax);
    }
    return QStringLiteral("OFX (%1)").arg(syntax);
}

} // namespace

Result<StatementFile> readOfx(const QByteArray& data, const QString& fileName)
{
    auto text = prepareText(data, fileName);
    if (!text) {
        return text.error();
    }
    OfxScanner scanner(text->utf8, fileName);
    auto document = scanner.scan(text->rootOffset, text->rootLine);
    if (!document) {
        return document.error();
    }

    StatementFile file;
    file.format = StatementFormat::Ofx;
    file.fileName = fileName;
    file.variant = variantOf(text->header, *document);
    file.warnings = text->warnings;
    for (const SourceStatement& source : document->statements) {
        auto statement = statementFromSource(source, fileName, file.warnings);
        if (!statement) {
            return statement.error();
        }
        file.statements.append(std::move(*statement));
    }

    auto libofx = readWithLibofx(*document, fileName);
    if (!libofx) {
        return libofx.error();
    }
    if (Status merged = mergeLibofx(*document, *libofx, file.statements, file.warnings, fileName); !merged) {
        return merged.error();
    }
    return file;
}

bool looksLikeOfx(const QByteArray& head)
{
    const QByteArray window = head.left(kSniffWindow);
    return window.contains("OFXHEADER:") || window.contains("<?OFX") || findOfxRoot(window) >= 0;
}

} // namespace flowlet::ingest
