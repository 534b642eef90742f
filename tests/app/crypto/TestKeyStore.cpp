#include "crypto/KeyStore.h"

#include <QUuid>
#include <QtTest>

using namespace flowlet;

// Runs against a real Secret Service: test.sh starts gnome-keyring-daemon inside dbus-run-session.
class TestKeyStore : public QObject
{
    Q_OBJECT

private:
    KeyStore m_store{QStringLiteral("org.flowlet.Workstation.Tests")};
    QString m_key = QStringLiteral("test/") + QUuid::createUuid().toString(QUuid::Id128);

private Q_SLOTS:
    void initTestCase()
    {
        const Status available = m_store.checkAvailable();
        QVERIFY2(available.ok(), qPrintable(QStringLiteral("a Secret Service must run for this test: ")
                                            + (available.ok() ? QString() : available.error().message())));
    }

    void cleanupTestCase() { QVERIFY(m_store.remove(m_key).ok()); }

    void storesReadsAndRemovesASecret()
    {
        const QByteArray secret("s3cr3t\x00\xff binary", 15);
        QVERIFY(m_store.write(m_key, secret).ok());
        auto read = m_store.read(m_key);
        QVERIFY(read.ok());
        QCOMPARE(*read, secret);

        QVERIFY(m_store.write(m_key, "replaced").ok());
        QCOMPARE(*m_store.read(m_key), QByteArray("replaced"));

        QVERIFY(m_store.remove(m_key).ok());
        auto gone = m_store.read(m_key);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code(), ErrorCode::NotFound);
        // Removing what is not there is not an error.
        QVERIFY(m_store.remove(m_key).ok());
    }

    void otherServicesDoNotSeeOurSecrets()
    {
        QVERIFY(m_store.write(m_key, "ours").ok());
        const KeyStore other(QStringLiteral("org.example.SomeoneElse"));
        auto read = other.read(m_key);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code(), ErrorCode::NotFound);
    }

    void workspaceKeyIsCreatedOnceAndKept()
    {
        const QString workspace = QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto absent = m_store.workspaceKey(workspace, false);
        QVERIFY(!absent.ok());
        QCOMPARE(absent.error().code(), ErrorCode::NotFound);

        auto created = m_store.workspaceKey(workspace, true);
        QVERIFY(created.ok());
        QCOMPARE(created->size(), 32);
        QVERIFY(*created != QByteArray(32, '\0'));
        auto again = m_store.workspaceKey(workspace, true);
        QVERIFY(again.ok());
        QCOMPARE(*again, *created);
        QVERIFY(m_store.remove(QStringLiteral("workspace-key/%1").arg(workspace)).ok());
    }
};

QTEST_GUILESS_MAIN(TestKeyStore)
#include "TestKeyStore.moc"
