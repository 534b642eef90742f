#include "CategoryClassifier.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace flowlet {

namespace {

// Laplace smoothing: every feature counts as seen once more in every category than it was.
constexpr double kAlpha = 1.0;

// The features of one transaction are far from independent (the counterparty's words are also
// the description's, a merchant code goes with its merchant), and naive Bayes multiplies them as
// if they were, so its raw posterior is near 100 % for almost anything. The evidence is scaled
// down as if a transaction carried about this many independent observations (what / who, how
// much, how paid) — temperature scaling, tuned so that the confidence reads as an accuracy on
// held-back demo data (tests/bench/bench_categoriser.sh prints the check).
constexpr double kIndependentEvidence = 3.0;

// Lower case without accents, split at everything that is not a letter or digit. Tokens of one
// character and tokens with digits longer than four (dates, ids, account numbers) say nothing
// about a category and only grow the vocabulary.
QStringList words(const QString& text)
{
    QStringList out;
    if (text.isEmpty()) {
        return out;
    }
    const QString folded = text.normalized(QString::NormalizationForm_KD).toCaseFolded();
    QString current;
    bool digits = false;
    const auto flush = [&] {
        if (current.size() >= 2 && !(digits && current.size() > 4)) {
            out.append(current);
        }
        current.clear();
        digits = false;
    };
    for (QChar ch : folded) {
        if (ch.isLetterOrNumber()) {
            current += ch;
            digits = digits || ch.isDigit();
        } else if (ch.category() != QChar::Mark_NonSpacing) {
            flush();
        }
    }
    flush();
    return out;
}

// 10^n for the amount band's description.
QString powerOfTen(int n)
{
    return u'1' + QString(n, u'0');
}

} // namespace

QString CategoryClassifier::amountBand(qint64 micros)
{
    // Whole units' digits, counted without floating point: 0 below one unit, 3 for 100..999.99.
    quint64 units = (micros < 0 ? 0 - quint64(micros) : quint64(micros)) / 1'000'000u;
    int digits = 0;
    while (units > 0) {
        ++digits;
        units /= 10;
    }
    return (micros < 0 ? QStringLiteral("-") : QStringLiteral("+")) + QString::number(digits);
}

QStringList CategoryClassifier::features(const CategorisableFields& fields)
{
    QStringList out;
    QSet<QString> seen;
    const auto add = [&](const QString& feature) {
        if (!seen.contains(feature)) {
            seen.insert(feature);
            out.append(feature);
        }
    };
    // Each feature at most once ("binarised" multinomial naive Bayes): a word repeated in a short
    // bank text is not more evidence, and it would make the confidence swing.
    for (const QString& w : words(fields.description)) {
        add(QStringLiteral("w:") + w);
    }
    const QStringList party = words(fields.counterparty);
    if (!party.isEmpty()) {
        add(QStringLiteral("c:") + party.join(u' '));
        for (const QString& w : party) {
            add(QStringLiteral("p:") + w);
        }
    }
    add(QStringLiteral("a:") + amountBand(fields.amountMicros));
    if (const QString mcc = fields.merchantCategory.trimmed(); !mcc.isEmpty()) {
        add(QStringLiteral("m:") + mcc);
    }
    if (const QString code = fields.bankTxCode.trimmed().toUpper(); !code.isEmpty()) {
        add(QStringLiteral("b:") + code);
    }
    if (const QString channel = fields.channel.trimmed().toLower(); !channel.isEmpty()) {
        add(QStringLiteral("h:") + channel);
    }
    return out;
}

QString CategoryClassifier::describe(const QString& feature)
{
    const QString value = feature.mid(2);
    switch (feature.isEmpty() ? u' ' : feature.front().unicode()) {
    case u'a': {
        const QString direction = value.startsWith(u'-') ? QStringLiteral("outgoing") : QStringLiteral("incoming");
        const int digits = value.mid(1).toInt();
        if (digits == 0) {
            return QStringLiteral("%1 amount under 1").arg(direction);
        }
        return QStringLiteral("%1 amount %2–%3").arg(direction, powerOfTen(digits - 1), QString(digits, u'9'));
    }
    case u'm':
        return QStringLiteral("MCC %1").arg(value);
    case u'b':
        return QStringLiteral("bank code %1").arg(value);
    case u'h':
        return QStringLiteral("channel %1").arg(value);
    default:
        return value;
    }
}

int CategoryClassifier::indexOf(qint64 categoryId)
{
    auto it = m_categoryIndex.constFind(categoryId);
    if (it != m_categoryIndex.constEnd()) {
        return it.value();
    }
    const int index = int(m_categories.size());
    m_categories.append(categoryId);
    m_categoryIndex.insert(categoryId, index);
    m_examplesOf.push_back(0);
    m_featuresOf.push_back(0);
    return index;
}

void CategoryClassifier::count(const QStringList& features, int category, int delta)
{
    for (const QString& f : features) {
        auto it = m_features.find(f);
        if (it == m_features.end()) {
            if (delta < 0) {
                continue;
            }
            it = m_features.insert(f, {});
        }
        Counts& counts = it.value();
        auto entry = std::find_if(counts.begin(), counts.end(), [&](const auto& e) { return e.first == category; });
        if (entry == counts.end()) {
            if (delta < 0) {
                continue;
            }
            counts.emplace_back(category, 0);
            entry = counts.end() - 1;
        }
        entry->second += delta;
        m_featuresOf[size_t(category)] += delta;
        if (entry->second <= 0) {
            counts.erase(entry);
            if (counts.empty()) {
                m_features.erase(it);
            }
        }
    }
}

void CategoryClassifier::learn(const CategorisableFields& fields, qint64 categoryId)
{
    if (categoryId <= 0) {
        return;
    }
    const int c = indexOf(categoryId);
    count(features(fields), c, +1);
    ++m_examplesOf[size_t(c)];
    ++m_examples;
}

void CategoryClassifier::forget(const CategorisableFields& fields, qint64 categoryId)
{
    auto it = m_categoryIndex.constFind(categoryId);
    if (it == m_categoryIndex.constEnd() || m_examplesOf[size_t(it.value())] == 0) {
        return;
    }
    const int c = it.value();
    count(features(fields), c, -1);
    --m_examplesOf[size_t(c)];
    --m_examples;
}

std::optional<CategoryClassifier::Proposal> CategoryClassifier::propose(const CategorisableFields& fields) const
{
    if (m_examples == 0) {
        return std::nullopt;
    }
    // Features never seen in any category are left out: under smoothing they would only favour
    // the categories with few examples.
    QStringList known;
    std::vector<const Counts*> countsOf;
    for (const QString& f : features(fields)) {
        auto it = m_features.constFind(f);
        if (it != m_features.constEnd()) {
            known.append(f);
            countsOf.push_back(&it.value());
        }
    }
    if (known.isEmpty()) {
        return std::nullopt;
    }
    const size_t categories = size_t(m_categories.size());
    const double vocabulary = double(m_features.size());
    const double k = double(known.size());
    // log P(f | c) = log(n(f,c) + a) - log(N(c) + a V): the denominator part for every category
    // first, then the counts of the categories that have seen each feature.
    std::vector<double> denominator(categories);
    std::vector<double> likelihood(categories);
    for (size_t c = 0; c < categories; ++c) {
        denominator[c] = std::log(double(m_featuresOf[c]) + kAlpha * vocabulary);
        likelihood[c] = k * (std::log(kAlpha) - denominator[c]);
    }
    for (const Counts* counts : countsOf) {
        for (const auto& [c, n] : *counts) {
            likelihood[size_t(c)] += std::log(double(n) + kAlpha) - std::log(kAlpha);
        }
    }
    const double temperature = std::max(1.0, k / kIndependentEvidence);
    std::vector<double> score(categories, -INFINITY);
    const double examples = double(m_examples);
    for (size_t c = 0; c < categories; ++c) {
        if (m_examplesOf[c] == 0) {
            continue; // every example of it was taken back
        }
        const double prior = std::log((double(m_examplesOf[c]) + kAlpha) / (examples + kAlpha * double(categories)));
        score[c] = prior + likelihood[c] / temperature;
    }
    size_t best = 0;
    for (size_t c = 1; c < categories; ++c) {
        if (score[c] > score[best]) {
            best = c;
        }
    }
    // The posterior of the best category: softmax of the scaled log scores.
    double sum = 0;
    std::optional<size_t> runnerUp;
    for (size_t c = 0; c < categories; ++c) {
        if (std::isinf(score[c])) {
            continue;
        }
        sum += std::exp(score[c] - score[best]);
        if (c != best && (!runnerUp || score[c] > score[*runnerUp])) {
            runnerUp = c;
        }
    }
    Proposal out;
    out.categoryId = m_categories.at(qsizetype(best));
    // 100 is left to rules, which decide rather than guess.
    out.confidence = std::clamp(int(std::floor(100.0 / sum)), 0, 99);

    // Evidence: the features whose likelihood favours the best category over the runner-up most.
    const auto logLikelihood = [&](const Counts* counts, size_t c) {
        qint32 n = 0;
        for (const auto& [category, count] : *counts) {
            if (size_t(category) == c) {
                n = count;
            }
        }
        return std::log(double(n) + kAlpha) - denominator[c];
    };
    std::vector<std::pair<double, qsizetype>> weights;
    for (qsizetype i = 0; i < known.size(); ++i) {
        const double w = logLikelihood(countsOf[size_t(i)], best) -
            (runnerUp ? logLikelihood(countsOf[size_t(i)], *runnerUp) : std::log(kAlpha) - denominator[best]);
        if (w > 0) {
            weights.emplace_back(w, i);
        }
    }
    std::stable_sort(weights.begin(), weights.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [w, i] : weights) {
        const QString shown = describe(known.at(i));
        if (!out.evidence.contains(shown)) {
            out.evidence.append(shown);
        }
        if (out.evidence.size() == 3) {
            break;
        }
    }
    return out;
}

void CategoryClassifier::clear()
{
    m_features.clear();
    m_categories.clear();
    m_categoryIndex.clear();
    m_examplesOf.clear();
    m_featuresOf.clear();
    m_examples = 0;
}

} // namespace flowlet
