#pragma once

#include <QByteArrayView>
#include <QDate>
#include <QDateTime>
#include <QString>
#include <QVariant>

#include <functional>

namespace flowlet {

// One row of Database::readRows, read straight from the database library's own buffers (libpq's
// text result, SQLite's column API): no QVariant per value. Valid only inside the callback.
class SqlRow
{
public:
    virtual ~SqlRow() = default;

    virtual bool isNull(int column) const = 0;
    // The value as the database writes it as text: PostgreSQL's output format (DateStyle ISO),
    // SQLite's stored text or the digits of a number. UTF-8; empty for NULL.
    virtual QByteArrayView bytes(int column) const = 0;
    virtual qint64 int64(int column) const = 0;

    // NULL as a null QString, '' as an empty one.
    QString text(int column) const;
    bool boolean(int column) const;
    // Dates as YYYY-MM-DD; timestamps as PostgreSQL's "2026-09-30 09:16:05.123+00" or SQLite's
    // "2026-09-30T09:16:05.123Z", returned in UTC. Invalid for NULL.
    QDate date(int column) const { return parseDate(bytes(column)); }
    QDateTime timestamp(int column) const { return parseTimestamp(bytes(column)); }

    // The parsers behind date() and timestamp(), for text from elsewhere. A timestamp without an
    // offset is taken as UTC (as every timestamp the workspace stores is).
    static QDate parseDate(QByteArrayView text);
    static QDateTime parseTimestamp(QByteArrayView text);
};

using RowFunction = std::function<void(const SqlRow&)>;

} // namespace flowlet
