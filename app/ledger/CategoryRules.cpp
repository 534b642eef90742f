#include "CategoryRules.h"

#include "core/Money.h"

#include <algorithm>

namespace flowlet {

namespace {

const QStringList kFields = {
    QStringLiteral("description"),  QStringLiteral("counterparty"),      QStringLiteral("counterparty_account"),
    QStringLiteral("reference"),    QStringLiteral("bank_tx_code"),      QStringLiteral("merchant_category"),
    QStringLiteral("amount"),
};
const QStringList kConditions = {
    QStringLiteral("equals"), QStringLiteral("contains"), QStringLiteral("starts_with"),
    QStringLiteral("regex"),  QStringLiteral("between"),
};

const QString& textOf(const CategorisableFields& f, const QString& field)
{
    static const QString empty;
    if (field == u"description") {
        return f.description;
    }
    if (field == u"counterparty") {
        return f.counterparty;
    }
    if (field == u"counterparty_account") {
        return f.counterpartyAccount;
    }
    if (field == u"reference") {
        return f.reference;
    }
    if (field == u"bank_tx_code") {
        return f.bankTxCode;
    }
    if (field == u"merchant_category") {
        return f.merchantCategory;
    }
    return empty;
}

} // namespace

bool CategoryRules::isKnownField(const QString& field)
{
    return kFields.contains(field);
}

bool CategoryRules::isKnownCondition(const QString& condition)
{
    return kConditions.contains(condition);
}

Result<CategoryRules> CategoryRules::load(Database& db)
{
    auto rules = list(db);
    if (!rules) {
        return rules.error();
    }
    return fromRules(std::move(*rules));
}

Result<QList<CategoryRule>> CategoryRules::list(Database& db)
{
    auto q = db.exec(QStringLiteral("SELECT id, name, field, condition, value, category_id, priority "
                                    "FROM category_rules WHERE enabled = %1 ORDER BY priority, id")
                         .arg(db.dialect().isPostgres() ? QStringLiteral("TRUE") : QStringLiteral("1")));
    if (!q) {
        return q.error();
    }
    QList<CategoryRule> rules;
    while (q->next()) {
        rules.append({q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
                      q->value(3).toString(), q->value(4).toString(), q->value(5).toLongLong(), q->value(6).toInt()});
    }
    return rules;
}

Result<CategoryRules> CategoryRules::fromRules(QList<CategoryRule> rules)
{
    std::stable_sort(rules.begin(), rules.end(),
                     [](const CategoryRule& a, const CategoryRule& b) { return a.priority < b.priority; });
    CategoryRules out;
    for (const CategoryRule& r : rules) {
        if (!isKnownField(r.field) || !isKnownCondition(r.condition)) {
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("rule \"%1\": unknown field \"%2\" or condition \"%3\"")
                             .arg(r.name, r.field, r.condition));
        }
        const bool amountField = r.field == u"amount";
        if (amountField ? !(r.condition == u"between" || r.condition == u"equals") : r.condition == u"between") {
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("rule \"%1\": the amount takes \"equals\" or \"between\"; \"between\" is only "
                                        "for the amount")
                             .arg(r.name));
        }
        Compiled c{r, r.value.toCaseFolded(), {}, {}, {}};
        if (r.condition == u"regex") {
            c.regex = QRegularExpression(r.value, QRegularExpression::CaseInsensitiveOption);
            if (!c.regex.isValid()) {
                return Error(ErrorCode::InvalidArgument, QStringLiteral("rule \"%1\": the pattern is not valid: %2")
                                                             .arg(r.name, c.regex.errorString()));
            }
            c.regex.optimize();
        }
        if (r.field == u"amount") {
            const QStringList bounds = r.condition == u"between" ? r.value.split(QStringLiteral("..")) : QStringList{r.value, r.value};
            if (bounds.size() != 2) {
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("rule \"%1\": an amount range is written low..high").arg(r.name));
            }
            for (int i = 0; i < 2; ++i) {
                if (bounds[i].trimmed().isEmpty()) {
                    continue;
                }
                auto micros = Money::parseMicros(bounds[i]);
                if (!micros) {
                    return micros.error().wrapped(QStringLiteral("rule \"%1\"").arg(r.name));
                }
                (i == 0 ? c.low : c.high) = *micros;
            }
        }
        out.m_rules.append(std::move(c));
    }
    return out;
}

bool CategoryRules::matches(const Compiled& c, const CategorisableFields& f)
{
    if (c.rule.field == u"amount") {
        return (!c.low || f.amountMicros >= *c.low) && (!c.high || f.amountMicros <= *c.high);
    }
    const QString& text = textOf(f, c.rule.field);
    if (c.rule.condition == u"regex") {
        return c.regex.match(text).hasMatch();
    }
    if (c.rule.condition == u"contains") {
        return text.contains(c.folded, Qt::CaseInsensitive);
    }
    if (c.rule.condition == u"starts_with") {
        return text.startsWith(c.folded, Qt::CaseInsensitive);
    }
    return text.compare(c.folded, Qt::CaseInsensitive) == 0;
}

std::optional<qint64> CategoryRules::categorise(const CategorisableFields& fields) const
{
    const CategoryRule* rule = match(fields);
    return rule ? std::optional<qint64>(rule->categoryId) : std::nullopt;
}

const CategoryRule* CategoryRules::match(const CategorisableFields& fields) const
{
    for (const Compiled& c : m_rules) {
        if (matches(c, fields)) {
            return &c.rule;
        }
    }
    return nullptr;
}

} // namespace flowlet
