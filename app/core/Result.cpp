#include "Result.h"

namespace flowlet {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Unknown: return QStringLiteral("unknown");
    case ErrorCode::InvalidArgument: return QStringLiteral("invalid_argument");
    case ErrorCode::ParseError: return QStringLiteral("parse_error");
    case ErrorCode::NotFound: return QStringLiteral("not_found");
    case ErrorCode::AlreadyExists: return QStringLiteral("already_exists");
    case ErrorCode::IoError: return QStringLiteral("io_error");
    case ErrorCode::DatabaseOpen: return QStringLiteral("database_open");
    case ErrorCode::DatabaseQuery: return QStringLiteral("database_query");
    case ErrorCode::DatabaseCorrupt: return QStringLiteral("database_corrupt");
    case ErrorCode::NotAWorkspace: return QStringLiteral("not_a_workspace");
    case ErrorCode::SchemaTooNew: return QStringLiteral("schema_too_new");
    case ErrorCode::MigrationFailed: return QStringLiteral("migration_failed");
    case ErrorCode::ConnectionLost: return QStringLiteral("connection_lost");
    case ErrorCode::PermissionDenied: return QStringLiteral("permission_denied");
    case ErrorCode::Overflow: return QStringLiteral("overflow");
    case ErrorCode::CurrencyMismatch: return QStringLiteral("currency_mismatch");
    case ErrorCode::KeychainUnavailable: return QStringLiteral("keychain_unavailable");
    case ErrorCode::KeychainError: return QStringLiteral("keychain_error");
    case ErrorCode::Cancelled: return QStringLiteral("cancelled");
    case ErrorCode::InvalidCredentials: return QStringLiteral("invalid_credentials");
    case ErrorCode::AccountLocked: return QStringLiteral("account_locked");
    case ErrorCode::AccountDisabled: return QStringLiteral("account_disabled");
    case ErrorCode::CodeRejected: return QStringLiteral("code_rejected");
    case ErrorCode::CodeReused: return QStringLiteral("code_reused");
    case ErrorCode::Unauthenticated: return QStringLiteral("unauthenticated");
    case ErrorCode::RateLimited: return QStringLiteral("rate_limited");
    case ErrorCode::PayloadTooLarge: return QStringLiteral("payload_too_large");
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    }
    return QStringLiteral("unknown");
}

} // namespace flowlet
