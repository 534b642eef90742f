#pragma once

#include <QDateTime>
#include <QLocale>
#include <QString>

namespace flowlet::monitorformat {

// How the Monitor panel's tables show times and latencies.
inline QString time(const QDateTime& utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

inline QString latency(qint64 micros)
{
    if (micros < 1000) {
        return QStringLiteral("%1 µs").arg(micros);
    }
    if (micros < 1'000'000) {
        return QStringLiteral("%1 ms").arg(QLocale().toString(double(micros) / 1000.0, 'f', 1));
    }
    return QStringLiteral("%1 s").arg(QLocale().toString(double(micros) / 1'000'000.0, 'f', 2));
}

} // namespace flowlet::monitorformat
