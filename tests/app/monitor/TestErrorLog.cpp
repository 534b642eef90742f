#include "auth/AuthService.h"
#include "monitor/ErrorContext.h"
#include "monitor/ErrorLog.h"
#include "monitor/MessageHandler.h"
#include "monitor/MonitorQuery.h"
#include "support/Queries.h"
#include "support/TestDatabase.h"
#include "support/Workstation.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

Q_LOGGING_CATEGORY(lcProbe, "flowlet.probe", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFlood, "flowlet.flood", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLost, "flowlet.lost", QtInfoMsg)

// The error log: grouping by fingerprint, redaction, the message handler's way to the database and
// the rotating file, and who may write and read the log on the server.
class TestErrorLog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    qint64 m_fredId = 0;

    qint64 scalar(const QString& sql) const { return test::scalarOf(*m_db, sql); }

    static QString readAll(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    static MessageHandler::Options optionsIn(const QString& dir)
    {
        MessageHandler::Options o;
        o.logDirectory = dir;
        o.chain = false; // keep the test output readable; chaining is exercised by the GUI tests
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        QVERIFY(AuthService(m_db).createEnrolledUsers(
            {{QStringLiteral("alma"), QStringLiteral("Alma"), {}, QStringLiteral("admin"),
              QStringLiteral("error log tests 1")},
             {QStringLiteral("fred"), QStringLiteral("Fred"), {}, QStringLiteral("finance_analyst"),
              QStringLiteral("error log tests 2")}}));
        m_fredId = scalar(QStringLiteral("SELECT id FROM staff_users WHERE username = 'fred'"));
    }

    void cleanup() { MessageHandler::uninstall(); }

    void cleanupTestCase()
    {
        MessageHandler::uninstall();
        m_db.reset();
        m_tdb.reset();
    }

    void fingerprintsGroup_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("numbers and addresses") << "timeout after 31 ms on 10.0.0.7" << "timeout after 5 ms on 10.0.0.9"
                                               << true;
        QTest::newRow("uuids") << "session 3f2504e0-4f89-11d3-9a0c-0305e82c3301 expired"
                               << "session 6ba7b810-9dad-11d1-80b4-00c04fd430c8 expired" << true;
        QTest::newRow("e-mail") << "mail to ada@example.org bounced" << "mail to bob.smith+x@bank.co.uk bounced" << true;
        QTest::newRow("quoted") << "no account \"Main\" here" << "no account 'Wallet EUR' here" << true;
        QTest::newRow("paths") << "cannot open /home/ada/flowlet.sqlite" << "cannot open /tmp/x/y.sqlite" << true;
        QTest::newRow("hex ids") << "object 0x7ffd1a2b gone, key deadbeef42" << "object 0x10 gone, key 00ff00ff11"
                                 << true;
        QTest::newRow("different words") << "timeout after 31 ms" << "refused after 31 ms" << false;
        QTest::newRow("number is not a word") << "3 rows" << "three rows" << false;
    }
    void fingerprintsGroup()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        const QString category = QStringLiteral("flowlet.db");
        QCOMPARE(ErrorLog::fingerprint(category, a) == ErrorLog::fingerprint(category, b), same);
        QCOMPARE(ErrorLog::fingerprint(category, a).size(), 64);
    }

    void categoryIsPartOfTheFingerprint()
    {
        const QString m = QStringLiteral("timeout after 31 ms");
        QVERIFY(ErrorLog::fingerprint(QStringLiteral("flowlet.db"), m)
                != ErrorLog::fingerprint(QStringLiteral("flowlet.api"), m));
        QCOMPARE(ErrorLog::normalise(QStringLiteral("timeout after 31 ms on 10.0.0.7")),
                 QStringLiteral("timeout after <n> ms on <ip>"));
    }

    void redaction_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("kept");
        QTest::newRow("bearer") << "GET /x Authorization: Bearer eyJhbGciOi.J9x-Yz_1" << "eyJhbGciOi" << "GET /x";
        QTest::newRow("bare bearer") << "token was bearer flk_live_8d7f6e5d4c" << "flk_live_8d7f6e5d4c" << "token was";
        QTest::newRow("password=") << "login failed password=hunter2&user=ada" << "hunter2" << "user=ada";
        QTest::newRow("json password") << "{\"user\":\"ada\",\"password\": \"s3cr3t!\"}" << "s3cr3t!" << "ada";
        QTest::newRow("api key header") << "X-Api-Key: flk_abcdef123456 rejected" << "flk_abcdef123456" << "rejected";
        QTest::newRow("card with spaces") << "charge 4111 1111 1111 1111 declined" << "4111 1111 1111 1111"
                                          << "declined";
        QTest::newRow("card plain") << "pan 5500005555555559 seen" << "5500005555555559" << "pan";
    }
    void redaction()
    {
        QFETCH(QString, text);
        QFETCH(QString, secret);
        QFETCH(QString, kept);
        const QString out = ErrorLog::redact(text);
        QVERIFY2(!out.contains(secret), qPrintable(out));
        QVERIFY2(out.contains(kept), qPrintable(out));
    }

    void numbersThatAreNoCardsStay()
    {
        // 16 digits failing the Luhn check: an id, not a card.
        QCOMPARE(ErrorLog::redact(QStringLiteral("batch 1234567812345678 done")),
                 QStringLiteral("batch 1234567812345678 done"));
    }

    void handlerWritesWarningsToTheDatabaseAndEverythingToTheFile()
    {
        QTemporaryDir dir;
        MessageHandler::install(optionsIn(dir.path()));
        MessageHandler::setDatabase(m_db);
        {
            ScopedErrorContext outer(QStringLiteral("req-outer"), std::nullopt);
            {
                ScopedErrorContext inner(QStringLiteral("req-42"), m_fredId);
                qCWarning(lcProbe) << "import failed after 31 ms, password=hunter2";
                QCOMPARE(ScopedErrorContext::currentRequestId(), QStringLiteral("req-42"));
            }
            QCOMPARE(ScopedErrorContext::currentRequestId(), QStringLiteral("req-outer"));
            QCOMPARE(ScopedErrorContext::currentUserId(), std::nullopt);
        }
        QCOMPARE(ScopedErrorContext::currentRequestId(), QString());
        qCInfo(lcProbe) << "an informational line";
        QVERIFY(MessageHandler::waitUntilIdle(30000));

        auto q = m_db->exec(QStringLiteral("SELECT level, message, request_id, user_id, fingerprint, context "
                                           "FROM error_log WHERE category = 'flowlet.probe'"));
        QVERIFY(q);
        QVERIFY(q->next());
        QCOMPARE(q->value(0).toString(), QStringLiteral("warning"));
        QVERIFY(q->value(1).toString().startsWith(QStringLiteral("import failed after 31 ms")));
        QVERIFY(!q->value(1).toString().contains(QStringLiteral("hunter2")));
        QCOMPARE(q->value(2).toString(), QStringLiteral("req-42"));
        QCOMPARE(q->value(3).toLongLong(), m_fredId);
        QCOMPARE(q->value(4).toString(), ErrorLog::fingerprint(QStringLiteral("flowlet.probe"), q->value(1).toString()));
        QVERIFY(q->value(5).toString().contains(QStringLiteral("thread")));
        QVERIFY2(!q->next(), "the info line must not reach the database");

        const QString path = QDir(dir.path()).filePath(QStringLiteral("flowlet.log"));
        QCOMPARE(MessageHandler::logFilePath(), path);
        const QString log = readAll(path);
        QVERIFY(log.contains(QStringLiteral("WARNING flowlet.probe user=%1 req=req-42: import failed").arg(m_fredId)));
        QVERIFY(log.contains(QStringLiteral("INFO flowlet.probe: an informational line")));
        QVERIFY(!log.contains(QStringLiteral("hunter2")));
        const QFileDevice::Permissions mode = QFile::permissions(path);
        QVERIFY(mode.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QVERIFY(!(mode & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)));
    }

    void fileRotationKeepsNFiles()
    {
        QTemporaryDir dir;
        MessageHandler::Options o = optionsIn(dir.path());
        o.maxFileBytes = 4096;
        o.maxFiles = 3;
        MessageHandler::install(o);
        for (int i = 0; i < 400; ++i) {
            qCInfo(lcProbe).noquote() << QStringLiteral("line %1 ").arg(i, 4, 10, QChar(u'0')) + QString(60, u'x');
        }
        QVERIFY(MessageHandler::waitUntilIdle(30000));
        const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files, QStringList({QStringLiteral("flowlet.log"), QStringLiteral("flowlet.log.1"),
                                     QStringLiteral("flowlet.log.2")}));
        for (const QString& name : files) {
            const QFileInfo info(QDir(dir.path()).filePath(name));
            QVERIFY2(info.size() <= 4096, qPrintable(name));
            QCOMPARE(info.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        }
        // The newest line is in the current file, the oldest ones are gone.
        QVERIFY(readAll(QDir(dir.path()).filePath(QStringLiteral("flowlet.log"))).contains(QStringLiteral("line 0399")));
        QVERIFY(!readAll(QDir(dir.path()).filePath(QStringLiteral("flowlet.log.2"))).contains(QStringLiteral("line 0000")));
    }

    void aFullQueueDropsWithoutBlocking()
    {
        QTemporaryDir dir;
        MessageHandler::Options o = optionsIn(dir.path());
        o.queueCapacity = 10;
        MessageHandler::install(o);
        MessageHandler::setDatabase(m_db);
        const qint64 droppedBefore = MessageHandler::counters().dropped;
        MessageHandler::setWriterPaused(true);
        for (int i = 0; i < 50; ++i) {
            qCWarning(lcFlood) << "flood" << i; // returns although nothing is written meanwhile
        }
        QCOMPARE(MessageHandler::counters().dropped - droppedBefore, 40);
        MessageHandler::setWriterPaused(false);
        QVERIFY(MessageHandler::waitUntilIdle(30000));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM error_log WHERE category = 'flowlet.flood'")), 10);
        QVERIFY(readAll(MessageHandler::logFilePath()).contains(QStringLiteral("40 messages dropped")));
    }

    void aFailingLogDoesNotLogItself()
    {
        // A database without the schema: every write fails.
        TestDatabase bare;
        DatabasePtr broken = bare.open(false);
        QVERIFY(broken);
        QTemporaryDir dir;
        MessageHandler::install(optionsIn(dir.path()));
        MessageHandler::setDatabase(broken);
        const auto before = MessageHandler::counters();
        qCWarning(lcLost) << "this cannot be stored";
        QVERIFY(MessageHandler::waitUntilIdle(30000));
        QVERIFY(MessageHandler::waitUntilIdle(30000));
        const auto after = MessageHandler::counters();
        QCOMPARE(after.queued - before.queued, 1); // the failure did not come back through the queue
        QCOMPARE(after.writtenToDatabase - before.writtenToDatabase, 0);
        QVERIFY(after.failed > before.failed);
        const QString log = readAll(MessageHandler::logFilePath());
        QVERIFY(log.contains(QStringLiteral("WARNING flowlet.lost: this cannot be stored")));
        QVERIFY(log.contains(QStringLiteral("cannot write the error log")));
        MessageHandler::setDatabase(nullptr);
    }

    void withoutADatabaseOnlyTheFile()
    {
        QTemporaryDir dir;
        MessageHandler::install(optionsIn(dir.path()));
        MessageHandler::setDatabase(nullptr);
        const qint64 rows = scalar(QStringLiteral("SELECT count(*) FROM error_log"));
        qCWarning(lcProbe) << "before sign-in";
        QVERIFY(MessageHandler::waitUntilIdle(30000));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM error_log")), rows);
        QVERIFY(readAll(MessageHandler::logFilePath()).contains(QStringLiteral("before sign-in")));
    }

    void entriesAreBounded()
    {
        ErrorEntry e;
        e.level = QStringLiteral("critical");
        e.category = QStringLiteral("flowlet.big");
        e.message = QString(50000, u'm');
        e.context = QString(50000, u'c');
        auto written = ErrorLog::write(*m_db, e);
        QVERIFY2(written && *written, qPrintable(written ? QString() : written.error().message()));
        auto q = m_db->exec(QStringLiteral("SELECT length(message), length(context) FROM error_log "
                                           "WHERE category = 'flowlet.big'"));
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toInt(), ErrorLog::kMaxMessage);
        QCOMPARE(q->value(1).toInt(), ErrorLog::kMaxContext);
    }

    void aWorkstationRecordsButCannotReadOrChange()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("the workstation role is PostgreSQL's");
        }
        test::Workstation ws = test::openWorkstation(*m_tdb, *m_db);
        QVERIFY2(ws.db, qPrintable(ws.error));
        const auto dropRole = qScopeGuard([&] { test::dropWorkstationRole(*m_tdb, ws.role); });

        ErrorEntry e;
        e.level = QStringLiteral("warning");
        e.category = QStringLiteral("flowlet.ws");
        e.message = QStringLiteral("recorded at a desk");
        // Not signed in: nothing is written.
        auto anonymous = ErrorLog::write(*ws.db, e);
        QVERIFY(!anonymous);

        auto fred = test::signInAtWorkstation(ws.db, QStringLiteral("fred"), QStringLiteral("error log tests 2"));
        QVERIFY2(fred, qPrintable(fred ? QString() : fred.error().message()));
        e.userId = 1; // cannot name someone else: the server takes the bound user
        auto written = ErrorLog::write(*ws.db, e);
        QVERIFY2(written && *written, qPrintable(written ? QString() : written.error().message()));
        QCOMPARE(scalar(QStringLiteral("SELECT user_id FROM error_log WHERE category = 'flowlet.ws'")), m_fredId);

        // Fred lacks monitor.read: the rows are not there for him, and nobody changes them.
        auto raw = ws.db->exec(QStringLiteral("SELECT count(*) FROM error_log"));
        QVERIFY(raw && raw->next());
        QCOMPARE(raw->value(0).toLongLong(), 0);
        QVERIFY(!ws.db->exec(QStringLiteral("UPDATE error_log SET message = 'x'")));
        QVERIFY(!ws.db->exec(QStringLiteral("DELETE FROM error_log")));
        QVERIFY(!ws.db->exec(QStringLiteral("INSERT INTO error_log (level, category, message, fingerprint) "
                                            "VALUES ('warning', 'x', 'forged', 'f')")));
        auto denied = MonitorQuery(ws.db, {fred->userId, fred->username, std::nullopt}).errorGroups(MonitorRange::LastHour);
        QVERIFY(!denied);
        QCOMPARE(denied.error().code(), ErrorCode::PermissionDenied);

        auto alma = test::signInAtWorkstation(ws.db, QStringLiteral("alma"), QStringLiteral("error log tests 1"));
        QVERIFY(alma);
        auto groups = MonitorQuery(ws.db, {alma->userId, alma->username, std::nullopt}).errorGroups(MonitorRange::LastHour);
        QVERIFY2(groups, qPrintable(groups ? QString() : groups.error().message()));
        const auto it = std::find_if(groups->cbegin(), groups->cend(),
                                     [](const ErrorGroup& g) { return g.category == QStringLiteral("flowlet.ws"); });
        QVERIFY(it != groups->cend());
        QCOMPARE(it->count, 1);
        QCOMPARE(it->sampleMessage, QStringLiteral("recorded at a desk"));
        // Even an administrator cannot change the log.
        QVERIFY(!ws.db->exec(QStringLiteral("DELETE FROM error_log")));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM error_log WHERE category = 'flowlet.ws'")), 1);
    }
};

QTEST_GUILESS_MAIN(TestErrorLog)
#include "TestErrorLog.moc"
