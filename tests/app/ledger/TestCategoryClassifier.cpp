#include "ledger/CategoryClassifier.h"
#include "support/CardPayments.h"

#include <QtTest>

using namespace flowlet;

Q_DECLARE_METATYPE(flowlet::CategorisableFields)

namespace {

constexpr qint64 kGroceries = 4;
constexpr qint64 kRestaurants = 5;
constexpr qint64 kShopping = 11;
constexpr qint64 kTravel = 6;

CategorisableFields card(const QString& merchant, const char* mcc, qint64 cents, const QString& city = {})
{
    return test::cardPayment(merchant, city, mcc, cents);
}

// A small history: groceries at three supermarkets, meals at two restaurants, each a few times.
CategoryClassifier trained()
{
    CategoryClassifier c;
    for (int i = 0; i < 4; ++i) {
        c.learn(card(QStringLiteral("REWE Markt"), "5411", 3500 + i * 100, QStringLiteral("Berlin")), kGroceries);
        c.learn(card(QStringLiteral("EDEKA"), "5411", 2800 + i * 50, QStringLiteral("Köln")), kGroceries);
        c.learn(card(QStringLiteral("Lidl"), "5411", 2100, QStringLiteral("Berlin")), kGroceries);
        c.learn(card(QStringLiteral("Pizzeria Napoli"), "5812", 3100, QStringLiteral("Köln")), kRestaurants);
        c.learn(card(QStringLiteral("Café Central"), "5812", 1400, QStringLiteral("Wien")), kRestaurants);
    }
    return c;
}

} // namespace

class TestCategoryClassifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void amountBand_data()
    {
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<QString>("band");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("+0");
        QTest::newRow("cents") << qint64(990'000) << QStringLiteral("+0");
        QTest::newRow("one unit") << qint64(1'000'000) << QStringLiteral("+1");
        QTest::newRow("9.99 out") << qint64(-9'990'000) << QStringLiteral("-1");
        QTest::newRow("35.50 out") << qint64(-35'500'000) << QStringLiteral("-2");
        QTest::newRow("100 out") << qint64(-100'000'000) << QStringLiteral("-3");
        QTest::newRow("salary") << qint64(4'250'000'000) << QStringLiteral("+4");
        QTest::newRow("most negative") << std::numeric_limits<qint64>::min() << QStringLiteral("-13");
    }
    void amountBand()
    {
        QFETCH(qint64, micros);
        QFETCH(QString, band);
        QCOMPARE(CategoryClassifier::amountBand(micros), band);
    }

    void featuresAreNormalised()
    {
        CategorisableFields f;
        f.description = QStringLiteral("CAFÉ  Central, Wien 20240317 ref 4711 x");
        f.counterparty = QStringLiteral("Café Central");
        f.merchantCategory = QStringLiteral(" 5812 ");
        f.bankTxCode = QStringLiteral("pmnt-ccrd");
        f.amountMicros = -14'000'000;
        f.channel = QStringLiteral("Card");
        const QStringList features = CategoryClassifier::features(f);
        // Accents and case folded, the date dropped (an id, not a word), the short number kept,
        // one-letter tokens dropped; each feature once.
        QCOMPARE(features,
                 QStringList({QStringLiteral("w:cafe"), QStringLiteral("w:central"), QStringLiteral("w:wien"),
                              QStringLiteral("w:ref"), QStringLiteral("w:4711"), QStringLiteral("c:cafe central"),
                              QStringLiteral("p:cafe"), QStringLiteral("p:central"), QStringLiteral("a:-2"),
                              QStringLiteral("m:5812"), QStringLiteral("b:PMNT-CCRD"), QStringLiteral("h:card")}));
    }

    void describesFeatures_data()
    {
        QTest::addColumn<QString>("feature");
        QTest::addColumn<QString>("shown");
        QTest::newRow("word") << QStringLiteral("w:rewe") << QStringLiteral("rewe");
        QTest::newRow("counterparty") << QStringLiteral("c:rewe markt") << QStringLiteral("rewe markt");
        QTest::newRow("mcc") << QStringLiteral("m:5411") << QStringLiteral("MCC 5411");
        QTest::newRow("amount") << QStringLiteral("a:-3") << QStringLiteral("outgoing amount 100–999");
        QTest::newRow("small") << QStringLiteral("a:+0") << QStringLiteral("incoming amount under 1");
        QTest::newRow("channel") << QStringLiteral("h:atm") << QStringLiteral("channel atm");
    }
    void describesFeatures()
    {
        QFETCH(QString, feature);
        QFETCH(QString, shown);
        QCOMPARE(CategoryClassifier::describe(feature), shown);
    }

    void proposesTheCategoryOfSimilarTransactions_data()
    {
        QTest::addColumn<CategorisableFields>("fields");
        QTest::addColumn<qint64>("category");
        QTest::addColumn<QString>("evidence");
        QTest::newRow("known supermarket, other city")
            << card(QStringLiteral("REWE Markt"), "5411", 4200, QStringLiteral("Hamburg")) << kGroceries
            << QStringLiteral("rewe");
        QTest::newRow("known restaurant")
            << card(QStringLiteral("Café Central"), "5812", 1600) << kRestaurants << QStringLiteral("cafe");
        // A shop never seen: its merchant category code decides.
        QTest::newRow("new supermarket") << card(QStringLiteral("Albert Heijn"), "5411", 3000) << kGroceries
                                         << QStringLiteral("MCC 5411");
    }
    void proposesTheCategoryOfSimilarTransactions()
    {
        QFETCH(CategorisableFields, fields);
        QFETCH(qint64, category);
        QFETCH(QString, evidence);
        const CategoryClassifier c = trained();
        const auto p = c.propose(fields);
        QVERIFY(p);
        QCOMPARE(p->categoryId, category);
        QVERIFY2(p->evidence.contains(evidence), qPrintable(p->evidence.join(u'|')));
        QVERIFY(p->evidence.size() <= 3);
        QVERIFY(p->confidence > 50 && p->confidence < 100);
    }

    void nothingKnownNothingProposed()
    {
        CategoryClassifier empty;
        QVERIFY(!empty.propose(card(QStringLiteral("REWE Markt"), "5411", 3500)));
        const CategoryClassifier c = trained();
        CategorisableFields unknown;
        unknown.description = QStringLiteral("Zyxwv qwrtp");
        unknown.amountMicros = 7'000'000'000; // an incoming band never seen
        QVERIFY(!c.propose(unknown));
    }

    void confidenceFollowsTheEvidence()
    {
        const CategoryClassifier c = trained();
        // Everything agrees vs. only a city that both categories have seen.
        const auto sure = c.propose(card(QStringLiteral("EDEKA"), "5411", 2900, QStringLiteral("Köln")));
        CategorisableFields vague;
        vague.description = QStringLiteral("Köln");
        vague.amountMicros = -30'000'000;
        const auto unsure = c.propose(vague);
        QVERIFY(sure && unsure);
        QCOMPARE(sure->categoryId, kGroceries);
        QVERIFY2(sure->confidence >= 90, qPrintable(QString::number(sure->confidence)));
        QVERIFY2(unsure->confidence < 80, qPrintable(QString::number(unsure->confidence)));
        QVERIFY(sure->confidence > unsure->confidence + 15);
    }

    void correctionsFlipTheProposal()
    {
        CategoryClassifier c;
        const CategorisableFields amazon = card(QStringLiteral("Amazon Marketplace"), "5999", 4200);
        for (int i = 0; i < 3; ++i) {
            c.learn(amazon, kShopping);
            c.learn(card(QStringLiteral("Lufthansa"), "4511", 21000), kTravel);
        }
        QCOMPARE(c.propose(amazon)->categoryId, kShopping);
        // The user says these were travel bookings: each correction takes a shopping example back
        // and teaches a travel one.
        for (int i = 0; i < 3; ++i) {
            c.forget(amazon, kShopping);
            c.learn(amazon, kTravel);
        }
        const auto flipped = c.propose(amazon);
        QVERIFY(flipped);
        QCOMPARE(flipped->categoryId, kTravel);
        QCOMPARE(c.examples(), qint64(6));
    }

    void forgettingUndoesLearning()
    {
        CategoryClassifier c = trained();
        const CategorisableFields probe = card(QStringLiteral("Pizzeria Napoli"), "5812", 2500);
        const auto before = c.propose(probe);
        const qsizetype vocabulary = c.vocabularySize();
        const CategorisableFields odd = card(QStringLiteral("Pizzeria Napoli Deli"), "5411", 2500);
        c.learn(odd, kGroceries);
        QVERIFY(c.vocabularySize() > vocabulary);
        QVERIFY(c.propose(probe)->confidence != before->confidence);
        c.forget(odd, kGroceries);
        QCOMPARE(c.vocabularySize(), vocabulary);
        QCOMPARE(c.propose(probe)->confidence, before->confidence);
        QCOMPARE(c.propose(probe)->categoryId, before->categoryId);
        // Forgetting a category that has no examples changes nothing.
        c.forget(odd, kTravel);
        QCOMPARE(c.propose(probe)->confidence, before->confidence);
    }

    void aCategoryForgottenEntirelyIsNotProposed()
    {
        CategoryClassifier c;
        const CategorisableFields rent = card(QStringLiteral("Vonovia"), "6513", 90000);
        c.learn(rent, kShopping);
        c.learn(card(QStringLiteral("Lidl"), "5411", 2000), kGroceries);
        c.forget(rent, kShopping);
        const auto p = c.propose(rent);
        QVERIFY(!p || p->categoryId != kShopping);
    }
};

QTEST_GUILESS_MAIN(TestCategoryClassifier)
#include "TestCategoryClassifier.moc"
