#include "api/ApiJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace flowlet;
using namespace flowlet::api;

// The list endpoint writes its JSON by hand for speed: what it writes must read back exactly as
// what Qt's own JSON writer would have said.
class TestApiJson : public QObject
{
    Q_OBJECT

private:
    static QString readBack(const QByteArray& json)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson("[" + json + "]", &error);
        if (error.error != QJsonParseError::NoError) {
            return QStringLiteral("<invalid JSON: %1>").arg(error.errorString());
        }
        return doc.array().at(0).toString();
    }

private Q_SLOTS:
    void stringsRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("plain") << QStringLiteral("Coffee Bar 12");
        QTest::newRow("quotes and backslash") << QStringLiteral("say \"hi\" \\ bye");
        QTest::newRow("control characters") << QStringLiteral("tab\there\nnew\rline\x01\x1f");
        QTest::newRow("two-byte UTF-8") << QStringLiteral("Müller Straße Ω");
        QTest::newRow("three-byte UTF-8") << QStringLiteral("€ 5 — ₹ 7 漢字");
        QTest::newRow("surrogate pair") << QString::fromUcs4(U"emoji 💶 and 𝄞");
        QTest::newRow("HTML stays text") << QStringLiteral("</script><b>&amp;</b>");
    }

    void stringsRoundTrip()
    {
        QFETCH(QString, text);
        QByteArray out("prefix");
        appendJsonString(out, text);
        QVERIFY(out.startsWith("prefix\""));
        QCOMPARE(readBack(out.mid(6)), text);
        // Control characters never travel raw.
        for (const char c : out) {
            QVERIFY(static_cast<unsigned char>(c) >= 0x20);
        }
    }

    void loneSurrogateBecomesReplacementCharacter()
    {
        QString broken = QStringLiteral("a");
        broken += QChar(0xd800);
        broken += QStringLiteral("b");
        QByteArray out;
        appendJsonString(out, broken);
        QCOMPARE(readBack(out), QStringLiteral("a\uFFFDb"));
    }

    void timestampsAndDatesMatchTheirTextForms()
    {
        const QList<QDateTime> times = {
            QDateTime(QDate(2026, 9, 30), QTime(9, 16, 5, 7), Qt::UTC),
            QDateTime(QDate(1999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC),
            QDateTime(QDate(2026, 3, 29), QTime(3, 30), QTimeZone("Europe/Berlin")),
            QDateTime(QDate(12345, 1, 1), QTime(0, 0), Qt::UTC), // outside the fixed layout
            QDateTime(),
        };
        for (const QDateTime& t : times) {
            QByteArray out;
            appendJsonTimestamp(out, t);
            QCOMPARE(readBack(out), timestampText(t));
        }
        QByteArray berlin;
        appendJsonTimestamp(berlin, times.at(2));
        QCOMPARE(berlin, QByteArray("\"2026-03-29T01:30:00.000Z\""));
        for (const QDate& d : {QDate(2026, 2, 28), QDate(1, 1, 1), QDate(10000, 1, 1), QDate()}) {
            QByteArray out;
            appendJsonDate(out, d);
            QCOMPARE(readBack(out), dateText(d));
        }
    }
};

QTEST_GUILESS_MAIN(TestApiJson)
#include "TestApiJson.moc"
