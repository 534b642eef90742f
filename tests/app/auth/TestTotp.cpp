#include "auth/Base32.h"
#include "auth/Totp.h"

#include <QProcess>
#include <QtTest>

using namespace flowlet;

namespace {

// Reads a TSV from the shared samples: '#' lines are comments, the first other line names columns.
QList<QHash<QString, QString>> readVectors(const QString& name)
{
    QFile file(QStringLiteral(FLOWLET_SAMPLES_DIR "/otp_vectors/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot read %s", qPrintable(file.fileName()));
        return {};
    }
    QStringList header;
    QList<QHash<QString, QString>> rows;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(u'#')) {
            continue;
        }
        const QStringList cols = line.split(u'\t');
        if (header.isEmpty()) {
            header = cols;
            continue;
        }
        QHash<QString, QString> row;
        for (int i = 0; i < header.size() && i < cols.size(); ++i) {
            row.insert(header.at(i), cols.at(i));
        }
        rows << row;
    }
    return rows;
}

Totp::Algorithm algorithmFrom(const QString& mode)
{
    if (mode == QStringLiteral("SHA256")) {
        return Totp::Algorithm::Sha256;
    }
    if (mode == QStringLiteral("SHA512")) {
        return Totp::Algorithm::Sha512;
    }
    return Totp::Algorithm::Sha1;
}

const QByteArray kSecret = QByteArray("12345678901234567890");

} // namespace

class TestTotp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfc4226HotpVectors()
    {
        const auto rows = readVectors(QStringLiteral("rfc4226_appendixD_hotp_vectors.tsv"));
        QCOMPARE(rows.size(), 10);
        for (const auto& row : rows) {
            QCOMPARE(Totp::hotp(kSecret, row.value(QStringLiteral("count")).toULongLong()),
                     row.value(QStringLiteral("hotp_6digit")));
        }
    }

    void rfc6238TotpVectors()
    {
        const auto rows = readVectors(QStringLiteral("rfc6238_appendixB_totp_vectors.tsv"));
        QCOMPARE(rows.size(), 18);
        for (const auto& row : rows) {
            const QByteArray key = row.value(QStringLiteral("secret_ascii")).toLatin1();
            const QDateTime at = QDateTime::fromSecsSinceEpoch(row.value(QStringLiteral("unix_time")).toLongLong(), QTimeZone::utc());
            Totp::Parameters p;
            p.algorithm = algorithmFrom(row.value(QStringLiteral("mode")));
            p.digits = 8;
            QCOMPARE(Totp::codeAt(key, at, p), row.value(QStringLiteral("totp_8digit")));
            p.digits = 6;
            QCOMPARE(Totp::codeAt(key, at, p), row.value(QStringLiteral("totp_6digit")));
            // The Base32 form in the vectors is the same secret.
            QCOMPARE(*Base32::decode(row.value(QStringLiteral("secret_base32"))), key);
        }
    }

    void base32RoundTripsAndRefusesJunk()
    {
        QCOMPARE(Base32::encode(kSecret), QStringLiteral("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
        QCOMPARE(*Base32::decode(u"gezd gnbv-gy3t qojq gezd gnbv gy3t qojq"), kSecret);
        QCOMPARE(*Base32::decode(u"MZXW6==="), QByteArray("foo"));
        for (const char16_t* bad : {u"GEZ1", u"GEZ!", u"MZXW6===A", u"ÄÖÜ"}) {
            auto r = Base32::decode(bad);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code(), ErrorCode::ParseError);
        }
    }

    void acceptsNeighbouringStepsOnly()
    {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'015, QTimeZone::utc());
        const qint64 step = Totp::stepAt(now);
        for (int offset : {-1, 0, 1}) {
            const QString code = Totp::hotp(kSecret, static_cast<quint64>(step + offset));
            auto v = Totp::verify(kSecret, code, now, std::nullopt);
            QVERIFY2(v.accepted(), qPrintable(QString::number(offset)));
            QCOMPARE(*v.step, step + offset);
        }
        for (int offset : {-3, -2, 2, 3}) {
            const QString code = Totp::hotp(kSecret, static_cast<quint64>(step + offset));
            if (code == Totp::hotp(kSecret, static_cast<quint64>(step))) {
                continue; // a one-in-a-million collision would make this meaningless
            }
            QVERIFY(!Totp::verify(kSecret, code, now, std::nullopt).accepted());
        }
    }

    void refusesAReusedCode()
    {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, QTimeZone::utc());
        const QString code = Totp::codeAt(kSecret, now);
        auto first = Totp::verify(kSecret, code, now, std::nullopt);
        QVERIFY(first.accepted());
        auto again = Totp::verify(kSecret, code, now.addSecs(10), first.step);
        QVERIFY(!again.accepted());
        QCOMPARE(again.rejection, Totp::Rejection::Reused);
        // An older code than the last used is refused too, even inside the window.
        const QString previous = Totp::hotp(kSecret, static_cast<quint64>(*first.step - 1));
        QCOMPARE(Totp::verify(kSecret, previous, now, first.step).rejection, Totp::Rejection::Reused);
        // The next step's code is fine.
        const QDateTime later = now.addSecs(30);
        QVERIFY(Totp::verify(kSecret, Totp::codeAt(kSecret, later), later, first.step).accepted());
    }

    void malformedCodes()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const char* bad : {"", "12345", "1234567", "12a456", "      "}) {
            QCOMPARE(Totp::verify(kSecret, QString::fromLatin1(bad), now, std::nullopt).rejection, Totp::Rejection::Malformed);
        }
        // Spaces inside are what people type from apps that group digits.
        const QString code = Totp::codeAt(kSecret, now);
        QVERIFY(Totp::verify(kSecret, code.left(3) + u' ' + code.mid(3), now, std::nullopt).accepted());
    }

    void oathtoolCodeIsAcceptedOnceOnly()
    {
        auto secret = Totp::generateSecret();
        QVERIFY(secret.ok());
        QCOMPARE(secret->size(), 20);
        QProcess oathtool;
        oathtool.start(QStringLiteral("oathtool"), {QStringLiteral("--totp"), QStringLiteral("-b"), Base32::encode(*secret)});
        QVERIFY2(oathtool.waitForFinished(10000), "oathtool (package oathtool) must be installed");
        QCOMPARE(oathtool.exitCode(), 0);
        const QString code = QString::fromLatin1(oathtool.readAllStandardOutput()).trimmed();
        QCOMPARE(code.size(), 6);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto first = Totp::verify(*secret, code, now, std::nullopt);
        QVERIFY(first.accepted());
        auto second = Totp::verify(*secret, code, now, first.step);
        QVERIFY(!second.accepted());
        QCOMPARE(second.rejection, Totp::Rejection::Reused);
    }

    void otpauthUriRoundTrips()
    {
        OtpAuthUri uri;
        uri.issuer = QStringLiteral("Flowlet Bank");
        uri.account = QStringLiteral("anna.müller");
        uri.secret = kSecret;
        const QString text = uri.toString();
        QVERIFY(text.startsWith(QStringLiteral("otpauth://totp/Flowlet%20Bank:anna.m%C3%BCller?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")));
        auto parsed = OtpAuthUri::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message()));
        QCOMPARE(parsed->issuer, uri.issuer);
        QCOMPARE(parsed->account, uri.account);
        QCOMPARE(parsed->secret, kSecret);
        QCOMPARE(parsed->parameters.digits, 6);
        QCOMPARE(parsed->parameters.period, 30);
    }

    void malformedOtpauthUris_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::newRow("not otpauth") << "https://example.com/?secret=GEZDGNBV";
        QTest::newRow("hotp") << "otpauth://hotp/X:y?secret=GEZDGNBVGY3TQOJQ&counter=1";
        QTest::newRow("no secret") << "otpauth://totp/X:y?issuer=X";
        QTest::newRow("bad base32") << "otpauth://totp/X:y?secret=GEZDGNBV1Y3TQOJQ";
        QTest::newRow("short secret") << "otpauth://totp/X:y?secret=GEZDGNBV";
        QTest::newRow("bad digits") << "otpauth://totp/X:y?secret=GEZDGNBVGY3TQOJQ&digits=4";
        QTest::newRow("bad algorithm") << "otpauth://totp/X:y?secret=GEZDGNBVGY3TQOJQ&algorithm=MD5";
    }
    void malformedOtpauthUris()
    {
        QFETCH(QString, uri);
        auto parsed = OtpAuthUri::parse(uri);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code(), ErrorCode::ParseError);
    }
};

QTEST_GUILESS_MAIN(TestTotp)
#include "TestTotp.moc"
