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
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        } else {
            out += char(c);
        }
    }
    out += '"';
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
