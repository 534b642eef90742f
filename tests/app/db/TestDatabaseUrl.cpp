#include "db/DatabaseUrl.h"

#include <QtTest>

using namespace flowlet;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesSqlite_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("path");
        QTest::newRow("url") << "sqlite:///var/lib/flowlet/ws.db" << "/var/lib/flowlet/ws.db";
        QTest::newRow("bare path") << "/tmp/a b/ws.db" << "/tmp/a b/ws.db";
        QTest::newRow("encoded space") << "sqlite:///tmp/a%20b/ws.db" << "/tmp/a b/ws.db";
    }
    void parsesSqlite()
    {
        QFETCH(QString, text);
        QFETCH(QString, path);
        auto url = DatabaseUrl::parse(text);
        QVERIFY(url.ok());
        QCOMPARE(url->backend(), Backend::Sqlite);
        QCOMPARE(url->path(), path);
        // Round trip
        auto again = DatabaseUrl::parse(url->toString());
        QVERIFY(again.ok());
        QCOMPARE(again->path(), path);
    }

    void parsesPostgres()
    {
        auto url = DatabaseUrl::parse(
            QStringLiteral("postgresql://analyst@db.example.com:5433/flowlet?sslmode=verify-full&sslrootcert=/etc/ca.pem"));
        QVERIFY(url.ok());
        QCOMPARE(url->backend(), Backend::PostgreSql);
        QCOMPARE(url->host(), QStringLiteral("db.example.com"));
        QCOMPARE(url->port(), 5433);
        QCOMPARE(url->userName(), QStringLiteral("analyst"));
        QCOMPARE(url->databaseName(), QStringLiteral("flowlet"));
        QCOMPARE(url->options().value(QStringLiteral("sslmode")), QStringLiteral("verify-full"));
        QCOMPARE(url->options().value(QStringLiteral("sslrootcert")), QStringLiteral("/etc/ca.pem"));
        QCOMPARE(url->toDisplayString(), QStringLiteral("flowlet on db.example.com:5433"));
        auto again = DatabaseUrl::parse(url->toString());
        QVERIFY(again.ok());
        QCOMPARE(*again, *url);
    }

    void environmentOnlyPostgres()
    {
        // Everything from PGHOST/PGPORT/PGUSER, as pg_virtualenv sets them.
        auto url = DatabaseUrl::parse(QStringLiteral("postgresql:///flowlet_ci"));
        QVERIFY(url.ok());
        QVERIFY(url->host().isEmpty());
        QCOMPARE(url->databaseName(), QStringLiteral("flowlet_ci"));
        QCOMPARE(url->toString(), QStringLiteral("postgresql:///flowlet_ci"));
    }

    void refusesBadUrls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("password in url") << "postgresql://u:secret@h/db" << "password";
        QTest::newRow("unknown option") << "postgresql://h/db?options=-c%20x" << "unknown PostgreSQL option";
        QTest::newRow("bad sslmode") << "postgresql://h/db?sslmode=sometimes" << "sslmode";
        QTest::newRow("unknown scheme") << "mysql://h/db" << "unsupported";
        QTest::newRow("empty") << "   " << "empty";
        QTest::newRow("schema path") << "postgresql://h/db/extra" << "not a database name";
    }
    void refusesBadUrls()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        auto url = DatabaseUrl::parse(text);
        QVERIFY(!url.ok());
        QCOMPARE(url.error().code(), ErrorCode::InvalidArgument);
        QVERIFY2(url.error().message().contains(mentions), qPrintable(url.error().message()));
        // The secret never comes back in the message.
        QVERIFY(!url.error().message().contains(QStringLiteral("secret")));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "TestDatabaseUrl.moc"
