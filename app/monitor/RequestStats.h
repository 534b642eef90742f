#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <array>

namespace flowlet {

class Database;

// Per-route API statistics in one-minute buckets, held in memory. record() is called on every
// request from any thread: it takes one short lock and touches one bucket, no database. flushTo()
// writes the buckets to api_request_stats and forgets what it wrote; several processes may flush
// to the same database, each row carries its source, and readers add rows up.
class RequestStats final
{
public:
    // Latency histogram: bucket i counts requests of at most upperBound(i) microseconds, bounds
    // growing by 2^(1/4) (~19 % per bucket) from 10 µs; the last bucket takes everything longer.
    static constexpr int kHistogramBuckets = 80;
    using Histogram = std::array<qint64, kHistogramBuckets>;
    static qint64 upperBound(int bucket);
    static int bucketFor(qint64 micros);
    // The latency at quantile q (0..1) of a histogram: the upper bound of the bucket holding that
    // rank, never above maxMicros. 0 for an empty histogram.
    static qint64 percentile(const Histogram& histogram, double q, qint64 maxMicros);
    // Sparse text form stored in the database: "index:count,index:count".
    static QString histogramToText(const Histogram& histogram);
    static Histogram histogramFromText(const QString& text);

    struct Bucket
    {
        QDateTime minute; // UTC start of the minute
        QString method;
        QString route;
        qint64 requests = 0;
        qint64 clientErrors = 0; // 4xx
        qint64 serverErrors = 0; // 5xx
        qint64 sumMicros = 0;
        qint64 maxMicros = 0;
        Histogram histogram{};

        qint64 p50() const { return percentile(histogram, 0.50, maxMicros); }
        qint64 p99() const { return percentile(histogram, 0.99, maxMicros); }
    };

    RequestStats();
    static RequestStats& instance();

    void record(const QString& method, const QString& routePattern, int status, qint64 micros);

    // Writes all buckets (one row per bucket and source) and clears them; on failure they stay
    // and are merged with what arrives meanwhile, so the next flush writes them — up to
    // maxPendingBuckets(): while the database stays unreachable the oldest minutes are dropped
    // (and the error says how many requests' figures went), so memory stays bounded.
    Status flushTo(Database& db);
    static constexpr int kDefaultMaxPendingBuckets = 10'000; // ~8 MB: a week of one busy route
    void setMaxPendingBuckets(int buckets);

    // Buckets recorded and not yet flushed, ordered by minute, route, method.
    QList<Bucket> pending() const;
    qint64 pendingRequests() const;
    void clear();

    // Names this process in the rows it writes ("host:pid" unless set).
    void setSource(const QString& source);
    QString source() const;

private:
    struct Key
    {
        qint64 minute;
        QString method;
        QString route;
        friend bool operator==(const Key&, const Key&) = default;
    };
    friend size_t qHash(const Key& key, size_t seed) noexcept
    {
        return qHashMulti(seed, key.minute, key.method, key.route);
    }

    mutable QMutex m_mutex;
    QHash<Key, Bucket> m_buckets;
    int m_maxPendingBuckets = kDefaultMaxPendingBuckets;
    QString m_source;
};

} // namespace flowlet
