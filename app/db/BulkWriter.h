#pragma once

#include "Database.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace flowlet {

// Writes many rows into one table as fast as the backend allows: COPY through libpq on
// PostgreSQL (psql \copy speed; through a temporary table when row-level security applies); on SQLite reused multi-row INSERTs through SQLite's C API on
// the Qt driver's own handle (QSqlQuery's per-row overhead was half the import's time). Runs on
// the connection and inside the transaction the caller holds, so a failure leaves nothing behind
// after rollback. Fields are appended in column order, then endRow(); the rows are in the table
// once finish() has returned (not necessarily before).
class BulkWriter
{
public:
    virtual ~BulkWriter() = default;

    static Result<std::unique_ptr<BulkWriter>> create(const SqlDialect& dialect, QSqlDatabase& connection,
                                                      const QString& table, const QStringList& columns);

    virtual void addInt(qint64 value) = 0;
    virtual void addText(const QByteArray& utf8) = 0;
    virtual void addNull() = 0;
    virtual void addBool(bool value) = 0;
    virtual void addTimestamp(qint64 epochSeconds) = 0; // UTC
    virtual void addDate(qint64 epochDays) = 0;
    // Text that is a QString already: SQLite binds it as it is, COPY encodes it once.
    virtual void addText(const QString& text) { addText(text.toUtf8()); }
    void addText(const char* latin1) { addText(QByteArray(latin1)); }
    void addOptionalText(const QString& text)
    {
        if (text.isEmpty()) {
            addNull();
        } else {
            addText(text);
        }
    }
    void addOptionalText(const QByteArray& utf8)
    {
        if (utf8.isEmpty()) {
            addNull();
        } else {
            addText(utf8);
        }
    }

    virtual Status endRow() = 0;
    virtual Status finish() = 0;

    qint64 rowCount() const { return m_rows; }

protected:
    qint64 m_rows = 0;
};

// Drops a table's secondary indexes for a bulk load and builds them again afterwards: one sort per
// index instead of millions of incremental inserts. Use inside the load's transaction, so that a
// failure restores the indexes with everything else.
class DeferredIndexes final
{
public:
    static Result<DeferredIndexes> drop(const SqlDialect& dialect, QSqlDatabase& connection, const QString& table);
    Status recreate(QSqlDatabase& connection) const;

private:
    QStringList m_definitions;
};

// Calendar helpers shared by the writers and the generators (proleptic Gregorian, UTC).
struct CivilDate
{
    int year;
    int month;
    int day;
};
CivilDate civilFromDays(qint64 epochDays);
qint64 daysFromCivil(int year, int month, int day);

} // namespace flowlet
