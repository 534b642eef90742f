#pragma once

#include "ApiMessage.h"
#include "core/Money.h"
#include "core/Result.h"
#include "ledger/TransactionQuery.h"

#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <optional>

namespace flowlet::api {

// Small helpers the endpoints share for reading parameters and writing JSON. Every refusal is an
// InvalidArgument naming the parameter; amounts are decimal text in and out, never numbers.

ApiResponse jsonResponse(const QJsonObject& object, int status = 200);

// Refuses a query parameter outside `allowed` and any parameter given twice.
Status checkQueryKeys(const QUrlQuery& query, const QSet<QString>& allowed);
// The JSON body as an object with only `allowed` keys (a missing body is an empty object).
Result<QJsonObject> jsonBody(const ApiRequest& request, const QSet<QString>& allowed);

Result<qint64> positiveId(const QString& text, const QString& name);
// A JSON id: a whole positive number, or its decimal text.
Result<qint64> positiveId(const QJsonValue& value, const QString& name);
Result<std::optional<qint64>> optionalId(const QUrlQuery& query, const QString& name);
Result<int> intParameter(const QUrlQuery& query, const QString& name, int fallback, int low, int high);
Result<bool> boolParameter(const QUrlQuery& query, const QString& name, bool fallback);

// The transaction filter's keys (filterFromJson's) as they appear in a query string.
const QSet<QString>& filterKeys();
Result<TransactionFilter> filterFromQuery(const QUrlQuery& query);

// Appends `text` as a JSON string (quoted, escaped, UTF-8): for the hot list endpoint, which
// writes its rows straight into the response bytes instead of building QJsonObjects.
void appendJsonString(QByteArray& out, QStringView text);
// Append timestampText / dateText as JSON strings without the QString in between.
void appendJsonTimestamp(QByteArray& out, const QDateTime& time);
void appendJsonDate(QByteArray& out, const QDate& date);

QString amountText(const Money& money); // "-12.50": Money's canonical digits
QString timestampText(const QDateTime& time); // ISO 8601 UTC with milliseconds
QString dateText(const QDate& date);          // YYYY-MM-DD, or empty

} // namespace flowlet::api
