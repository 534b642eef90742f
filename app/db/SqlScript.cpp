#include "SqlScript.h"

#include <QRegularExpression>

namespace flowlet {

namespace {

QString keepDialect(const QString& script, Backend backend)
{
    static const QRegularExpression marker(QStringLiteral(R"(^\s*--\s*@dialect\s+(\w+)\s*$)"));
    const QString mine = backend == Backend::PostgreSql ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
    QString out;
    bool keep = true;
    const auto lines = script.split(u'\n');
    for (const QString& line : lines) {
        const auto m = marker.match(line);
        if (m.hasMatch()) {
            const QString which = m.captured(1).toLower();
            keep = which == QStringLiteral("all") || which == mine;
            out += u'\n'; // keep line numbers stable for error messages
            continue;
        }
        out += keep ? line : QString();
        out += u'\n';
    }
    return out;
}

bool startsTrigger(const QString& statementSoFar)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*CREATE\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER\b)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(statementSoFar).hasMatch();
}

bool endsWithEndKeyword(const QString& text)
{
    static const QRegularExpression re(QStringLiteral(R"(\bEND\s*$)"), QRegularExpression::CaseInsensitiveOption);
    return re.match(text).hasMatch();
}

} // namespace

QStringList SqlScript::split(const QString& script, Backend backend)
{
    const QString s = keepDialect(script, backend);
    QStringList statements;
    QString current;
    const qsizetype n = s.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = s.at(i);
        // -- comment to end of line
        if (c == u'-' && i + 1 < n && s.at(i + 1) == u'-') {
            while (i < n && s.at(i) != u'\n') {
                ++i;
            }
            continue;
        }
        // quoted string or identifier
        if (c == u'\'' || c == u'"') {
            const QChar quote = c;
            current += c;
            ++i;
            while (i < n) {
                current += s.at(i);
                if (s.at(i) == quote) {
                    if (i + 1 < n && s.at(i + 1) == quote) {
                        current += s.at(i + 1);
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            continue;
        }
        // $tag$ ... $tag$
        if (c == u'$') {
            qsizetype j = i + 1;
            while (j < n && (s.at(j).isLetterOrNumber() || s.at(j) == u'_')) {
                ++j;
            }
            if (j < n && s.at(j) == u'$') {
                const QString tag = s.mid(i, j - i + 1);
                const qsizetype end = s.indexOf(tag, j + 1);
                const qsizetype stop = end < 0 ? n : end + tag.size();
                current += s.mid(i, stop - i);
                i = stop;
                continue;
            }
        }
        if (c == u';') {
            if (backend == Backend::Sqlite && startsTrigger(current) && !endsWithEndKeyword(current)) {
                current += c;
                ++i;
                continue;
            }
            const QString stmt = current.trimmed();
            if (!stmt.isEmpty()) {
                statements << stmt;
            }
            current.clear();
            ++i;
            continue;
        }
        current += c;
        ++i;
    }
    const QString tail = current.trimmed();
    if (!tail.isEmpty()) {
        statements << tail;
    }
    return statements;
}

} // namespace flowlet
