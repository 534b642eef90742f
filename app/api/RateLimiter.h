#pragma once

#include <QByteArray>
#include <QHash>

namespace flowlet::api {

// A token bucket per API key: `ratePerSecond` tokens a second, at most `burst` saved up. Keyed by
// the presented token itself, so that guessing keys is throttled as well as using them. Used on
// the server thread only.
class RateLimiter final
{
public:
    RateLimiter(int ratePerSecond, int burst);

    // Takes one token at time `nowMs` (a monotonic clock). 0 when the request may go ahead, else
    // the seconds until a token is available (for Retry-After, at least 1).
    int take(const QByteArray& key, qint64 nowMs);

private:
    struct Bucket
    {
        double tokens = 0; // fractions of a request, not money
        qint64 updatedMs = 0;
    };
    void forgetFullBuckets(qint64 nowMs);

    static constexpr int kMaxKeys = 10'000;
    double m_rate;
    double m_burst;
    QHash<QByteArray, Bucket> m_buckets;
};

} // namespace flowlet::api
