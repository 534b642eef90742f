#include "PreparedReads_p.h"
#include "SqlDialect.h"

#include <QHash>
#include <QSqlDriver>

#include <limits>

#include <sqlite3.h>

namespace flowlet {

namespace {

class SqliteRow final : public SqlRow
{
public:
    explicit SqliteRow(sqlite3_stmt* statement)
        : m_statement(statement)
    {
    }
    bool isNull(int column) const override { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }
    QByteArrayView bytes(int column) const override
    {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
        return {text, sqlite3_column_bytes(m_statement, column)};
    }
    qint64 int64(int column) const override { return sqlite3_column_int64(m_statement, column); }

private:
    sqlite3_stmt* m_statement;
};

class SqlitePreparedReads final : public PreparedReads
{
public:
    explicit SqlitePreparedReads(sqlite3* db)
        : m_db(db)
    {
    }
    ~SqlitePreparedReads() override
    {
        for (sqlite3_stmt* s : std::as_const(m_statements)) {
            sqlite3_finalize(s);
        }
    }
    Q_DISABLE_COPY_MOVE(SqlitePreparedReads)

    Status read(const QString& sql, const QVariantList& bindings, const RowFunction& row) override
    {
        sqlite3_stmt* statement = m_statements.value(sql);
        bool temporary = false;
        if (statement && sqlite3_stmt_busy(statement)) {
            // The same statement is being read by an outer caller (a read inside its row callback).
            statement = nullptr;
            temporary = true;
        }
        if (!statement) {
            if (!temporary && m_statements.size() >= kMaxStatements) {
                for (auto it = m_statements.begin(); it != m_statements.end();) {
                    if (sqlite3_stmt_busy(*it)) {
                        ++it;
                    } else {
                        sqlite3_finalize(*it);
                        it = m_statements.erase(it);
                    }
                }
            }
            const QByteArray text = sql.toUtf8();
            const unsigned flags = temporary ? 0 : SQLITE_PREPARE_PERSISTENT;
            if (sqlite3_prepare_v3(m_db, text.constData(), static_cast<int>(text.size()), flags, &statement, nullptr)
                != SQLITE_OK) {
                sqlite3_finalize(statement);
                return failure();
            }
            if (!temporary) {
                m_statements.insert(sql, statement);
            }
        }
        Status status = run(statement, bindings, row);
        if (temporary) {
            sqlite3_finalize(statement);
        } else {
            // Ends the read: its snapshot must not outlive the call (a writer could not checkpoint).
            sqlite3_reset(statement);
            sqlite3_clear_bindings(statement);
        }
        return status;
    }

private:
    Status run(sqlite3_stmt* statement, const QVariantList& bindings, const RowFunction& row)
    {
        for (int i = 0; i < bindings.size(); ++i) {
            if (int rc = bind(statement, i + 1, bindings[i]); rc != SQLITE_OK) {
                return failure();
            }
        }
        const SqliteRow current(statement);
        for (;;) {
            const int rc = sqlite3_step(statement);
            if (rc == SQLITE_ROW) {
                row(current);
            } else if (rc == SQLITE_DONE) {
                return {};
            } else {
                return failure();
            }
        }
    }

    static int bind(sqlite3_stmt* statement, int index, const QVariant& value)
    {
        if (isNullBinding(value)) {
            return sqlite3_bind_null(statement, index);
        }
        switch (value.metaType().id()) {
        case QMetaType::Double:
            return sqlite3_bind_double(statement, index, value.toDouble());
        case QMetaType::ULongLong:
            if (value.toULongLong() > quint64(std::numeric_limits<qint64>::max())) {
                return bindText(statement, index, QString::number(value.toULongLong())); // beyond SQLite's integers
            }
            return sqlite3_bind_int64(statement, index, value.toLongLong());
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt:
            return sqlite3_bind_int64(statement, index, value.toLongLong());
        case QMetaType::QByteArray: {
            const QByteArray bytes = value.toByteArray();
            return sqlite3_bind_blob64(statement, index, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
        }
        case QMetaType::QDate:
            return bindText(statement, index, value.toDate().toString(Qt::ISODate));
        case QMetaType::QDateTime:
            return bindText(statement, index, SqlDialect::sqliteTimestampText(value.toDateTime()));
        default:
            return bindText(statement, index, value.toString());
        }
    }

    static int bindText(sqlite3_stmt* statement, int index, const QString& text)
    {
        return sqlite3_bind_text16(statement, index, text.utf16(), static_cast<int>(text.size() * sizeof(char16_t)),
                                   SQLITE_TRANSIENT);
    }

    Error failure() const
    {
        return {ErrorCode::DatabaseQuery, QString::fromUtf8(sqlite3_errmsg(m_db))};
    }

    sqlite3* m_db;
    QHash<QString, sqlite3_stmt*> m_statements;
};

} // namespace

std::unique_ptr<PreparedReads> PreparedReads::forSqlite(const QSqlDatabase& connection)
{
    const QVariant handle = connection.driver() ? connection.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        return nullptr;
    }
    sqlite3* db = *static_cast<sqlite3* const*>(handle.constData());
    return db ? std::make_unique<SqlitePreparedReads>(db) : nullptr;
}

} // namespace flowlet
