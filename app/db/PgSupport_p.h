#pragma once

// libpq stays behind this header: nothing else in the project includes <libpq-fe.h>.

#include "core/Result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QString>

namespace flowlet::pg {

// The ErrorCode for a PostgreSQL SQLSTATE the project gives a meaning (42501 permission denied,
// 23505 already exists, 22023 invalid argument, P0002 not found); `fallback` for any other.
ErrorCode errorCodeForSqlState(const QString& sqlState, ErrorCode fallback);

// True when the server side of a QPSQL connection is gone (so it must be reopened).
bool connectionBroken(const QSqlDatabase& db);
// The same for the driver behind a query; false for drivers that are not PostgreSQL's.
bool connectionBroken(const QSqlDriver* driver);

// Streams rows in PostgreSQL's text COPY format into `COPY <target> FROM STDIN` over the
// connection's own PGconn, at psql \copy speed. Use CopyIn::escape for field values.
class CopyIn final
{
public:
    explicit CopyIn(QSqlDatabase& db);
    ~CopyIn();
    Q_DISABLE_COPY_MOVE(CopyIn)

    // copyStatement is e.g. "COPY transactions (id, amount_micros) FROM STDIN".
    Status begin(const QString& copyStatement);
    Status write(const QByteArray& data);
    Status finish();
    // Aborts an unfinished COPY so the surrounding transaction can be rolled back cleanly.
    void abort(const QString& reason);

    static void appendEscaped(QByteArray& out, QStringView text);
    static void appendEscaped(QByteArray& out, const QByteArray& utf8);

private:
    void* m_conn = nullptr;
    bool m_active = false;
};

} // namespace flowlet::pg
