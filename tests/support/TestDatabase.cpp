#include "TestDatabase.h"

#include "db/Migrator.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QtTest>

namespace flowlet::test {

namespace {

// An owner connection to the maintenance database, for CREATE/DROP DATABASE.
QSqlDatabase adminConnection(const QString& database = QString())
{
    const QString name = QStringLiteral("flowlet-test-admin-%1").arg(database);
    QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                                   : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    if (!database.isEmpty()) {
        db.setDatabaseName(database);
    } else if (qEnvironmentVariableIsEmpty("PGDATABASE")) {
        db.setDatabaseName(QStringLiteral("postgres"));
    }
    if (!db.isOpen() && !db.open()) {
        qWarning("cannot reach the test PostgreSQL (run the tests through pg_virtualenv): %s",
                 qPrintable(db.lastError().text()));
    }
    return db;
}

} // namespace

Backend TestDatabase::backend()
{
    return qEnvironmentVariable("FLOWLET_TEST_BACKEND") == QStringLiteral("postgresql") ? Backend::PostgreSql
                                                                                       : Backend::Sqlite;
}

QString TestDatabase::backendName()
{
    return backend() == Backend::PostgreSql ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
}

TestDatabase::TestDatabase()
{
    if (backend() == Backend::Sqlite) {
        m_url = DatabaseUrl::sqlite(m_dir.filePath(QStringLiteral("workspace.db")));
        return;
    }
    m_pgName = QStringLiteral("flowlet_test_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    auto url = DatabaseUrl::parse(QStringLiteral("postgresql:///") + m_pgName);
    m_url = *url;
}

TestDatabase::~TestDatabase()
{
    if (m_pgName.isEmpty()) {
        return;
    }
    QSqlDatabase admin = adminConnection();
    QSqlQuery q(admin);
    q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgName));
    QSqlDatabase::database(QStringLiteral("flowlet-test-admin-%1").arg(m_pgName), false).close();
}

DatabasePtr TestDatabase::open(bool migrate)
{
    if (!m_pgName.isEmpty()) {
        QSqlDatabase admin = adminConnection();
        QSqlQuery q(admin);
        if (!q.exec(QStringLiteral("CREATE DATABASE %1").arg(m_pgName))) {
            qWarning("CREATE DATABASE failed: %s", qPrintable(q.lastError().text()));
            return {};
        }
    }
    auto db = Database::open(m_url, Database::OpenMode::CreateIfMissing);
    if (!db) {
        qWarning("opening the test database failed: %s", qPrintable(db.error().message()));
        return {};
    }
    if (migrate) {
        auto applied = Migrator::migrate(**db);
        if (!applied) {
            qWarning("migrating the test database failed: %s", qPrintable(applied.error().message()));
            return {};
        }
    }
    return *db;
}

bool TestDatabase::ownerExec(const QString& sql)
{
    QSqlDatabase conn;
    if (m_pgName.isEmpty()) {
        const QString name = QStringLiteral("flowlet-test-owner-%1").arg(m_url.path());
        conn = QSqlDatabase::contains(name) ? QSqlDatabase::database(name)
                                            : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        conn.setDatabaseName(m_url.path());
        conn.open();
    } else {
        conn = adminConnection(m_pgName);
    }
    QSqlQuery q(conn);
    if (!q.exec(sql)) {
        m_lastError = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace flowlet::test
