#include "api/ApiKeys.h"
#include "api/ApiRoutes.h"
#include "api/ApiServer.h"
#include "auth/AuthService.h"
#include "auth/Permissions.h"
#include "core/Money.h"
#include "ingest/ImportPresets.h"
#include "support/BankCsv.h"
#include "support/Fixtures.h"
#include "support/TestDatabase.h"
#include "support/Workstation.h"

#include <QFile>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpSocket>
#include <QtTest>

#include <sys/socket.h>

using namespace flowlet;
using flowlet::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("serving scripts safely");

struct Reply
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray& name) const { return headers.value(name); }
};

// Parses one HTTP/1.1 response (Content-Length framed) from raw bytes.
Reply parseReply(const QByteArray& raw)
{
    Reply r;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (end < 0) {
        return r;
    }
    const QList<QByteArray> lines = raw.left(end).split('\n');
    r.status = lines.value(0).split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        r.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    r.body = raw.mid(end + 4, r.header("content-length").toLongLong());
    return r;
}

// Sends raw bytes and reads until the server closes or one full response has arrived.
Reply exchange(quint16 port, const QByteArray& bytes, int timeoutMs = 10000)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(5000)) {
        return {};
    }
    s.write(bytes);
    s.flush();
    QByteArray raw;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (s.bytesAvailable() || s.waitForReadyRead(100)) {
            raw += s.readAll();
            const Reply r = parseReply(raw);
            if (r.status && raw.size() >= raw.indexOf("\r\n\r\n") + 4 + r.header("content-length").toLongLong()) {
                return r;
            }
        }
        if (s.state() == QAbstractSocket::UnconnectedState) {
            break;
        }
    }
    raw += s.readAll();
    return parseReply(raw);
}

QByteArray request(const QByteArray& method, const QByteArray& target, const QByteArray& token = {},
                   const QByteArray& body = {}, const QByteArray& contentType = "application/json",
                   const QByteArray& host = "127.0.0.1")
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n";
    if (!token.isEmpty()) {
        r += "Authorization: Bearer " + token + "\r\n";
    }
    if (!body.isEmpty()) {
        r += "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    return r + "\r\n" + body;
}

void verifyEnvelope(const Reply& r, int status, const QString& code)
{
    QCOMPARE(r.status, status);
    QVERIFY2(!r.header("x-request-id").isEmpty(), r.body.constData());
    const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(r.json().keys(), QStringList{QStringLiteral("error")});
    QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    QStringList keys = error.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{QStringLiteral("code"), QStringLiteral("details"), QStringLiteral("message"),
                                QStringLiteral("request_id"), QStringLiteral("timestamp")}));
    QVERIFY(error.value(QStringLiteral("details")).isNull()); // not development mode
    QCOMPARE(error.value(QStringLiteral("request_id")).toString().toLatin1(), r.header("x-request-id"));
    QVERIFY(QDateTime::fromString(error.value(QStringLiteral("timestamp")).toString(), Qt::ISODateWithMs).isValid());
}

} // namespace

class TestApiServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    std::unique_ptr<api::ApiServer> m_server;
    quint16 m_port = 0;
    qint64 m_alice = 0;
    QByteArray m_full;  // read, categorise, import, reconcile
    QByteArray m_read;  // transactions.read only

    qint64 scalar(const QString& sql)
    {
        auto q = m_db->exec(sql);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    QByteArray makeKey(const QStringList& scopes)
    {
        auto made = ApiKeys::create(*m_db, Actor{m_alice, QStringLiteral("alice"), std::nullopt}, m_alice,
                                    QStringLiteral("test"), scopes, std::nullopt);
        if (!made) {
            qWarning() << made.error().message();
            return {};
        }
        return made->token.toLatin1();
    }

    bool serve(const api::ApiConfig& config)
    {
        m_server = std::make_unique<api::ApiServer>();
        auto port = m_server->start(m_db, config);
        if (!port) {
            qWarning() << port.error().message();
            return false;
        }
        m_port = *port;
        return true;
    }

    static api::ApiConfig testConfig()
    {
        api::ApiConfig c;
        c.port = 0;
        c.ratePerSecond = 1000;
        c.burst = 1000;
        c.maxUploadBytes = 1 << 20;
        c.maxJsonBytes = 64 * 1024;
        return c;
    }

    // Stops the server, then closes and drops a workstation role opened by a test.
    auto droppingWhenDone(test::Workstation& ws)
    {
        return qScopeGuard([this, &ws] {
            m_server.reset();
            ws.db.reset();
            test::dropWorkstationRole(*m_tdb, ws.role);
        });
    }

    Reply get(const QByteArray& target, const QByteArray& token)
    {
        return exchange(m_port, request("GET", target, token));
    }

    QByteArray sample(const char* name)
    {
        QFile f(QStringLiteral(FLOWLET_SAMPLES_DIR "/camt/") + QString::fromLatin1(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void init()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        QVERIFY(test::insertFixtureTransactions(*m_db, 50));
        // The fixture names its accounts' ids; an import that creates one needs the sequence past them.
        if (const QString reset = m_db->dialect().resetIdentitySql(QStringLiteral("accounts")); !reset.isEmpty()) {
            QVERIFY(m_db->exec(reset));
        }
        QVERIFY(AuthService(m_db).createEnrolledUsers(
            {{QStringLiteral("alice"), QStringLiteral("Alice Analyst"), {}, QStringLiteral("finance_analyst"), kPassword}}));
        m_alice = scalar(QStringLiteral("SELECT id FROM staff_users WHERE username = 'alice'"));
        m_full = makeKey({Permission::TransactionsRead, Permission::TransactionsCategorize,
                          Permission::TransactionsImport, Permission::ReconciliationPerform});
        m_read = makeKey({Permission::TransactionsRead});
        QVERIFY(!m_full.isEmpty() && !m_read.isEmpty());
        QVERIFY(serve(testConfig()));
    }
    void cleanup()
    {
        m_server.reset();
        m_db.reset();
        m_tdb.reset();
    }

    void healthAndRequestIds()
    {
        Reply r = get("/api/health", {});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(r.header("x-request-id").size(), 24);
        QVERIFY(r.header("access-control-allow-origin").isEmpty()); // no CORS
        // A client's safe id is kept; an unsafe one is replaced.
        r = exchange(m_port, "GET /api/health HTTP/1.1\r\nHost: localhost:1\r\nX-Request-Id: job-7.step:2\r\n"
                             "Connection: close\r\n\r\n");
        QCOMPARE(r.header("x-request-id"), QByteArray("job-7.step:2"));
        r = exchange(m_port, "GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: a b<script>\r\n"
                             "Connection: close\r\n\r\n");
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("x-request-id") != "a b<script>");
        QCOMPARE(r.header("x-request-id").size(), 24);
    }

    void openApiDocumentMatchesTheRouteTable()
    {
        const Reply r = get("/api/openapi.json", {});
        QCOMPARE(r.status, 200);
        const QJsonObject paths = r.json().value(QStringLiteral("paths")).toObject();
        QVERIFY(!paths.isEmpty());
        QSet<QString> served;
        for (const api::ApiRoute& route : api::apiRoutes()) {
            const QString method = QString::fromLatin1(route.method).toLower();
            QVERIFY2(paths.value(route.pattern).toObject().contains(method),
                     qPrintable(route.pattern + u' ' + method + QStringLiteral(" is not documented")));
            served.insert(method + u' ' + route.pattern);
            // Routes that need a key document it (no empty security override), the others say so.
            const QJsonObject op = paths.value(route.pattern).toObject().value(method).toObject();
            QCOMPARE(op.contains(QStringLiteral("security")), !route.authenticated);
        }
        for (auto p = paths.begin(); p != paths.end(); ++p) {
            const QJsonObject ops = p.value().toObject();
            for (auto o = ops.begin(); o != ops.end(); ++o) {
                QVERIFY2(served.contains(o.key() + u' ' + p.key()),
                         qPrintable(o.key() + u' ' + p.key() + QStringLiteral(" is documented but not served")));
            }
        }
    }

    void authenticationAndScopes()
    {
        verifyEnvelope(get("/api/me", {}), 401, QStringLiteral("unauthenticated"));
        QCOMPARE(get("/api/me", {}).header("www-authenticate"), QByteArray("Bearer"));
        verifyEnvelope(get("/api/me", m_full + "x"), 401, QStringLiteral("unauthenticated"));
        verifyEnvelope(get("/api/me", "flk_nonsense"), 401, QStringLiteral("unauthenticated"));
        verifyEnvelope(exchange(m_port, "GET /api/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic YTpi\r\n"
                                        "Connection: close\r\n\r\n"),
                       401, QStringLiteral("unauthenticated"));

        Reply me = get("/api/me", m_read);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(QStringLiteral("user_name")).toString(), QStringLiteral("alice"));
        QCOMPARE(me.json().value(QStringLiteral("permissions")).toArray(),
                 QJsonArray{Permission::TransactionsRead});

        // A scope the key lacks: refused, nothing changed.
        const QByteArray apply = R"({"items":[{"transaction_id":1,"category_id":1}]})";
        verifyEnvelope(exchange(m_port, request("POST", "/api/transactions/categorize", m_read, apply)), 403,
                       QStringLiteral("permission_denied"));
        verifyEnvelope(exchange(m_port, request("POST", "/api/transactions/upload?filename=a.xml", m_read,
                                                sample("OCA-bank-statement-import__test-camt053.xml"),
                                                "application/octet-stream")),
                       403, QStringLiteral("permission_denied"));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches")), 0);

        // Revoked and expired keys stop working at once.
        auto keys = ApiKeys::list(*m_db, Actor{m_alice, QStringLiteral("alice"), std::nullopt}, false);
        QVERIFY(keys);
        for (const ApiKeyInfo& k : *keys) {
            if (m_read.contains(k.prefix.toLatin1())) {
                QVERIFY(ApiKeys::revoke(*m_db, Actor{m_alice, QStringLiteral("alice"), std::nullopt}, k.id));
            }
        }
        verifyEnvelope(get("/api/me", m_read), 401, QStringLiteral("unauthenticated"));
        QCOMPARE(get("/api/me", m_full).status, 200);
        QVERIFY(m_db->exec(QStringLiteral("UPDATE api_keys SET expires_at = created_at")));
        verifyEnvelope(get("/api/me", m_full), 401, QStringLiteral("unauthenticated"));
    }

    void listsTransactionsInKeysetPagesWithAmountsAsText()
    {
        QSet<qint64> seen;
        QByteArray target = "/api/transactions?limit=20&account_id=1";
        int pages = 0;
        while (!target.isEmpty()) {
            const Reply r = get(target, m_read);
            QCOMPARE(r.status, 200);
            ++pages;
            for (const QJsonValue& v : r.json().value(QStringLiteral("items")).toArray()) {
                const QJsonObject t = v.toObject();
                QVERIFY(t.value(QStringLiteral("amount")).isString());
                QCOMPARE(t.value(QStringLiteral("account_id")).toInteger(), 1);
                const qint64 id = t.value(QStringLiteral("id")).toInteger();
                QVERIFY(!seen.contains(id));
                seen.insert(id);
                // row i: (i * 1.25) EUR, negative for even i (account 1 holds the even rows)
                QCOMPARE(t.value(QStringLiteral("amount")).toString(),
                         Money::fromMicros(-id * 1'250'000LL, *Currency::fromCode(u"EUR")).toString());
            }
            const QJsonValue next = r.json().value(QStringLiteral("next_cursor"));
            target = next.isNull() ? QByteArray()
                                   : "/api/transactions?limit=20&account_id=1&cursor=" + next.toString().toLatin1();
        }
        QCOMPARE(seen.size(), 25);
        QCOMPARE(pages, 2);

        // Text comes back exactly, whatever it holds (the list writes its JSON by hand).
        const QString awkward = QStringLiteral("quote \" back \\ tab\t nl\n ü € \U0001F600 </script>");
        QVERIFY(m_db->exec(QStringLiteral("UPDATE transactions SET description = ? WHERE id = 2"), {awkward}));
        const Reply page = get("/api/transactions?account_id=1&sort=id&order=asc&limit=1", m_read);
        QCOMPARE(page.status, 200);
        QJsonParseError parseError;
        const QJsonDocument parsed = QJsonDocument::fromJson(page.body, &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(parsed.object().value(QStringLiteral("items")).toArray().first().toObject()
                     .value(QStringLiteral("description")).toString(), awkward);

        Reply one = get("/api/transactions/7", m_read);
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json().value(QStringLiteral("amount")).toString(), QStringLiteral("8.75"));
        QCOMPARE(one.json().value(QStringLiteral("account_id")).toInteger(), 2);
        QCOMPARE(one.json().value(QStringLiteral("reference")).toString(), QStringLiteral("REF-7"));
        verifyEnvelope(get("/api/transactions/9999", m_read), 404, QStringLiteral("not_found"));
        verifyEnvelope(get("/api/transactions/abc", m_read), 400, QStringLiteral("invalid_argument"));

        // Text search with a form-encoded space and amounts given as text.
        Reply found = get("/api/transactions?text=50%25+off&min_abs_amount=6.25", m_read);
        QCOMPARE(found.status, 200);
        QCOMPARE(found.json().value(QStringLiteral("items")).toArray().size(), 1);
        verifyEnvelope(get("/api/transactions?min_abs_amount=1e3", m_read), 400, QStringLiteral("invalid_argument"));
        verifyEnvelope(get("/api/transactions?limit=0", m_read), 400, QStringLiteral("invalid_argument"));
        verifyEnvelope(get("/api/transactions?colour=red", m_read), 400, QStringLiteral("invalid_argument"));
        verifyEnvelope(get("/api/transactions?limit=5&limit=6", m_read), 400, QStringLiteral("invalid_argument"));
        verifyEnvelope(get("/api/transactions?sort=amount&cursor=" + QByteArray("occurred_at.desc.5.x").toBase64(),
                           m_read),
                       400, QStringLiteral("invalid_argument"));
    }

    void sqlMetaCharactersChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("target");
        const QByteArray evil = QUrl::toPercentEncoding(QStringLiteral("1' OR '1'='1; DROP TABLE transactions; --"));
        for (const char* p : {"from", "to", "min_abs_amount", "max_abs_amount", "text", "account_id", "category_id",
                              "uncategorised", "limit", "cursor", "sort", "order"}) {
            QTest::addRow("list %s", p) << "/api/transactions?" + QByteArray(p) + '=' + evil;
        }
        for (const char* p : {"group_by", "from", "text", "account_id", "limit"}) {
            QTest::addRow("analyze %s", p) << "/api/transactions/analyze?" + QByteArray(p) + '=' + evil;
        }
        for (const char* p : {"after_id", "text", "limit"}) {
            QTest::addRow("categorize %s", p) << "/api/transactions/categorize?" + QByteArray(p) + '=' + evil;
        }
        QTest::addRow("id") << "/api/transactions/" + evil;
        QTest::addRow("status session") << "/api/reconciliation/status?session_id=" + evil;
        QTest::addRow("status account") << "/api/reconciliation/status?account_id=" + evil;
        QTest::addRow("commit token") << "POST /api/transactions/upload/" + evil + "/commit";
    }
    void sqlMetaCharactersChangeNothing()
    {
        QFETCH(QByteArray, target);
        const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM transactions"));
        Reply r;
        if (target.startsWith("POST ")) {
            r = exchange(m_port, request("POST", target.mid(5), m_full));
        } else {
            r = get(target, m_full);
        }
        // A search for the text is a search (nothing matches); everything else is refused.
        QVERIFY2(r.status == 400 || r.status == 404 || (target.contains("text=") && r.status == 200), r.body.constData());
        if (r.status != 200) {
            QVERIFY(r.json().contains(QStringLiteral("error")));
        } else if (r.json().contains(QStringLiteral("items"))) {
            QCOMPARE(r.json().value(QStringLiteral("items")).toArray().size(), 0);
        }
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), before);
        QCOMPARE(get("/api/health", {}).status, 200);
    }

    void routingErrors()
    {
        Reply r = exchange(m_port, request("GET", "/api/nothing-here", m_read));
        verifyEnvelope(r, 404, QStringLiteral("not_found"));
        r = exchange(m_port, request("DELETE", "/api/transactions", m_read));
        verifyEnvelope(r, 405, QStringLiteral("method_not_allowed"));
        QCOMPARE(r.header("allow"), QByteArray("GET"));
        r = exchange(m_port, request("PUT", "/api/transactions/categorize", m_read));
        verifyEnvelope(r, 405, QStringLiteral("method_not_allowed"));
        QCOMPARE(r.header("allow"), QByteArray("GET, POST"));
        verifyEnvelope(exchange(m_port, request("GET", "/api/health", {}, {}, {}, "evil.example")), 421,
                       QStringLiteral("misdirected_request"));
        verifyEnvelope(exchange(m_port, request("GET", "/api/me", m_full, {}, {}, "evil.example:8765")), 421,
                       QStringLiteral("misdirected_request"));
        verifyEnvelope(exchange(m_port, request("GET", "/api/health", {}, {}, {}, "127.0.0.1.evil.example")), 421,
                       QStringLiteral("misdirected_request"));
    }

    void badBodies()
    {
        const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE category_id IS NOT NULL"));
        const auto post = [&](const QByteArray& body, const QByteArray& type = "application/json") {
            return exchange(m_port, request("POST", "/api/transactions/categorize", m_full, body, type));
        };
        verifyEnvelope(post("{\"items\": [}"), 400, QStringLiteral("invalid_argument"));
        verifyEnvelope(post("[1,2]"), 400, QStringLiteral("invalid_argument"));
        verifyEnvelope(post(R"({"items": "all"})"), 400, QStringLiteral("invalid_argument"));
        verifyEnvelope(post(R"({"items": [{"transaction_id": "x", "category_id": 1}]})"), 400,
                       QStringLiteral("invalid_argument"));
        verifyEnvelope(post(R"({"items": [{"transaction_id": 1.5, "category_id": 1}]})"), 400,
                       QStringLiteral("invalid_argument"));
        verifyEnvelope(post(R"({"items": [{"transaction_id": 1, "category_id": 1}], "force": true})"), 400,
                       QStringLiteral("invalid_argument"));
        verifyEnvelope(post(R"({"items": [{"transaction_id": 1, "category_id": 1}]})", "text/plain"), 415,
                       QStringLiteral("unsupported_media_type"));
        verifyEnvelope(exchange(m_port, request("GET", "/api/me", m_full, "{}")), 400, QStringLiteral("invalid_argument"));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE category_id IS NOT NULL")), before);

        // A huge body is refused from its head, before it is sent: 413 and the connection closes.
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(s.waitForConnected(5000));
        s.write("POST /api/transactions/categorize HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + m_full
                + "\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n{\"items\":");
        QByteArray raw;
        while (s.waitForReadyRead(5000)) {
            raw += s.readAll();
        }
        raw += s.readAll();
        verifyEnvelope(parseReply(raw), 413, QStringLiteral("payload_too_large"));
        QTRY_COMPARE(s.state(), QAbstractSocket::UnconnectedState);
        verifyEnvelope(exchange(m_port, request("POST", "/api/transactions/upload", m_full,
                                                QByteArray(2 << 20, 'x'), "application/octet-stream")),
                       413, QStringLiteral("payload_too_large"));
        // Chunked bodies have no length to check: refused.
        verifyEnvelope(exchange(m_port, "POST /api/transactions/upload HTTP/1.1\r\nHost: localhost\r\n"
                                        "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                       411, QStringLiteral("length_required"));
        QCOMPARE(get("/api/health", {}).status, 200);
    }

    void rateLimitPerKey()
    {
        api::ApiConfig config = testConfig();
        config.ratePerSecond = 1;
        config.burst = 3;
        m_server.reset();
        QVERIFY(serve(config));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(get("/api/me", m_read).status, 200);
        }
        const Reply limited = get("/api/me", m_read);
        verifyEnvelope(limited, 429, QStringLiteral("rate_limited"));
        QVERIFY(limited.header("retry-after").toInt() >= 1);
        QCOMPARE(get("/api/me", m_full).status, 200); // another key has its own bucket
    }

    void slowHalfClosedAndForeignConnections()
    {
        api::ApiConfig config = testConfig();
        config.requestTimeoutMs = 300;
        m_server.reset();
        QVERIFY(serve(config));

        // A request that never completes is answered 408 and closed; the server goes on serving.
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(slow.waitForConnected(5000));
        slow.write("GET /api/health HTTP/1.1\r\nHost: loc");
        QByteArray raw;
        QElapsedTimer t;
        t.start();
        while (slow.state() != QAbstractSocket::UnconnectedState && t.elapsed() < 10000) {
            if (slow.waitForReadyRead(200)) {
                raw += slow.readAll();
            }
        }
        verifyEnvelope(parseReply(raw), 408, QStringLiteral("request_timeout"));

        // Half-closed: the client stops sending right after its request.
        for (int i = 0; i < 5; ++i) {
            QTcpSocket half;
            half.connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(half.waitForConnected(5000));
            half.write(request("GET", "/api/transactions?limit=100", m_full));
            half.flush();
            QVERIFY(half.waitForBytesWritten(1000) || half.bytesToWrite() == 0);
            ::shutdown(int(half.socketDescriptor()), SHUT_WR);
            half.waitForReadyRead(200);
        }
        // Garbage that is not HTTP at all, on more connections than the server takes at once: each
        // gets the error envelope and its connection is closed and forgotten.
        QVERIFY(testConfig().maxConnections < 140);
        for (int i = 0; i < 140; ++i) {
            const Reply garbage =
                exchange(m_port, QByteArrayLiteral("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n"), 5000);
            if (i == 0) {
                verifyEnvelope(garbage, 400, QStringLiteral("invalid_argument"));
            }
            QCOMPARE(garbage.status, 400);
        }
        QCOMPARE(get("/api/health", {}).status, 200);
        QCOMPARE(get("/api/transactions?limit=1", m_full).status, 200);

        // Bound to the loopback interface only.
        for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
            if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol) {
                continue;
            }
            QTcpSocket outside;
            outside.connectToHost(address, m_port);
            QVERIFY2(!outside.waitForConnected(2000), qPrintable(address.toString()));
        }
    }

    // PostgreSQL as a workstation reaches it: the window's database is the low-privilege role bound
    // to the signed-in user, the API's own connections are bound to each request's key. The
    // server's row-level security then decides, the audit entry names the key, and the request
    // statistics are stored through the signed-in session.
    void servesThroughTheWorkstationRole()
    {
        if (!m_db->dialect().isPostgres()) {
            QSKIP("the workstation role exists on PostgreSQL only");
        }
        m_server.reset();
        test::Workstation ws = test::openWorkstation(*m_tdb, *m_db);
        QVERIFY2(ws.db, qPrintable(ws.error));
        auto cleanup = droppingWhenDone(ws);
        auto session = test::signInAtWorkstation(ws.db, QStringLiteral("alice"), kPassword);
        QVERIFY2(session, qPrintable(session ? QString() : session.error().message()));
        m_server = std::make_unique<api::ApiServer>();
        auto port = m_server->start(ws.db, testConfig());
        QVERIFY2(port, qPrintable(port ? QString() : port.error().message()));
        m_port = *port;

        const Reply listed = get("/api/transactions?account_id=1&limit=5", m_read);
        QVERIFY2(listed.status == 200, listed.body.constData());
        QCOMPARE(listed.json().value(QStringLiteral("items")).toArray().size(), 5);

        // The read-only key is refused a change, and the server would refuse it too: its binding
        // carries only transactions.read.
        const QByteArray apply = R"({"items":[{"transaction_id":1,"category_id":1}]})";
        verifyEnvelope(exchange(m_port, request("POST", "/api/transactions/categorize", m_read, apply)), 403,
                       QStringLiteral("permission_denied"));

        // An import through the full key: one batch, audited with the key's id.
        const QByteArray file = sample("OCA-bank-statement-import__test-camt053.xml");
        const Reply committed = exchange(
            m_port, request("POST", "/api/transactions/upload?commit=true&create_account=true&accept_balance_mismatch=true",
                            m_full, file, "application/octet-stream"));
        QVERIFY2(committed.status == 201, committed.body.constData());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'import.committed' "
                                       "AND api_key_id IS NOT NULL AND actor_name = 'alice'")),
                 1);

        // Stopping flushes the statistics: they were written through the signed-in session.
        m_server.reset();
        QCOMPARE(scalar(QStringLiteral("SELECT coalesce(sum(requests), 0) FROM api_request_stats "
                                       "WHERE route = '/api/transactions' AND method = 'GET'")),
                 1);
        QCOMPARE(scalar(QStringLiteral("SELECT coalesce(sum(client_errors), 0) FROM api_request_stats "
                                       "WHERE route = '/api/transactions/categorize'")),
                 1);
    }

    void servesThroughTheWorkstationRoleWithNobodySignedIn()
    {
        if (!m_db->dialect().isPostgres()) {
            QSKIP("the workstation role exists on PostgreSQL only");
        }
        m_server.reset();
        test::Workstation ws = test::openWorkstation(*m_tdb, *m_db);
        QVERIFY2(ws.db, qPrintable(ws.error));
        auto cleanup = droppingWhenDone(ws);
        // As `flowlet serve` runs there: the keys alone bind the connections, and the statistics
        // are written by a worker while its connection is bound to a request's key.
        api::ApiConfig config = testConfig();
        config.statisticsThroughKeys = true;
        config.statisticsIntervalMs = 50;
        m_server = std::make_unique<api::ApiServer>();
        auto port = m_server->start(ws.db, config);
        QVERIFY2(port, qPrintable(port ? QString() : port.error().message()));
        m_port = *port;
        QCOMPARE(get("/api/transactions?account_id=1&limit=5", m_read).status, 200);
        QCOMPARE(get("/api/transactions/999999999", m_read).status, 404);
        QTRY_COMPARE_WITH_TIMEOUT(
            (get("/api/me", m_read).status,
             scalar(QStringLiteral("SELECT coalesce(sum(requests), 0) FROM api_request_stats WHERE route = "
                                   "'/api/transactions' AND method = 'GET'"))),
            1, 5000);
        QCOMPARE(scalar(QStringLiteral("SELECT coalesce(sum(client_errors), 0) FROM api_request_stats "
                                       "WHERE route = '/api/transactions/{id}'")),
                 1);
    }

    void uploadReadsCsvWithANamedPreset()
    {
        // A bank whose dates the sniffer cannot read: refused without a preset, read with it.
        const QByteArray csv = test::hungarianExport(5);
        const QByteArray target = "/api/transactions/upload?filename=kivonat.csv&create_account=true&currency=HUF";
        Reply refused = exchange(m_port, request("POST", target, m_full, csv, "text/csv"));
        QCOMPARE(refused.status, 400);
        auto sniff = ingest::sniffCsv(test::hungarianExport(2), QStringLiteral("x.csv"));
        QVERIFY(sniff);
        ingest::CsvMapping layout = sniff->mapping;
        layout.dateFormat = QStringLiteral("yyyy.MM.dd.");
        layout.columns[0] = ingest::CsvColumnRole::BookingDate;
        QVERIFY(ingest::ImportPresets(m_db, Actor{}).save(QStringLiteral("OTP Bank"), layout));

        Reply named = exchange(m_port, request("POST", target + "&preset=OTP%20Bank", m_full, csv, "text/csv"));
        QVERIFY2(named.status == 200, named.body.constData());
        QCOMPARE(named.json().value(QStringLiteral("counts")).toObject().value(QStringLiteral("new")).toInt(), 5);
        QVERIFY2(named.json().value(QStringLiteral("format")).toString().contains(QStringLiteral("OTP Bank")),
                 named.body.constData());
        verifyEnvelope(exchange(m_port, request("POST", target + "&preset=Erste", m_full, csv, "text/csv")), 404,
                       QStringLiteral("not_found"));
        verifyEnvelope(exchange(m_port, request("POST", "/api/transactions/upload?filename=s.xml&preset=OTP%20Bank", m_full,
                                                sample("OCA-bank-statement-import__test-camt053.xml"),
                                                "application/octet-stream")),
                       400, QStringLiteral("invalid_argument"));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches")), 0);
    }

    void uploadPreviewCommitAndRepeat()
    {
        const QByteArray file = sample("OCA-bank-statement-import__test-camt053.xml");
        QVERIFY(!file.isEmpty());
        const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM transactions"));
        // Preview: nothing stored, a token to commit with.
        Reply preview = exchange(m_port, request("POST", "/api/transactions/upload?filename=statement.xml&create_account=true&accept_balance_mismatch=true",
                                                 m_full, file, "application/octet-stream"));
        QCOMPARE(preview.status, 200);
        const QJsonObject counts = preview.json().value(QStringLiteral("counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("new")).toInt(), 4);
        QVERIFY(preview.json().value(QStringLiteral("lines")).toArray().first().toObject()
                    .value(QStringLiteral("amount")).isString());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches")), 0);
        const QByteArray token = preview.json().value(QStringLiteral("import_token")).toString().toLatin1();
        QVERIFY(!token.isEmpty());
        // Another key cannot commit it; the owner's key can, once.
        const QByteArray other = makeKey({Permission::TransactionsImport});
        verifyEnvelope(exchange(m_port, request("POST", "/api/transactions/upload/" + token + "/commit", other)), 404,
                       QStringLiteral("not_found"));
        Reply committed = exchange(m_port, request("POST", "/api/transactions/upload/" + token + "/commit", m_full));
        QVERIFY2(committed.status == 201, committed.body.constData());
        QCOMPARE(committed.json().value(QStringLiteral("batch_ids")).toArray().size(), 1);
        QCOMPARE(committed.json().value(QStringLiteral("new")).toInt(), 4);
        verifyEnvelope(exchange(m_port, request("POST", "/api/transactions/upload/" + token + "/commit", m_full)), 404,
                       QStringLiteral("not_found"));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), before + 4);

        // The same file again, committed at once and sent as multipart through QNetworkAccessManager:
        // every line a duplicate, nothing added.
        QNetworkAccessManager nam;
        auto* multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QStringLiteral("form-data; name=\"file\"; filename=\"statement.xml\""));
        part.setBody(file);
        multipart->append(part);
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/api/transactions/upload?commit=true&create_account=true&accept_balance_mismatch=true")
                                     .arg(m_port)));
        req.setRawHeader("Authorization", "Bearer " + m_full);
        QNetworkReply* reply = nam.post(req, multipart);
        multipart->setParent(reply);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        QVERIFY(!reply->rawHeader("X-Request-Id").isEmpty());
        const QJsonObject again = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        QCOMPARE(again.value(QStringLiteral("new")).toInt(), 0);
        QCOMPARE(again.value(QStringLiteral("duplicate")).toInt(), 4);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions")), before + 4);

        verifyEnvelope(exchange(m_port, request("POST", "/api/transactions/upload", m_full, "not a statement at all",
                                                "application/octet-stream")),
                       400, QStringLiteral("parse_error"));
        verifyEnvelope(exchange(m_port, request("POST", "/api/transactions/upload", m_full, file,
                                                "application/x-www-form-urlencoded")),
                       415, QStringLiteral("unsupported_media_type"));
    }

    void categoriseAndAnalyse()
    {
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO categories (name, kind) VALUES ('Groceries', 'expense')")));
        const qint64 category = scalar(QStringLiteral("SELECT id FROM categories WHERE name = 'Groceries'"));
        Reply proposals = get("/api/transactions/categorize?limit=10", m_full);
        QCOMPARE(proposals.status, 200);
        QVERIFY(proposals.json().value(QStringLiteral("items")).isArray());

        const QByteArray body = QStringLiteral(R"({"items":[{"transaction_id":3,"category_id":%1},)"
                                               R"({"transaction_id":"4","category_id":%1}]})")
                                    .arg(category)
                                    .toLatin1();
        Reply applied = exchange(m_port, request("POST", "/api/transactions/categorize", m_full, body));
        QCOMPARE(applied.status, 200);
        QCOMPARE(applied.json().value(QStringLiteral("applied")).toInt(), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE category_id IS NOT NULL")), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE api_key_id IS NOT NULL")), 1);

        Reply analysis = get("/api/transactions/analyze?group_by=category,month&account_id=2", m_read);
        QCOMPARE(analysis.status, 200);
        const QJsonArray byCategory = analysis.json().value(QStringLiteral("by_category")).toArray();
        QCOMPARE(byCategory.size(), 2);
        qint64 sum = 0;
        for (const QJsonValue& v : byCategory) {
            QVERIFY(v.toObject().value(QStringLiteral("total")).isString());
            sum += v.toObject().value(QStringLiteral("count")).toInteger();
        }
        QCOMPARE(sum, 25);
        // Account 2 holds the odd rows, all positive: (1+3+…+49) * 1.25 = 781.25
        const QJsonArray byMonth = analysis.json().value(QStringLiteral("by_month")).toArray();
        QCOMPARE(byMonth.size(), 1);
        QCOMPARE(byMonth.first().toObject().value(QStringLiteral("total")).toString(), QStringLiteral("781.25"));
        QVERIFY(!analysis.json().contains(QStringLiteral("by_counterparty")));
    }

    void reconciliation()
    {
        const QByteArray body = R"({"account_id":1,"statement_date":"2026-01-31","closing_balance":"100.00"})";
        Reply started = exchange(m_port, request("POST", "/api/reconciliation/start", m_full, body));
        QCOMPARE(started.status, 201);
        const qint64 session = started.json().value(QStringLiteral("session_id")).toInteger();
        QVERIFY(session > 0);
        QVERIFY(started.json().value(QStringLiteral("difference")).isString());
        Reply status = get("/api/reconciliation/status?account_id=1", m_full);
        QCOMPARE(status.status, 200);
        QCOMPARE(status.json().value(QStringLiteral("session_id")).toInteger(), session);
        QCOMPARE(status.json().value(QStringLiteral("statement_closing")).toString(), QStringLiteral("100.00"));
        verifyEnvelope(exchange(m_port, request("POST", "/api/reconciliation/start", m_full, body)), 409,
                       QStringLiteral("conflict"));
        verifyEnvelope(exchange(m_port, request("POST", "/api/reconciliation/start", m_full,
                                                R"({"account_id":1,"statement_date":"2026-01-31","closing_balance":100})")),
                       400, QStringLiteral("invalid_argument"));
        verifyEnvelope(get("/api/reconciliation/status?account_id=2", m_full), 404, QStringLiteral("not_found"));
    }

    // The stdlib-only example client against this server: what a script writer copies.
    void exampleClient()
    {
        const auto run = [&](const QStringList& arguments, int* exitCode) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("FLOWLET_API_KEY"), QString::fromLatin1(m_full));
            env.insert(QStringLiteral("FLOWLET_API_URL"), QStringLiteral("http://127.0.0.1:%1").arg(m_port));
            p.setProcessEnvironment(env);
            p.start(QStringLiteral("/usr/bin/python3"), QStringList{QStringLiteral(FLOWLET_API_CLIENT)} + arguments);
            p.waitForFinished(60000);
            *exitCode = p.exitCode();
            return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        };
        int code = -1;
        QString out = run({QStringLiteral("me")}, &code);
        QVERIFY2(code == 0 && out.startsWith(QStringLiteral("alice (key ")), qPrintable(out));
        // Account 1 holds the even rows, all negative: -(2+4+…+50) * 1.25, paged 7 at a time.
        out = run({QStringLiteral("transactions"), QStringLiteral("--account-id"), QStringLiteral("1"),
                   QStringLiteral("--limit"), QStringLiteral("7")},
                  &code);
        QVERIFY2(code == 0 && out.contains(QStringLiteral("25 transactions\ntotal EUR -812.50")), qPrintable(out));
        const QString file = QStringLiteral(FLOWLET_SAMPLES_DIR "/camt/OCA-bank-statement-import__test-camt053.xml");
        out = run({QStringLiteral("upload"), file, QStringLiteral("--create-account"),
                   QStringLiteral("--accept-balance-mismatch"), QStringLiteral("--yes")},
                  &code);
        QVERIFY2(code == 0 && out.contains(QStringLiteral("preview: 4 new")) && out.contains(QStringLiteral("imported as batch")),
                 qPrintable(out));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM import_batches")), 1);
        out = run({QStringLiteral("analyze"), QStringLiteral("--group-by"), QStringLiteral("month")}, &code);
        QVERIFY2(code == 0 && out.startsWith(QStringLiteral("by_month")), qPrintable(out));
        // Errors arrive as the envelope's code and request id, with a non-zero exit.
        out = run({QStringLiteral("transactions"), QStringLiteral("--from"), QStringLiteral("yesterday")}, &code);
        QVERIFY2(code == 1 && out.contains(QStringLiteral("400 invalid_argument")), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestApiServer)
#include "TestApiServer.moc"
