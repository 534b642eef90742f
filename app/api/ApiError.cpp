#include "ApiError.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace flowlet::api {

ApiError ApiError::from(const Error& error)
{
    switch (error.code()) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::Overflow:
    case ErrorCode::CurrencyMismatch:
        return {400, QStringLiteral("invalid_argument"), error.message(), {}};
    case ErrorCode::ParseError:
        return {400, QStringLiteral("parse_error"), error.message(), {}};
    case ErrorCode::NotFound:
        return {404, QStringLiteral("not_found"), error.message(), {}};
    case ErrorCode::AlreadyExists:
    case ErrorCode::Conflict:
        return {409, QStringLiteral("conflict"), error.message(), {}};
    case ErrorCode::PermissionDenied:
        return {403, QStringLiteral("permission_denied"), error.message(), {}};
    case ErrorCode::Unauthenticated:
    case ErrorCode::InvalidCredentials:
    case ErrorCode::AccountLocked:
    case ErrorCode::AccountDisabled:
        return {401, QStringLiteral("unauthenticated"), error.message(), {}};
    case ErrorCode::RateLimited:
        return {429, QStringLiteral("rate_limited"), error.message(), {}};
    case ErrorCode::PayloadTooLarge:
        return {413, QStringLiteral("payload_too_large"), error.message(), {}};
    case ErrorCode::ConnectionLost:
    case ErrorCode::DatabaseOpen:
        return {503, QStringLiteral("unavailable"), QStringLiteral("the database cannot be reached; try again later"),
                error.message()};
    default:
        break;
    }
    return {500, QStringLiteral("internal"), QStringLiteral("the server failed to answer this request"),
            errorCodeName(error.code()) + QStringLiteral(": ") + error.message()};
}

ApiResponse ApiError::toResponse(const QString& requestId, bool development) const
{
    QJsonObject inner{
        {QStringLiteral("code"), code},
        {QStringLiteral("message"), message},
        {QStringLiteral("details"), development && !details.isEmpty() ? QJsonValue(details) : QJsonValue()},
        {QStringLiteral("timestamp"),
         QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("request_id"), requestId},
    };
    ApiResponse response;
    response.status = status;
    response.body = QJsonDocument(QJsonObject{{QStringLiteral("error"), inner}}).toJson(QJsonDocument::Compact);
    return response;
}

QString requestIdFor(const QByteArray& clientValue)
{
    if (!clientValue.isEmpty() && clientValue.size() <= 64) {
        const bool safe = std::all_of(clientValue.begin(), clientValue.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == ':';
        });
        if (safe) {
            return QString::fromLatin1(clientValue);
        }
    }
    // Not a secret, only unique: 96 random bits.
    quint32 words[3];
    QRandomGenerator::global()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(words), sizeof words).toHex());
}

} // namespace flowlet::api
