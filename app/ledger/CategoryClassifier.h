#pragma once

#include "CategoryRules.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace flowlet {

// Proposes a category for a transaction from the categories its user gave earlier ones: a
// multinomial naive Bayes classifier over the transaction's words, its counterparty, its amount
// band (sign and order of magnitude), merchant category code, bank transaction code and channel.
// Counts only, so learning and forgetting one transaction are cheap and exact. Pure memory, no
// SQL, not thread-safe (Categorisation guards the shared instance).
class CategoryClassifier final
{
public:
    struct Proposal
    {
        qint64 categoryId = 0;
        int confidence = 0; // 0..100, see propose()
        QStringList evidence; // up to three features that spoke most for it, strongest first ("rewe", "MCC 5411")
    };

    // The features of a transaction, each prefixed with its kind ("w:" word of the description,
    // "c:" whole counterparty, "p:" counterparty word, "a:" amount band, "m:" merchant category,
    // "b:" bank transaction code, "h:" channel); each feature at most once.
    static QStringList features(const CategorisableFields& fields);
    // Sign and digits of the whole units: "-3" is an outgoing 100 to 999.99, "+0" incoming below 1.
    static QString amountBand(qint64 micros);
    // How a feature is shown to people in a "why" text.
    static QString describe(const QString& feature);

    void learn(const CategorisableFields& fields, qint64 categoryId);
    // Takes back one learn() of the same fields and category (a corrected categorisation). Only
    // for what was learned: counts cannot tell one transaction's features from another's.
    void forget(const CategorisableFields& fields, qint64 categoryId);

    // The most probable category, or nothing when no feature of the transaction was ever seen.
    std::optional<Proposal> propose(const CategorisableFields& fields) const;

    qint64 examples() const { return m_examples; }
    qsizetype vocabularySize() const { return m_features.size(); }
    void clear();

private:
    int indexOf(qint64 categoryId);
    void count(const QStringList& features, int category, int delta);

    // Per feature: (category index, how many examples of that category had it), only non-zero.
    using Counts = std::vector<std::pair<int, qint32>>;
    QHash<QString, Counts> m_features;
    QList<qint64> m_categories; // index -> category id
    QHash<qint64, int> m_categoryIndex; // category id -> index
    std::vector<qint64> m_examplesOf; // per category index: examples learned
    std::vector<qint64> m_featuresOf; // per category index: feature occurrences learned
    qint64 m_examples = 0;
};

} // namespace flowlet
