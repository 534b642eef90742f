#include "ingest/ImportPresets.h"
#include "support/BankCsv.h"
#include "support/CommandLine.h"
#include "support/TestDatabase.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

using flowlet::Backend;
using flowlet::test::TestDatabase;

using flowlet::test::Run;
using flowlet::test::runFlowlet;

class TestCommandLine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

private Q_SLOTS:
    void version()
    {
        const Run r = runFlowlet({QStringLiteral("--version")}, m_home.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("flowlet ")));
        QVERIFY(r.err.isEmpty());
    }

    void help()
    {
        const Run r = runFlowlet({QStringLiteral("--help")}, m_home.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("flowlet db init|migrate|status")));
        QVERIFY(r.out.contains(QStringLiteral("demo create")));
    }

    void usageErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("unknown sub-command") << QStringList{QStringLiteral("frobnicate")} << "unknown sub-command";
        QTest::newRow("unknown db action") << QStringList{QStringLiteral("db"), QStringLiteral("drop")} << "unknown db action";
        QTest::newRow("db without action") << QStringList{QStringLiteral("db")} << "db needs an action";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--force")}
                                        << "unknown option --force";
        QTest::newRow("missing value") << QStringList{QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db")}
                                       << "needs a value";
        QTest::newRow("bad demo size") << QStringList{QStringLiteral("demo"), QStringLiteral("create"),
                                                      QStringLiteral("--size"), QStringLiteral("huge")}
                                       << "unknown demo size";
        QTest::newRow("monitor without action") << QStringList{QStringLiteral("monitor")} << "monitor needs an action";
        QTest::newRow("keep no day") << QStringList{QStringLiteral("monitor"), QStringLiteral("prune"),
                                                    QStringLiteral("--older-than"), QStringLiteral("0")}
                                     << "--older-than takes a number of days";
    }
    void usageErrorsExitWithTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const Run r = runFlowlet(args, m_home.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(says), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void statusOfAMissingWorkspaceCreatesNothing()
    {
        const QString path = m_home.filePath(QStringLiteral("missing.db"));
        const Run r = runFlowlet({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"), path}, m_home.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.startsWith(QStringLiteral("flowlet: error: ")));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY(!QFile::exists(path));
    }

    void corruptWorkspaceIsRefused()
    {
        const QString path = m_home.filePath(QStringLiteral("corrupt.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, '\x07'));
        f.close();
        const Run r = runFlowlet({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--db"), path}, m_home.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("not a usable workspace")), qPrintable(r.err));
        QCOMPARE(QFileInfo(path).size(), qint64(4096));
    }

    void initThenStatusOnTheTestBackend()
    {
        TestDatabase tdb;
        QString url = tdb.url().toString();
        if (TestDatabase::backend() == Backend::PostgreSql) {
            QVERIFY(tdb.open(false)); // PostgreSQL databases are created by their owner, not by flowlet
        }
        Run r = runFlowlet({QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), url}, m_home.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("schema version")));
        r = runFlowlet({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"), url}, m_home.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("up to date")));
        QVERIFY(r.out.contains(TestDatabase::backendName()));

        // A database from a newer Flowlet: refused, and left as it was.
        QVERIFY(tdb.ownerExec(QStringLiteral("INSERT INTO schema_migrations (version, name, checksum, app_version) "
                                             "VALUES (500, 'future', 'x', '9.9')")));
        r = runFlowlet({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--db"), url}, m_home.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("update Flowlet")), qPrintable(r.err));
        r = runFlowlet({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"), url}, m_home.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("schema version: 500")));
    }

    void auditVerifyNamesTheFirstBrokenEntry()
    {
        if (TestDatabase::backend() != Backend::Sqlite) {
            QSKIP("the chain itself is verified on both backends by the auth and server tests");
        }
        const QString path = m_home.filePath(QStringLiteral("audited.db"));
        Run r = runFlowlet({QStringLiteral("demo"), QStringLiteral("create"), QStringLiteral("--db"), path}, m_home.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runFlowlet({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), path}, m_home.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("intact")), qPrintable(r.out));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            // The owner has to drop the append-only triggers first.
            QVERIFY(!QSqlQuery(db).exec(QStringLiteral("UPDATE audit_log SET actor_name = 'mallory' WHERE id = 2")));
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("DROP TRIGGER audit_log_no_update")));
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE audit_log SET actor_name = 'mallory' WHERE id = 2")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        r = runFlowlet({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), path}, m_home.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("BROKEN at entry 2")), qPrintable(r.err));
    }

    void importPreviewsThenCommitsOnce()
    {
        TestDatabase tdb;
        const QString url = tdb.url().toString();
        QVERIFY(tdb.open(true));
        const QString file = QStringLiteral(FLOWLET_SAMPLES_DIR "/mt940/wolph-mt940__jejik_rabobank-iban.sta");
        const QStringList base = {QStringLiteral("import"), file, QStringLiteral("--db"), url};

        // The account is not in the workspace: refused with what to do.
        Run r = runFlowlet(base, m_home.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("NL71RABO0123456789")) && r.err.contains(QStringLiteral("--create-account")),
                 qPrintable(r.err));

        // A preview stores nothing.
        r = runFlowlet(base + QStringList{QStringLiteral("--create-account")}, m_home.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("new 2, duplicate 0, possible match 0")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("opening 1000.00 + entries -35.00 = closing 965.00")));
        QVERIFY(r.out.contains(QStringLiteral("Nothing stored")));
        r = runFlowlet(base, m_home.path());
        QCOMPARE(r.exitCode, 1); // still no account: the preview created none

        r = runFlowlet(base + QStringList{QStringLiteral("--create-account"), QStringLiteral("--commit")}, m_home.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("4 new")), qPrintable(r.out));

        // Again: everything is a duplicate and nothing is added.
        r = runFlowlet(base + QStringList{QStringLiteral("--commit")}, m_home.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("new 0, duplicate 2")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("0 new")));
        QVERIFY(r.out.contains(QStringLiteral("imported before")));

        // Undo the first import; a file that is not a statement is refused with its name.
        r = runFlowlet({QStringLiteral("import"), QStringLiteral("--undo"), QStringLiteral("1"), QStringLiteral("--db"), url},
                       m_home.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runFlowlet({QStringLiteral("import"), QStringLiteral(FLOWLET_SAMPLES_DIR "/otp_vectors/rfc6238_appendixB_table.txt"),
                        QStringLiteral("--db"), url},
                       m_home.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("rfc6238_appendixB_table.txt")), qPrintable(r.err));
        r = runFlowlet({QStringLiteral("import"), QStringLiteral("--db"), url}, m_home.path());
        QCOMPARE(r.exitCode, 2);
    }

    void importReadsCsvWithTheBanksPreset()
    {
        TestDatabase tdb;
        const QString url = tdb.url().toString();
        auto db = tdb.open(true);
        QVERIFY(db);
        const QString file = m_home.filePath(QStringLiteral("Kivonat 2018-03.csv"));
        QVERIFY(flowlet::test::writeFile(file, flowlet::test::hungarianExport(6)));
        const QStringList base = {QStringLiteral("import"), file, QStringLiteral("--db"), url,
                                  QStringLiteral("--create-account")};

        // The sniffer cannot read the dates: without a preset the file is refused.
        Run r = runFlowlet(base, m_home.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("import wizard")), qPrintable(r.err));

        auto sniff = flowlet::ingest::sniffCsv(flowlet::test::hungarianExport(2), QStringLiteral("x.csv"));
        QVERIFY(sniff);
        flowlet::ingest::CsvMapping layout = sniff->mapping;
        layout.dateFormat = QStringLiteral("yyyy.MM.dd.");
        layout.columns[0] = flowlet::ingest::CsvColumnRole::BookingDate;
        QVERIFY(flowlet::ingest::ImportPresets(db, flowlet::Actor{}).save(QStringLiteral("OTP"), layout));

        // Recognised by its header, and named explicitly.
        r = runFlowlet(base, m_home.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("CSV (OTP)")) && r.out.contains(QStringLiteral("new 6,")), qPrintable(r.out));
        r = runFlowlet(base + QStringList{QStringLiteral("--preset"), QStringLiteral("OTP")}, m_home.path());
        QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("CSV (OTP)")), qPrintable(r.err));

        r = runFlowlet(base + QStringList{QStringLiteral("--preset"), QStringLiteral("Erste")}, m_home.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no import preset \"Erste\"")), qPrintable(r.err));
        r = runFlowlet({QStringLiteral("import"), QStringLiteral(FLOWLET_SAMPLES_DIR "/mt940/wolph-mt940__jejik_rabobank-iban.sta"),
                        QStringLiteral("--db"), url, QStringLiteral("--preset"), QStringLiteral("OTP")},
                       m_home.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("the preset \"OTP\" is for CSV files, and this is not one")), qPrintable(r.err));
    }

    void environmentVariableStandsInForDb()
    {
        const QString path = m_home.filePath(QStringLiteral("fromenv.db"));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FLOWLET_DB"), QStringLiteral("sqlite://") + path);
        env.insert(QStringLiteral("HOME"), m_home.path());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FLOWLET_BINARY), {QStringLiteral("db"), QStringLiteral("init")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(QFile::exists(path));
    }

    void wrongPostgresPasswordIsOneLine()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("a PostgreSQL check");
        }
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGPASSWORD"), QStringLiteral("not-the-password"));
        env.insert(QStringLiteral("HOME"), m_home.path());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FLOWLET_BINARY), {QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--db"),
                                                 QStringLiteral("postgresql://flowlet_intruder@127.0.0.1/postgres")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.startsWith(QStringLiteral("flowlet: error: cannot open")), qPrintable(err));
        QCOMPARE(err.count(u'\n'), 1);
        QVERIFY(!err.contains(QStringLiteral("not-the-password")));
    }

    void demoIntoAFreshWorkspace()
    {
        if (TestDatabase::backend() != Backend::Sqlite) {
            QSKIP("the demo itself is covered on both backends by test_demo_generator");
        }
        const QString path = m_home.filePath(QStringLiteral("demo.db"));
        const Run r = runFlowlet({QStringLiteral("demo"), QStringLiteral("create"), QStringLiteral("--db"), path},
                              m_home.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("transactions:    50000")));
        // Twice is refused: the workspace has data now.
        const Run again = runFlowlet({QStringLiteral("demo"), QStringLiteral("create"), QStringLiteral("--db"), path},
                                  m_home.path());
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(QStringLiteral("empty workspace")));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "TestCommandLine.moc"
