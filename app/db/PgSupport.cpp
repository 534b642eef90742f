#include "PgSupport_p.h"

#include "PreparedReads_p.h"
#include "core/Logging.h"

#include <QHash>
#include <QSqlDriver>
#include <QVariant>

#include <charconv>
#include <memory>
#include <vector>

#include <libpq-fe.h>

namespace flowlet::pg {

namespace {

PGconn* handleOf(const QSqlDriver* driver)
{
    if (!driver) {
        return nullptr;
    }
    const QVariant handle = driver->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "pg_conn*") != 0) {
        return nullptr;
    }
    return *static_cast<PGconn* const*>(handle.data());
}

QString pgError(PGconn* conn)
{
    const QString text = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
    return text.section(u'\n', 0, 0);
}

struct ResultDeleter
{
    void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// The positional `?` of the project's SQL as libpq's $1, $2, …; a `?` inside a quoted string or
// identifier stays as it is.
QByteArray numberedPlaceholders(const QString& sql, int* count)
{
    const QByteArray in = sql.toUtf8();
    QByteArray out;
    out.reserve(in.size() + 16);
    char quote = 0;
    int n = 0;
    for (const char c : in) {
        if (quote) {
            quote = c == quote ? 0 : quote;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '?') {
            out += '$';
            out += QByteArray::number(++n);
            continue;
        }
        out += c;
    }
    *count = n;
    return out;
}

// A bound value as libpq's text format ("t"/"f", digits, ISO dates, UTC timestamps, UTF-8), or as
// raw bytes for bytea.
QByteArray parameterText(const QVariant& value, bool* isBinary)
{
    *isBinary = false;
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return value.toBool() ? QByteArrayLiteral("t") : QByteArrayLiteral("f");
    case QMetaType::Int:
    case QMetaType::LongLong:
        return QByteArray::number(value.toLongLong());
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return QByteArray::number(value.toULongLong());
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate).toLatin1();
    case QMetaType::QDateTime:
        return value.toDateTime().toUTC().toString(Qt::ISODateWithMs).toLatin1();
    case QMetaType::QByteArray:
        *isBinary = true;
        return value.toByteArray();
    default:
        return value.toString().toUtf8();
    }
}

class PgRow final : public SqlRow
{
public:
    PgRow(const PGresult* result, int row)
        : m_result(result)
        , m_row(row)
    {
    }
    bool isNull(int column) const override { return PQgetisnull(m_result, m_row, column) != 0; }
    QByteArrayView bytes(int column) const override
    {
        return {PQgetvalue(m_result, m_row, column), PQgetlength(m_result, m_row, column)};
    }
    qint64 int64(int column) const override
    {
        const QByteArrayView v = bytes(column);
        qint64 value = 0;
        std::from_chars(v.data(), v.data() + v.size(), value);
        return value;
    }

private:
    const PGresult* m_result;
    int m_row;
};

class PgPreparedReads final : public PreparedReads
{
public:
    explicit PgPreparedReads(PGconn* conn)
        : m_conn(conn)
    {
    }

    Status read(const QString& sql, const QVariantList& bindings, const RowFunction& row) override
    {
        settlePendingQuery();
        auto name = statementFor(sql);
        if (!name) {
            return name.error();
        }
        std::vector<QByteArray> texts(bindings.size());
        std::vector<const char*> values(bindings.size());
        std::vector<int> lengths(bindings.size());
        std::vector<int> formats(bindings.size());
        for (qsizetype i = 0; i < bindings.size(); ++i) {
            bool binary = false;
            if (!isNullBinding(bindings[i])) {
                texts[i] = parameterText(bindings[i], &binary);
                values[i] = texts[i].constData();
            }
            lengths[i] = static_cast<int>(texts[i].size());
            formats[i] = binary ? 1 : 0;
        }
        ResultPtr result(PQexecPrepared(m_conn, name->constData(), static_cast<int>(bindings.size()), values.data(),
                                        lengths.data(), formats.data(), 0));
        const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            const QByteArray state = result ? QByteArray(PQresultErrorField(result.get(), PG_DIAG_SQLSTATE)) : QByteArray();
            if (state == "26000" || state == "0A000") {
                // The server no longer knows the statement (DISCARD ALL, a pooler), or its plan no
                // longer fits the table (a migration elsewhere): prepared again next time.
                forget(sql);
            }
            return failure(result.get());
        }
        const int rows = PQntuples(result.get());
        for (int i = 0; i < rows; ++i) {
            row(PgRow(result.get(), i));
        }
        return {};
    }

private:
    // A forward-only QSqlQuery that was not read to its end leaves its rows on the connection;
    // QPSQL discards them before its own next statement, and so does this.
    void settlePendingQuery()
    {
        if (PQtransactionStatus(m_conn) != PQTRANS_ACTIVE) {
            return;
        }
        int unread = 0;
        while (PGresult* pending = PQgetResult(m_conn)) {
            unread += PQresultStatus(pending) == PGRES_SINGLE_TUPLE ? 1 : 0;
            PQclear(pending);
        }
        if (unread > 0) {
            qCWarning(lcDb) << "discarded" << unread << "unread rows of an earlier query on this connection";
        }
    }

    Result<QByteArray> statementFor(const QString& sql)
    {
        if (const auto it = m_names.constFind(sql); it != m_names.cend()) {
            m_recent.removeOne(sql);
            m_recent.append(sql);
            return *it;
        }
        if (m_names.size() >= kMaxStatements) {
            // The least recently used one goes; the others stay prepared.
            const QString oldest = m_recent.first();
            ResultPtr(PQexec(m_conn, "DEALLOCATE " + m_names.value(oldest)));
            forget(oldest);
        }
        const QByteArray name = "flowlet_read_" + QByteArray::number(++m_counter);
        int count = 0;
        const QByteArray text = numberedPlaceholders(sql, &count);
        ResultPtr prepared(PQprepare(m_conn, name.constData(), text.constData(), count, nullptr));
        if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
            return failure(prepared.get());
        }
        m_names.insert(sql, name);
        m_recent.append(sql);
        return name;
    }

    void forget(const QString& sql)
    {
        m_names.remove(sql);
        m_recent.removeOne(sql);
    }

    Error failure(const PGresult* result) const
    {
        if (PQstatus(m_conn) == CONNECTION_BAD) {
            return {ErrorCode::ConnectionLost, pgError(m_conn)};
        }
        if (!result) {
            return {ErrorCode::DatabaseQuery, pgError(m_conn)};
        }
        const QString message = QString::fromUtf8(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
        return {errorCodeForSqlState(QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE)),
                                     ErrorCode::DatabaseQuery),
                message.isEmpty() ? pgError(m_conn) : message};
    }

    PGconn* m_conn;
    QHash<QString, QByteArray> m_names; // SQL text → statement name on this connection
    QStringList m_recent;               // the same texts, least recently used first
    quint64 m_counter = 0;
};

} // namespace

ErrorCode errorCodeForSqlState(const QString& sqlState, ErrorCode fallback)
{
    // The server's own refusals (flowlet_auth functions, grants, constraints) keep their meaning.
    static const QHash<QString, ErrorCode> bySqlState = {
        {QStringLiteral("42501"), ErrorCode::PermissionDenied}, {QStringLiteral("23505"), ErrorCode::AlreadyExists},
        {QStringLiteral("22023"), ErrorCode::InvalidArgument},  {QStringLiteral("P0002"), ErrorCode::NotFound},
    };
    return bySqlState.value(sqlState, fallback);
}

bool connectionBroken(const QSqlDatabase& db)
{
    PGconn* conn = handleOf(db.driver());
    return conn == nullptr || PQstatus(conn) == CONNECTION_BAD;
}

bool connectionBroken(const QSqlDriver* driver)
{
    PGconn* conn = handleOf(driver);
    return conn != nullptr && PQstatus(conn) == CONNECTION_BAD;
}

CopyIn::CopyIn(QSqlDatabase& db)
    : m_conn(handleOf(db.driver()))
{
}

CopyIn::~CopyIn()
{
    if (m_active) {
        abort(QStringLiteral("copy abandoned"));
    }
}

Status CopyIn::begin(const QString& copyStatement)
{
    auto* conn = static_cast<PGconn*>(m_conn);
    if (!conn) {
        return Error(ErrorCode::DatabaseOpen, QStringLiteral("not a PostgreSQL connection"));
    }
    PGresult* res = PQexec(conn, copyStatement.toUtf8().constData());
    const bool ok = PQresultStatus(res) == PGRES_COPY_IN;
    QString message;
    if (!ok) {
        message = QString::fromUtf8(PQresultErrorMessage(res)).trimmed().section(u'\n', 0, 0);
    }
    PQclear(res);
    if (!ok) {
        return Error(ErrorCode::DatabaseQuery, QStringLiteral("COPY could not start: %1").arg(message));
    }
    m_active = true;
    return {};
}

Status CopyIn::write(const QByteArray& data)
{
    auto* conn = static_cast<PGconn*>(m_conn);
    if (PQputCopyData(conn, data.constData(), static_cast<int>(data.size())) != 1) {
        return Error(ErrorCode::ConnectionLost, QStringLiteral("COPY failed: %1").arg(pgError(conn)));
    }
    return {};
}

Status CopyIn::finish()
{
    auto* conn = static_cast<PGconn*>(m_conn);
    m_active = false;
    if (PQputCopyEnd(conn, nullptr) != 1) {
        return Error(ErrorCode::ConnectionLost, QStringLiteral("COPY failed: %1").arg(pgError(conn)));
    }
    Status status;
    while (PGresult* res = PQgetResult(conn)) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && status.ok()) {
            status = Error(ErrorCode::DatabaseQuery,
                           QStringLiteral("COPY was refused: %1")
                               .arg(QString::fromUtf8(PQresultErrorMessage(res)).trimmed().section(u'\n', 0, 0)));
        }
        PQclear(res);
    }
    return status;
}

void CopyIn::abort(const QString& reason)
{
    auto* conn = static_cast<PGconn*>(m_conn);
    if (!m_active || !conn) {
        return;
    }
    m_active = false;
    PQputCopyEnd(conn, reason.toUtf8().constData());
    while (PGresult* res = PQgetResult(conn)) {
        PQclear(res);
    }
}

void CopyIn::appendEscaped(QByteArray& out, QStringView text)
{
    appendEscaped(out, text.toUtf8());
}

void CopyIn::appendEscaped(QByteArray& out, const QByteArray& utf8)
{
    for (const char c : utf8) {
        switch (c) {
        case '\\': out.append("\\\\", 2); break;
        case '\t': out.append("\\t", 2); break;
        case '\n': out.append("\\n", 2); break;
        case '\r': out.append("\\r", 2); break;
        default: out.append(c);
        }
    }
}

} // namespace flowlet::pg

namespace flowlet {

std::unique_ptr<PreparedReads> PreparedReads::forPostgres(const QSqlDatabase& connection)
{
    PGconn* conn = pg::handleOf(connection.driver());
    if (!conn) {
        return nullptr;
    }
    return std::make_unique<pg::PgPreparedReads>(conn);
}

} // namespace flowlet
