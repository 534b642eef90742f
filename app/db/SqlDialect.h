#pragma once

#include "DatabaseUrl.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QVariant>

namespace flowlet {

// Every difference between SQLite and PostgreSQL that the code has to know about lives here:
// DDL type macros, how timestamps and dates travel, case-insensitive matching, sequences.
class SqlDialect final
{
public:
    explicit SqlDialect(Backend backend)
        : m_backend(backend)
    {
    }

    Backend backend() const { return m_backend; }
    bool isPostgres() const { return m_backend == Backend::PostgreSql; }
    QString name() const { return isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite"); }

    // Replaces the {{macro}} types of the migration scripts: {{id}}, {{timestamp}}, {{date}},
    // {{blob}}, {{json}}, {{bool}}, {{now}}, {{true}}, {{false}}.
    QString expandDdl(QString sql) const;

    // Timestamps are TIMESTAMPTZ on PostgreSQL and ISO-8601 UTC text with milliseconds on SQLite
    // (which then sorts correctly as text).
    QVariant timestampValue(const QDateTime& utc) const;
    QDateTime timestampFrom(const QVariant& value) const;
    QVariant dateValue(const QDate& date) const;
    QDate dateFrom(const QVariant& value) const;

    // "<column> ILIKE ?" / "<column> LIKE ? ESCAPE '\'": case-insensitive substring match; pair
    // it with likePattern() to escape the user's % and _.
    QString containsInsensitive(const QString& column) const;
    static QString likePattern(const QString& userText);

    // After inserting explicit ids, PostgreSQL's identity sequence must move past them.
    QString resetIdentitySql(const QString& table) const;

    // Keyset cursors carry timestamps as exact text (PostgreSQL keeps microseconds that QDateTime
    // would round away); these read a timestamp column as such text and turn a bound text back.
    QString timestampAsText(const QString& column) const;
    QString textAsTimestamp(const QString& placeholder = QStringLiteral("?")) const;

    // An aggregate joining the texts of `expression` with single spaces (string_agg / group_concat).
    QString joinedWithSpaces(const QString& expression) const;

    // A query listing a table's secondary indexes as (name, CREATE INDEX statement), so that bulk
    // loads can drop them and build them again in one pass afterwards.
    QString secondaryIndexesSql() const;

    static QString sqliteTimestampText(const QDateTime& utc);

private:
    Backend m_backend;
};

} // namespace flowlet
