#pragma once

#include "core/Result.h"
#include "db/Database.h"

#include <QList>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace flowlet {

// The fields of a transaction (or statement line) that rules and the classifier look at.
struct CategorisableFields
{
    QString description;
    QString counterparty;
    QString counterpartyAccount;
    QString reference;
    QString bankTxCode;
    QString merchantCategory;
    qint64 amountMicros = 0;
    QString channel; // card, sepa, atm, ... (transactions.channel); the classifier's, no rule field
};

struct CategoryRule
{
    qint64 id = 0;
    QString name;
    QString field;      // description, counterparty, counterparty_account, reference, bank_tx_code,
                        // merchant_category, amount
    QString condition;  // equals, contains, starts_with, regex, between
    QString value;      // for "between": "low..high" in canonical decimal text, either side may be empty
    qint64 categoryId = 0;
    int priority = 100; // lower runs first
};

// The user's categorisation rules, compiled once: the first rule (by priority, then age) that
// matches decides. Text conditions ignore case.
class CategoryRules final
{
public:
    static Result<CategoryRules> load(Database& db);
    // The enabled rules as stored, in the order they run.
    static Result<QList<CategoryRule>> list(Database& db);
    static Result<CategoryRules> fromRules(QList<CategoryRule> rules);

    static bool isKnownField(const QString& field);
    static bool isKnownCondition(const QString& condition);

    // The matching rule's category, if any.
    std::optional<qint64> categorise(const CategorisableFields& fields) const;
    // The rule that decides, if any (for a "why" text).
    const CategoryRule* match(const CategorisableFields& fields) const;
    qsizetype size() const { return m_rules.size(); }

private:
    struct Compiled
    {
        CategoryRule rule;
        QString folded;            // lower-cased value for the text conditions
        QRegularExpression regex;
        std::optional<qint64> low;
        std::optional<qint64> high;
    };
    static bool matches(const Compiled& c, const CategorisableFields& f);

    QList<Compiled> m_rules;
};

} // namespace flowlet
