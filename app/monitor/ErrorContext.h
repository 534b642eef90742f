#pragma once

#include <QString>

#include <optional>

namespace flowlet {

// The request and user the current thread is working for, so that the message handler can tag an
// error with them. Scopes nest: the destructor restores what was current before.
class ScopedErrorContext final
{
public:
    ScopedErrorContext(QString requestId, std::optional<qint64> userId);
    ~ScopedErrorContext();
    ScopedErrorContext(const ScopedErrorContext&) = delete;
    ScopedErrorContext& operator=(const ScopedErrorContext&) = delete;

    static QString currentRequestId();
    static std::optional<qint64> currentUserId();

private:
    QString m_previousRequestId;
    std::optional<qint64> m_previousUserId;
};

} // namespace flowlet
