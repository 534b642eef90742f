#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace flowlet {

// Error codes are stable values, not translated text: the UI maps them to messages it translates,
// the CLI prints the message that travels with them.
enum class ErrorCode {
    Unknown,
    InvalidArgument,
    ParseError,
    NotFound,
    AlreadyExists,
    IoError,
    DatabaseOpen,
    DatabaseQuery,
    DatabaseCorrupt,
    NotAWorkspace,
    SchemaTooNew,
    MigrationFailed,
    ConnectionLost,
    PermissionDenied,
    Overflow,
    CurrencyMismatch,
    KeychainUnavailable,
    KeychainError,
    Cancelled,
    InvalidCredentials,
    AccountLocked,
    AccountDisabled,
    CodeRejected,
    CodeReused,
    Unauthenticated, // no, an unknown, expired or revoked API key
    RateLimited,
    PayloadTooLarge,
    Conflict, // changed by someone else since it was read
};

QString errorCodeName(ErrorCode code);

class Error final
{
public:
    Error() = default;
    Error(ErrorCode code, QString message)
        : m_code(code)
        , m_message(std::move(message))
    {
    }

    ErrorCode code() const { return m_code; }
    const QString& message() const { return m_message; }

    // Prefixes context ("while migrating: ...") without losing the code.
    Error wrapped(const QString& context) const { return {m_code, context + QStringLiteral(": ") + m_message}; }

private:
    ErrorCode m_code = ErrorCode::Unknown;
    QString m_message;
};

// A value or an Error, in the spirit of std::expected (which this compiler's library lacks in C++20).
template <typename T>
class [[nodiscard]] Result final
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {
    }
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {
    }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_data); }
    const T& value() const& { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_data); }

    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void> final
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_failed(true)
    {
    }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

} // namespace flowlet
