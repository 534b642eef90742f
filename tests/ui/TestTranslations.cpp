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
        static const QRegularExpression placeholder(QStringLiteral("%(\\d|n)"));
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
            auto placeholders = [](const QString& text) {
                QStringList found;
                for (auto it = placeholder.globalMatch(text); it.hasNext();) {
                    found << it.next().captured();
                }
                found.sort();
                return found;
            };
            // Plural messages carry one form per grammatical number; each must keep the placeholders.
            QStringList forms;
            const QDomNodeList numerus = translation.elementsByTagName(QStringLiteral("numerusform"));
            for (int n = 0; n < numerus.count(); ++n) {
                forms << numerus.at(n).toElement().text();
            }
            if (forms.isEmpty()) {
                forms << translation.text();
            }
            for (const QString& form : std::as_const(forms)) {
                QVERIFY2(!form.isEmpty(), qPrintable(QStringLiteral("empty plural form: ") + source));
                QVERIFY2(placeholders(form) == placeholders(source),
                         qPrintable(QStringLiteral("placeholders differ: ") + source));
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("untranslated: ") + missing.join(QStringLiteral(" | "))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
