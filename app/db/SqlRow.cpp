#include "SqlRow.h"

#include <QTimeZone>

namespace flowlet {

namespace {

// Reads `width` ASCII digits at `at`; false if any is not a digit.
bool digits(QByteArrayView text, qsizetype at, int width, int* value)
{
    if (at + width > text.size()) {
        return false;
    }
    int v = 0;
    for (int i = 0; i < width; ++i) {
        const char c = text[at + i];
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    *value = v;
    return true;
}

// YYYY-MM-DD at the start of `text`.
QDate leadingDate(QByteArrayView text)
{
    int year = 0, month = 0, day = 0;
    if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4, &year)
        || !digits(text, 5, 2, &month) || !digits(text, 8, 2, &day)) {
        return {};
    }
    return QDate(year, month, day);
}

// Qt's ISO parser, for the rare text outside the fixed layout (years past 9999, say).
QDateTime qtParse(const QString& text)
{
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid()) {
        dt = QDateTime::fromString(text, Qt::ISODate);
    }
    if (dt.isValid() && dt.timeSpec() == Qt::LocalTime) {
        dt.setTimeZone(QTimeZone::utc());
    }
    return dt.toUTC();
}

constexpr qint64 kMsecsPerDay = 86'400'000;
const qint64 kUnixEpochJulianDay = QDate(1970, 1, 1).toJulianDay();

} // namespace

QString SqlRow::text(int column) const
{
    if (isNull(column)) {
        return {};
    }
    const QByteArrayView v = bytes(column);
    return v.isEmpty() ? QStringLiteral("") : QString::fromUtf8(v);
}

bool SqlRow::boolean(int column) const
{
    const QByteArrayView v = bytes(column);
    return !v.isEmpty() && (v[0] == 't' || v[0] == '1');
}

QDate SqlRow::parseDate(QByteArrayView text)
{
    if (text.size() == 10) {
        if (const QDate d = leadingDate(text); d.isValid()) {
            return d;
        }
    }
    return text.isEmpty() ? QDate() : QDate::fromString(QString::fromUtf8(text).left(10), Qt::ISODate);
}

QDateTime SqlRow::parseTimestamp(QByteArrayView text)
{
    // YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z | ±HH[:MM[:SS]]]: every form either database writes.
    const QDate date = leadingDate(text);
    int hour = 0, minute = 0, second = 0;
    if (!date.isValid() || text.size() < 19 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':'
        || text[16] != ':' || !digits(text, 11, 2, &hour) || !digits(text, 14, 2, &minute)
        || !digits(text, 17, 2, &second) || hour > 23 || minute > 59 || second > 59) {
        return text.isEmpty() ? QDateTime() : qtParse(QString::fromUtf8(text));
    }
    qsizetype at = 19;
    int msec = 0;
    if (at < text.size() && text[at] == '.') {
        ++at;
        int scale = 100;
        const qsizetype start = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            msec += (text[at] - '0') * scale; // beyond milliseconds the digits are dropped, as QDateTime keeps none
            scale /= 10;
            ++at;
        }
        if (at == start) {
            return {};
        }
    }
    qint64 offsetSeconds = 0;
    if (at < text.size()) {
        const char sign = text[at];
        if (sign == 'Z' && at + 1 == text.size()) {
            at = text.size();
        } else if (sign == '+' || sign == '-') {
            int h = 0, m = 0, s = 0;
            if (!digits(text, at + 1, 2, &h)) {
                return {};
            }
            at += 3;
            if (at < text.size() && text[at] == ':' && digits(text, at + 1, 2, &m)) {
                at += 3;
                if (at < text.size() && text[at] == ':' && digits(text, at + 1, 2, &s)) {
                    at += 3;
                }
            } else if (digits(text, at, 2, &m)) { // +HHMM
                at += 2;
            }
            offsetSeconds = (sign == '-' ? -1 : 1) * (h * 3600 + m * 60 + s);
        }
        if (at != text.size()) {
            return {};
        }
    }
    const qint64 msecs = (date.toJulianDay() - kUnixEpochJulianDay) * kMsecsPerDay
        + ((hour * 60 + minute) * 60 + second - offsetSeconds) * 1000 + msec;
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}

} // namespace flowlet
