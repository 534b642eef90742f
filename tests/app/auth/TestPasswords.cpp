#include "auth/PasswordHasher.h"
#include "auth/PasswordPolicy.h"
#include "auth/RecoveryCodes.h"

#include <QtTest>

using namespace flowlet;

class TestPasswords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashesAreBcrypt2aCost12AndSalted()
    {
        auto a = PasswordHasher::hash(QStringLiteral("Tr0ub4dor&3-horse"));
        auto b = PasswordHasher::hash(QStringLiteral("Tr0ub4dor&3-horse"));
        QVERIFY(a.ok() && b.ok());
        QVERIFY2(a->startsWith(QStringLiteral("$2a$12$")), qPrintable(*a));
        QCOMPARE(a->size(), 60);
        QVERIFY(*a != *b);
        QVERIFY(PasswordHasher::verify(QStringLiteral("Tr0ub4dor&3-horse"), *a));
        QVERIFY(PasswordHasher::verify(QStringLiteral("Tr0ub4dor&3-horse"), *b));
        QVERIFY(!PasswordHasher::verify(QStringLiteral("tr0ub4dor&3-horse"), *a));
        QVERIFY(!PasswordHasher::verify(QString(), *a));
    }

    void verifiesKnownHashesAndRefusesOthers()
    {
        // A $2a$ hash from another implementation (cost 4 to keep the test fast).
        QVERIFY(PasswordHasher::verify(QStringLiteral("U*U"),
                                       QStringLiteral("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")));
        QVERIFY(!PasswordHasher::verify(QStringLiteral("x"), QStringLiteral("plaintext")));
        QVERIFY(!PasswordHasher::verify(QStringLiteral("x"), QStringLiteral("$1$abc$def")));
        QVERIFY(!PasswordHasher::verify(QStringLiteral("x"), QString()));
    }

    void refusesOverlongPasswordsInsteadOfTruncating()
    {
        auto r = PasswordHasher::hash(QString(80, u'x'));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code(), ErrorCode::InvalidArgument);
    }

    void policy_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("long passphrase") << "violet kettle drums at noon" << true;
        QTest::newRow("mixed") << "K7#pz!w2Lq9v" << true;
        QTest::newRow("too short") << "Sh0rt!pw" << false;
        QTest::newRow("contains user name") << "my-anna.mueller-pass" << false;
        QTest::newRow("common with digits") << "Password123456" << false;
        QTest::newRow("common, any case") << "CorrectHorseBatteryStaple" << false;
        QTest::newRow("few distinct characters") << "abababababababab" << false;
        QTest::newRow("digits only") << "203948572039485" << false;
    }
    void policy()
    {
        QFETCH(QString, password);
        QFETCH(bool, accepted);
        const Status s = PasswordPolicy::check(password, QStringLiteral("anna.mueller"));
        QCOMPARE(s.ok(), accepted);
        if (!s.ok()) {
            QCOMPARE(s.error().code(), ErrorCode::InvalidArgument);
            QVERIFY(!s.error().message().contains(password));
        }
    }

    void recoveryCodesAreRandomSingleFormatAndHashed()
    {
        auto codes = RecoveryCodes::generate();
        QVERIFY(codes.ok());
        QCOMPARE(codes->size(), 10);
        QCOMPARE(QSet<QString>(codes->begin(), codes->end()).size(), 10);
        static const QRegularExpression format(QStringLiteral("^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$"));
        for (const QString& code : *codes) {
            QVERIFY2(format.match(code).hasMatch(), qPrintable(code));
        }
        const QString stored = RecoveryCodes::hash(codes->first());
        QVERIFY(!stored.contains(codes->first()));
        QVERIFY(RecoveryCodes::matches(codes->first().toLower().remove(u'-'), stored));
        QVERIFY(!RecoveryCodes::matches(codes->at(1), stored));
    }
};

QTEST_GUILESS_MAIN(TestPasswords)
#include "TestPasswords.moc"
