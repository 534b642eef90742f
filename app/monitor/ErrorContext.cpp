#include "ErrorContext.h"

#include <utility>

namespace flowlet {

namespace {
thread_local QString t_requestId;
thread_local std::optional<qint64> t_userId;
} // namespace

ScopedErrorContext::ScopedErrorContext(QString requestId, std::optional<qint64> userId)
    : m_previousRequestId(std::exchange(t_requestId, std::move(requestId)))
    , m_previousUserId(std::exchange(t_userId, userId))
{
}

ScopedErrorContext::~ScopedErrorContext()
{
    t_requestId = std::move(m_previousRequestId);
    t_userId = m_previousUserId;
}

QString ScopedErrorContext::currentRequestId()
{
    return t_requestId;
}

std::optional<qint64> ScopedErrorContext::currentUserId()
{
    return t_userId;
}

} // namespace flowlet
