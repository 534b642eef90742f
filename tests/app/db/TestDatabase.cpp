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

    void readRowsGivesEachValueAsStored()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        const SqlDialect& d = db->dialect();
        const QString awkward = QStringLiteral("quote ' \"double\" back\\slash Ünïcödé € ?");
        auto made = db->exec(QStringLiteral("INSERT INTO accounts (name, iban, currency, kind) VALUES (?, NULL, 'EUR', "
                                            "'current') RETURNING id"),
                             {awkward});
        QVERIFY2(made && made->next(), qPrintable(made ? QString() : made.error().message()));
        const qint64 account = made->value(0).toLongLong();
        made->finish();
        const QDateTime at(QDate(2026, 3, 29), QTime(1, 30, 5, 123), Qt::UTC);
        auto tx = db->exec(QStringLiteral("INSERT INTO transactions (account_id, occurred_at, booking_date, amount_micros, "
                                          "currency, description, counterparty, channel, status, source) "
                                          "VALUES (?, ?, ?, ?, 'EUR', '', NULL, 'sepa', 'booked', 'manual')"),
                           {account, d.timestampValue(at), d.dateValue(QDate(2026, 3, 29)),
                            Q_INT64_C(-9223372036854775807)});
        QVERIFY2(tx.ok(), qPrintable(tx.ok() ? QString() : tx.error().message()));

        int rows = 0;
        // A '?' inside a quoted string is text, not a placeholder.
        const Status read = db->readRows(
            QStringLiteral("SELECT a.name, a.iban, t.occurred_at, t.booking_date, t.amount_micros, t.description, "
                           "t.counterparty, '?' FROM transactions t JOIN accounts a ON a.id = t.account_id "
                           "WHERE a.id = ? AND a.name = ?"),
            {account, awkward}, [&](const SqlRow& row) {
                ++rows;
                QCOMPARE(row.text(0), awkward);
                QVERIFY(row.isNull(1));
                QVERIFY(row.text(1).isNull());
                QCOMPARE(row.timestamp(2), at);
                QCOMPARE(row.date(3), QDate(2026, 3, 29));
                QCOMPARE(row.int64(4), Q_INT64_C(-9223372036854775807));
                QVERIFY(!row.isNull(5));
                QVERIFY(!row.text(5).isNull()); // '' stays an empty text, not NULL
                QVERIFY(row.text(5).isEmpty());
                QVERIFY(row.text(6).isNull());
                QCOMPARE(row.text(7), QStringLiteral("?"));
            });
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message()));
        QCOMPARE(rows, 1);
    }

    void readRowsBindsNullAsExecDoes()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        // The same bindings mean the same statement through exec() and readRows: a null string,
        // date or date-time is NULL, an empty string is not; numbers and flags keep their value.
        const QString sql = QStringLiteral(
            "SELECT CASE WHEN CAST(? AS text) IS NULL THEN 1 ELSE 0 END, CASE WHEN CAST(? AS text) IS NULL THEN 1 ELSE 0 END, "
            "CASE WHEN CAST(? AS date) IS NULL THEN 1 ELSE 0 END, CASE WHEN CAST(? AS timestamp) IS NULL THEN 1 ELSE 0 END, "
            "CAST(? AS bigint) + 1");
        const QVariantList bindings{QString(), QStringLiteral(""), QDate(), QDateTime(), Q_INT64_C(41)};
        auto viaExec = db->exec(sql, bindings);
        QVERIFY(viaExec && viaExec->next());
        QList<qint64> expected;
        for (int i = 0; i < 5; ++i) {
            expected << viaExec->value(i).toLongLong();
        }
        viaExec->finish();
        QCOMPARE(expected, (QList<qint64>{1, 0, 1, 1, 42}));
        QList<qint64> read;
        QVERIFY(db->readRows(sql, bindings, [&](const SqlRow& row) {
                      for (int i = 0; i < 5; ++i) {
                          read << row.int64(i);
                      }
                  }).ok());
        QCOMPARE(read, expected);
    }

    void readRowsKeepsStatementsAndStaysCorrect()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        const QString sql = QStringLiteral("SELECT id, name FROM categories WHERE id <= ? ORDER BY id");
        // The same statement again from inside its own callback (a nested read), and many more
        // statements than a connection keeps: every read still answers exactly.
        QList<qint64> outer;
        QList<qint64> inner;
        const Status nested = db->readRows(sql, {3}, [&](const SqlRow& row) {
            outer << row.int64(0);
            if (outer.size() == 1) {
                const Status again = db->readRows(sql, {2}, [&](const SqlRow& r) { inner << r.int64(0); });
                QVERIFY(again.ok());
            }
        });
        QVERIFY2(nested.ok(), qPrintable(nested.ok() ? QString() : nested.error().message()));
        QCOMPARE(outer, (QList<qint64>{1, 2, 3}));
        QCOMPARE(inner, (QList<qint64>{1, 2}));
        for (int i = 0; i < 150; ++i) {
            qint64 got = -1;
            const Status read = db->readRows(QStringLiteral("SELECT count(*) + %1 FROM categories WHERE id > ?").arg(i),
                                             {1000000}, [&](const SqlRow& row) { got = row.int64(0); });
            QVERIFY(read.ok());
            QCOMPARE(got, qint64(i));
        }
        outer.clear();
        QVERIFY(db->readRows(sql, {1}, [&](const SqlRow& row) { outer << row.int64(0); }).ok());
        QCOMPARE(outer, (QList<qint64>{1}));
        if (TestDatabase::backend() == Backend::PostgreSql) {
            // The server keeps no more than the connection's bound: the least recently used went.
            qint64 kept = -1;
            QVERIFY(db->readRows(QStringLiteral("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE ?"),
                                 {QStringLiteral("flowlet\\_read\\_%")}, [&](const SqlRow& row) { kept = row.int64(0); })
                        .ok());
            QVERIFY2(kept > 1 && kept <= 64, qPrintable(QString::number(kept)));
        }
    }

    void readRowsReportsErrorsAndRecovers()
    {
        TestDatabase tdb;
        DatabasePtr db = tdb.open(true);
        QVERIFY(db);
        int calls = 0;
        const Status bad = db->readRows(QStringLiteral("SELECT no_such_column FROM categories WHERE id = ?"), {1},
                                        [&](const SqlRow&) { ++calls; });
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code(), ErrorCode::DatabaseQuery);
        QVERIFY2(bad.error().message().contains(QStringLiteral("no_such_column")), qPrintable(bad.error().message()));
        QCOMPARE(calls, 0);
        // A forward-only query left unread does not stand in the way (QPSQL leaves its rows on the connection).
        auto unread = db->exec(QStringLiteral("SELECT id FROM categories WHERE id > ?"), {0});
        QVERIFY(unread && unread->next());
        qint64 count = 0;
        QVERIFY(db->readRows(QStringLiteral("SELECT count(*) FROM categories WHERE id > ?"), {0},
                             [&](const SqlRow& row) { count = row.int64(0); })
                    .ok());
        QVERIFY(count > 1);
        if (TestDatabase::backend() != Backend::PostgreSql) {
            return;
        }
        // Another session time zone: the server writes offsets, the reader still gives UTC.
        QVERIFY(db->exec(QStringLiteral("SET TIME ZONE 'Asia/Kolkata'")).ok());
        QDateTime noon;
        QString text;
        QVERIFY(db->readRows(QStringLiteral("SELECT CAST(? AS timestamptz)"), {QStringLiteral("2026-01-15T12:00:00.250Z")},
                             [&](const SqlRow& row) {
                                 noon = row.timestamp(0);
                                 text = row.text(0);
                             })
                    .ok());
        QCOMPARE(text, QStringLiteral("2026-01-15 17:30:00.25+05:30"));
        QCOMPARE(noon, QDateTime(QDate(2026, 1, 15), QTime(12, 0, 0, 250), Qt::UTC));
        // A dropped connection: this read fails with a reason, the next runs on a fresh connection
        // with its statements prepared again.
        auto pid = db->exec(QStringLiteral("SELECT pg_backend_pid()"));
        QVERIFY(pid && pid->next());
        const int backend = pid->value(0).toInt();
        pid->finish();
        QVERIFY(tdb.ownerExec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(backend)));
        const QString probe = QStringLiteral("SELECT pg_backend_pid() + ? - ?");
        const Status lost = db->readRows(probe, {1, 1}, [](const SqlRow&) {});
        QVERIFY(!lost.ok());
        QCOMPARE(lost.error().code(), ErrorCode::ConnectionLost);
        qint64 fresh = 0;
        const Status again = db->readRows(probe, {1, 1}, [&](const SqlRow& row) { fresh = row.int64(0); });
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message()));
        QVERIFY(fresh != 0 && fresh != backend);
    }

    void timestampTextInEveryStoredForm()
    {
        const QDateTime utc(QDate(2026, 9, 30), QTime(9, 16, 5), Qt::UTC);
        QCOMPARE(SqlRow::parseTimestamp("2026-09-30 09:16:05+00"), utc);
        QCOMPARE(SqlRow::parseTimestamp("2026-09-30T09:16:05.000Z"), utc);
        QCOMPARE(SqlRow::parseTimestamp("2026-09-30T09:16:05"), utc); // no offset: stored UTC
        QCOMPARE(SqlRow::parseTimestamp("2026-09-30 11:16:05+02"), utc);
        QCOMPARE(SqlRow::parseTimestamp("2026-09-30 04:46:05-04:30"), utc);
        QCOMPARE(SqlRow::parseTimestamp("2026-09-30 14:46:05+0530"), utc);
        QCOMPARE(SqlRow::parseTimestamp("2026-09-30 09:16:05.123456+00"), utc.addMSecs(123));
        QCOMPARE(SqlRow::parseTimestamp("2026-09-30 09:16:05.1+00"), utc.addMSecs(100));
        QCOMPARE(SqlRow::parseTimestamp("1969-12-31 23:59:59.999+00"), QDateTime::fromMSecsSinceEpoch(-1, Qt::UTC));
        QCOMPARE(SqlRow::parseTimestamp("2026-01-01 00:30:00+01"), QDateTime(QDate(2025, 12, 31), QTime(23, 30), Qt::UTC));
        for (const char* bad : {"2026-09-30 25:16:05+00", "2026-13-30 09:16:05+00", "2026-09-30 09:16:05.+00",
                                "2026-09-30 09:16:05+0x", "2026-09-30 09:16:05Zjunk", "yesterday"}) {
            QVERIFY2(!SqlRow::parseTimestamp(bad).isValid(), bad);
        }
        QVERIFY(!SqlRow::parseTimestamp("").isValid());
        QCOMPARE(SqlRow::parseDate("2026-02-28"), QDate(2026, 2, 28));
        QVERIFY(!SqlRow::parseDate("2026-02-30").isValid());
        QVERIFY(!SqlRow::parseDate("").isValid());
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
