#include "crypto/KeyStore.h"

#include <QtTest>

using namespace flowlet;

// Run with a session bus address that leads nowhere: no Secret Service can answer. The store must
// say so plainly instead of falling back to writing secrets to disk.
class TestKeyStoreUnavailable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saysWhatIsMissing()
    {
        QTemporaryDir home;
        qputenv("HOME", home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());

        const KeyStore store(QStringLiteral("org.flowlet.Workstation.Tests"));
        const Status available = store.checkAvailable();
        QVERIFY(!available.ok());
        QVERIFY2(available.error().code() == ErrorCode::KeychainUnavailable, qPrintable(available.error().message()));
        QVERIFY(available.error().message().contains(QStringLiteral("Secret Service")));

        const Status write = store.write(QStringLiteral("database-password/x"), "hunter2");
        QVERIFY(!write.ok());
        QCOMPARE(write.error().code(), ErrorCode::KeychainUnavailable);
        QVERIFY(!write.error().message().contains(QStringLiteral("hunter2")));

        // Nothing was written anywhere under the home folder instead.
        QDirIterator it(home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("hunter2"), qPrintable(file));
        }
    }
};

QTEST_GUILESS_MAIN(TestKeyStoreUnavailable)
#include "TestKeyStoreUnavailable.moc"
