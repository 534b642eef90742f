#include "BulkWriter.h"

#include "PgSupport_p.h"

#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

#include <atomic>

namespace flowlet {

// Howard Hinnant's civil-calendar algorithms: exact and branch-light, so the generators can
// format tens of millions of dates without QDateTime.
CivilDate civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 y = static_cast<qint64>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

qint64 daysFromCivil(int year, int month, int day)
{
    const qint64 y = year - (month <= 2);
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + static_cast<unsigned>(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

namespace {

void appendPadded(QByteArray& out, int value, int width)
{
    char buf[8];
    for (int i = width - 1; i >= 0; --i) {
        buf[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(buf, width);
}

void appendDate(QByteArray& out, qint64 epochDays)
{
    const CivilDate c = civilFromDays(epochDays);
    appendPadded(out, c.year, 4);
    out.append('-');
    appendPadded(out, c.month, 2);
    out.append('-');
    appendPadded(out, c.day, 2);
}

void appendTime(QByteArray& out, qint64 secondsOfDay)
{
    appendPadded(out, static_cast<int>(secondsOfDay / 3600), 2);
    out.append(':');
    appendPadded(out, static_cast<int>(secondsOfDay / 60 % 60), 2);
    out.append(':');
    appendPadded(out, static_cast<int>(secondsOfDay % 60), 2);
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

class PgCopyWriter final : public BulkWriter
{
public:
    explicit PgCopyWriter(QSqlDatabase& conn)
        : m_connection(conn)
        , m_copy(conn)
    {
        m_buffer.reserve(kFlushAt + 4096);
    }

    // PostgreSQL refuses COPY FROM into a table whose row-level security applies to the caller
    // (a workstation's role). Then the rows are copied into a temporary table of the same columns
    // and moved over with one INSERT … SELECT at finish(), where the policies and triggers check
    // every row as for any insert. The owner copies straight into the table.
    Status begin(const QString& table, const QStringList& columns)
    {
        const QString list = columns.join(QStringLiteral(", "));
        auto guarded = rowSecurityActive(table);
        if (!guarded) {
            return guarded.error();
        }
        if (!*guarded) {
            return m_copy.begin(QStringLiteral("COPY %1 (%2) FROM STDIN").arg(table, list));
        }
        static std::atomic_int serial{0};
        m_staging = QStringLiteral("flowlet_bulk_%1").arg(++serial);
        m_moveRows = QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %3").arg(table, list, m_staging);
        if (auto s = run(QStringLiteral("CREATE TEMPORARY TABLE %1 ON COMMIT DROP AS SELECT %2 FROM %3 WITH NO DATA")
                             .arg(m_staging, list, table));
            !s) {
            return s;
        }
        return m_copy.begin(QStringLiteral("COPY %1 (%2) FROM STDIN").arg(m_staging, list));
    }

    void addInt(qint64 value) override
    {
        separator();
        char buf[24];
        int n = 0;
        quint64 v = value < 0 ? quint64(0) - quint64(value) : quint64(value);
        do {
            buf[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v);
        if (value < 0) {
            buf[n++] = '-';
        }
        while (n) {
            m_buffer.append(buf[--n]);
        }
    }
    void addText(const QByteArray& utf8) override
    {
        separator();
        pg::CopyIn::appendEscaped(m_buffer, utf8);
    }
    void addNull() override
    {
        separator();
        m_buffer.append("\\N", 2);
    }
    void addBool(bool value) override
    {
        separator();
        m_buffer.append(value ? 't' : 'f');
    }
    void addTimestamp(qint64 epochSeconds) override
    {
        separator();
        appendDate(m_buffer, floorDiv(epochSeconds, 86400));
        m_buffer.append(' ');
        appendTime(m_buffer, epochSeconds - floorDiv(epochSeconds, 86400) * 86400);
        m_buffer.append("+00", 3);
    }
    void addDate(qint64 epochDays) override
    {
        separator();
        appendDate(m_buffer, epochDays);
    }
    Status endRow() override
    {
        m_buffer.append('\n');
        m_first = true;
        ++m_rows;
        if (m_buffer.size() >= kFlushAt) {
            auto s = m_copy.write(m_buffer);
            m_buffer.clear();
            return s;
        }
        return {};
    }
    Status finish() override
    {
        if (!m_buffer.isEmpty()) {
            if (auto s = m_copy.write(m_buffer); !s) {
                m_copy.abort(QStringLiteral("write failed"));
                return s;
            }
            m_buffer.clear();
        }
        if (auto s = m_copy.finish(); !s || m_staging.isEmpty()) {
            return s;
        }
        if (auto s = run(m_moveRows); !s) {
            return s;
        }
        return run(QStringLiteral("DROP TABLE %1").arg(m_staging));
    }

private:
    static constexpr qsizetype kFlushAt = 1 << 20;

    // A statement whose query object is gone when this returns, before any COPY starts.
    Status run(const QString& sql)
    {
        auto q = Database::execOn(m_connection, sql);
        return q ? Status() : Status(q.error());
    }

    // Asked and its query gone before any COPY starts: a prepared query's cleanup must not reach
    // the connection while it is in COPY mode.
    Result<bool> rowSecurityActive(const QString& table)
    {
        auto q = Database::execOn(m_connection, QStringLiteral("SELECT row_security_active(CAST(? AS regclass))"), {table});
        if (!q || !q->next()) {
            return q ? Error(ErrorCode::DatabaseQuery, QStringLiteral("no answer about %1").arg(table)) : q.error();
        }
        return q->value(0).toBool();
    }
    void separator()
    {
        if (!m_first) {
            m_buffer.append('\t');
        }
        m_first = false;
    }

    QSqlDatabase& m_connection;
    pg::CopyIn m_copy;
    QString m_staging;  // the temporary table rows go through when row-level security applies
    QString m_moveRows; // and the statement that moves them into the table
    QByteArray m_buffer;
    bool m_first = true;
};

// SQLite through its C API on the driver's own handle: QSqlQuery's per-row bind and exec (QVariant
// conversions, result bookkeeping) cost more than SQLite's insert itself. Rows go in batches, one
// multi-row INSERT per batch: every execution of a statement rebuilds the lookup tables of the
// table's `CHECK (x IN (…))` constraints and starts the VDBE afresh, which with a step per row cost
// as much as the insert itself. A batch's values are held (texts shared, not copied) until the
// batch is full and are then bound in place.
class SqliteInsertWriter final : public BulkWriter
{
public:
    SqliteInsertWriter(QSqlDatabase& conn, int columns)
        : m_connection(conn)
        , m_columns(columns)
    {
    }
    ~SqliteInsertWriter() override
    {
        sqlite3_finalize(m_batchStatement);
        sqlite3_finalize(m_tailStatement);
    }

    Status prepare(const QString& table, const QStringList& columns)
    {
        const QVariant handle = m_connection.driver()->handle();
        if (qstrcmp(handle.typeName(), "sqlite3*") != 0 || !(m_db = *static_cast<sqlite3* const*>(handle.constData()))) {
            return Error(ErrorCode::DatabaseQuery, QStringLiteral("the SQLite connection is not open"));
        }
        m_insert = QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(table, columns.join(QStringLiteral(", ")));
        const int variables = sqlite3_limit(m_db, SQLITE_LIMIT_VARIABLE_NUMBER, -1);
        m_batchRows = std::max(1, std::min(kRowsPerStatement, variables / std::max(1, m_columns)));
        m_values.resize(static_cast<size_t>(m_batchRows) * m_columns);
        return statementFor(m_batchRows, &m_batchStatement);
    }

    void addInt(qint64 value) override { next() = Value{Value::Int, value, {}, {}}; }
    void addText(const QByteArray& utf8) override { next() = Value{Value::Utf8, 0, utf8, {}}; }
    void addText(const QString& text) override { next() = Value{Value::Utf16, 0, {}, text}; }
    void addNull() override { next() = Value{}; }
    void addBool(bool value) override { addInt(value ? 1 : 0); }
    void addTimestamp(qint64 epochSeconds) override
    {
        QByteArray text;
        text.reserve(24);
        appendDate(text, floorDiv(epochSeconds, 86400));
        text.append('T');
        appendTime(text, epochSeconds - floorDiv(epochSeconds, 86400) * 86400);
        text.append(".000Z", 5);
        addText(text);
    }
    void addDate(qint64 epochDays) override
    {
        QByteArray text;
        appendDate(text, epochDays);
        addText(text);
    }
    Status endRow() override
    {
        Q_ASSERT(m_index == (m_pending + 1) * m_columns);
        ++m_rows;
        if (++m_pending == m_batchRows) {
            return flush();
        }
        return {};
    }
    Status finish() override
    {
        Status status = flush();
        sqlite3_finalize(m_batchStatement);
        sqlite3_finalize(m_tailStatement);
        m_batchStatement = m_tailStatement = nullptr;
        return status;
    }

private:
    static constexpr int kRowsPerStatement = 64;

    struct Value
    {
        enum Kind { Null, Int, Utf8, Utf16 } kind = Null;
        qint64 integer = 0;
        QByteArray utf8;
        QString utf16;
    };

    Value& next() { return m_values[static_cast<size_t>(m_index++)]; }

    Status statementFor(int rows, sqlite3_stmt** statement)
    {
        QString row = QStringLiteral("(");
        for (int i = 0; i < m_columns; ++i) {
            row += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
        }
        row += u')';
        QStringList rowList;
        for (int r = 0; r < rows; ++r) {
            rowList << row;
        }
        const QByteArray sql = (m_insert + rowList.join(QStringLiteral(", "))).toUtf8();
        if (sqlite3_prepare_v2(m_db, sql.constData(), static_cast<int>(sql.size()), statement, nullptr) != SQLITE_OK) {
            return error();
        }
        return {};
    }

    // Binds the held rows (they stay alive until the step: SQLITE_STATIC) and inserts them.
    Status flush()
    {
        if (m_pending == 0) {
            return {};
        }
        sqlite3_stmt* statement = m_batchStatement;
        if (m_pending < m_batchRows) {
            sqlite3_finalize(m_tailStatement);
            m_tailStatement = nullptr;
            if (auto s = statementFor(m_pending, &m_tailStatement); !s) {
                return s;
            }
            statement = m_tailStatement;
        }
        for (int i = 0; i < m_index; ++i) {
            const Value& v = m_values[static_cast<size_t>(i)];
            switch (v.kind) {
            case Value::Null: sqlite3_bind_null(statement, i + 1); break;
            case Value::Int: sqlite3_bind_int64(statement, i + 1, v.integer); break;
            case Value::Utf8:
                sqlite3_bind_text(statement, i + 1, v.utf8.constData(), static_cast<int>(v.utf8.size()), SQLITE_STATIC);
                break;
            case Value::Utf16:
                sqlite3_bind_text16(statement, i + 1, v.utf16.utf16(),
                                    static_cast<int>(v.utf16.size() * sizeof(char16_t)), SQLITE_STATIC);
                break;
            }
        }
        const int rc = sqlite3_step(statement);
        sqlite3_reset(statement);
        m_pending = 0;
        m_index = 0;
        if (rc != SQLITE_DONE) {
            return error();
        }
        return {};
    }

    Error error() const
    {
        const int code = sqlite3_extended_errcode(m_db);
        const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
        if ((code & 0xff) == SQLITE_CONSTRAINT) {
            return Error(ErrorCode::DatabaseQuery, QStringLiteral("a row breaks a rule of the table: %1").arg(message));
        }
        return Error(ErrorCode::DatabaseQuery, message);
    }

    QSqlDatabase& m_connection;
    sqlite3* m_db = nullptr;
    QString m_insert;
    sqlite3_stmt* m_batchStatement = nullptr;
    sqlite3_stmt* m_tailStatement = nullptr;
    int m_columns;
    int m_batchRows = 1;
    int m_pending = 0; // rows held, not yet inserted
    int m_index = 0;   // values held
    std::vector<Value> m_values;
};

} // namespace

Result<DeferredIndexes> DeferredIndexes::drop(const SqlDialect& dialect, QSqlDatabase& connection,
                                              const QString& table)
{
    auto list = Database::execOn(connection, dialect.secondaryIndexesSql(), {table});
    if (!list) {
        return list.error();
    }
    DeferredIndexes deferred;
    QStringList names;
    while (list->next()) {
        names << list->value(0).toString();
        deferred.m_definitions << list->value(1).toString();
    }
    for (const QString& name : std::as_const(names)) {
        if (auto dropped = Database::execOn(connection, QStringLiteral("DROP INDEX %1").arg(name)); !dropped) {
            return dropped.error();
        }
    }
    return deferred;
}

Status DeferredIndexes::recreate(QSqlDatabase& connection) const
{
    for (const QString& definition : m_definitions) {
        if (auto created = Database::execOn(connection, definition); !created) {
            return created.error();
        }
    }
    return {};
}

Result<std::unique_ptr<BulkWriter>> BulkWriter::create(const SqlDialect& dialect, QSqlDatabase& connection,
                                                       const QString& table, const QStringList& columns)
{
    if (dialect.isPostgres()) {
        auto writer = std::make_unique<PgCopyWriter>(connection);
        if (auto s = writer->begin(table, columns); !s) {
            return s.error();
        }
        return std::unique_ptr<BulkWriter>(std::move(writer));
    }
    auto writer = std::make_unique<SqliteInsertWriter>(connection, static_cast<int>(columns.size()));
    if (auto s = writer->prepare(table, columns); !s) {
        return s.error();
    }
    return std::unique_ptr<BulkWriter>(std::move(writer));
}

} // namespace flowlet
