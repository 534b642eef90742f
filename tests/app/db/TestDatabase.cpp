#include "db/BulkWriter.h"
#include "db/Database.h"
#include "support/TestDatabase.h"

#include <QtConcurrent>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

class TestDatabaseFacade : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void missingWorkspaceIsNotCreated()
    {
        if (TestDatabase::backend() != Backend::Sqlite) {
            QSKIP("a file-based check");
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nope.db"));
        auto db = Database::open(DatabaseUrl::sqlite(path), Database::OpenMode::MustExist);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code(), ErrorCode::NotFound);
        QVERIFY(db.error().message().contains(QStringLiteral("flowlet db init")));
        QVERIFY(!QFile::exists(path));
    }

    void corruptFileIsRefusedUntouched()
    {
        if (TestDatabase::backend() != Backend::Sqlite) {
            QSKIP("a file-based check");
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("corrupt.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray junk(8192, 'x');
        f.write(junk);
        f.close();
        auto db = Database::open(DatabaseUrl::sqlite(path), Database::OpenMode::MustExist);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code(), ErrorCode::DatabaseCorrupt);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), junk);
    }

    void createdWorkspaceIsPrivate()
    {
        if (TestDatabase::backend() != Backend::Sqlite) {
            QSKIP("a file-based check");
        }
        TestDatabase tdb;
        QVERIFY(tdb.open(false));
        const auto perms = QFile::permissions(tdb.url().path());
        QVERIFY(perms & QFileDevice::ReadOwner);
        QVERIFY(!(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    }

    void wrongPasswordAndUnreachableServerSayWhy()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("a PostgreSQL check");
        }
        auto url = DatabaseUrl::parse(QStringLiteral("postgresql://flowlet_nobody@127.0.0.1/postgres"));
        auto db = Database::open(*url, Database::OpenMode::MustExist, QStringLiteral("definitely-wrong"));
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code(), ErrorCode::DatabaseOpen);
        QVERIFY2(!db.error().message().contains(u'\n'), "the reason is one line");
        QVERIFY(!db.error().message().contains(QStringLiteral("definitely-wrong")));

        auto unreachable = DatabaseUrl::parse(QStringLiteral("postgresql://127.0.0.1:1/flowlet?connect_timeout=2"));
        auto none = Database::open(*unreachable, Database::OpenMode::MustExist);
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code(), ErrorCode::DatabaseOpen);
        QVERIFY2(none.error().message().contains(QStringLiteral("127.0.0.1")), qPrintable(none.error().message()));
    }

    void reconnectsAfterTheServerDroppedTheConnection()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("a PostgreSQL check");
        }
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        auto pid = db->exec(QStringLiteral("SELECT pg_backend_pid()"));
        QVERIFY(pid && pid->next());
        const int backend = pid->value(0).toInt();
        // The server (an administrator, a restart, a network cut) ends our session.
        QVERIFY(tdb.ownerExec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(backend)));
        // The statement in flight fails with a reason...
        auto lost = db->exec(QStringLiteral("SELECT count(*) FROM categories"));
        QVERIFY(!lost.ok());
        // ...and the next one runs on a fresh connection.
        auto again = db->exec(QStringLiteral("SELECT pg_backend_pid()"));
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message()));
        QVERIFY(again->next());
        QVERIFY(again->value(0).toInt() != backend);
    }

    void eachThreadHasItsOwnConnection()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        auto mine = db->connection();
        QVERIFY(mine.ok());
        const QString mainName = mine->connectionName();
        QFuture<QString> other = QtConcurrent::run(db->pool(), [db]() -> QString {
            auto conn = db->connection();
            auto q = db->exec(QStringLiteral("SELECT count(*) FROM categories"));
            if (!conn || !q || !q->next() || q->value(0).toInt() == 0) {
                return {};
            }
            return conn->connectionName();
        });
        other.waitForFinished();
        QVERIFY(!other.result().isEmpty());
        QVERIFY(other.result() != mainName);
    }

    void transactionRollsBackOnError()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        auto status = db->transaction([&](QSqlDatabase& conn) -> Status {
            QSqlQuery q(conn);
            if (!q.exec(QStringLiteral("INSERT INTO categories (name, kind) VALUES ('Temporary', 'expense')"))) {
                return Database::queryError(q);
            }
            return Error(ErrorCode::Cancelled, QStringLiteral("changed my mind"));
        });
        QVERIFY(!status.ok());
        auto q = db->exec(QStringLiteral("SELECT count(*) FROM categories WHERE name = 'Temporary'"));
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toInt(), 0);
    }

    void bulkWriterRoundTripsAwkwardText()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        const QString awkward = QStringLiteral("tab\there, newline\nthere, back\\slash, quote ' and \"; Ünïcödé €");
        auto status = db->transaction([&](QSqlDatabase& conn) -> Status {
            auto w = BulkWriter::create(db->dialect(), conn, QStringLiteral("categories"),
                                        {QStringLiteral("name"), QStringLiteral("kind")});
            if (!w) {
                return w.error();
            }
            (*w)->addText(awkward);
            (*w)->addText("expense");
            if (auto s = (*w)->endRow(); !s) {
                return s;
            }
            (*w)->addText(QStringLiteral("\\N"));
            (*w)->addText("income");
            if (auto s = (*w)->endRow(); !s) {
                return s;
            }
            return (*w)->finish();
        });
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message()));
        auto q = db->exec(QStringLiteral("SELECT name FROM categories WHERE kind IN ('expense', 'income') "
                                         "AND builtin = %1 ORDER BY name").arg(db->dialect().isPostgres()
                                                                                  ? QStringLiteral("FALSE")
                                                                                  : QStringLiteral("0")));
        QVERIFY(q.ok());
        QStringList names;
        while (q->next()) {
            names << q->value(0).toString();
        }
        QCOMPARE(names, (QStringList{QStringLiteral("\\N"), awkward}));
    }

    void civilCalendarIsExact()
    {
        // From 1 January of year 1 (QDate has no year 0, the civil algorithm does) far into the future.
        for (qint64 day = daysFromCivil(1, 1, 1); day < 800000; day += 997) {
            const CivilDate c = civilFromDays(day);
            QCOMPARE(daysFromCivil(c.year, c.month, c.day), day);
            const QDate q = QDate(1970, 1, 1).addDays(day);
            QCOMPARE(c.year, q.year());
            QCOMPARE(c.month, q.month());
            QCOMPARE(c.day, q.day());
        }
    }
};

QTEST_GUILESS_MAIN(TestDatabaseFacade)
#include "TestDatabase.moc"
