#include "Migrator.h"

#include "ServerSecurity.h"

#include "SqlScript.h"
#include "auth/Permissions.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "core/Version.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QUuid>

namespace flowlet {

namespace {

Result<bool> tableExists(Database& db, const QString& table)
{
    const QString sql = db.dialect().isPostgres()
        ? QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                         "AND table_name = ?")
        : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    auto q = db.exec(sql, {table});
    if (!q) {
        return q.error();
    }
    q->next();
    return q->value(0).toInt() > 0;
}

Result<int> foreignTableCount(Database& db)
{
    const QString sql = db.dialect().isPostgres()
        ? QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")
        : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    auto q = db.exec(sql);
    if (!q) {
        return q.error();
    }
    q->next();
    return q->value(0).toInt();
}

Status run(QSqlDatabase& conn, const QString& sql, const QVariantList& bindings = {})
{
    auto q = Database::execOn(conn, sql, bindings);
    return q ? Status() : Status(q.error());
}

// Copies the permission catalogue and built-in roles into the database, idempotently, so that a
// newer build's permissions reach an older workspace on its next migrate.
Status syncCatalogue(QSqlDatabase& conn, const SqlDialect& dialect)
{
    for (const auto& p : PermissionCatalogue::permissions()) {
        auto s = run(conn,
                     QStringLiteral("INSERT INTO permissions (code, description) VALUES (?, ?) "
                                    "ON CONFLICT (code) DO UPDATE SET description = excluded.description"),
                     {p.code, p.description});
        if (!s) {
            return s;
        }
    }
    for (const auto& r : PermissionCatalogue::builtinRoles()) {
        auto s = run(conn,
                     QStringLiteral("INSERT INTO roles (code, name, description, builtin) VALUES (?, ?, ?, %1) "
                                    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                                    "description = excluded.description")
                         .arg(dialect.isPostgres() ? QStringLiteral("TRUE") : QStringLiteral("1")),
                     {r.code, r.name, r.description});
        if (!s) {
            return s;
        }
        s = run(conn,
                QStringLiteral("DELETE FROM role_permissions WHERE role_id = (SELECT id FROM roles WHERE code = ?)"),
                {r.code});
        if (!s) {
            return s;
        }
        for (const QString& perm : r.permissions) {
            s = run(conn,
                    QStringLiteral("INSERT INTO role_permissions (role_id, permission_code) "
                                   "SELECT id, ? FROM roles WHERE code = ?"),
                    {perm, r.code});
            if (!s) {
                return s;
            }
        }
    }
    return {};
}

} // namespace

QList<Migration> Migrator::available(const QString& directory)
{
    static const QRegularExpression nameRe(QStringLiteral(R"(^(\d{4})_(\w+)\.sql$)"));
    QList<Migration> out;
    const QDir dir(directory);
    const auto files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const auto m = nameRe.match(file);
        if (!m.hasMatch()) {
            qCWarning(lcMigration) << "ignoring oddly named migration" << file;
            continue;
        }
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly)) {
            continue;
        }
        Migration mig;
        mig.version = m.captured(1).toInt();
        mig.name = m.captured(2);
        const QByteArray bytes = f.readAll();
        mig.sql = QString::fromUtf8(bytes);
        mig.checksum = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        out << mig;
    }
    return out;
}

int Migrator::latestVersion()
{
    const auto all = available();
    return all.isEmpty() ? 0 : all.last().version;
}

Result<SchemaStatus> Migrator::status(Database& db, const QString& directory)
{
    SchemaStatus st;
    const auto all = available(directory);
    st.latest = all.isEmpty() ? 0 : all.last().version;

    auto exists = tableExists(db, QStringLiteral("schema_migrations"));
    if (!exists) {
        return exists.error();
    }
    st.initialised = *exists;
    if (!st.initialised) {
        auto foreign = foreignTableCount(db);
        if (!foreign) {
            return foreign.error();
        }
        if (*foreign > 0) {
            return Error(ErrorCode::NotAWorkspace,
                         QStringLiteral("%1 holds %2 tables but is not a Flowlet workspace; use an empty database")
                             .arg(db.url().toDisplayString())
                             .arg(*foreign));
        }
        st.pending = all;
        return st;
    }

    auto q = db.exec(QStringLiteral("SELECT version, checksum FROM schema_migrations ORDER BY version"));
    if (!q) {
        return q.error();
    }
    QHash<int, QByteArray> applied;
    while (q->next()) {
        applied.insert(q->value(0).toInt(), q->value(1).toByteArray());
        st.current = std::max(st.current, q->value(0).toInt());
    }
    for (const auto& m : all) {
        if (!applied.contains(m.version)) {
            st.pending << m;
        } else if (applied.value(m.version) != m.checksum) {
            st.modified << QStringLiteral("%1_%2").arg(m.version, 4, 10, QChar(u'0')).arg(m.name);
        }
    }
    auto info = db.exec(QStringLiteral("SELECT value FROM workspace_info WHERE key = 'workspace_id'"));
    if (info && info->next()) {
        st.workspaceId = info->value(0).toString();
    }
    return st;
}

Result<int> Migrator::migrate(Database& db, const QString& directory)
{
    auto st = status(db, directory);
    if (!st) {
        return st.error();
    }
    if (st->current > st->latest) {
        return Error(ErrorCode::SchemaTooNew,
                     QStringLiteral("the database schema is version %1 but this Flowlet (%2) knows only up to %3; "
                                    "update Flowlet before opening it")
                         .arg(st->current)
                         .arg(QStringLiteral(FLOWLET_VERSION))
                         .arg(st->latest));
    }

    if (st->initialised && st->pending.isEmpty()) {
        // Nothing to do, and nothing to write: a workstation's low-privilege role may not write here.
        return 0;
    }
    const SqlDialect& dialect = db.dialect();
    int applied = 0;
    auto status = db.transaction([&](QSqlDatabase& conn) -> Status {
        if (dialect.isPostgres()) {
            // Two workstations upgrading at once: the second waits, then finds nothing to do.
            if (auto s = run(conn, QStringLiteral("SELECT pg_advisory_xact_lock(7152104)")); !s) {
                return s;
            }
        }
        auto s = run(conn, dialect.expandDdl(QStringLiteral(
                               "CREATE TABLE IF NOT EXISTS schema_migrations ("
                               " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,"
                               " applied_at {{timestamp}} NOT NULL DEFAULT {{now}}, app_version TEXT NOT NULL)")));
        if (!s) {
            return s;
        }
        // Re-read inside the lock: another workstation may have migrated meanwhile.
        QSqlQuery q(conn);
        q.exec(QStringLiteral("SELECT COALESCE(max(version), 0) FROM schema_migrations"));
        const int current = q.next() ? q.value(0).toInt() : 0;
        q.finish(); // SQLite refuses DROP TABLE while any statement is still open
        if (current > st->latest) {
            return Error(ErrorCode::SchemaTooNew, QStringLiteral("the database was upgraded by a newer Flowlet meanwhile"));
        }
        for (const Migration& m : available(directory)) {
            if (m.version <= current) {
                continue;
            }
            qCInfo(lcMigration) << "applying migration" << m.version << m.name;
            const QStringList statements = SqlScript::split(dialect.expandDdl(m.sql), db.backend());
            for (const QString& stmt : statements) {
                QSqlQuery exec(conn);
                if (!exec.exec(stmt)) {
                    return Database::queryError(exec).wrapped(
                        QStringLiteral("migration %1_%2 failed").arg(m.version, 4, 10, QChar(u'0')).arg(m.name));
                }
            }
            s = run(conn,
                    QStringLiteral("INSERT INTO schema_migrations (version, name, checksum, app_version) "
                                   "VALUES (?, ?, ?, ?)"),
                    {m.version, m.name, QString::fromLatin1(m.checksum), QStringLiteral(FLOWLET_VERSION)});
            if (!s) {
                return s;
            }
            ++applied;
        }
        if (directory != kBuiltin) {
            return Status(); // a test's own scripts: no product tables to seed
        }
        if (applied > 0) {
            s = run(conn,
                    QStringLiteral("INSERT INTO workspace_info (key, value) VALUES ('workspace_id', ?) "
                                   "ON CONFLICT (key) DO NOTHING"),
                    {QUuid::createUuid().toString(QUuid::WithoutBraces)});
            if (!s) {
                return s;
            }
            s = run(conn,
                    QStringLiteral("INSERT INTO workspace_info (key, value) VALUES ('created_at', ?) "
                                   "ON CONFLICT (key) DO NOTHING"),
                    {Clock::now().toString(Qt::ISODate)});
            if (!s) {
                return s;
            }
        }
        if (s = syncCatalogue(conn, dialect); !s) {
            return s;
        }
        // Tables and functions added by these migrations are granted to an existing workstation
        // role in the same transaction: upgrading never leaves workstations locked out of them.
        return dialect.isPostgres() ? ServerSecurity::regrantIfInstalled(conn) : Status();
    });
    if (!status) {
        return status.error().code() == ErrorCode::SchemaTooNew ? status.error()
                                                                : Error(ErrorCode::MigrationFailed, status.error().message());
    }
    return applied;
}

} // namespace flowlet
