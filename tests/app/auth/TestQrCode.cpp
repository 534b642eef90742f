#include "auth/QrCode.h"
#include "auth/Totp.h"

#include <QProcess>
#include <QtTest>

using namespace flowlet;

class TestQrCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesToTheExactOtpauthUri()
    {
        OtpAuthUri uri;
        uri.issuer = QStringLiteral("Flowlet");
        uri.account = QStringLiteral("compliance.officer@bank.example");
        uri.secret = *Totp::generateSecret();
        const QString text = uri.toString();

        auto qr = QrCode::encode(text);
        QVERIFY(qr.ok());
        QVERIFY(qr->size() >= 21);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("enrol.pgm"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(qr->toPgm());
        file.close();

        // A real decoder, as an authenticator app's camera would read it.
        QProcess zbar;
        zbar.start(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), path});
        QVERIFY2(zbar.waitForFinished(20000), "zbarimg (package zbar-tools) must be installed");
        QCOMPARE(zbar.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(zbar.readAllStandardOutput()).trimmed(), text);
    }
};

QTEST_GUILESS_MAIN(TestQrCode)
#include "TestQrCode.moc"
