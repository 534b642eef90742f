#pragma once

#include "ApiMessage.h"
#include "core/Result.h"

#include <QString>

namespace flowlet::api {

// The one error envelope every failure answers with:
//   {"error": {"code", "message", "details", "timestamp", "request_id"}}
// "details" carries internal text (a driver's message) and is filled only in development mode;
// otherwise it is null. Server-side failures never put internal text into "message".
struct ApiError
{
    int status = 500;
    QString code;    // stable, snake_case: invalid_argument, not_found, ...
    QString message; // for people
    QString details; // development mode only

    // The status and code a service's Error answers with.
    static ApiError from(const Error& error);

    ApiResponse toResponse(const QString& requestId, bool development) const;
};

// The request's id: the client's X-Request-Id when it is 1–64 characters of [A-Za-z0-9._:-],
// else a new random one.
QString requestIdFor(const QByteArray& clientValue);

} // namespace flowlet::api
