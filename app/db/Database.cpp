#include "Database.h"

#include "PgSupport_p.h"
#include "PreparedReads_p.h"
#include "core/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QUuid>

#include <unordered_map>

namespace flowlet {

namespace {

// Connections opened on a thread are closed and unregistered when that thread ends, on that
// thread, as Qt's SQL module requires.
struct ThreadConnections
{
    QStringList names;
    QHash<QString, int> hookGenerations; // which generation of hooks each connection has run
    // Database::readRows's statements, per connection name. They must go before their connection
    // is closed.
    std::unordered_map<QString, std::unique_ptr<PreparedReads>> reads;
    ~ThreadConnections()
    {
        reads.clear();
        for (const QString& name : std::as_const(names)) {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                if (db.isValid()) {
                    db.close();
                }
            }
            QSqlDatabase::removeDatabase(name);
        }
    }
};

thread_local ThreadConnections t_connections;

QString firstLine(const QString& text)
{
    return text.trimmed().section(u'\n', 0, 0).trimmed();
}

Error sqlError(ErrorCode code, const QSqlError& error, const QString& context)
{
    QString text = firstLine(error.databaseText());
    if (text.isEmpty()) {
        text = firstLine(error.driverText());
    }
    if (text.isEmpty()) {
        text = firstLine(error.text());
    }
    return {code, context.isEmpty() ? text : context + QStringLiteral(": ") + text};
}

} // namespace

Database::Database(const DatabaseUrl& url, const QString& password)
    : m_url(url)
    , m_dialect(url.backend())
    , m_password(password)
    , m_id(QUuid::createUuid().toString(QUuid::Id128).left(12))
    , m_pool(std::make_unique<QThreadPool>())
    , m_creator(QThread::currentThread())
{
    m_pool->setMaxThreadCount(2);
    m_pool->setExpiryTimeout(-1);
}

Database::~Database()
{
    if (QThread::currentThread() == m_creator) {
        m_pool->waitForDone();
    } else {
        // The last reference went away on a worker thread — perhaps one of this pool's own, which
        // must not wait for itself. The pool finishes and goes on the application's thread.
        QThreadPool* pool = m_pool.release();
        pool->clear();
        if (QCoreApplication* app = QCoreApplication::instance()) {
            QMetaObject::invokeMethod(app, [pool] {
                pool->waitForDone();
                delete pool;
            }, Qt::QueuedConnection);
        }
    }
    // This thread's connection; pool threads clean up their own as they end.
    const QString prefix = QStringLiteral("flowlet/%1/").arg(m_id);
    for (auto it = t_connections.names.begin(); it != t_connections.names.end();) {
        if (it->startsWith(prefix)) {
            t_connections.reads.erase(*it);
            {
                QSqlDatabase db = QSqlDatabase::database(*it, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(*it);
            it = t_connections.names.erase(it);
        } else {
            ++it;
        }
    }
}

Status Database::checkSqliteFile(OpenMode mode) const
{
    const QFileInfo info(m_url.path());
    if (info.exists()) {
        if (info.isDir()) {
            return Error(ErrorCode::DatabaseOpen,
                         QStringLiteral("%1 is a folder, not a workspace file").arg(m_url.toDisplayString()));
        }
        if (!info.isReadable()) {
            return Error(ErrorCode::DatabaseOpen, QStringLiteral("workspace %1 cannot be read (check its permissions)")
                                                      .arg(m_url.toDisplayString()));
        }
        return {};
    }
    if (mode == OpenMode::MustExist) {
        return Error(ErrorCode::NotFound,
                     QStringLiteral("workspace %1 does not exist (create it with `flowlet db init`)")
                         .arg(m_url.toDisplayString()));
    }
    if (!QDir().mkpath(info.absolutePath())) {
        return Error(ErrorCode::IoError, QStringLiteral("cannot create folder %1").arg(info.absolutePath()));
    }
    // Create the file ourselves so that it is private (0600) before SQLite writes a byte to it.
    QFile file(m_url.path());
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        return Error(ErrorCode::IoError,
                     QStringLiteral("cannot create %1: %2").arg(m_url.toDisplayString(), file.errorString()));
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

Result<std::shared_ptr<Database>> Database::open(const DatabaseUrl& url, OpenMode mode, const QString& password)
{
    if (!url.isValid()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no database URL given"));
    }
    std::shared_ptr<Database> db(new Database(url, password));
    bool createdFile = false;
    if (url.backend() == Backend::Sqlite) {
        createdFile = !QFileInfo::exists(url.path());
        if (auto status = db->checkSqliteFile(mode); !status) {
            return status.error();
        }
    }
    auto removeCreated = [&] {
        if (createdFile) {
            QFile::remove(url.path());
        }
    };

    std::optional<Error> failure;
    {
        auto conn = db->connection();
        if (!conn) {
            failure = conn.error();
        } else if (url.backend() == Backend::Sqlite) {
            // Opening never fails for SQLite; reading the catalogue is what tells a corrupt or foreign file.
            QSqlQuery probe(*conn);
            if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
                failure = Error(ErrorCode::DatabaseCorrupt,
                                QStringLiteral("%1 is not a usable workspace file (%2)")
                                    .arg(url.toDisplayString(), firstLine(probe.lastError().databaseText())));
            }
        }
    }
    if (failure) {
        db.reset(); // closes the connection before its file may be removed
        removeCreated();
        return *failure;
    }
    return db;
}

Result<std::shared_ptr<Database>> Database::openSibling() const
{
    return open(m_url, OpenMode::MustExist, m_password);
}

Result<QSqlDatabase> Database::openConnection(const QString& name)
{
    QSqlDatabase db;
    if (m_url.backend() == Backend::Sqlite) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_url.path());
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_url.host());
        if (m_url.port() > 0) {
            db.setPort(m_url.port());
        }
        db.setDatabaseName(m_url.databaseName());
        db.setUserName(m_url.userName());
        if (!m_password.isEmpty()) {
            db.setPassword(m_password);
        }
        QStringList options;
        auto opts = m_url.options();
        if (!opts.contains(QStringLiteral("connect_timeout"))) {
            opts.insert(QStringLiteral("connect_timeout"), QStringLiteral("10"));
        }
        if (!opts.contains(QStringLiteral("application_name"))) {
            opts.insert(QStringLiteral("application_name"), QStringLiteral("flowlet"));
        }
        for (auto it = opts.cbegin(); it != opts.cend(); ++it) {
            options << it.key() + u'=' + it.value();
        }
        db.setConnectOptions(options.join(u';'));
    }
    t_connections.names << name;

    if (!db.isValid()) {
        return Error(ErrorCode::DatabaseOpen, QStringLiteral("the Qt SQL driver for %1 is not installed").arg(m_dialect.name()));
    }
    if (!db.open()) {
        const Error error = sqlError(ErrorCode::DatabaseOpen, db.lastError(),
                                     QStringLiteral("cannot open %1").arg(m_url.toDisplayString()));
        return error;
    }
    if (m_url.backend() == Backend::Sqlite) {
        QSqlQuery pragma(db);
        // A 64 MB page cache (the default is 2 MB): a bulk import updates the fingerprint and
        // bank-id indexes at random places, and with the default cache every such insert rereads
        // pages from disk. SQLite grows the cache only as far as it is used.
        for (const char* p : {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                              "PRAGMA cache_size = -65536"}) {
            pragma.exec(QString::fromLatin1(p));
        }
    } else {
        // Server notices ("… already exists, skipping") would go straight to stderr through libpq.
        QSqlQuery(db).exec(QStringLiteral("SET client_min_messages = warning"));
    }

    if (auto status = runHooks(db, name); !status) {
        db.close();
        return status.error();
    }
    qCDebug(lcDb) << "opened connection" << name << "to" << m_url.toDisplayString();
    return db;
}

Result<QSqlDatabase> Database::connection()
{
    const QString name = QStringLiteral("flowlet/%1/%2")
                             .arg(m_id)
                             .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()));
    if (!QSqlDatabase::contains(name)) {
        return openConnection(name);
    }
    QSqlDatabase db = QSqlDatabase::database(name, false);
    const bool broken = !db.isOpen() || (backend() == Backend::PostgreSql && pg::connectionBroken(db));
    if (!broken) {
        if (t_connections.hookGenerations.value(name, -1) != m_hookGeneration.load()) {
            if (auto status = runHooks(db, name); !status) {
                return status.error();
            }
        }
        return db;
    }
    qCWarning(lcDb) << "connection to" << m_url.toDisplayString() << "was lost; reconnecting";
    t_connections.reads.erase(name);
    db.close();
    QSqlDatabase::removeDatabase(name);
    t_connections.names.removeAll(name);
    return openConnection(name);
}

Status Database::transaction(const std::function<Status(QSqlDatabase&)>& fn)
{
    auto conn = connection();
    if (!conn) {
        return conn.error();
    }
    QSqlDatabase db = *conn;
    // SQLite: BEGIN IMMEDIATE takes the write lock now (waiting up to the busy timeout), so that
    // what the transaction reads cannot be overtaken by another writer before it writes — a
    // deferred transaction that read first cannot become a writer after someone else committed,
    // and two that both checked "not there yet" would both insert. PostgreSQL serialises with
    // row or advisory locks where it matters.
    if (m_dialect.isPostgres()) {
        if (!db.transaction()) {
            return sqlError(ErrorCode::DatabaseQuery, db.lastError(), QStringLiteral("cannot start a transaction"));
        }
    } else if (QSqlQuery begin(db); !begin.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        return sqlError(ErrorCode::DatabaseQuery, begin.lastError(), QStringLiteral("cannot start a transaction"));
    }
    Status status = fn(db);
    if (!status) {
        db.rollback();
        return status;
    }
    if (!db.commit()) {
        const Error error = sqlError(ErrorCode::DatabaseQuery, db.lastError(), QStringLiteral("commit failed"));
        db.rollback();
        return error;
    }
    return {};
}

Result<QSqlQuery> Database::exec(const QString& sql, const QVariantList& bindings)
{
    auto conn = connection();
    if (!conn) {
        return conn.error();
    }
    return execOn(*conn, sql, bindings);
}

Result<QSqlQuery> Database::execOn(QSqlDatabase& connection, const QString& sql, const QVariantList& bindings)
{
    QSqlQuery query(connection);
    query.setForwardOnly(true);
    if (bindings.isEmpty()) {
        if (!query.exec(sql)) {
            return queryError(query);
        }
        return query;
    }
    if (!query.prepare(sql)) {
        return queryError(query);
    }
    for (const QVariant& v : bindings) {
        query.addBindValue(v);
    }
    if (!query.exec()) {
        return queryError(query);
    }
    return query;
}

Status Database::readRows(const QString& sql, const QVariantList& bindings, const RowFunction& row)
{
    auto conn = connection();
    if (!conn) {
        return conn.error();
    }
    std::unique_ptr<PreparedReads>& reads = t_connections.reads[conn->connectionName()];
    if (!reads) {
        reads = backend() == Backend::Sqlite ? PreparedReads::forSqlite(*conn) : PreparedReads::forPostgres(*conn);
        if (!reads) {
            return Error(ErrorCode::DatabaseOpen, QStringLiteral("the database driver gives no connection handle"));
        }
    }
    return reads->read(sql, bindings, row);
}

bool Database::actsThroughServer()
{
    if (!m_dialect.isPostgres()) {
        return false;
    }
    if (const int known = m_throughServer.load(); known >= 0) {
        return known == 1;
    }
    auto q = exec(QStringLiteral("SELECT has_table_privilege('staff_users', 'SELECT')"));
    if (!q || !q->next()) {
        return false; // no schema yet: the owner is creating it
    }
    const bool restricted = !q->value(0).toBool();
    m_throughServer.store(restricted ? 1 : 0);
    return restricted;
}

void Database::addConnectionHook(ConnectionHook hook)
{
    QMutexLocker lock(&m_hooksMutex);
    m_hooks.push_back(std::move(hook));
    ++m_hookGeneration;
}

void Database::clearConnectionHooks()
{
    QMutexLocker lock(&m_hooksMutex);
    m_hooks.clear();
    ++m_hookGeneration;
}

Status Database::runHooks(QSqlDatabase& db, const QString& name)
{
    std::vector<ConnectionHook> hooks;
    int generation = 0;
    {
        QMutexLocker lock(&m_hooksMutex);
        hooks = m_hooks;
        generation = m_hookGeneration.load();
    }
    for (const auto& hook : hooks) {
        if (auto status = hook(db); !status) {
            return status;
        }
    }
    t_connections.hookGenerations.insert(name, generation);
    return {};
}

Error Database::queryError(const QSqlQuery& query, const QString& context)
{
    const QSqlError error = query.lastError();
    // QSQLITE files constraint failures under ConnectionError too; only a PostgreSQL connection
    // that libpq reports broken is really lost.
    const bool lost = error.type() == QSqlError::ConnectionError && pg::connectionBroken(query.driver());
    ErrorCode code = lost ? ErrorCode::ConnectionLost : ErrorCode::DatabaseQuery;
    if (!lost) {
        code = pg::errorCodeForSqlState(error.nativeErrorCode(), code);
    }
    return sqlError(code, error, context);
}

} // namespace flowlet
