#include "ErrorLog.h"

#include "core/Clock.h"
#include "db/Database.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace flowlet {

namespace {

bool passesLuhn(const QString& digits)
{
    int sum = 0;
    bool twice = false;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        int d = digits.at(i).digitValue();
        if (twice) {
            d *= 2;
            if (d > 9) {
                d -= 9;
            }
        }
        sum += d;
        twice = !twice;
    }
    return sum % 10 == 0;
}

// Replaces every match of re by what `replacement` makes of it.
template <typename Fn>
QString replaceEach(const QString& text, const QRegularExpression& re, Fn replacement)
{
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += replacement(m);
        last = m.capturedEnd();
    }
    if (last == 0) {
        return text;
    }
    out += QStringView(text).mid(last);
    return out;
}

QString levelOrWarning(const QString& level)
{
    static const QStringList known = {QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                                      QStringLiteral("critical"), QStringLiteral("fatal")};
    return known.contains(level) ? level : QStringLiteral("warning");
}

} // namespace

QString ErrorLog::redact(const QString& text)
{
    using RE = QRegularExpression;
    // The Authorization header's whole value (scheme and credentials).
    static const RE authorization(QStringLiteral(R"re((?i)\b((?:proxy-)?authorization\s*[:=]\s*)[^\r\n,;]*)re"));
    static const RE bearer(QStringLiteral(R"re((?i)\bbearer\s+[A-Za-z0-9._~+/=-]+)re"));
    // key=value, key: value and "key": "value" for names that carry secrets.
    static const RE keyed(QStringLiteral(
        R"re((?i)\b((?:[a-z_-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|totp))"?\s*[:=]\s*"?)([^\s&,;"']+))re"));
    static const RE card(QStringLiteral(R"re((?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-]))re"));

    QString out = replaceEach(text, authorization, [](const QRegularExpressionMatch& m) {
        return m.captured(1) + QStringLiteral("[redacted]");
    });
    out = replaceEach(out, bearer, [](const QRegularExpressionMatch&) { return QStringLiteral("Bearer [redacted]"); });
    out = replaceEach(out, keyed, [](const QRegularExpressionMatch& m) {
        return m.captured(1) + QStringLiteral("[redacted]");
    });
    out = replaceEach(out, card, [](const QRegularExpressionMatch& m) {
        QString digits = m.captured(0);
        digits.remove(u' ').remove(u'-');
        return digits.size() >= 13 && digits.size() <= 19 && passesLuhn(digits) ? QStringLiteral("[card]")
                                                                                 : m.captured(0);
    });
    return out;
}

QString ErrorLog::normalise(const QString& message)
{
    using RE = QRegularExpression;
    struct Rule
    {
        RE re;
        QString placeholder;
    };
    // Order matters: whole things (UUIDs, addresses, quoted text) before the numbers inside them.
    static const std::vector<Rule> rules = [] {
        std::vector<Rule> r;
        auto add = [&r](const char* pattern, const char* placeholder) {
            r.push_back({RE(QString::fromUtf8(pattern)), QString::fromUtf8(placeholder)});
        };
        add(R"re(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)re", "<uuid>");
        add(R"re(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'"]+)re", "<url>");
        add(R"re([\w.+-]+@[\w-]+(?:\.[\w-]+)+)re", "<email>");
        add(R"re("[^"]*"|'[^']*'|“[^”]*”|«[^»]*»)re", "<str>");
        add(R"re((?<![\w.<>])(?:[A-Za-z]:[\\/]|~?/)[^\s'",;()\[\]]+)re", "<path>");
        add(R"re(\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b)re", "<ip>");
        add(R"re(\b0[xX][0-9a-fA-F]+\b)re", "<hex>");
        add(R"re(\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\b)re", "<hex>");
        add(R"re(\d+(?:[.,]\d+)*)re", "<n>");
        add(R"re(\s+)re", " ");
        return r;
    }();
    QString out = message;
    for (const Rule& rule : rules) {
        out.replace(rule.re, rule.placeholder);
    }
    return out.trimmed();
}

QString ErrorLog::fingerprint(const QString& category, const QString& message)
{
    const QByteArray text = category.toUtf8() + '\x1f' + normalise(message).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
}

ErrorEntry ErrorLog::sanitised(ErrorEntry entry)
{
    entry.level = levelOrWarning(entry.level);
    entry.category = redact(entry.category).left(kMaxCategory);
    entry.message = redact(entry.message).left(kMaxMessage);
    entry.context = redact(entry.context).left(kMaxContext);
    entry.requestId = entry.requestId.left(kMaxRequestId);
    return entry;
}

Result<bool> ErrorLog::write(Database& db, const ErrorEntry& raw)
{
    const ErrorEntry e = sanitised(raw);
    const QString print = fingerprint(e.category, e.message);
    const QVariant user = e.userId ? QVariant(*e.userId) : QVariant(QMetaType::fromType<qint64>());
    const QVariant context = e.context.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(e.context);
    const QVariant request = e.requestId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(e.requestId);
    if (db.dialect().isPostgres()) {
        auto q = db.exec(QStringLiteral("SELECT flowlet_auth.record_error(?, ?, ?, ?, ?, ?, ?)"),
                         {e.level, e.category, e.message, print, context, request, user});
        if (!q) {
            return q.error();
        }
        return q->next() && q->value(0).toBool();
    }
    const QDateTime at = e.at.isValid() ? e.at : Clock::now();
    auto q = db.exec(QStringLiteral("INSERT INTO error_log (at, level, category, message, fingerprint, context, user_id, "
                                    "request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                     {db.dialect().timestampValue(at), e.level, e.category, e.message, print, context, user, request});
    if (!q) {
        return q.error();
    }
    return true;
}

} // namespace flowlet
