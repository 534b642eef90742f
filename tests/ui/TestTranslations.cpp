#include <QDomDocument>
#include <QFile>
#include <QtTest>

// The German translation is kept complete: every message that lupdate found has a finished
// translation, and placeholders (%1, %2, …) survive translation.
class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void germanIsComplete()
    {
        QFile file(QStringLiteral(FLOWLET_TS_FILE));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QDomDocument doc;
        QVERIFY(doc.setContent(&file));
        const QDomNodeList messages = doc.elementsByTagName(QStringLiteral("message"));
        QVERIFY2(messages.count() > 50, "the .ts file should hold the application's strings (run lupdate)");
        QStringList missing;
        static const QRegularExpression placeholder(QStringLiteral("%\\d"));
        for (int i = 0; i < messages.count(); ++i) {
            const QDomElement m = messages.at(i).toElement();
            const QString source = m.firstChildElement(QStringLiteral("source")).text();
            const QDomElement translation = m.firstChildElement(QStringLiteral("translation"));
            const QString type = translation.attribute(QStringLiteral("type"));
            if (type == QStringLiteral("vanished") || type == QStringLiteral("obsolete")) {
                continue;
            }
            if (type == QStringLiteral("unfinished") || translation.text().isEmpty()) {
                missing << source;
                continue;
            }
            QStringList want;
            for (auto it = placeholder.globalMatch(source); it.hasNext();) {
                want << it.next().captured();
            }
            QStringList have;
            for (auto it = placeholder.globalMatch(translation.text()); it.hasNext();) {
                have << it.next().captured();
            }
            want.sort();
            have.sort();
            QVERIFY2(want == have, qPrintable(QStringLiteral("placeholders differ: ") + source));
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("untranslated: ") + missing.join(QStringLiteral(" | "))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
