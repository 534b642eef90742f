#include "ApiJson.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace flowlet::api {

namespace {

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

} // namespace

ApiResponse jsonResponse(const QJsonObject& object, int status)
{
    ApiResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

Status checkQueryKeys(const QUrlQuery& query, const QSet<QString>& allowed)
{
    QSet<QString> seen;
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!allowed.contains(key)) {
            return invalid(QStringLiteral("unknown query parameter \"%1\"").arg(key.left(64)));
        }
        if (seen.contains(key)) {
            return invalid(QStringLiteral("query parameter \"%1\" is given more than once").arg(key));
        }
        seen.insert(key);
    }
    return {};
}

Result<QJsonObject> jsonBody(const ApiRequest& request, const QSet<QString>& allowed)
{
    if (request.body.trimmed().isEmpty()) {
        return QJsonObject();
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError) {
        return invalid(QStringLiteral("the body is not valid JSON (%1 at offset %2)")
                           .arg(error.errorString())
                           .arg(error.offset));
    }
    if (!doc.isObject()) {
        return invalid(QStringLiteral("the body must be a JSON object"));
    }
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key())) {
            return invalid(QStringLiteral("unknown field \"%1\"").arg(it.key().left(64)));
        }
    }
    return object;
}

Result<qint64> positiveId(const QString& text, const QString& name)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0 || text.startsWith(u'+') || text.trimmed() != text) {
        return invalid(QStringLiteral("\"%1\" must be a positive whole number").arg(name));
    }
    return id;
}

Result<qint64> positiveId(const QJsonValue& value, const QString& name)
{
    if (value.isString()) {
        return positiveId(value.toString(), name);
    }
    const qint64 id = value.toInteger(-1);
    if (!value.isDouble() || id <= 0 || double(id) != value.toDouble()) {
        return invalid(QStringLiteral("\"%1\" must be a positive whole number").arg(name));
    }
    return id;
}

Result<std::optional<qint64>> optionalId(const QUrlQuery& query, const QString& name)
{
    if (!query.hasQueryItem(name)) {
        return std::optional<qint64>();
    }
    auto id = positiveId(query.queryItemValue(name, QUrl::FullyDecoded), name);
    if (!id) {
        return id.error();
    }
    return std::optional<qint64>(*id);
}

Result<int> intParameter(const QUrlQuery& query, const QString& name, int fallback, int low, int high)
{
    if (!query.hasQueryItem(name)) {
        return fallback;
    }
    bool ok = false;
    const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
    const int value = text.toInt(&ok);
    if (!ok || value < low || value > high || text.trimmed() != text) {
        return invalid(QStringLiteral("\"%1\" must be a whole number from %2 to %3").arg(name).arg(low).arg(high));
    }
    return value;
}

Result<bool> boolParameter(const QUrlQuery& query, const QString& name, bool fallback)
{
    if (!query.hasQueryItem(name)) {
        return fallback;
    }
    const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
    if (text == QStringLiteral("true") || text == QStringLiteral("1")) {
        return true;
    }
    if (text == QStringLiteral("false") || text == QStringLiteral("0")) {
        return false;
    }
    return invalid(QStringLiteral("\"%1\" must be true or false").arg(name));
}

const QSet<QString>& filterKeys()
{
    static const QSet<QString> keys = [] {
        // Every key a full filter writes is one filterFromJson reads.
        TransactionFilter all;
        all.from = all.to = QDate(2000, 1, 1);
        all.minAbsMicros = all.maxAbsMicros = 1;
        all.text = QStringLiteral("x");
        all.accountId = 1;
        all.categoryId = 1;
        QSet<QString> k;
        for (const QString& key : filterToJson(all).keys()) {
            k.insert(key);
        }
        all.uncategorised = true;
        for (const QString& key : filterToJson(all).keys()) {
            k.insert(key);
        }
        return k;
    }();
    return keys;
}

Result<TransactionFilter> filterFromQuery(const QUrlQuery& query)
{
    QJsonObject json;
    for (const QString& key : filterKeys()) {
        if (!query.hasQueryItem(key)) {
            continue;
        }
        const QString value = query.queryItemValue(key, QUrl::FullyDecoded);
        if (key == QStringLiteral("uncategorised")) {
            auto flag = boolParameter(query, key, false);
            if (!flag) {
                return flag.error();
            }
            json.insert(key, *flag);
        } else {
            json.insert(key, value);
        }
    }
    return filterFromJson(json);
}

void appendJsonString(QByteArray& out, QStringView text)
{
    static const char hex[] = "0123456789abcdef";
    // Written in place: at most six bytes per UTF-16 unit (\u00XX) and the quotes.
    const qsizetype start = out.size();
    out.resize(start + text.size() * 6 + 2);
    char* p = out.data() + start;
    *p++ = '"';
    const char16_t* u = text.utf16();
    const char16_t* const end = u + text.size();
    while (u < end) {
        char32_t c = *u++;
        if (c < 0x80) {
            if (c == '"' || c == '\\') {
                *p++ = '\\';
                *p++ = char(c);
            } else if (c < 0x20) {
                *p++ = '\\';
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = hex[c >> 4];
                *p++ = hex[c & 0xf];
            } else {
                *p++ = char(c);
            }
            continue;
        }
        if (QChar::isHighSurrogate(c) && u < end && QChar::isLowSurrogate(*u)) {
            c = QChar::surrogateToUcs4(char16_t(c), *u++);
        } else if (QChar::isSurrogate(c)) {
            c = 0xfffd; // a lone surrogate is not text: the replacement character, as toUtf8 writes
        }
        if (c < 0x800) {
            *p++ = char(0xc0 | (c >> 6));
        } else if (c < 0x10000) {
            *p++ = char(0xe0 | (c >> 12));
            *p++ = char(0x80 | ((c >> 6) & 0x3f));
        } else {
            *p++ = char(0xf0 | (c >> 18));
            *p++ = char(0x80 | ((c >> 12) & 0x3f));
            *p++ = char(0x80 | ((c >> 6) & 0x3f));
        }
        *p++ = char(0x80 | (c & 0x3f));
    }
    *p++ = '"';
    out.resize(p - out.constData());
}

namespace {

char* writeDigits(char* p, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        p[i] = char('0' + value % 10);
        value /= 10;
    }
    return p + width;
}

char* writeDate(char* p, const QDate& date)
{
    int year = 0, month = 0, day = 0;
    date.getDate(&year, &month, &day);
    p = writeDigits(p, year, 4);
    *p++ = '-';
    p = writeDigits(p, month, 2);
    *p++ = '-';
    return writeDigits(p, day, 2);
}

// Years outside 0001–9999 do not fit the fixed layout; Qt's own formatting handles them.
bool fixedLayout(const QDate& date)
{
    return date.year() >= 1 && date.year() <= 9999;
}

} // namespace

void appendJsonTimestamp(QByteArray& out, const QDateTime& time)
{
    const QDateTime utc = time.toUTC();
    if (!utc.isValid() || !fixedLayout(utc.date())) {
        appendJsonString(out, timestampText(time));
        return;
    }
    const qsizetype start = out.size();
    out.resize(start + 26); // "YYYY-MM-DDTHH:MM:SS.mmmZ"
    char* p = writeDate(out.data() + start + 1, utc.date());
    out[start] = '"';
    const QTime t = utc.time();
    *p++ = 'T';
    p = writeDigits(p, t.hour(), 2);
    *p++ = ':';
    p = writeDigits(p, t.minute(), 2);
    *p++ = ':';
    p = writeDigits(p, t.second(), 2);
    *p++ = '.';
    p = writeDigits(p, t.msec(), 3);
    *p++ = 'Z';
    *p = '"';
}

void appendJsonDate(QByteArray& out, const QDate& date)
{
    if (!date.isValid() || !fixedLayout(date)) {
        appendJsonString(out, dateText(date));
        return;
    }
    const qsizetype start = out.size();
    out.resize(start + 12);
    out[start] = '"';
    *writeDate(out.data() + start + 1, date) = '"';
}

QString amountText(const Money& money)
{
    return money.toString();
}

QString timestampText(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString dateText(const QDate& date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

} // namespace flowlet::api
