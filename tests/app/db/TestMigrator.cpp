#include "auth/Permissions.h"
#include "core/Clock.h"
#include "db/Migrator.h"
#include "ledger/TransactionRepository.h"
#include "support/Fixtures.h"
#include "support/TestDatabase.h"

#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

namespace {
qint64 scalar(Database& db, const QString& sql)
{
    auto q = db.exec(sql);
    if (!q || !q->next()) {
        return -1;
    }
    return q->value(0).toLongLong();
}

bool tableExists(Database& db, const QString& table)
{
    const QString sql = db.dialect().isPostgres()
        ? QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '%1'")
        : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'");
    return scalar(db, sql.arg(table)) == 1;
}
} // namespace

class TestMigrator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsTheWholeSchema()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(false);
        QVERIFY(db);
        auto before = Migrator::status(*db);
        QVERIFY(before.ok());
        QVERIFY(!before->initialised);
        QCOMPARE(before->pending.size(), Migrator::available().size());

        auto applied = Migrator::migrate(*db);
        QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().message()));
        QCOMPARE(*applied, Migrator::available().size());

        for (const char* table :
             {"staff_users", "roles", "permissions", "role_permissions", "staff_sessions", "mfa_secrets",
              "recovery_codes", "customers", "accounts", "cards", "transactions", "ledger_accounts",
              "ledger_journals", "ledger_entries", "import_batches", "categories", "category_rules",
              "reconciliation_sessions", "reconciliation_matches", "kyc_records", "kyc_documents", "watchlists",
              "watchlist_entries", "screening_results", "fraud_alerts", "cases", "case_events", "risk_assessments",
              "api_keys", "audit_log", "error_log", "report_definitions", "report_schedules", "report_runs",
              "approval_requests", "password_resets"}) {
            QVERIFY2(tableExists(*db, QString::fromLatin1(table)), table);
        }
        auto after = Migrator::status(*db);
        QVERIFY(after->initialised);
        QCOMPARE(after->current, Migrator::latestVersion());
        QVERIFY(after->pending.isEmpty());
        QVERIFY(!after->workspaceId.isEmpty());
    }

    void everyPolicyAsksForPermissionOncePerStatement()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("row-level security is PostgreSQL's");
        }
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        // A bare call in a policy runs once per row (52 ms for a 100-row page); wrapped in a
        // scalar subquery it is an InitPlan, run once per statement. See 0012_fast_row_security.
        // PostgreSQL writes a wrapped call back as "( SELECT flowlet_auth.f(…) AS f)".
        auto q = db->exec(QStringLiteral(
            "WITH p AS (SELECT tablename || '.' || policyname AS name, regexp_replace(COALESCE(qual, '') || ' ' || "
            "COALESCE(with_check, ''), '\\(\\s*SELECT flowlet_auth\\.(has_permission|current_user_id)\\([^()]*\\)"
            "( AS \\w+)?\\)', '', 'g') AS rest FROM pg_policies WHERE schemaname = 'public') "
            "SELECT count(*) FILTER (WHERE rest ~ 'flowlet_auth\\.(has_permission|current_user_id)\\('), "
            "string_agg(name, ', ') FILTER (WHERE rest ~ 'flowlet_auth\\.(has_permission|current_user_id)\\('), "
            "count(*) FROM p"));
        QVERIFY(q && q->next());
        QVERIFY(q->value(2).toInt() > 50); // the policies are there to check
        QVERIFY2(q->value(0).toInt() == 0, qPrintable(q->value(1).toString()));
    }

    void recordsCreationTimeFromTheClock()
    {
        // The clock is injectable: a workspace created "at" a fixed instant says so.
        const QDateTime when(QDate(2031, 5, 17), QTime(8, 30), QTimeZone::utc());
        Clock::setInstance(std::make_unique<ManualClock>(when));
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        Clock::setInstance(nullptr);
        QVERIFY(db);
        auto q = db->exec(QStringLiteral("SELECT value FROM workspace_info WHERE key = 'created_at'"));
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), QStringLiteral("2031-05-17T08:30:00Z"));
    }

    void isIdempotent()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        const QString id = Migrator::status(*db)->workspaceId;
        auto again = Migrator::migrate(*db);
        QVERIFY(again.ok());
        QCOMPARE(*again, 0);
        QCOMPARE(Migrator::status(*db)->workspaceId, id);
    }

    void copiesThePermissionCatalogue()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM permissions")),
                 qint64(PermissionCatalogue::permissions().size()));
        for (const RoleInfo& role : PermissionCatalogue::builtinRoles()) {
            QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM role_permissions rp JOIN roles r ON r.id = rp.role_id "
                                                "WHERE r.code = '%1'")
                                     .arg(role.code)),
                     qint64(role.permissions.size()));
        }
        // The auditor reads the audit trail but can change nothing.
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM role_permissions rp JOIN roles r ON r.id = rp.role_id "
                                            "WHERE r.code = 'auditor' AND (rp.permission_code LIKE '%.manage%' "
                                            "OR rp.permission_code LIKE '%.edit' OR rp.permission_code = 'cards.reveal_pan')")),
                 qint64(0));
    }

    void refusesANewerDatabaseAndLeavesItAlone()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        QVERIFY(tdb.ownerExec(QStringLiteral("INSERT INTO schema_migrations (version, name, checksum, app_version) "
                                             "VALUES (999, 'from_the_future', 'x', '9.0')")));
        auto result = Migrator::migrate(*db);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::SchemaTooNew);
        QVERIFY(result.error().message().contains(QStringLiteral("999")));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT max(version) FROM schema_migrations")), qint64(999));
    }

    void refusesADatabaseWithForeignTables()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(false);
        QVERIFY(db);
        QVERIFY(tdb.ownerExec(QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")));
        auto result = Migrator::migrate(*db);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::NotAWorkspace);
        QVERIFY(!tableExists(*db, QStringLiteral("transactions")));
    }

    void aFailingMigrationChangesNothing()
    {
        // Two scripts: the first is fine, the second breaks half-way. All or nothing.
        QTemporaryDir dir;
        auto write = [&](const QString& name, const QByteArray& sql) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(sql);
        };
        write(QStringLiteral("0001_good.sql"), "CREATE TABLE good_one (id {{id}}, note TEXT);");
        write(QStringLiteral("0002_bad.sql"),
              "CREATE TABLE good_two (id {{id}});\nINSERT INTO no_such_table VALUES (1);\nCREATE TABLE never (id {{id}});");
        TestDatabase tdb;
        DatabasePtr db = tdb.open(false);
        QVERIFY(db);
        auto result = Migrator::migrate(*db, dir.path());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), ErrorCode::MigrationFailed);
        QVERIFY2(result.error().message().contains(QStringLiteral("0002_bad")), qPrintable(result.error().message()));
        QVERIFY(!tableExists(*db, QStringLiteral("good_one")));
        QVERIFY(!tableExists(*db, QStringLiteral("good_two")));
        QVERIFY(!tableExists(*db, QStringLiteral("schema_migrations")));
    }

    // A workspace from before text search (migration 0006) has its transactions found by a
    // search right after the upgrade.
    void upgradeMakesExistingTransactionsSearchable()
    {
        QTemporaryDir before;
        const QDir builtin(Migrator::kBuiltin);
        for (const QString& file : builtin.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
            if (file < QStringLiteral("0006")) {
                QVERIFY(QFile::copy(builtin.filePath(file), before.filePath(file)));
            }
        }
        TestDatabase tdb;
        DatabasePtr db = tdb.open(false);
        QVERIFY(db);
        QCOMPARE(*Migrator::migrate(*db, before.path()), 5);
        QVERIFY(test::insertFixtureTransactions(*db, 40).ok());
        auto upgraded = Migrator::migrate(*db);
        QVERIFY2(upgraded.ok(), qPrintable(upgraded.ok() ? QString() : upgraded.error().message()));

        TransactionFilter f;
        f.text = QStringLiteral("PAYMENT ref-3");
        QCOMPARE(*TransactionRepository(db).count(f), qint64(11)); // rows 3 and 30 to 39
        f.text = QStringLiteral("ref-40");
        QCOMPARE(*TransactionRepository(db).count(f), qint64(1));
    }

    void reportsModifiedScripts()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("0001_one.sql")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("CREATE TABLE one (id {{id}});");
        f.close();
        TestDatabase tdb;
        DatabasePtr db = tdb.open(false);
        QVERIFY(Migrator::migrate(*db, dir.path()).ok());
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Append));
        f.write("\n-- edited after release\n");
        f.close();
        auto st = Migrator::status(*db, dir.path());
        QVERIFY(st.ok());
        QCOMPARE(st->modified, QStringList{QStringLiteral("0001_one")});
    }
};

QTEST_GUILESS_MAIN(TestMigrator)
#include "TestMigrator.moc"
