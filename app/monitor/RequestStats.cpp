#include "RequestStats.h"

#include "core/Clock.h"
#include "db/Database.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QMutexLocker>

#include <algorithm>
#include <cmath>
#include <limits>

namespace flowlet {

namespace {

constexpr qint64 kFirstBoundMicros = 10;

// Bounds computed once: 10 µs · 2^(i/4), the last one open-ended.
const std::array<qint64, RequestStats::kHistogramBuckets>& bounds()
{
    static const auto table = [] {
        std::array<qint64, RequestStats::kHistogramBuckets> b{};
        for (int i = 0; i < RequestStats::kHistogramBuckets - 1; ++i) {
            b[i] = qint64(std::llround(double(kFirstBoundMicros) * std::pow(2.0, i / 4.0)));
        }
        b[RequestStats::kHistogramBuckets - 1] = std::numeric_limits<qint64>::max();
        return b;
    }();
    return table;
}

void mergeInto(RequestStats::Bucket& into, const RequestStats::Bucket& from)
{
    into.requests += from.requests;
    into.clientErrors += from.clientErrors;
    into.serverErrors += from.serverErrors;
    into.sumMicros += from.sumMicros;
    into.maxMicros = std::max(into.maxMicros, from.maxMicros);
    for (int i = 0; i < RequestStats::kHistogramBuckets; ++i) {
        into.histogram[i] += from.histogram[i];
    }
}

} // namespace

qint64 RequestStats::upperBound(int bucket)
{
    return bounds()[std::clamp(bucket, 0, kHistogramBuckets - 1)];
}

int RequestStats::bucketFor(qint64 micros)
{
    const auto& b = bounds();
    return int(std::lower_bound(b.begin(), b.end(), std::max<qint64>(micros, 0)) - b.begin());
}

qint64 RequestStats::percentile(const Histogram& histogram, double q, qint64 maxMicros)
{
    qint64 total = 0;
    for (qint64 n : histogram) {
        total += n;
    }
    if (total == 0) {
        return 0;
    }
    // The rank of the q-quantile, 1-based: the smallest rank with at least q of the requests at or below it.
    const qint64 rank = std::max<qint64>(1, qint64(std::ceil(q * double(total))));
    qint64 seen = 0;
    for (int i = 0; i < kHistogramBuckets; ++i) {
        seen += histogram[i];
        if (seen >= rank) {
            return std::min(upperBound(i), maxMicros);
        }
    }
    return maxMicros;
}

QString RequestStats::histogramToText(const Histogram& histogram)
{
    QStringList parts;
    for (int i = 0; i < kHistogramBuckets; ++i) {
        if (histogram[i] != 0) {
            parts << QStringLiteral("%1:%2").arg(i).arg(histogram[i]);
        }
    }
    return parts.join(u',');
}

RequestStats::Histogram RequestStats::histogramFromText(const QString& text)
{
    Histogram h{};
    for (const QStringView part : QStringView(text).split(u',', Qt::SkipEmptyParts)) {
        const qsizetype colon = part.indexOf(u':');
        bool okIndex = false;
        bool okCount = false;
        const int index = colon > 0 ? part.left(colon).toInt(&okIndex) : -1;
        const qint64 count = colon > 0 ? part.mid(colon + 1).toLongLong(&okCount) : 0;
        if (okIndex && okCount && index >= 0 && index < kHistogramBuckets && count > 0) {
            h[index] += count;
        }
    }
    return h;
}

RequestStats::RequestStats()
    : m_source(QStringLiteral("%1:%2").arg(QHostInfo::localHostName()).arg(QCoreApplication::applicationPid()))
{
}

RequestStats& RequestStats::instance()
{
    static RequestStats stats;
    return stats;
}

void RequestStats::record(const QString& method, const QString& routePattern, int status, qint64 micros)
{
    // Everything that needs no lock is done before taking it.
    const qint64 at = Clock::now().toSecsSinceEpoch() / 60;
    const int bucket = bucketFor(micros);
    const qint64 latency = std::max<qint64>(micros, 0);
    Key key{at, method, routePattern};

    QMutexLocker lock(&m_mutex);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        Bucket b;
        b.minute = QDateTime::fromSecsSinceEpoch(at * 60, Qt::UTC);
        b.method = method;
        b.route = routePattern;
        it = m_buckets.insert(std::move(key), std::move(b));
    }
    Bucket& b = it.value();
    ++b.requests;
    if (status >= 400 && status < 500) {
        ++b.clientErrors;
    } else if (status >= 500) {
        ++b.serverErrors;
    }
    b.sumMicros += latency;
    b.maxMicros = std::max(b.maxMicros, latency);
    ++b.histogram[bucket];
}

void RequestStats::setMaxPendingBuckets(int buckets)
{
    QMutexLocker lock(&m_mutex);
    m_maxPendingBuckets = std::max(1, buckets);
}

QList<RequestStats::Bucket> RequestStats::pending() const
{
    QList<Bucket> out;
    {
        QMutexLocker lock(&m_mutex);
        out = m_buckets.values();
    }
    std::sort(out.begin(), out.end(), [](const Bucket& a, const Bucket& b) {
        return std::tie(a.minute, a.route, a.method) < std::tie(b.minute, b.route, b.method);
    });
    return out;
}

qint64 RequestStats::pendingRequests() const
{
    QMutexLocker lock(&m_mutex);
    qint64 n = 0;
    for (const Bucket& b : m_buckets) {
        n += b.requests;
    }
    return n;
}

void RequestStats::clear()
{
    QMutexLocker lock(&m_mutex);
    m_buckets.clear();
}

void RequestStats::setSource(const QString& source)
{
    QMutexLocker lock(&m_mutex);
    m_source = source;
}

QString RequestStats::source() const
{
    QMutexLocker lock(&m_mutex);
    return m_source;
}

Status RequestStats::flushTo(Database& db)
{
    QHash<Key, Bucket> taken;
    QString source;
    {
        QMutexLocker lock(&m_mutex);
        taken.swap(m_buckets);
        source = m_source;
    }
    if (taken.isEmpty()) {
        return {};
    }
    const SqlDialect& d = db.dialect();
    // On PostgreSQL the workstation role cannot insert: the server function checks the caller
    // and bounds what is written. The owner goes the same way, so there is one path to test.
    const QString sql = d.isPostgres()
        ? QStringLiteral("SELECT flowlet_auth.record_request_stats(CAST(? AS timestamptz), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        : QStringLiteral("INSERT INTO api_request_stats (bucket_start, source, method, route, requests, client_errors, "
                         "server_errors, latency_sum_us, latency_max_us, latency_p50_us, latency_p99_us, latency_hist) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Status written = db.transaction([&](QSqlDatabase& c) -> Status {
        for (const Bucket& b : std::as_const(taken)) {
            const QVariant minute = d.isPostgres() ? QVariant(b.minute.toString(Qt::ISODateWithMs)) : d.timestampValue(b.minute);
            auto q = Database::execOn(c, sql,
                                      {minute, source, b.method, b.route, b.requests, b.clientErrors, b.serverErrors,
                                       b.sumMicros, b.maxMicros, b.p50(), b.p99(), histogramToText(b.histogram)});
            if (!q) {
                return q.error().wrapped(QStringLiteral("writing API request statistics"));
            }
        }
        return {};
    });
    if (!written) {
        // Put them back so that nothing is lost; requests counted meanwhile are added in.
        QMutexLocker lock(&m_mutex);
        for (auto it = taken.begin(); it != taken.end(); ++it) {
            auto existing = m_buckets.find(it.key());
            if (existing == m_buckets.end()) {
                m_buckets.insert(it.key(), it.value());
            } else {
                mergeInto(existing.value(), it.value());
            }
        }
        qint64 dropped = 0;
        while (m_buckets.size() > m_maxPendingBuckets) {
            qint64 oldest = std::numeric_limits<qint64>::max();
            for (auto it = m_buckets.cbegin(); it != m_buckets.cend(); ++it) {
                oldest = std::min(oldest, it.key().minute);
            }
            m_buckets.removeIf([&](const auto& entry) {
                if (entry.key().minute != oldest) {
                    return false;
                }
                dropped += entry.value().requests;
                return true;
            });
        }
        if (dropped > 0) {
            return written.error().wrapped(
                QStringLiteral("statistics of %1 older requests were dropped to bound memory").arg(dropped));
        }
    }
    return written;
}

} // namespace flowlet
