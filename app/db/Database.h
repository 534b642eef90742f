#pragma once

#include "DatabaseUrl.h"
#include "SqlDialect.h"
#include "SqlRow.h"
#include "core/Result.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace flowlet {

// The one door to a workspace database. Thread-safe: each thread that asks for connection() gets
// its own QSqlDatabase (Qt's drivers are not thread-safe), opened lazily and closed when that
// thread ends. Work that must not block the window runs on pool(), whose threads keep their
// connections open.
class Database final : public std::enable_shared_from_this<Database>
{
public:
    enum class OpenMode {
        MustExist,       // open an existing workspace; a missing SQLite file is an error
        CreateIfMissing, // `db init` and the welcome dialog: create the SQLite file (mode 0600)
    };

    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Opens and checks the first connection, so that a wrong path, password or host is reported
    // here rather than at the first query.
    static Result<std::shared_ptr<Database>> open(const DatabaseUrl& url, OpenMode mode = OpenMode::MustExist,
                                                  const QString& password = {});

    // Another Database for the same URL and credentials, with its own connections, pool and hooks
    // (the local API serves on these, so it never waits for the window's connections).
    Result<std::shared_ptr<Database>> openSibling() const;

    const DatabaseUrl& url() const { return m_url; }
    Backend backend() const { return m_url.backend(); }
    const SqlDialect& dialect() const { return m_dialect; }

    // The calling thread's connection, reopened if the server dropped it.
    Result<QSqlDatabase> connection();

    // Runs fn inside BEGIN … COMMIT on this thread's connection; rolls back on any error.
    Status transaction(const std::function<Status(QSqlDatabase&)>& fn);

    // Runs a statement with positional bindings; the query is returned positioned before the first row.
    Result<QSqlQuery> exec(const QString& sql, const QVariantList& bindings = {});
    // The same on a given connection (inside a transaction()). Statements without bindings are
    // not prepared: PostgreSQL cannot PREPARE DDL or ANALYZE.
    static Result<QSqlQuery> execOn(QSqlDatabase& connection, const QString& sql, const QVariantList& bindings = {});

    // Runs a read that this thread's connection keeps prepared for the next call with the same text,
    // and hands each row to `row` straight from the database library (libpq, SQLite's C API): on
    // PostgreSQL one round trip without parsing or planning again, where exec() costs three (QPSQL
    // prepares, executes and deallocates every bound statement) and a QVariant per value. For the
    // hot reads: the API's pages and key checks, the window's table. Reads may nest.
    Status readRows(const QString& sql, const QVariantList& bindings, const RowFunction& row);

    QThreadPool* pool() { return m_pool.get(); }

    // True when this database is PostgreSQL reached as a workstation's low-privilege role (it may
    // not read the staff table): changes then go through the server's flowlet_auth functions and
    // row-level security applies. A database keeps its role for its whole life, so the answer is
    // asked once and remembered (until the schema exists, it is asked again).
    bool actsThroughServer();

    // Run on every connection, new or already open, before its next use (e.g. to bind the
    // server-side session to each thread's connection, and again after a reconnect). Hooks must
    // be idempotent.
    using ConnectionHook = std::function<Status(QSqlDatabase&)>;
    void addConnectionHook(ConnectionHook hook);
    void clearConnectionHooks();

    // Human-readable error for a failed query: first line of the driver's text.
    static Error queryError(const QSqlQuery& query, const QString& context = {});

private:
    explicit Database(const DatabaseUrl& url, const QString& password);
    Result<QSqlDatabase> openConnection(const QString& name);
    Status checkSqliteFile(OpenMode mode) const;

    DatabaseUrl m_url;
    SqlDialect m_dialect;
    QString m_password; // held only in memory, only for PostgreSQL from the keychain
    QString m_id;
    std::unique_ptr<QThreadPool> m_pool;
    QThread* m_creator;
    Status runHooks(QSqlDatabase& db, const QString& name);

    QMutex m_hooksMutex;
    std::vector<ConnectionHook> m_hooks;
    std::atomic_int m_hookGeneration{0};
    std::atomic_int m_throughServer{-1}; // -1 not known yet, else 0 or 1
};

using DatabasePtr = std::shared_ptr<Database>;

} // namespace flowlet
