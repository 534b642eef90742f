#include "PgSupport_p.h"

#include <QSqlDriver>
#include <QVariant>

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

} // namespace

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
