#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace flowlet::api {

// A request as the handlers see it: copied out of the HTTP layer, so it can travel to a worker
// thread. Header names are lower case.
struct ApiRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path;      // decoded path, without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers;
    QByteArray body;
    QString requestId;
    QHash<QString, QString> pathParameters; // {id} → "42"

    QByteArray header(const QByteArray& lowerCaseName) const { return headers.value(lowerCaseName); }
};

// A complete response; serialised by the HTTP layer on the server thread.
struct ApiResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // beyond Content-Type, Content-Length, X-Request-Id
};

} // namespace flowlet::api
