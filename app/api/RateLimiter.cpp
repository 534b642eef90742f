#include "RateLimiter.h"

#include <algorithm>
#include <cmath>

namespace flowlet::api {

RateLimiter::RateLimiter(int ratePerSecond, int burst)
    : m_rate(std::max(1, ratePerSecond))
    , m_burst(std::max(1, burst))
{
}

int RateLimiter::take(const QByteArray& key, qint64 nowMs)
{
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= kMaxKeys) {
            forgetFullBuckets(nowMs);
        }
        it = m_buckets.insert(key, Bucket{m_burst, nowMs});
    }
    Bucket& b = *it;
    b.tokens = std::min(m_burst, b.tokens + double(nowMs - b.updatedMs) * m_rate / 1000.0);
    b.updatedMs = nowMs;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return std::max(1, int(std::ceil((1.0 - b.tokens) / m_rate)));
}

void RateLimiter::forgetFullBuckets(qint64 nowMs)
{
    // A bucket that has refilled completely says nothing a new one would not.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (it->tokens + double(nowMs - it->updatedMs) * m_rate / 1000.0 >= m_burst) {
            it = m_buckets.erase(it);
        } else {
            ++it;
        }
    }
    if (m_buckets.size() >= kMaxKeys) {
        m_buckets.clear(); // flooded with distinct keys: start afresh rather than grow without bound
    }
}

} // namespace flowlet::api
