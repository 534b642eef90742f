#include "api/ApiKeys.h"
#include "audit/AuditLog.h"
#include "auth/AuthService.h"
#include "auth/Authorization.h"
#include "support/Fixtures.h"
#include "support/TestDatabase.h"
#include "support/Workstation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("keys for the scripts");

template <typename T>
QString why(const Result<T>& r)
{
    return r ? QString() : r.error().message();
}

} // namespace

class TestApiKeys : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db; // the owner: SQLite, or PostgreSQL's owner role (application-side checks)
    QString m_role;
    QString m_rolePassword;
    QHash<QString, Actor> m_people;

    QVariant value(const QString& sql, const QVariantList& bindings = {})
    {
        auto q = m_db->exec(sql, bindings);
        return q && q->next() ? q->value(0) : QVariant();
    }
    qint64 scalar(const QString& sql, const QVariantList& bindings = {}) { return value(sql, bindings).toLongLong(); }
    QString text(const QString& sql, const QVariantList& bindings = {}) { return value(sql, bindings).toString(); }

    const Actor& person(const char* username) { return m_people[QString::fromLatin1(username)]; }
    qint64 idOf(const char* username) { return *person(username).userId; }

    Result<ApiPrincipal> authenticate(Database& db, const QString& token)
    {
        auto c = db.connection();
        if (!c) {
            return c.error();
        }
        return ApiKeys::authenticate(db, *c, token);
    }

    NewApiKey key(const char* owner, const QStringList& scopes, const char* name = "script")
    {
        auto made = ApiKeys::create(*m_db, person(owner), idOf(owner), QString::fromLatin1(name), scopes, std::nullopt);
        if (!made) {
            qWarning() << made.error().message();
            return {};
        }
        return *made;
    }

    QJsonObject lastAudit(const QString& action, qint64* apiKeyId = nullptr)
    {
        auto q = m_db->exec(
            QStringLiteral("SELECT after, api_key_id FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1"),
            {action});
        if (!q || !q->next()) {
            return {};
        }
        if (apiKeyId) {
            *apiKeyId = q->value(1).isNull() ? 0 : q->value(1).toLongLong();
        }
        return QJsonDocument::fromJson(q->value(0).toString().toUtf8()).object();
    }

    // PostgreSQL: another Database as a workstation reaches it (the low-privilege role).
    DatabasePtr workstation()
    {
        if (m_role.isEmpty()) {
            auto installed = ServerSecurity::installWorkstationRole(*m_db);
            if (!installed) {
                qWarning() << installed.error().message();
                return {};
            }
            m_role = installed->role;
            m_rolePassword = installed->password;
        }
        auto url = DatabaseUrl::parse(QStringLiteral("postgresql://%1@127.0.0.1:%2/%3?sslmode=disable")
                                          .arg(m_role, qEnvironmentVariable("PGPORT"), m_tdb->url().databaseName()));
        auto db = Database::open(*url, Database::OpenMode::MustExist, m_rolePassword);
        return db ? *db : DatabasePtr();
    }

    static void verifyRefused(const Result<ApiPrincipal>& r)
    {
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::Unauthenticated);
        QCOMPARE(r.error().message(), ApiKeys::unauthenticated().message());
    }

private Q_SLOTS:
    void init()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        QVERIFY(AuthService(m_db).createEnrolledUsers(
            {{QStringLiteral("alice"), QStringLiteral("Alice Analyst"), {}, QStringLiteral("finance_analyst"), kPassword},
             {QStringLiteral("adam"), QStringLiteral("Adam Admin"), {}, QStringLiteral("admin"), kPassword},
             {QStringLiteral("carl"), QStringLiteral("Carl Compliance"), {}, QStringLiteral("compliance_officer"),
              kPassword},
             {QStringLiteral("audrey"), QStringLiteral("Audrey Auditor"), {}, QStringLiteral("auditor"), kPassword}}));
        m_people.clear();
        for (const char* name : {"alice", "adam", "carl", "audrey"}) {
            const QString username = QString::fromLatin1(name);
            m_people.insert(username,
                            Actor{scalar(QStringLiteral("SELECT id FROM staff_users WHERE username = ?"), {username}),
                                  username, std::nullopt});
        }
    }
    void cleanup()
    {
        m_db.reset();
        test::dropWorkstationRole(*m_tdb, m_role);
        m_role.clear();
        m_tdb.reset();
    }

    void createsListsAuthenticatesAndRevokes()
    {
        const QDateTime expiry = QDateTime::currentDateTimeUtc().addDays(30);
        auto made = ApiKeys::create(*m_db, person("alice"), idOf("alice"), QStringLiteral("  nightly export "),
                                    {Permission::TransactionsRead, Permission::TransactionsExport}, expiry);
        QVERIFY2(made, qPrintable(why(made)));
        QVERIFY(QRegularExpression(QStringLiteral("^flk_[a-z2-7]{12}_[a-z2-7]{52}$")).match(made->token).hasMatch());
        QCOMPARE(made->token.mid(4, 12), made->info.prefix);
        QCOMPARE(made->info.name, QStringLiteral("nightly export"));
        QCOMPARE(made->info.ownerName, QStringLiteral("alice"));
        QVERIFY(made->info.id > 0);

        auto mine = ApiKeys::list(*m_db, person("alice"), false);
        QVERIFY2(mine, qPrintable(why(mine)));
        QCOMPARE(mine->size(), 1);
        const ApiKeyInfo& listed = mine->first();
        QCOMPARE(listed.id, made->info.id);
        QCOMPARE(listed.prefix, made->info.prefix);
        QCOMPARE(listed.ownerName, QStringLiteral("alice"));
        QCOMPARE(listed.scopes, (QStringList{Permission::TransactionsExport, Permission::TransactionsRead}));
        QCOMPARE(listed.expiresAt.toSecsSinceEpoch(), expiry.toSecsSinceEpoch());
        QVERIFY(!listed.lastUsedAt.isValid());
        QCOMPARE(listed.stateAt(QDateTime::currentDateTimeUtc()), ApiKeyInfo::State::Active);

        auto principal = authenticate(*m_db, made->token);
        QVERIFY2(principal, qPrintable(why(principal)));
        QCOMPARE(principal->keyId, made->info.id);
        QCOMPARE(principal->ownerId, idOf("alice"));
        QCOMPARE(principal->ownerName, QStringLiteral("alice"));
        QCOMPARE(principal->keyPrefix, made->info.prefix);
        QCOMPARE(principal->permissions, (QSet<QString>{Permission::TransactionsRead, Permission::TransactionsExport}));
        QVERIFY(principal->can(Permission::TransactionsRead));
        QVERIFY(!principal->can(Permission::TransactionsCategorize)); // alice has it, the key does not
        QCOMPARE(principal->actor().apiKeyId.value_or(0), made->info.id);
        QCOMPARE(principal->actor().userId.value_or(0), idOf("alice"));
        QVERIFY(ApiKeys::list(*m_db, person("alice"), false)->first().lastUsedAt.isValid());

        // The audit entry names the key and its scopes, never the token or its hash.
        const QJsonObject created = lastAudit(QStringLiteral("apikey.created"));
        QCOMPARE(created.value(QStringLiteral("name")).toString(), QStringLiteral("nightly export"));
        QCOMPARE(created.value(QStringLiteral("owner")).toString(), QStringLiteral("alice"));
        QCOMPARE(created.value(QStringLiteral("scopes")).toArray().size(), 2);
        QVERIFY(!created.value(QStringLiteral("expires_at")).toString().isEmpty());
        const QString createdText = text(QStringLiteral("SELECT after FROM audit_log WHERE action = 'apikey.created'"));
        QVERIFY(!createdText.contains(made->token.mid(17)));
        QVERIFY(!createdText.contains(text(QStringLiteral("SELECT key_hash FROM api_keys"))));

        QVERIFY(ApiKeys::revoke(*m_db, person("alice"), made->info.id));
        verifyRefused(authenticate(*m_db, made->token));
        QVERIFY(ApiKeys::revoke(*m_db, person("alice"), made->info.id)); // again: nothing changes
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'apikey.revoked'")), 1);
        QCOMPARE(lastAudit(QStringLiteral("apikey.revoked")).value(QStringLiteral("prefix")).toString(),
                 made->info.prefix);
        auto after = ApiKeys::list(*m_db, person("alice"), false);
        QCOMPARE(after->size(), 1); // revoked keys stay listed
        QVERIFY(after->first().revokedAt.isValid());
        QCOMPARE(after->first().stateAt(QDateTime::currentDateTimeUtc()), ApiKeyInfo::State::Revoked);
        QCOMPARE(ApiKeys::revoke(*m_db, person("alice"), 999'999).error().code(), ErrorCode::NotFound);

        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified && !verified->firstBroken);
    }

    void creatingIsLimitedToOwnKeysAndHeldPermissions()
    {
        const QStringList read{Permission::TransactionsRead};
        auto forCarl = ApiKeys::create(*m_db, person("alice"), idOf("carl"), QStringLiteral("x"), read, std::nullopt);
        QCOMPARE(forCarl.error().code(), ErrorCode::PermissionDenied);

        auto beyond = ApiKeys::create(*m_db, person("alice"), idOf("alice"), QStringLiteral("x"),
                                      {Permission::TransactionsRead, Permission::UsersManage}, std::nullopt);
        QCOMPARE(beyond.error().code(), ErrorCode::PermissionDenied);
        QVERIFY2(beyond.error().message().contains(Permission::UsersManage), qPrintable(beyond.error().message()));

        QCOMPARE(ApiKeys::create(*m_db, person("alice"), idOf("alice"), QStringLiteral("x"), {}, std::nullopt)
                     .error()
                     .code(),
                 ErrorCode::InvalidArgument);
        QCOMPARE(ApiKeys::create(*m_db, person("alice"), idOf("alice"), QStringLiteral(" "), read, std::nullopt)
                     .error()
                     .code(),
                 ErrorCode::InvalidArgument);
        QCOMPARE(ApiKeys::create(*m_db, person("alice"), idOf("alice"), QStringLiteral("x"), read,
                                 QDateTime::currentDateTimeUtc().addSecs(-60))
                     .error()
                     .code(),
                 ErrorCode::InvalidArgument);
        // The auditor holds no apikeys permission at all.
        QCOMPARE(ApiKeys::create(*m_db, person("audrey"), idOf("audrey"), QStringLiteral("x"), read, std::nullopt)
                     .error()
                     .code(),
                 ErrorCode::PermissionDenied);
        QCOMPARE(ApiKeys::list(*m_db, person("audrey"), false).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM api_keys")), 0);

        // An administrator makes keys for others, within what they hold, and sees everyone's.
        auto byAdmin = ApiKeys::create(*m_db, person("adam"), idOf("alice"), QStringLiteral("for alice"), read,
                                       std::nullopt);
        QVERIFY2(byAdmin, qPrintable(why(byAdmin)));
        QCOMPARE(byAdmin->info.ownerName, QStringLiteral("alice"));
        QCOMPARE(ApiKeys::create(*m_db, person("adam"), idOf("alice"), QStringLiteral("x"), {Permission::UsersManage},
                                 std::nullopt)
                     .error()
                     .code(),
                 ErrorCode::PermissionDenied);
        const NewApiKey carls = key("carl", {Permission::CustomersRead});
        QVERIFY(!carls.token.isEmpty());
        auto all = ApiKeys::list(*m_db, person("adam"), true);
        QVERIFY2(all, qPrintable(why(all)));
        QCOMPARE(all->size(), 2);
        QCOMPARE(ApiKeys::list(*m_db, person("alice"), true).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(ApiKeys::list(*m_db, person("alice"), false)->size(), 1);
        // Alice cannot revoke Carl's key; the administrator can.
        QCOMPARE(ApiKeys::revoke(*m_db, person("alice"), carls.info.id).error().code(), ErrorCode::PermissionDenied);
        QVERIFY(ApiKeys::revoke(*m_db, person("adam"), carls.info.id));

        auto aliceOwners = ApiKeys::owners(*m_db, person("alice"));
        QVERIFY2(aliceOwners, qPrintable(why(aliceOwners)));
        QCOMPARE(aliceOwners->size(), 1);
        QVERIFY(aliceOwners->first().permissions.contains(Permission::TransactionsCategorize));
        QCOMPARE(ApiKeys::owners(*m_db, person("adam"))->size(), 4);
    }

    void refusedTokensAllLookAlike()
    {
        const NewApiKey k = key("alice", {Permission::TransactionsRead});
        QVERIFY(authenticate(*m_db, k.token));
        const QString secret = k.token.mid(17);
        const QString otherSecret = QString(secret).replace(0, 1, secret.startsWith(u'a') ? u'b' : u'a');
        for (const QString& bad : {QString(), QStringLiteral("flk_"), QStringLiteral("Bearer ") + k.token,
                                   k.token + u'a', k.token.toUpper(), k.token.left(k.token.size() - 1),
                                   QStringLiteral("flk_aaaaaaaaaaaa_") + secret, k.token.left(17) + otherSecret}) {
            verifyRefused(authenticate(*m_db, bad));
        }
        // Expired.
        QVERIFY(m_tdb->ownerExec(QStringLiteral("UPDATE api_keys SET expires_at = %1")
                                     .arg(m_db->dialect().isPostgres() ? QStringLiteral("now() - interval '1 second'")
                                                                       : QStringLiteral("'2020-01-01T00:00:00.000Z'"))));
        verifyRefused(authenticate(*m_db, k.token));
        QCOMPARE(ApiKeys::list(*m_db, person("alice"), false)->first().stateAt(QDateTime::currentDateTimeUtc()),
                 ApiKeyInfo::State::Expired);
        QVERIFY(m_tdb->ownerExec(QStringLiteral("UPDATE api_keys SET expires_at = NULL")));
        QVERIFY(authenticate(*m_db, k.token));
        // A disabled owner.
        QVERIFY(m_tdb->ownerExec(QStringLiteral("UPDATE staff_users SET status = 'disabled' WHERE username = 'alice'")));
        verifyRefused(authenticate(*m_db, k.token));
    }

    void demotedOwnerLosesThePermissionAtOnce()
    {
        const NewApiKey k = key("alice", {Permission::TransactionsRead, Permission::TransactionsCategorize});
        auto before = authenticate(*m_db, k.token);
        QVERIFY2(before, qPrintable(why(before)));
        QVERIFY(before->can(Permission::TransactionsCategorize));
        QVERIFY(m_tdb->ownerExec(QStringLiteral("UPDATE staff_users SET role_id = (SELECT id FROM roles WHERE code = "
                                                "'auditor') WHERE username = 'alice'")));
        auto after = authenticate(*m_db, k.token);
        QVERIFY2(after, qPrintable(why(after)));
        QCOMPARE(after->permissions, QSet<QString>{Permission::TransactionsRead});
    }

    void servicesLimitAKeyToItsScopes()
    {
        // The services' own checks, not only the API's route table: a service that asks for a
        // second permission must not get the owner's whole role through a narrow key.
        const NewApiKey k = key("alice", {Permission::TransactionsRead});
        auto who = authenticate(*m_db, k.token);
        QVERIFY2(who, qPrintable(why(who)));
        const Actor throughKey = who->actor();
        QVERIFY(requirePermission(*m_db, throughKey, Permission::TransactionsRead));
        // Alice holds the import permission herself; the key does not.
        QVERIFY(requirePermission(*m_db, m_people.value(QStringLiteral("alice")), Permission::TransactionsImport));
        auto refused = requirePermission(*m_db, throughKey, Permission::TransactionsImport);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
        // A revoked key holds nothing, whatever a principal kept in memory says.
        QVERIFY(ApiKeys::revoke(*m_db, m_people.value(QStringLiteral("alice")), k.info.id));
        QVERIFY(!requirePermission(*m_db, throughKey, Permission::TransactionsRead));
    }

    void lastUseIsRecordedAtMostOncePerMinute()
    {
        const NewApiKey k = key("alice", {Permission::TransactionsRead});
        const bool pg = m_db->dialect().isPostgres();
        const auto setLastUse = [&](int secondsAgo) {
            return m_tdb->ownerExec(
                pg ? QStringLiteral("UPDATE api_keys SET last_used_at = now() - interval '%1 seconds'").arg(secondsAgo)
                   : QStringLiteral("UPDATE api_keys SET last_used_at = '%1'")
                         .arg(SqlDialect::sqliteTimestampText(QDateTime::currentDateTimeUtc().addSecs(-secondsAgo))));
        };
        const auto lastUse = [&] { return ApiKeys::list(*m_db, person("alice"), false)->first().lastUsedAt; };
        QVERIFY(setLastUse(30));
        const QDateTime recent = lastUse();
        QVERIFY(authenticate(*m_db, k.token));
        QCOMPARE(lastUse(), recent); // within the minute: no write
        QVERIFY(setLastUse(120));
        const QDateTime old = lastUse();
        QVERIFY(authenticate(*m_db, k.token));
        QVERIFY(lastUse() > old.addSecs(100));
    }

    void onlyTheHashIsStored()
    {
        const NewApiKey k = key("alice", {Permission::TransactionsRead});
        const QString secret = k.token.mid(17);
        QCOMPARE(text(QStringLiteral("SELECT key_hash FROM api_keys WHERE id = ?"), {k.info.id}),
                 ApiKeys::hashOfSecret(secret));
        QVERIFY(authenticate(*m_db, k.token));
        QVERIFY(ApiKeys::revoke(*m_db, person("alice"), k.info.id));
        if (m_db->dialect().isPostgres()) {
            // Every row of every table, as text.
            auto tables = m_db->exec(QStringLiteral("SELECT table_schema || '.' || table_name FROM "
                                                    "information_schema.tables WHERE table_schema IN ('public', "
                                                    "'flowlet_auth') AND table_type = 'BASE TABLE'"));
            QVERIFY(tables);
            QStringList names;
            while (tables->next()) {
                names << tables->value(0).toString();
            }
            tables->finish();
            QVERIFY2(names.size() > 30, qPrintable(names.join(u' ')));
            for (const QString& t : std::as_const(names)) {
                QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM %1 t WHERE t::text LIKE ?").arg(t),
                                {u'%' + secret + u'%'}),
                         0);
            }
            QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM api_keys t WHERE t::text LIKE ?"),
                            {u'%' + k.info.prefix + u'%'}),
                     1); // the search itself finds what is there
        } else {
            m_db.reset(); // closes the file, and checkpoints the journal into it
            QByteArray bytes;
            for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-journal")}) {
                QFile f(m_tdb->url().path() + suffix);
                if (f.open(QIODevice::ReadOnly)) {
                    bytes += f.readAll();
                }
            }
            QVERIFY(bytes.size() > 10'000);
            QVERIFY(bytes.contains(k.info.prefix.toLatin1()));
            QVERIFY(!bytes.contains(secret.toLatin1()));
            QVERIFY(!bytes.contains(secret.toUpper().toLatin1()));
        }
    }

    // PostgreSQL through the workstation role: the key's session is limited at the server.
    void serverLimitsABoundKeyToItsScopes()
    {
        if (!m_db->dialect().isPostgres()) {
            QSKIP("server-side enforcement is PostgreSQL's");
        }
        QVERIFY(test::insertFixtureTransactions(*m_db, 4));
        QVERIFY(m_tdb->ownerExec(QStringLiteral("INSERT INTO categories (id, name) VALUES (900, 'Scripted')")));
        const NewApiKey readOnly = key("alice", {Permission::TransactionsRead}, "read only");
        const NewApiKey categoriser =
            key("alice", {Permission::TransactionsRead, Permission::TransactionsCategorize, Permission::ApiKeysManageOwn},
                "categoriser");

        DatabasePtr api = workstation();
        QVERIFY(api);
        QVERIFY(api->actsThroughServer());
        auto c = api->connection();
        QVERIFY(c);
        QSqlDatabase conn = *c;
        const auto count = [&](const QString& sql) -> qint64 {
            auto q = Database::execOn(conn, sql);
            return q && q->next() ? q->value(0).toLongLong() : -1;
        };
        const auto categorise = [&]() -> Result<int> {
            auto q = Database::execOn(conn, QStringLiteral("UPDATE transactions SET category_id = 900, category_source "
                                                           "= 'user' WHERE id = 1"));
            return q ? Result<int>(q->numRowsAffected()) : Result<int>(q.error());
        };
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM transactions")), 0); // bound to no one yet

        auto principal = ApiKeys::authenticate(*api, conn, readOnly.token);
        QVERIFY2(principal, qPrintable(why(principal)));
        QCOMPARE(principal->permissions, QSet<QString>{Permission::TransactionsRead});
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM transactions")), 4);
        // Alice may categorise; her read-only key may not, not even with raw SQL.
        auto refused = categorise();
        QVERIFY(!refused || *refused == 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE category_id = 900")), 0);
        // The key's own table: no hash, no writes, and without apikeys scopes not even its rows.
        QCOMPARE(Database::execOn(conn, QStringLiteral("SELECT key_hash FROM api_keys")).error().code(),
                 ErrorCode::PermissionDenied);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM api_keys")), 0);
        QCOMPARE(Database::execOn(conn, QStringLiteral("UPDATE api_keys SET scopes = 'users.manage'")).error().code(),
                 ErrorCode::PermissionDenied);

        // The same person's other key, which carries the scope.
        principal = ApiKeys::authenticate(*api, conn, categoriser.token);
        QVERIFY2(principal, qPrintable(why(principal)));
        auto done = categorise();
        QVERIFY2(done, qPrintable(why(done)));
        QCOMPARE(*done, 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM api_keys")), 2); // her own rows, with manage_own
        QCOMPARE(Database::execOn(conn, QStringLiteral("SELECT key_hash FROM api_keys")).error().code(),
                 ErrorCode::PermissionDenied);

        // Raw inserts and the definer function, past the application: refused by the server.
        auto inserted = Database::execOn(
            conn, QStringLiteral("INSERT INTO api_keys (owner_id, name, key_prefix, key_hash, scopes) "
                                 "VALUES (?, 'forged', 'abcdefghijkl', ?, 'users.manage')"),
            {idOf("carl"), QString(64, u'a')});
        QCOMPARE(inserted.error().code(), ErrorCode::PermissionDenied);
        const auto createRaw = [&](qint64 owner, const QString& scopes) {
            return Database::execOn(conn,
                                    QStringLiteral("SELECT * FROM flowlet_auth.create_api_key(?, 'raw', "
                                                   "CAST(? AS text[]), NULL, 'abcdefghijkl', ?, 'test')"),
                                    {owner, scopes, QString(64, u'a')});
        };
        QCOMPARE(createRaw(idOf("carl"), QStringLiteral("{transactions.read}")).error().code(),
                 ErrorCode::PermissionDenied);
        auto notHeld = createRaw(idOf("alice"), QStringLiteral("{users.manage}"));
        QCOMPARE(notHeld.error().code(), ErrorCode::PermissionDenied);
        QVERIFY2(notHeld.error().message().contains(QStringLiteral("users.manage")), qPrintable(why(notHeld)));
        auto notInKey = createRaw(idOf("alice"), QStringLiteral("{transactions.import}")); // alice's, not the key's
        QCOMPARE(notInKey.error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM api_keys")), 2);

        // A key made through a key: the audit entry carries the key in use, and the chain holds.
        auto child = ApiKeys::create(*api, principal->actor(), idOf("alice"), QStringLiteral("child"),
                                     {Permission::TransactionsRead}, std::nullopt);
        QVERIFY2(child, qPrintable(why(child)));
        qint64 auditedKey = 0;
        QCOMPARE(lastAudit(QStringLiteral("apikey.created"), &auditedKey).value(QStringLiteral("name")).toString(),
                 QStringLiteral("child"));
        QCOMPARE(auditedKey, categoriser.info.id);
        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified && !verified->firstBroken);

        // A refused token unbinds the connection; so does revoking the key in use, at once.
        verifyRefused(ApiKeys::authenticate(*api, conn, readOnly.token + u'x'));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM transactions")), 0);
        QVERIFY(ApiKeys::authenticate(*api, conn, readOnly.token));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM transactions")), 4);
        QVERIFY(ApiKeys::revoke(*m_db, person("adam"), readOnly.info.id));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM transactions")), 0);
        verifyRefused(ApiKeys::authenticate(*api, conn, readOnly.token));
    }

    // PostgreSQL: a person signed in at a workstation manages keys through flowlet_auth alone.
    void workstationUserManagesOwnKeysThroughTheServer()
    {
        if (!m_db->dialect().isPostgres()) {
            QSKIP("the workstation role is PostgreSQL's");
        }
        DatabasePtr ws = workstation();
        QVERIFY(ws);
        auto alice = test::signInAtWorkstation(ws, QStringLiteral("alice"), kPassword);
        QVERIFY2(alice, qPrintable(why(alice)));
        const Actor me{alice->userId, alice->username, std::nullopt};

        auto made = ApiKeys::create(*ws, me, alice->userId, QStringLiteral("from the window"),
                                    {Permission::TransactionsRead}, QDateTime::currentDateTimeUtc().addDays(1));
        QVERIFY2(made, qPrintable(why(made)));
        QCOMPARE(made->info.ownerName, QStringLiteral("alice"));
        QVERIFY(made->info.createdAt.isValid());
        QCOMPARE(ApiKeys::create(*ws, me, idOf("carl"), QStringLiteral("x"), {Permission::CustomersRead}, std::nullopt)
                     .error()
                     .code(),
                 ErrorCode::PermissionDenied);
        auto beyond = ApiKeys::create(*ws, me, alice->userId, QStringLiteral("x"), {Permission::UsersManage},
                                      std::nullopt);
        QCOMPARE(beyond.error().code(), ErrorCode::PermissionDenied);
        QVERIFY2(beyond.error().message().contains(Permission::UsersManage), qPrintable(why(beyond)));
        QCOMPARE(ApiKeys::create(*ws, me, alice->userId, QStringLiteral("x"), {Permission::TransactionsRead},
                                 QDateTime::currentDateTimeUtc().addSecs(-5))
                     .error()
                     .code(),
                 ErrorCode::InvalidArgument);

        auto listed = ApiKeys::list(*ws, me, false);
        QVERIFY2(listed, qPrintable(why(listed)));
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().prefix, made->info.prefix);
        QCOMPARE(ApiKeys::list(*ws, me, true).error().code(), ErrorCode::PermissionDenied);
        auto owners = ApiKeys::owners(*ws, me);
        QVERIFY2(owners, qPrintable(why(owners)));
        QCOMPARE(owners->size(), 1);
        QVERIFY(owners->first().permissions.contains(Permission::TransactionsImport));

        QVERIFY(ApiKeys::revoke(*ws, me, made->info.id));
        QCOMPARE(lastAudit(QStringLiteral("apikey.revoked")).value(QStringLiteral("prefix")).toString(),
                 made->info.prefix);
        const NewApiKey carls = key("carl", {Permission::CustomersRead});
        QCOMPARE(ApiKeys::revoke(*ws, me, carls.info.id).error().code(), ErrorCode::PermissionDenied);
        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified && !verified->firstBroken);
    }
};

QTEST_GUILESS_MAIN(TestApiKeys)
#include "TestApiKeys.moc"
