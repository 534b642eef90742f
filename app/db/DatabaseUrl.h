#pragma once

#include "core/Result.h"

#include <QMap>
#include <QString>

namespace flowlet {

enum class Backend { Sqlite, PostgreSql };

// Where a workspace lives: `sqlite:///path/file.db` or
// `postgresql://user@host:port/dbname?sslmode=verify-full`. Passwords are never part of it: they
// come from the keychain (GUI) or libpq's PGPASSWORD / ~/.pgpass (command line).
class DatabaseUrl final
{
public:
    DatabaseUrl() = default;

    static Result<DatabaseUrl> parse(const QString& text);
    static DatabaseUrl sqlite(const QString& path);

    bool isValid() const { return m_valid; }
    Backend backend() const { return m_backend; }

    // SQLite
    const QString& path() const { return m_path; }

    // PostgreSQL; empty values fall through to libpq's environment (PGHOST, PGPORT, ...).
    const QString& host() const { return m_host; }
    int port() const { return m_port; } // -1 = default
    const QString& databaseName() const { return m_database; }
    const QString& userName() const { return m_user; }
    // libpq connection options from the query string (sslmode, sslrootcert, connect_timeout, ...).
    const QMap<QString, QString>& options() const { return m_options; }

    // Round-trips through parse(); contains no secret.
    QString toString() const;
    // Short, for the status bar: "workspace.db" or "flowlet on db.example:5432".
    QString toDisplayString() const;

    friend bool operator==(const DatabaseUrl& a, const DatabaseUrl& b) { return a.toString() == b.toString(); }

private:
    bool m_valid = false;
    Backend m_backend = Backend::Sqlite;
    QString m_path;
    QString m_host;
    int m_port = -1;
    QString m_database;
    QString m_user;
    QMap<QString, QString> m_options;
};

} // namespace flowlet
