#include "ledger/ReconciliationMatcher.h"

#include <QRandomGenerator>
#include <QSet>
#include <QtTest>

#include <algorithm>

using namespace flowlet;

namespace {

constexpr qint64 kBatch = 7;
constexpr qint64 kUnit = 1'000'000;

qint64 cents(qint64 c)
{
    return c * (kUnit / 100);
}

MatchStatementLine line(int no, qint64 day, qint64 amountCents, const QString& text = {})
{
    MatchStatementLine l;
    l.key = {kBatch, no};
    l.day = day;
    l.amountMicros = cents(amountCents);
    l.text = text;
    return l;
}

MatchBookEntry entry(qint64 id, qint64 day, qint64 amountCents, const QString& text = {})
{
    MatchBookEntry b;
    b.id = id;
    b.day = day;
    b.amountMicros = cents(amountCents);
    b.text = text;
    return b;
}

StatementLineKey key(int no)
{
    return {kBatch, no};
}

// The match that holds the line, or nullptr.
const ReconciliationMatch* matchOfLine(const QList<ReconciliationMatch>& matches, int no)
{
    for (const ReconciliationMatch& m : matches) {
        if (m.statement.contains(key(no))) {
            return &m;
        }
    }
    return nullptr;
}

const ReconciliationMatch* matchOfEntry(const QList<ReconciliationMatch>& matches, qint64 id)
{
    for (const ReconciliationMatch& m : matches) {
        if (m.book.contains(id)) {
            return &m;
        }
    }
    return nullptr;
}

// Every statement line and book entry is in at most one match.
bool nothingTwice(const QList<ReconciliationMatch>& matches)
{
    QSet<QString> lines;
    QSet<qint64> book;
    for (const ReconciliationMatch& m : matches) {
        for (const StatementLineKey& k : m.statement) {
            const QString s = QStringLiteral("%1:%2").arg(k.batchId).arg(k.lineNo);
            if (lines.contains(s)) {
                return false;
            }
            lines.insert(s);
        }
        for (qint64 id : m.book) {
            if (book.contains(id)) {
                return false;
            }
            book.insert(id);
        }
    }
    return true;
}

QString describe(const QList<ReconciliationMatch>& matches)
{
    QStringList out;
    for (const ReconciliationMatch& m : matches) {
        QStringList keys, ids;
        for (const StatementLineKey& k : m.statement) {
            keys << QString::number(k.lineNo);
        }
        for (qint64 id : m.book) {
            ids << QString::number(id);
        }
        out << QStringLiteral("%1 %2 [%3]=[%4]")
                   .arg(matchKindKey(m.kind))
                   .arg(m.score)
                   .arg(keys.join(u','), ids.join(u','));
    }
    std::sort(out.begin(), out.end());
    return out.join(QStringLiteral("; "));
}

} // namespace

class TestReconciliationMatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactByImportLinkEvenDaysApart()
    {
        auto l = line(1, 100, -1250);
        l.linkedTransactionId = 42;
        // The linked entry is ten days away; another entry of the same amount is on the same day.
        const auto matches = ReconciliationMatcher().match({l}, {entry(41, 100, -1250), entry(42, 110, -1250)});
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches.first().kind, MatchKind::Exact);
        QCOMPARE(matches.first().score, 100);
        QCOMPARE(matches.first().book, QList<qint64> {42});
        QVERIFY(matches.first().reason.contains(QStringLiteral("linked")));
    }

    void exactByBankId()
    {
        auto l = line(1, 100, 9900, QStringLiteral("Invoice 17"));
        l.bankId = QStringLiteral("AcctSvcrRef-9");
        auto b = entry(5, 104, 9900);
        b.externalId = QStringLiteral("AcctSvcrRef-9");
        const auto matches = ReconciliationMatcher().match({l}, {entry(4, 100, 9900), b});
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches.first().kind, MatchKind::Exact);
        QCOMPARE(matches.first().book, QList<qint64> {5});
        QVERIFY(matches.first().reason.contains(QStringLiteral("AcctSvcrRef-9")));
    }

    void linkWithAnotherAmountIsNotExact()
    {
        auto l = line(1, 100, -1000);
        l.linkedTransactionId = 9;
        const auto matches = ReconciliationMatcher().match({l}, {entry(9, 100, -1001)});
        QVERIFY(matches.isEmpty());
    }

    void exactByAmountAndDayWhenUnique()
    {
        const auto matches =
            ReconciliationMatcher().match({line(1, 200, -4599), line(2, 200, 12000)},
                                          {entry(10, 200, 12000), entry(11, 200, -4599), entry(12, 199, -4599)});
        QCOMPARE(matches.size(), 2);
        const auto* a = matchOfLine(matches, 1);
        const auto* b = matchOfLine(matches, 2);
        QVERIFY(a && b);
        QCOMPARE(a->kind, MatchKind::Exact);
        QCOMPARE(a->book, QList<qint64> {11}); // the same day wins over the day before
        QCOMPARE(b->kind, MatchKind::Exact);
        QCOMPARE(b->book, QList<qint64> {10});
    }

    void sameAmountSameDayTwiceIsOnlySuggested()
    {
        // Two coffees on the statement, two in the book: no pair is unique, so nothing is exact;
        // they are paired in key and id order, and always the same way.
        const QList<MatchStatementLine> lines {line(2, 300, -240), line(1, 300, -240)};
        const QList<MatchBookEntry> book {entry(21, 300, -240), entry(20, 300, -240)};
        const auto matches = ReconciliationMatcher().match(lines, book);
        QCOMPARE(matches.size(), 2);
        for (const ReconciliationMatch& m : matches) {
            QCOMPARE(m.kind, MatchKind::Tolerance);
        }
        QCOMPARE(matchOfLine(matches, 1)->book, QList<qint64> {20});
        QCOMPARE(matchOfLine(matches, 2)->book, QList<qint64> {21});
    }

    void toleranceChoosesTheBestScore_data()
    {
        QTest::addColumn<QString>("lineReference");
        QTest::addColumn<QString>("lineText");
        QTest::addColumn<qint64>("expected");
        // Entry 30 is one day away; entry 31 two days away but carries the reference; entry 32
        // two days away with the same words.
        QTest::newRow("closest date") << QString() << QStringLiteral("xyz") << qint64(30);
        QTest::newRow("reference beats a closer date") << QStringLiteral("INV-2026-7") << QString() << qint64(31);
        QTest::newRow("a closer date beats similar text")
            << QString() << QStringLiteral("Acme Widgets GmbH order 4471") << qint64(30);
    }
    void toleranceChoosesTheBestScore()
    {
        QFETCH(QString, lineReference);
        QFETCH(QString, lineText);
        QFETCH(qint64, expected);
        auto l = line(1, 500, -5000, lineText);
        l.reference = lineReference;
        auto withRef = entry(31, 502, -5000);
        withRef.reference = QStringLiteral("INV-2026-7");
        const QList<MatchBookEntry> book {entry(30, 501, -5000), withRef,
                                          entry(32, 502, -5000, QStringLiteral("acme widgets gmbh"))};
        const auto matches = ReconciliationMatcher().match({l}, book);
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches.first().kind, MatchKind::Tolerance);
        QCOMPARE(matches.first().book, QList<qint64> {expected});
        QVERIFY(matches.first().score < 100);
    }

    void textDecidesBetweenEqualDates()
    {
        const auto l = line(1, 500, -5000, QStringLiteral("ACME Widgets GmbH order 4471"));
        const QList<MatchBookEntry> book {entry(40, 502, -5000, QStringLiteral("Office rent")),
                                          entry(41, 498, -5000, QStringLiteral("Acme widgets"))};
        const auto matches = ReconciliationMatcher().match({l}, book);
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches.first().book, QList<qint64> {41});
        QVERIFY(matches.first().reason.contains(QStringLiteral("similar text")));
    }

    void greedyGivesEachEntryToItsBestLine()
    {
        // Line 1 on its own would take entry 51 (the same day); line 2 fits entry 51 far better
        // (same reference). The best pair goes first, so line 1 gets entry 50.
        MatcherSettings settings;
        settings.amountToleranceMicros = cents(5);
        auto l2 = line(2, 703, -777);
        l2.reference = QStringLiteral("R-2");
        auto e51 = entry(51, 702, -777);
        e51.reference = QStringLiteral("R-2");
        const auto matches =
            ReconciliationMatcher(settings).match({line(1, 702, -778), l2}, {entry(50, 700, -777), e51});
        QCOMPARE(matches.size(), 2);
        QCOMPARE(matchOfLine(matches, 2)->book, QList<qint64> {51});
        QCOMPARE(matchOfLine(matches, 1)->book, QList<qint64> {50});
        QVERIFY(nothingTwice(matches));
    }

    void amountTolerance()
    {
        MatcherSettings loose;
        loose.amountToleranceMicros = cents(5);
        const QList<MatchStatementLine> lines {line(1, 800, -1000)};
        const QList<MatchBookEntry> book {entry(60, 800, -1002)};
        const auto matched = ReconciliationMatcher(loose).match(lines, book);
        QCOMPARE(matched.size(), 1);
        QCOMPARE(matched.first().kind, MatchKind::Tolerance);
        QVERIFY2(matched.first().reason.contains(QStringLiteral("0.02")), qPrintable(matched.first().reason));
        // The default tolerance is exact amounts.
        QVERIFY(ReconciliationMatcher().match(lines, book).isEmpty());
    }

    void nothingOutsideTheTolerances_data()
    {
        QTest::addColumn<qint64>("bookDay");
        QTest::addColumn<qint64>("bookCents");
        QTest::addColumn<bool>("matched");
        QTest::newRow("3 days: inside") << qint64(903) << qint64(-2500) << true;
        QTest::newRow("4 days: outside") << qint64(904) << qint64(-2500) << false;
        QTest::newRow("4 days before: outside") << qint64(896) << qint64(-2500) << false;
        QTest::newRow("one cent off") << qint64(900) << qint64(-2501) << false;
        QTest::newRow("opposite sign") << qint64(900) << qint64(2500) << false;
    }
    void nothingOutsideTheTolerances()
    {
        QFETCH(qint64, bookDay);
        QFETCH(qint64, bookCents);
        QFETCH(bool, matched);
        const auto matches = ReconciliationMatcher().match({line(1, 900, -2500)}, {entry(70, bookDay, bookCents)});
        QCOMPARE(!matches.isEmpty(), matched);
    }

    void oneLineToSeveralBookEntries()
    {
        // A collective debit of 300.00 on the statement, booked as 100.00 and 200.00.
        const QList<MatchStatementLine> lines {line(1, 1000, -30000, QStringLiteral("Collective payment"))};
        const QList<MatchBookEntry> book {entry(80, 1000, -10000), entry(81, 1001, -20000), entry(82, 1000, -15000),
                                          entry(83, 1000, 15000)};
        const auto matches = ReconciliationMatcher().match(lines, book);
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches.first().kind, MatchKind::OneToMany);
        QCOMPARE(matches.first().book, (QList<qint64> {80, 81}));
        QVERIFY(matches.first().score < 100);
        QVERIFY(!matchOfEntry(matches, 82));
        QVERIFY(!matchOfEntry(matches, 83));
    }

    void severalLinesToOneBookEntry()
    {
        // The bank split one booked transfer of 50.00 into 20.00 and 30.00.
        const QList<MatchStatementLine> lines {line(1, 1100, 2000), line(2, 1100, 3000), line(3, 1102, 999)};
        const QList<MatchBookEntry> book {entry(90, 1101, 5000)};
        const auto matches = ReconciliationMatcher().match(lines, book);
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches.first().kind, MatchKind::ManyToOne);
        QCOMPARE(matches.first().statement, (QList<StatementLineKey> {key(1), key(2)}));
        QCOMPARE(matches.first().book, QList<qint64> {90});
    }

    void groupsPreferFewerMembersAndCloserDates()
    {
        // 60.00 = 10 + 50 (a pair) or 10 + 20 + 30 (a triple): the pair wins. Of the two 50.00
        // entries the closer one is taken.
        const QList<MatchStatementLine> lines {line(1, 1200, 6000)};
        const QList<MatchBookEntry> book {entry(100, 1200, 1000), entry(101, 1200, 2000), entry(102, 1200, 3000),
                                          entry(103, 1202, 5000), entry(104, 1201, 5000)};
        const auto matches = ReconciliationMatcher().match(lines, book);
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches.first().book, (QList<qint64> {100, 104}));
    }

    void groupsRespectTheirLimits()
    {
        // Four parts are one too many for the default group size, and parts outside the group
        // window do not count.
        const QList<MatchStatementLine> lines {line(1, 1300, -4000)};
        const QList<MatchBookEntry> four {entry(110, 1300, -1000), entry(111, 1300, -1000), entry(112, 1300, -1000),
                                          entry(113, 1300, -1000)};
        QVERIFY(ReconciliationMatcher().match(lines, four).isEmpty());
        MatcherSettings bigger;
        bigger.maxGroupSize = 4;
        QCOMPARE(ReconciliationMatcher(bigger).match(lines, four).size(), 1);

        const QList<MatchBookEntry> far {entry(120, 1300, -1500), entry(121, 1304, -2500)};
        QVERIFY(ReconciliationMatcher().match(lines, far).isEmpty());
        MatcherSettings wider;
        wider.groupWindowDays = 4;
        QCOMPARE(ReconciliationMatcher(wider).match(lines, far).size(), 1);
    }

    void ambiguousGroupsScoreLower()
    {
        const QList<MatchStatementLine> lines {line(1, 1400, 3000)};
        const auto clear = ReconciliationMatcher().match(lines, {entry(130, 1400, 1000), entry(131, 1400, 2000)});
        const auto ambiguous = ReconciliationMatcher().match(
            lines, {entry(130, 1400, 1000), entry(131, 1400, 2000), entry(132, 1400, 500), entry(133, 1400, 2500)});
        QCOMPARE(clear.size(), 1);
        QCOMPARE(ambiguous.size(), 1);
        QVERIFY(ambiguous.first().score < clear.first().score);
        QVERIFY(ambiguous.first().reason.contains(QStringLiteral("other combinations")));
        // Deterministic: the same choice every time, whatever the order of the input.
        QCOMPARE(ambiguous.first().book, (QList<qint64> {132, 133}));
    }

    void boundedOnAdversarialInput()
    {
        // 3,000 identical entries of 1.00 on one day and a line of 3.00: there are billions of
        // triples. The search is capped and still returns one, flagged as ambiguous.
        QList<MatchBookEntry> book;
        for (int i = 0; i < 3000; ++i) {
            book.append(entry(1000 + i, 1500, 100));
        }
        const auto matches = ReconciliationMatcher().match({line(1, 1500, 300)}, book);
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches.first().book.size(), 3);
        QVERIFY(matches.first().reason.contains(QStringLiteral("other combinations")));
    }

    void largeMixedRunIsConsistentAndOrderIndependent()
    {
        // A statement derived from a book: copies, shifted copies, split lines, missing items.
        QRandomGenerator rng(4711);
        QList<MatchBookEntry> book;
        QList<MatchStatementLine> lines;
        qint64 nextId = 1;
        int lineNo = 0;
        for (int i = 0; i < 3000; ++i) {
            const qint64 day = 20000 + i / 50;
            const qint64 amount = (rng.bounded(2) ? 1 : -1) * (100 + qint64(rng.bounded(1'000'000)));
            const int kind = int(rng.bounded(100));
            if (kind < 80) {
                book.append(entry(nextId++, day, amount));
                lines.append(line(++lineNo, day + (kind < 70 ? 0 : 1 + kind % 2), amount));
            } else if (kind < 88) {
                const qint64 part = amount / 3;
                book.append(entry(nextId++, day, part));
                book.append(entry(nextId++, day, amount - part));
                lines.append(line(++lineNo, day, amount));
            } else if (kind < 94) {
                book.append(entry(nextId++, day, amount));
            } else {
                lines.append(line(++lineNo, day, amount));
            }
        }
        const auto matches = ReconciliationMatcher().match(lines, book);
        QVERIFY(nothingTwice(matches));
        int covered = 0;
        for (const ReconciliationMatch& m : matches) {
            covered += int(m.statement.size());
            // Every match balances exactly (the default tolerance is zero).
            qint64 s = 0, b = 0;
            for (const StatementLineKey& k : m.statement) {
                s += std::find_if(lines.cbegin(), lines.cend(), [&](const MatchStatementLine& l) {
                         return l.key == k;
                     })->amountMicros;
            }
            for (qint64 id : m.book) {
                b += book.at(id - 1).amountMicros;
            }
            QCOMPARE(s, b);
        }
        QVERIFY2(covered > int(lines.size()) * 9 / 10,
                 qPrintable(QStringLiteral("%1 of %2").arg(covered).arg(lines.size())));

        QList<MatchStatementLine> shuffledLines = lines;
        QList<MatchBookEntry> shuffledBook = book;
        std::shuffle(shuffledLines.begin(), shuffledLines.end(), rng);
        std::shuffle(shuffledBook.begin(), shuffledBook.end(), rng);
        QCOMPARE(describe(ReconciliationMatcher().match(shuffledLines, shuffledBook)), describe(matches));
    }

    void wordsAreFoldedSortedAndUnique()
    {
        QCOMPARE(ReconciliationMatcher::wordsOf(u"AMAZON  EU S.a.r.L, amazon Payments 42"),
                 (QStringList {QStringLiteral("amazon"), QStringLiteral("payments")}));
    }
};

QTEST_GUILESS_MAIN(TestReconciliationMatcher)
#include "TestReconciliationMatcher.moc"
