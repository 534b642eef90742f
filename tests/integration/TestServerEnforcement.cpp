#include "audit/AuditLog.h"
#include "auth/AuthService.h"
#include "auth/UserAdministration.h"
#include "db/ServerSecurity.h"
#include "support/Fixtures.h"
#include "support/AuditTrail.h"
#include "support/TestDatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QtConcurrent>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// Server-side enforcement, checked the way an intruder with the workstation's credentials and
// psql would try it: raw SQL over a connection as the workstation role, with no help from the app.
namespace {

const QString kPassword = QStringLiteral("granite owls at midnight");

QStringList names(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* n : list) {
        out << QString::fromLatin1(n);
    }
    return out;
}

struct Probe
{
    QSqlDatabase conn;

    // Rows visible, or -1 when the statement is refused outright.
    int visible(const QString& table) const
    {
        QSqlQuery q(conn);
        if (!q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table))) {
            return -1;
        }
        q.next();
        return q.value(0).toInt();
    }
    bool run(const QString& sql) const
    {
        QSqlQuery q(conn);
        return q.exec(sql) && q.numRowsAffected() != 0;
    }
    QString login(const QString& user, const QString& password, const QString& code) const
    {
        QSqlQuery q(conn);
        q.prepare(QStringLiteral("SELECT ok, error FROM flowlet_auth.login(?, ?, ?, 'test')"));
        q.addBindValue(user);
        q.addBindValue(password);
        q.addBindValue(code);
        if (!q.exec() || !q.next()) {
            return QStringLiteral("sql error: ") + q.lastError().text();
        }
        return q.value(0).toBool() ? QStringLiteral("ok") : q.value(1).toString();
    }
};

} // namespace

class TestServerEnforcement : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    QString m_role;
    QString m_rolePassword;
    QHash<QString, QByteArray> m_secrets;
    qint64 m_step = 0; // TOTP steps are used once: each login takes the next one
    int m_connections = 0;

    Probe connectAsWorkstation()
    {
        const QString name = QStringLiteral("workstation-%1").arg(++m_connections);
        QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        c.setDatabaseName(m_tdb->url().databaseName());
        c.setUserName(m_role);
        c.setPassword(m_rolePassword);
        c.setHostName(QStringLiteral("127.0.0.1"));
        if (!qEnvironmentVariableIsEmpty("PGPORT")) {
            c.setPort(qEnvironmentVariableIntValue("PGPORT"));
        }
        if (!c.open()) {
            qWarning("cannot connect as the workstation role: %s", qPrintable(c.lastError().text()));
        }
        return {c};
    }

    QString codeFor(const QString& user, qint64 offset = 0)
    {
        return Totp::hotp(m_secrets.value(user), static_cast<quint64>(Totp::stepAt(QDateTime::currentDateTimeUtc()) + offset));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("server-side enforcement exists on PostgreSQL");
        }
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        QVERIFY(test::insertFixtureTransactions(*m_db, 50).ok());
        QVERIFY(m_tdb->ownerExec(QStringLiteral("INSERT INTO kyc_records (customer_id, level_requested) VALUES (1, 'full')")));
        QVERIFY(m_tdb->ownerExec(QStringLiteral("INSERT INTO cards (account_id, customer_id, brand, pan_token, pan_last4, "
                                                "expiry_month, expiry_year) VALUES (1, 1, 'visa', 'tok_x', '4242', 1, 2030)")));
        QVERIFY(m_tdb->ownerExec(QStringLiteral("INSERT INTO ledger_accounts (id, code, name, type, currency) VALUES "
                                                "(1, '1000-EUR', 'Bank', 'asset', 'EUR'), (2, '2000-EUR', 'Funds', 'liability', 'EUR')")));
        QVERIFY(m_tdb->ownerExec(QStringLiteral("INSERT INTO ledger_journals (id, posted_at, booking_date, description) "
                                                "VALUES (1, now(), current_date, 'Receipts')")));
        QVERIFY(m_tdb->ownerExec(QStringLiteral("INSERT INTO ledger_entries (journal_id, ledger_account_id, debit_micros, "
                                                "credit_micros, currency) VALUES (1, 1, 100, 0, 'EUR'), (1, 2, 0, 100, 'EUR')")));
        auto users = AuthService(m_db).createEnrolledUsers(
            {{QStringLiteral("admin"), QStringLiteral("A"), {}, QStringLiteral("admin"), kPassword},
             {QStringLiteral("compliance"), QStringLiteral("C"), {}, QStringLiteral("compliance_officer"), kPassword},
             {QStringLiteral("finance"), QStringLiteral("F"), {}, QStringLiteral("finance_analyst"), kPassword},
             {QStringLiteral("auditor"), QStringLiteral("U"), {}, QStringLiteral("auditor"), kPassword}});
        QVERIFY(users.ok());

        QVERIFY(m_tdb->ownerExec(QStringLiteral("INSERT INTO api_keys (owner_id, name, key_prefix, key_hash, scopes) "
                                                "SELECT id, 'script', 'flk_test', 'x', 'transactions.read' FROM staff_users "
                                                "WHERE username = 'finance'")));
        auto installed = ServerSecurity::installWorkstationRole(*m_db);
        QVERIFY2(installed.ok(), qPrintable(installed.ok() ? QString() : installed.error().message()));
        QVERIFY(installed->created);
        QVERIFY(installed->password.size() >= 24);
        m_role = installed->role;
        m_rolePassword = installed->password;

        // Each user enrols an authenticator on the server, with the workstation's credentials.
        Probe p = connectAsWorkstation();
        QVERIFY(p.conn.isOpen());
        for (const QString& user : {QStringLiteral("admin"), QStringLiteral("compliance"), QStringLiteral("finance"),
                                    QStringLiteral("auditor")}) {
            const QByteArray secret = *Totp::generateSecret();
            m_secrets.insert(user, secret);
            QSqlQuery q(p.conn);
            q.prepare(QStringLiteral("SELECT flowlet_auth.enrol_totp(?, ?, ?, ?)"));
            q.addBindValue(user);
            q.addBindValue(kPassword);
            q.addBindValue(secret);
            q.addBindValue(codeFor(user));
            QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
            QVERIFY2(q.value(0).toBool(), qPrintable(user));
        }
    }

    void cleanupTestCase()
    {
        for (const QString& name : QSqlDatabase::connectionNames()) {
            if (name.startsWith(QStringLiteral("workstation-"))) {
                QSqlDatabase::database(name, false).close();
                QSqlDatabase::removeDatabase(name);
            }
        }
        m_db.reset();
        if (m_tdb) {
            m_tdb->ownerExec(QStringLiteral("DROP OWNED BY \"%1\"").arg(m_role));
        }
        m_tdb.reset();
        // Roles outlive databases: drop it on a maintenance connection.
        QSqlDatabase admin = QSqlDatabase::database(QStringLiteral("flowlet-test-admin-"), false);
        if (admin.isValid() && !m_role.isEmpty()) {
            QSqlQuery(admin).exec(QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(m_role));
        }
    }

    void withoutSignInNothingIsVisible()
    {
        Probe p = connectAsWorkstation();
        for (const char* table : {"transactions", "customers", "accounts", "cards", "kyc_records", "audit_log",
                                  "ledger_entries", "roles"}) {
            QCOMPARE(p.visible(QString::fromLatin1(table)), 0);
        }
        // Secrets and sessions are not even readable, signed in or not.
        for (const char* table : {"staff_users", "mfa_secrets", "recovery_codes", "staff_sessions", "password_resets",
                                  "flowlet_auth.session_bindings"}) {
            QCOMPARE(p.visible(QString::fromLatin1(table)), -1);
        }
        QVERIFY(!p.run(QStringLiteral("UPDATE transactions SET amount_micros = 0")));
        QVERIFY(!p.run(QStringLiteral("INSERT INTO audit_log (at, actor_name, action, prev_hash, hash) "
                                      "VALUES (now(), 'x', 'forged', 'x', 'x')")));
        QVERIFY(!p.run(QStringLiteral("SELECT flowlet_auth.append_audit(NULL, 'x', '', 'forged', '', '', NULL)")));
    }

    void accessMatrix_data()
    {
        // What each role may see and do, written down independently of the catalogue.
        QTest::addColumn<QString>("user");
        QTest::addColumn<QStringList>("readable");
        QTest::addColumn<QStringList>("hidden");
        QTest::addColumn<QStringList>("allowedWrites");
        QTest::addColumn<QStringList>("refusedWrites");
        const QString insertCategory = QStringLiteral("INSERT INTO categories (name, kind) VALUES ('Matrix %1', 'expense')");
        const QString freezeCard = QStringLiteral("UPDATE cards SET status = 'frozen' WHERE pan_last4 = '4242'");
        const QString categorise = QStringLiteral("UPDATE transactions SET category_id = 1 WHERE id = 1");
        const QString editCustomer = QStringLiteral("UPDATE customers SET phone = '+1' WHERE id = 1");
        const QString reviewKyc = QStringLiteral("UPDATE kyc_records SET status = 'in_review' WHERE customer_id = 1");
        QTest::newRow("finance analyst")
            << "finance" << names({"transactions", "accounts", "categories", "ledger_entries", "roles"})
            << names({"customers", "cards", "kyc_records", "kyc_documents", "audit_log", "fraud_alerts"})
            << QStringList{insertCategory.arg(1), categorise} << QStringList{freezeCard, editCustomer, reviewKyc};
        QTest::newRow("compliance officer")
            << "compliance" << names({"transactions", "customers", "cards", "kyc_records", "accounts"})
            << names({"audit_log", "ledger_entries", "report_runs"})
            << QStringList{freezeCard, editCustomer, reviewKyc} << QStringList{insertCategory.arg(2), categorise};
        QTest::newRow("auditor")
            << "auditor" << names({"transactions", "customers", "cards", "audit_log", "ledger_entries"})
            << names({"kyc_records", "kyc_documents"})
            << QStringList{} << QStringList{insertCategory.arg(3), categorise, freezeCard, editCustomer, reviewKyc};
        QTest::newRow("admin")
            << "admin" << names({"audit_log", "roles", "api_keys"})
            << names({"transactions", "customers", "cards", "kyc_records", "ledger_entries"})
            << QStringList{} << QStringList{insertCategory.arg(4), categorise, freezeCard, editCustomer};
    }
    void accessMatrix()
    {
        QFETCH(QString, user);
        QFETCH(QStringList, readable);
        QFETCH(QStringList, hidden);
        QFETCH(QStringList, allowedWrites);
        QFETCH(QStringList, refusedWrites);
        Probe p = connectAsWorkstation();
        QCOMPARE(p.login(user, kPassword, codeFor(user, 1)), QStringLiteral("ok"));
        for (const QString& t : readable) {
            QVERIFY2(p.visible(t) > 0, qPrintable(user + QStringLiteral(" should read ") + t));
        }
        for (const QString& t : hidden) {
            QVERIFY2(p.visible(t) == 0, qPrintable(user + QStringLiteral(" should not read ") + t));
        }
        for (const QString& sql : allowedWrites) {
            QVERIFY2(p.run(sql), qPrintable(user + QStringLiteral(" should be able to: ") + sql));
        }
        for (const QString& sql : refusedWrites) {
            QVERIFY2(!p.run(sql), qPrintable(user + QStringLiteral(" should not be able to: ") + sql));
        }
        // Secrets stay out of reach after sign-in too.
        QCOMPARE(p.visible(QStringLiteral("staff_users")), -1);
        QCOMPARE(p.visible(QStringLiteral("mfa_secrets")), -1);
        // Signing out takes everything away again.
        QVERIFY(QSqlQuery(p.conn).exec(QStringLiteral("SELECT flowlet_auth.logout()")));
        for (const QString& t : readable) {
            QCOMPARE(p.visible(t), 0);
        }
    }

    void codesAreNotAcceptedTwiceAndFailuresLockTheAccount()
    {
        Probe p = connectAsWorkstation();
        const QString code = codeFor(QStringLiteral("auditor"), -1);
        QCOMPARE(p.login(QStringLiteral("auditor"), kPassword, code), QStringLiteral("code_reused")); // older than the last
        QCOMPARE(p.login(QStringLiteral("nobody"), kPassword, code), QStringLiteral("invalid_credentials"));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(p.login(QStringLiteral("compliance"), QStringLiteral("wrong wrong wrong"), code),
                     QStringLiteral("invalid_credentials"));
        }
        QCOMPARE(p.login(QStringLiteral("compliance"), QStringLiteral("wrong wrong wrong"), code), QStringLiteral("account_locked"));
        QCOMPARE(p.login(QStringLiteral("compliance"), kPassword, codeFor(QStringLiteral("compliance"))),
                 QStringLiteral("account_locked"));
        QCOMPARE(p.visible(QStringLiteral("customers")), 0);
    }

    void theWindowSignsInThroughTheServer()
    {
        // A new analyst, created by an administrator over the owner's connection.
        StaffSession owner;
        owner.permissions.insert(Permission::UsersManage);
        auto admin = m_db->exec(QStringLiteral("SELECT id FROM staff_users WHERE username = 'admin'"));
        QVERIFY(admin && admin->next());
        owner.userId = admin->value(0).toLongLong();
        owner.username = QStringLiteral("admin");
        const QString initial = QStringLiteral("first day at the bank");
        QVERIFY(AuthService(m_db).createUser({QStringLiteral("newbie"), QStringLiteral("New Analyst"), {},
                                              QStringLiteral("finance_analyst"), initial},
                                             owner)
                    .ok());

        // The workstation connects as the low-privilege role, as the window does.
        auto url = DatabaseUrl::parse(QStringLiteral("postgresql://%1@127.0.0.1:%2/%3?sslmode=disable")
                                          .arg(m_role, qEnvironmentVariable("PGPORT"), m_tdb->url().databaseName()));
        QVERIFY(url.ok());
        auto db = Database::open(*url, Database::OpenMode::MustExist, m_rolePassword);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message()));
        AuthService auth(*db);
        QVERIFY(auth.serverEnforced());
        QCOMPARE(*auth.hasUsers(), true);
        QCOMPARE(auth.beginLogin(QStringLiteral("newbie"), QStringLiteral("wrong wrong wrong")).error().code(),
                 ErrorCode::InvalidCredentials);

        auto attempt = auth.beginLogin(QStringLiteral("newbie"), initial);
        QVERIFY2(attempt.ok(), qPrintable(attempt.ok() ? QString() : attempt.error().message()));
        QVERIFY(attempt->needsEnrolment);
        auto enrolment = auth.startEnrolment(*attempt);
        auto enrolled = auth.confirmEnrolment(*attempt, *enrolment, Totp::codeAt(enrolment->secret, QDateTime::currentDateTimeUtc()));
        QVERIFY2(enrolled.ok(), qPrintable(enrolled.ok() ? QString() : enrolled.error().message()));
        QCOMPARE(enrolled->session.roleCode, QStringLiteral("finance_analyst"));
        QVERIFY(enrolled->session.mustChangePassword);
        QCOMPARE(enrolled->recoveryCodes.size(), 10);
        StaffSession session = enrolled->session;
        // A recovery code signs in once, on another workstation connection.
        {
            auto other = Database::open(*url, Database::OpenMode::MustExist, m_rolePassword);
            QVERIFY(other.ok());
            AuthService elsewhere(*other);
            auto again = elsewhere.beginLogin(QStringLiteral("newbie"), initial);
            QVERIFY(again.ok());
            QVERIFY(elsewhere.completeLoginWithRecoveryCode(*again, enrolled->recoveryCodes.at(4)).ok());
            auto twice = elsewhere.beginLogin(QStringLiteral("newbie"), initial);
            QCOMPARE(elsewhere.completeLoginWithRecoveryCode(*twice, enrolled->recoveryCodes.at(4)).error().code(),
                     ErrorCode::CodeRejected);
        }
        QVERIFY(auth.changePassword(session, initial, QStringLiteral("my own quiet phrase")).ok());

        // Queries on the browser's worker threads see what the analyst may see...
        auto count = [&] {
            return QtConcurrent::run((*db)->pool(), [d = *db] {
                       auto c = d->exec(QStringLiteral("SELECT count(*) FROM transactions"));
                       return c && c->next() ? c->value(0).toInt() : -1;
                   })
                .result();
        };
        QCOMPARE(count(), 50);
        auto audit = (*db)->exec(QStringLiteral("SELECT count(*) FROM audit_log"));
        QVERIFY(audit && audit->next());
        QCOMPARE(audit->value(0).toInt(), 0);
        // ...the staff tables stay closed...
        QCOMPARE(UserAdministration(*db).users(session).error().code(), ErrorCode::PermissionDenied);
        // ...and after signing out, nothing.
        QVERIFY(auth.logout(session).ok());
        QCOMPARE(count(), 0);
    }

    void administratorsWorkThroughTheServer()
    {
        // Two administrators at two workstations, both over the workstation role.
        StaffSession owner;
        owner.permissions.insert(Permission::UsersManage);
        owner.userId = 1;
        owner.username = QStringLiteral("admin");
        const QString initial = QStringLiteral("welcome to the fourth floor");
        for (const char* name : {"boss1", "boss2"}) {
            QVERIFY(AuthService(m_db).createUser({QString::fromLatin1(name), QString::fromLatin1(name), {},
                                                  QStringLiteral("admin"), initial},
                                                 owner)
                        .ok());
        }
        auto workstation = [&](const QString& user, StaffSession& session) -> DatabasePtr {
            auto url = DatabaseUrl::parse(QStringLiteral("postgresql://%1@127.0.0.1:%2/%3?sslmode=disable")
                                              .arg(m_role, qEnvironmentVariable("PGPORT"), m_tdb->url().databaseName()));
            auto db = Database::open(*url, Database::OpenMode::MustExist, m_rolePassword);
            if (!db) {
                return {};
            }
            AuthService auth(*db);
            auto attempt = auth.beginLogin(user, initial);
            if (!attempt) {
                qWarning("%s", qPrintable(attempt.error().message()));
                return {};
            }
            auto enrolment = auth.startEnrolment(*attempt);
            auto enrolled = auth.confirmEnrolment(*attempt, *enrolment, Totp::codeAt(enrolment->secret, QDateTime::currentDateTimeUtc()));
            if (!enrolled) {
                qWarning("%s", qPrintable(enrolled.error().message()));
                return {};
            }
            session = enrolled->session;
            return *db;
        };
        StaffSession one;
        StaffSession two;
        DatabasePtr first = workstation(QStringLiteral("boss1"), one);
        DatabasePtr second = workstation(QStringLiteral("boss2"), two);
        QVERIFY(first && second);

        UserAdministration admin1(first);
        UserAdministration admin2(second);
        auto users = admin1.users(one);
        QVERIFY2(users.ok(), qPrintable(users.ok() ? QString() : users.error().message()));
        QVERIFY(users->size() >= 7);

        // boss1 creates an analyst, then asks for a role change that only boss2 can approve.
        auto created = AuthService(first).createUser({QStringLiteral("temp"), QStringLiteral("Temp"), {},
                                                      QStringLiteral("finance_analyst"), QStringLiteral("quarterly ledger review")},
                                                     one);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message()));
        auto request = admin1.requestRoleChange(one, *created, QStringLiteral("auditor"));
        QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message()));
        auto own = admin1.approve(one, *request);
        QCOMPARE(own.error().code(), ErrorCode::PermissionDenied);
        QVERIFY(own.error().message().contains(QStringLiteral("second person")));
        QCOMPARE(admin2.pendingApprovals(two)->size(), 1);
        QVERIFY(admin2.approve(two, *request).ok());
        auto after = admin2.users(two);
        QVERIFY(after.ok());
        for (const StaffUserInfo& u : *after) {
            if (u.username == QStringLiteral("temp")) {
                QCOMPARE(u.roleCode, QStringLiteral("auditor"));
            }
        }

        // A password reset: requested by boss2, approved by boss1; the code signs temp in once.
        auto reset = admin2.requestPasswordReset(two, *created);
        QVERIFY(reset.ok());
        auto outcome = admin1.approve(one, *reset);
        QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().message()));
        QCOMPARE(outcome->resetCode.size(), 19);
        auto temp = AuthService(first).beginLogin(QStringLiteral("temp"), outcome->resetCode);
        QVERIFY2(temp.ok(), qPrintable(temp.ok() ? QString() : temp.error().message()));
        QVERIFY(temp->needsEnrolment);

        // Disabling and the rules about oneself hold on the server too.
        QCOMPARE(admin1.setDisabled(one, one.userId, true).error().code(), ErrorCode::InvalidArgument);
        QVERIFY(admin1.setDisabled(one, *created, true).ok());
        QCOMPARE(AuthService(first).beginLogin(QStringLiteral("temp"), outcome->resetCode).error().code(),
                 ErrorCode::AccountDisabled);
        QVERIFY(AuthService(first).logout(one).ok());
        QVERIFY(AuthService(second).logout(two).ok());
    }

    void serverAuditEntriesChainWithTheApplications()
    {
        // The login function writes the same hash chain the application does.
        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified.ok());
        QVERIFY2(!verified->firstBroken, qPrintable(QString::number(verified->firstBroken.value_or(0))));
        auto server = m_db->exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE workstation = 'test'"));
        QVERIFY(server && server->next());
        const int serverRows = server->value(0).toInt();
        QVERIFY(serverRows > 5);
        // And a changed entry is found.
        QVERIFY(test::tamperWithAuditLog(*m_tdb, QStringLiteral("UPDATE audit_log SET actor_name = 'someone else' WHERE id = 3")));
        QCOMPARE(AuditLog::verify(*m_db)->firstBroken, std::optional<qint64>(3));
    }
};

QTEST_GUILESS_MAIN(TestServerEnforcement)
#include "TestServerEnforcement.moc"
