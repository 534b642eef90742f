#include "ReconciliationMatcher.h"

#include "core/Money.h"

#include <QHash>
#include <QScopeGuard>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace flowlet {

namespace {

// Phase 2 keeps this many candidates per line (the closest in amount, then in date): enough for
// any real ambiguity, and it bounds the pairs to sort by the number of lines.
constexpr std::size_t kMaxPairsPerLine = 64;
// Phase 3 looks for groups among this many candidates per target (the closest in date). Going
// from the book to the statement, where every open book entry of the period is a target, groups
// of three or more are looked for among fewer: a pair costs one sweep, a triple one sweep per
// first member ...
constexpr std::size_t kMaxGroupCandidates = 128;
constexpr std::size_t kMaxLargeGroupCandidatesPerBookEntry = 48;
// ... and gives up on a target after this many search steps, and on the whole phase after
// kRunBudget, so that no input can make it exponential or slow; what is left stays unmatched for
// the user.
constexpr qint64 kGroupBudget = 50'000;
constexpr qint64 kRunBudget = 100'000'000;

qint64 absOf(qint64 v)
{
    return v < 0 ? -v : v;
}

// One item of one side in (day, amount) order; `item` is its index in the caller's list.
struct Slot
{
    qint64 day;
    qint64 amount;
    int item;
};

bool slotBefore(const Slot& a, qint64 day, qint64 amount)
{
    return a.day < day || (a.day == day && a.amount < amount);
}

// Both sides are kept sorted by (day, amount, key): a day's entries of one amount range are a
// contiguous run found by binary search, whatever the size of the book.
class SortedSide
{
public:
    template <typename Tie>
    SortedSide(std::vector<Slot> sorted, Tie tieLess)
        : m_slots(std::move(sorted))
    {
        std::sort(m_slots.begin(), m_slots.end(), [&](const Slot& a, const Slot& b) {
            if (a.day != b.day) {
                return a.day < b.day;
            }
            if (a.amount != b.amount) {
                return a.amount < b.amount;
            }
            return tieLess(a.item, b.item);
        });
        m_rank.resize(m_slots.size());
        for (std::size_t i = 0; i < m_slots.size(); ++i) {
            m_rank[std::size_t(m_slots[i].item)] = int(i);
        }
    }

    // The items of `side` not yet used, in the same order: the group phases search only these.
    static SortedSide openPart(const SortedSide& side, const std::vector<bool>& used)
    {
        SortedSide open;
        for (const Slot& s : side.m_slots) {
            if (!used[std::size_t(s.item)]) {
                open.m_slots.push_back(s);
            }
        }
        return open;
    }

    const std::vector<Slot>& order() const { return m_slots; }
    int rankOf(int item) const { return m_rank[std::size_t(item)]; }

    // Slots of `day` with lo <= amount <= hi, as [first, last).
    std::pair<std::size_t, std::size_t> range(qint64 day, qint64 lo, qint64 hi) const
    {
        if (lo > hi) {
            return {0, 0};
        }
        const auto first = std::lower_bound(m_slots.begin(), m_slots.end(), 0,
                                            [&](const Slot& s, int) { return slotBefore(s, day, lo); });
        auto last = first;
        while (last != m_slots.end() && last->day == day && last->amount <= hi) {
            ++last;
        }
        return {std::size_t(first - m_slots.begin()), std::size_t(last - m_slots.begin())};
    }

private:
    SortedSide() = default;

    std::vector<Slot> m_slots;
    std::vector<int> m_rank; // item -> position in m_slots: the canonical order (empty for an open part)
};

int dateScore(qint64 apart, int window)
{
    if (apart == 0 || window <= 0) {
        return 40;
    }
    return int(10 + 30 * (window - std::min<qint64>(apart, window)) / window);
}

int amountScore(qint64 difference, qint64 tolerance)
{
    if (difference == 0 || tolerance <= 0) {
        return 30;
    }
    return int(30 - (20 * MoneyRaw(std::min(difference, tolerance))) / tolerance);
}

// 0..10 by the share of words the two texts have in common.
int textScore(const QStringList& a, const QStringList& b)
{
    return ReconciliationMatcher::wordOverlapPercent(a, b) / 10;
}

bool sameReference(const MatchStatementLine& l, const MatchBookEntry& b)
{
    const auto hit = [](const QString& mine, const QString& theirs) { return !mine.isEmpty() && mine == theirs; };
    return hit(l.reference, b.reference) || hit(l.reference, b.endToEndId) || hit(l.endToEndId, b.endToEndId) ||
        hit(l.endToEndId, b.reference);
}

// Amounts in reasons: plain decimal text, two to six decimals, no currency (the matcher has none).
QString microsText(qint64 micros)
{
    const qint64 whole = absOf(micros) / Money::kUnit;
    QString fraction = QString::number(absOf(micros) % Money::kUnit).rightJustified(Money::kScale, u'0');
    while (fraction.size() > 2 && fraction.endsWith(u'0')) {
        fraction.chop(1);
    }
    return (micros < 0 ? QStringLiteral("-") : QString()) + QString::number(whole) + u'.' + fraction;
}

// A candidate of a group search: a member's absolute amount, its distance in days from the
// single side, and its canonical rank (for ties).
struct Candidate
{
    qint64 absAmount;
    qint64 apart;
    int rank;
    int item;
};

struct GroupFound
{
    std::vector<int> members; // indices into the candidate list
    qint64 maxApart = 0;
    qint64 sumApart = 0;
    int solutions = 0;
};

// Finds the best set of `size` candidates whose absolute amounts add up to `target` exactly.
// Candidates are sorted by ascending amount: members are chosen in that order until two are
// left, and the last two come from one two-pointer sweep. A partial choice whose smallest
// possible completion already exceeds the target ends the loop at that depth.
class GroupSearch
{
public:
    GroupSearch(const std::vector<Candidate>& candidates, qint64 target, qint64& budget)
        : m_c(candidates)
        , m_target(target)
        , m_budget(budget)
    {
        m_prefix.resize(m_c.size() + 1, 0);
        for (std::size_t i = 0; i < m_c.size(); ++i) {
            m_prefix[i + 1] = m_prefix[i] + m_c[i].absAmount;
        }
    }

    GroupFound run(int size)
    {
        m_size = size;
        m_best = {};
        m_chosen.clear();
        if (size >= 2 && int(m_c.size()) >= size) {
            step(0, m_target);
        }
        return m_best;
    }

private:
    void step(std::size_t start, MoneyRaw remaining)
    {
        const int left = m_size - int(m_chosen.size());
        const std::size_t n = m_c.size();
        if (left == 2) {
            pairs(start, remaining);
            return;
        }
        for (std::size_t i = start; i + std::size_t(left) <= n; ++i) {
            if (--m_budget < 0) {
                return;
            }
            // The smallest completion from here on only grows with i.
            if (m_prefix[i + std::size_t(left)] - m_prefix[i] > remaining) {
                return;
            }
            // The largest completion: this one plus the biggest (left - 1).
            if (MoneyRaw(m_c[i].absAmount) + (m_prefix[n] - m_prefix[n - std::size_t(left - 1)]) < remaining) {
                continue;
            }
            m_chosen.push_back(int(i));
            step(i + 1, remaining - m_c[i].absAmount);
            m_chosen.pop_back();
            if (m_budget < 0) {
                return;
            }
        }
    }

    // Every pair in [lo, n) adding up to `target`, equal amounts included.
    void pairs(std::size_t lo, MoneyRaw target)
    {
        if (m_c.size() < lo + 2) {
            return;
        }
        std::size_t j = lo, k = m_c.size() - 1;
        while (j < k) {
            if (--m_budget < 0) {
                return;
            }
            const MoneyRaw sum = MoneyRaw(m_c[j].absAmount) + m_c[k].absAmount;
            if (sum < target) {
                ++j;
            } else if (sum > target) {
                --k;
            } else if (m_c[j].absAmount == m_c[k].absAmount) {
                for (std::size_t p = j; p < k; ++p) {
                    for (std::size_t q = p + 1; q <= k; ++q) {
                        if (!pair(p, q)) {
                            return;
                        }
                    }
                }
                return;
            } else {
                std::size_t jEnd = j, kStart = k;
                while (m_c[jEnd + 1].absAmount == m_c[j].absAmount) {
                    ++jEnd;
                }
                while (m_c[kStart - 1].absAmount == m_c[k].absAmount) {
                    --kStart;
                }
                for (std::size_t p = j; p <= jEnd; ++p) {
                    for (std::size_t q = kStart; q <= k; ++q) {
                        if (!pair(p, q)) {
                            return;
                        }
                    }
                }
                j = jEnd + 1;
                k = kStart - 1;
            }
        }
    }

    bool pair(std::size_t p, std::size_t q)
    {
        if (--m_budget < 0) {
            return false;
        }
        m_chosen.push_back(int(p));
        m_chosen.push_back(int(q));
        record();
        m_chosen.pop_back();
        m_chosen.pop_back();
        return true;
    }

    void record()
    {
        qint64 maxApart = 0, sumApart = 0;
        for (int i : m_chosen) {
            maxApart = std::max(maxApart, m_c[std::size_t(i)].apart);
            sumApart += m_c[std::size_t(i)].apart;
        }
        ++m_best.solutions;
        const bool better = m_best.members.empty() || maxApart < m_best.maxApart ||
            (maxApart == m_best.maxApart && sumApart < m_best.sumApart) ||
            (maxApart == m_best.maxApart && sumApart == m_best.sumApart && ranksBefore());
        if (better) {
            const int solutions = m_best.solutions;
            m_best = {std::vector<int>(m_chosen.begin(), m_chosen.end()), maxApart, sumApart, solutions};
        }
    }

    bool ranksBefore() const
    {
        std::vector<int> mine, theirs;
        for (int i : m_chosen) {
            mine.push_back(m_c[std::size_t(i)].rank);
        }
        for (int i : m_best.members) {
            theirs.push_back(m_c[std::size_t(i)].rank);
        }
        std::sort(mine.begin(), mine.end());
        std::sort(theirs.begin(), theirs.end());
        return mine < theirs;
    }

    const std::vector<Candidate>& m_c;
    std::vector<MoneyRaw> m_prefix;
    MoneyRaw m_target;
    qint64& m_budget;
    int m_size = 2;
    std::vector<int> m_chosen;
    GroupFound m_best;
};

// The state of one run: both sides sorted, what is used, the words computed so far.
class Run
{
public:
    Run(const MatcherSettings& settings, const QList<MatchStatementLine>& lines, const QList<MatchBookEntry>& book)
        : m_s(settings)
        , m_lines(lines)
        , m_book(book)
        , m_lineSide(slotsOf(lines), [&](int a, int b) { return lines.at(a).key < lines.at(b).key; })
        , m_bookSide(slotsOf(book), [&](int a, int b) { return book.at(a).id < book.at(b).id; })
        , m_lineUsed(std::size_t(lines.size()), false)
        , m_bookUsed(std::size_t(book.size()), false)
        , m_lineWords(std::size_t(lines.size()))
        , m_lineWordsDone(std::size_t(lines.size()), false)
    {
        m_s.dateToleranceDays = std::max(0, m_s.dateToleranceDays);
        m_s.amountToleranceMicros = std::max<qint64>(0, m_s.amountToleranceMicros);
        m_s.maxGroupSize = std::clamp(m_s.maxGroupSize, 1, 8);
        m_s.groupWindowDays = std::max(0, m_s.groupWindowDays);
    }

    QList<ReconciliationMatch> run()
    {
        exactByLink();
        exactByBankId();
        exactByAmountAndDay();
        withinTolerance();
        if (m_s.maxGroupSize >= 2) {
            m_openBook.emplace(SortedSide::openPart(m_bookSide, m_bookUsed));
            m_openLines.emplace(SortedSide::openPart(m_lineSide, m_lineUsed));
            oneToMany();
            manyToOne();
        }
        return m_out;
    }

private:
    template <typename T>
    static std::vector<Slot> slotsOf(const QList<T>& items)
    {
        std::vector<Slot> out;
        out.reserve(std::size_t(items.size()));
        for (qsizetype i = 0; i < items.size(); ++i) {
            out.push_back({items.at(i).day, items.at(i).amountMicros, int(i)});
        }
        return out;
    }

    const QStringList& lineWords(int i)
    {
        if (!m_lineWordsDone[std::size_t(i)]) {
            m_lineWords[std::size_t(i)] = ReconciliationMatcher::wordsOf(m_lines.at(i).text);
            m_lineWordsDone[std::size_t(i)] = true;
        }
        return m_lineWords[std::size_t(i)];
    }

    // Only the few book entries that get scored are ever split into words.
    const QStringList& bookWords(int i)
    {
        auto it = m_bookWords.find(i);
        if (it == m_bookWords.end()) {
            it = m_bookWords.emplace(i, ReconciliationMatcher::wordsOf(m_book.at(i).text)).first;
        }
        return it->second;
    }

    void take(MatchKind kind, int score, const QString& reason, std::vector<int> lines, std::vector<int> entries)
    {
        ReconciliationMatch m;
        m.kind = kind;
        m.score = std::clamp(score, 0, 100);
        m.reason = reason;
        for (int l : lines) {
            m_lineUsed[std::size_t(l)] = true;
            m.statement.append(m_lines.at(l).key);
        }
        for (int b : entries) {
            m_bookUsed[std::size_t(b)] = true;
            m.book.append(m_book.at(b).id);
        }
        std::sort(m.statement.begin(), m.statement.end());
        std::sort(m.book.begin(), m.book.end());
        m_out.append(std::move(m));
    }

    void exactByLink()
    {
        QHash<qint64, int> wanted;
        for (const Slot& s : m_lineSide.order()) {
            const qint64 id = m_lines.at(s.item).linkedTransactionId;
            if (id != 0 && !wanted.contains(id)) {
                wanted.insert(id, s.item);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        for (const Slot& s : m_bookSide.order()) {
            const auto it = wanted.constFind(m_book.at(s.item).id);
            if (it == wanted.cend() || m_bookUsed[std::size_t(s.item)] || m_lineUsed[std::size_t(*it)] ||
                m_lines.at(*it).amountMicros != s.amount) {
                continue;
            }
            take(MatchKind::Exact, 100, QStringLiteral("linked to this transaction at import"), {*it}, {s.item});
        }
    }

    void exactByBankId()
    {
        QHash<QString, int> byBankId;
        for (const Slot& s : m_lineSide.order()) {
            const QString& id = m_lines.at(s.item).bankId;
            if (!id.isEmpty() && !m_lineUsed[std::size_t(s.item)] && !byBankId.contains(id)) {
                byBankId.insert(id, s.item);
            }
        }
        if (byBankId.isEmpty()) {
            return;
        }
        for (const Slot& s : m_bookSide.order()) {
            const MatchBookEntry& b = m_book.at(s.item);
            if (b.externalId.isEmpty() || m_bookUsed[std::size_t(s.item)]) {
                continue;
            }
            const auto it = byBankId.constFind(b.externalId);
            if (it == byBankId.cend() || m_lineUsed[std::size_t(*it)] || m_lines.at(*it).amountMicros != s.amount) {
                continue;
            }
            take(MatchKind::Exact, 100, QStringLiteral("same bank id %1").arg(b.externalId), {*it}, {s.item});
        }
    }

    template <typename Side>
    static int unusedIn(const Side& side, const std::vector<bool>& used, qint64 day, qint64 amount, int* which)
    {
        const auto [first, last] = side.range(day, amount, amount);
        int n = 0;
        for (std::size_t i = first; i < last; ++i) {
            const int item = side.order()[i].item;
            if (!used[std::size_t(item)]) {
                ++n;
                *which = item;
            }
        }
        return n;
    }

    void exactByAmountAndDay()
    {
        // Uniqueness is judged per (day, amount), and taking one pair cannot change another
        // pair's count, so the order of this loop does not matter.
        for (const Slot& s : m_lineSide.order()) {
            if (m_lineUsed[std::size_t(s.item)]) {
                continue;
            }
            int line = -1, entry = -1;
            if (unusedIn(m_lineSide, m_lineUsed, s.day, s.amount, &line) != 1 ||
                unusedIn(m_bookSide, m_bookUsed, s.day, s.amount, &entry) != 1) {
                continue;
            }
            take(MatchKind::Exact, 100, QStringLiteral("same amount on the same day, the only such pair"), {line},
                 {entry});
        }
    }

    struct Pair
    {
        int score;
        qint64 apart;
        qint64 difference;
        int lineRank;
        int bookRank;
        int line;
        int entry;
        bool sameRef;
        int text;
    };

    void withinTolerance()
    {
        const int window = m_s.dateToleranceDays;
        const qint64 tolerance = m_s.amountToleranceMicros;
        std::vector<Pair> pairs;
        std::vector<Pair> mine;
        for (const Slot& s : m_lineSide.order()) {
            if (m_lineUsed[std::size_t(s.item)]) {
                continue;
            }
            mine.clear();
            for (qint64 day = s.day - window; day <= s.day + window; ++day) {
                const auto [first, last] = m_bookSide.range(day, s.amount - tolerance, s.amount + tolerance);
                for (std::size_t i = first; i < last; ++i) {
                    const Slot& b = m_bookSide.order()[i];
                    if (!m_bookUsed[std::size_t(b.item)]) {
                        mine.push_back({0, absOf(b.day - s.day), absOf(b.amount - s.amount), m_lineSide.rankOf(s.item),
                                        int(i), s.item, b.item, false, 0});
                    }
                }
            }
            if (mine.size() > kMaxPairsPerLine) {
                std::partial_sort(mine.begin(), mine.begin() + kMaxPairsPerLine, mine.end(),
                                  [](const Pair& a, const Pair& b) {
                                      return std::tie(a.difference, a.apart, a.bookRank) <
                                          std::tie(b.difference, b.apart, b.bookRank);
                                  });
                mine.resize(kMaxPairsPerLine);
            }
            for (Pair& p : mine) {
                const MatchStatementLine& l = m_lines.at(p.line);
                p.sameRef = sameReference(l, m_book.at(p.entry));
                p.text = textScore(lineWords(p.line), bookWords(p.entry));
                p.score =
                    dateScore(p.apart, window) + amountScore(p.difference, tolerance) + (p.sameRef ? 20 : 0) + p.text;
                pairs.push_back(p);
            }
        }
        std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
            if (a.score != b.score) {
                return a.score > b.score;
            }
            return std::tie(a.apart, a.difference, a.lineRank, a.bookRank) <
                std::tie(b.apart, b.difference, b.lineRank, b.bookRank);
        });
        for (const Pair& p : pairs) {
            if (m_lineUsed[std::size_t(p.line)] || m_bookUsed[std::size_t(p.entry)]) {
                continue;
            }
            QStringList why;
            why << (p.apart == 0 ? QStringLiteral("same day") : QStringLiteral("%1 day(s) apart").arg(p.apart));
            why << (p.difference == 0 ? QStringLiteral("same amount")
                                      : QStringLiteral("amounts differ by %1").arg(microsText(p.difference)));
            if (p.sameRef) {
                why << QStringLiteral("same reference");
            }
            if (p.text > 0) {
                why << QStringLiteral("similar text");
            }
            take(MatchKind::Tolerance, p.score, why.join(QStringLiteral(", ")), {p.line}, {p.entry});
        }
    }

    // Candidates on `side` for a target of `amount` on `day`: unused, the same sign, smaller in
    // size, within the group window; the closest in date when there are too many.
    template <typename Side>
    std::vector<Candidate> candidatesFor(const Side& side, const std::vector<bool>& used, qint64 day,
                                         qint64 amount) const
    {
        std::vector<Candidate> out;
        const qint64 lo = amount > 0 ? 1 : amount + 1;
        const qint64 hi = amount > 0 ? amount - 1 : -1;
        const int window = m_s.groupWindowDays;
        for (qint64 d = day - window; d <= day + window; ++d) {
            const auto [first, last] = side.range(d, lo, hi);
            for (std::size_t i = first; i < last; ++i) {
                const Slot& c = side.order()[i];
                if (!used[std::size_t(c.item)]) {
                    out.push_back({absOf(c.amount), absOf(c.day - day), int(i), c.item});
                }
            }
        }
        keepNearest(out, kMaxGroupCandidates);
        return out;
    }

    // The n closest in date (ranks make it a total order, so the choice is the same every time),
    // then by amount for the search.
    static void keepNearest(std::vector<Candidate>& candidates, std::size_t n)
    {
        if (candidates.size() > n) {
            std::nth_element(candidates.begin(), candidates.begin() + std::ptrdiff_t(n), candidates.end(),
                             [](const Candidate& a, const Candidate& b) {
                                 return std::tie(a.apart, a.rank) < std::tie(b.apart, b.rank);
                             });
            candidates.resize(n);
        }
        std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
            return std::tie(a.absAmount, a.apart, a.rank) < std::tie(b.absAmount, b.apart, b.rank);
        });
    }

    // The fewest members first: a pair beats any triple.
    std::optional<std::pair<std::vector<int>, GroupFound>> bestGroup(const std::vector<Candidate>& candidates,
                                                                     qint64 amount, std::size_t largeGroupCandidates)
    {
        if (candidates.size() < 2) {
            return std::nullopt;
        }
        MoneyRaw total = 0;
        for (const Candidate& c : candidates) {
            total += c.absAmount;
        }
        if (total < absOf(amount)) {
            return std::nullopt;
        }
        if (m_runBudget <= 0) {
            return std::nullopt;
        }
        qint64 budget = std::min(kGroupBudget, m_runBudget);
        const qint64 granted = budget;
        const auto spend = qScopeGuard([&] { m_runBudget -= granted - std::max<qint64>(budget, 0); });
        std::vector<Candidate> nearest;
        const std::vector<Candidate>* pool = &candidates;
        for (int size = 2; size <= m_s.maxGroupSize; ++size) {
            if (size == 3 && candidates.size() > largeGroupCandidates) {
                nearest = candidates;
                keepNearest(nearest, largeGroupCandidates);
                pool = &nearest;
            }
            GroupSearch search(*pool, absOf(amount), budget);
            GroupFound found = search.run(size);
            if (!found.members.empty()) {
                std::vector<int> items;
                for (int i : found.members) {
                    items.push_back((*pool)[std::size_t(i)].item);
                }
                return std::make_pair(std::move(items), std::move(found));
            }
            if (budget < 0) {
                break;
            }
        }
        return std::nullopt;
    }

    int groupScore(const GroupFound& found, std::size_t members, bool sameRef, int text) const
    {
        return dateScore(found.maxApart, m_s.groupWindowDays) + 30 + (sameRef ? 20 : 0) + text - 5 * int(members - 2) -
            (found.solutions > 1 ? 15 : 0);
    }

    QString groupReason(const char* what, std::size_t members, const GroupFound& found, bool sameRef) const
    {
        QString why = QStringLiteral("the sum of %1 %2").arg(members).arg(QLatin1String(what));
        why += found.maxApart == 0 ? QStringLiteral(" on the same day")
                                   : QStringLiteral(" within %1 day(s)").arg(found.maxApart);
        if (sameRef) {
            why += QStringLiteral(", same reference");
        }
        if (found.solutions > 1) {
            why += QStringLiteral(", other combinations fit too");
        }
        return why;
    }

    void oneToMany()
    {
        for (const Slot& s : m_lineSide.order()) {
            if (m_lineUsed[std::size_t(s.item)] || s.amount == 0) {
                continue;
            }
            const auto group =
                bestGroup(candidatesFor(*m_openBook, m_bookUsed, s.day, s.amount), s.amount, kMaxGroupCandidates);
            if (!group) {
                continue;
            }
            const MatchStatementLine& l = m_lines.at(s.item);
            bool sameRef = false;
            int text = 0;
            for (int b : group->first) {
                sameRef = sameRef || sameReference(l, m_book.at(b));
                text = std::max(text, textScore(lineWords(s.item), bookWords(b)));
            }
            const std::size_t n = group->first.size();
            take(MatchKind::OneToMany, groupScore(group->second, n, sameRef, text),
                 groupReason("book entries", n, group->second, sameRef), {s.item}, group->first);
        }
    }

    void manyToOne()
    {
        // Days of the lines still open, by sign: most book entries have fewer than two such lines
        // near them and are passed over after two binary searches. Lines taken below leave these
        // lists a little too long, which only costs a search that finds nothing.
        std::vector<qint64> creditDays, debitDays;
        for (const Slot& s : m_openLines->order()) {
            if (!m_lineUsed[std::size_t(s.item)] && s.amount != 0) {
                (s.amount > 0 ? creditDays : debitDays).push_back(s.day);
            }
        }
        const int window = m_s.groupWindowDays;
        for (const Slot& s : m_openBook->order()) {
            if (m_bookUsed[std::size_t(s.item)] || s.amount == 0) {
                continue;
            }
            const std::vector<qint64>& days = s.amount > 0 ? creditDays : debitDays;
            const auto near = std::upper_bound(days.begin(), days.end(), s.day + window) -
                std::lower_bound(days.begin(), days.end(), s.day - window);
            if (near < 2) {
                continue;
            }
            const auto group = bestGroup(candidatesFor(*m_openLines, m_lineUsed, s.day, s.amount), s.amount,
                                         kMaxLargeGroupCandidatesPerBookEntry);
            if (!group) {
                continue;
            }
            const MatchBookEntry& b = m_book.at(s.item);
            bool sameRef = false;
            int text = 0;
            for (int l : group->first) {
                sameRef = sameRef || sameReference(m_lines.at(l), b);
                text = std::max(text, textScore(lineWords(l), bookWords(s.item)));
            }
            const std::size_t n = group->first.size();
            take(MatchKind::ManyToOne, groupScore(group->second, n, sameRef, text),
                 groupReason("statement lines", n, group->second, sameRef), group->first, {s.item});
        }
    }

    MatcherSettings m_s;
    const QList<MatchStatementLine>& m_lines;
    const QList<MatchBookEntry>& m_book;
    SortedSide m_lineSide;
    SortedSide m_bookSide;
    std::optional<SortedSide> m_openLines; // what phases 1 and 2 left, for the group phases
    std::optional<SortedSide> m_openBook;
    std::vector<bool> m_lineUsed;
    std::vector<bool> m_bookUsed;
    std::vector<QStringList> m_lineWords;
    std::vector<bool> m_lineWordsDone;
    std::unordered_map<int, QStringList> m_bookWords;
    qint64 m_runBudget = kRunBudget;
    QList<ReconciliationMatch> m_out;
};

} // namespace

QString matchKindKey(MatchKind kind)
{
    switch (kind) {
    case MatchKind::Exact:
        return QStringLiteral("exact");
    case MatchKind::Tolerance:
        return QStringLiteral("tolerance");
    case MatchKind::OneToMany:
        return QStringLiteral("one_to_many");
    case MatchKind::ManyToOne:
        return QStringLiteral("many_to_one");
    case MatchKind::Manual:
        return QStringLiteral("manual");
    }
    return QStringLiteral("manual");
}

MatchKind matchKindFrom(QStringView key)
{
    for (MatchKind k : {MatchKind::Exact, MatchKind::Tolerance, MatchKind::OneToMany, MatchKind::ManyToOne}) {
        if (key == matchKindKey(k)) {
            return k;
        }
    }
    return MatchKind::Manual;
}

ReconciliationMatcher::ReconciliationMatcher(MatcherSettings settings)
    : m_settings(settings)
{
}

QList<ReconciliationMatch> ReconciliationMatcher::match(const QList<MatchStatementLine>& lines,
                                                        const QList<MatchBookEntry>& book) const
{
    return Run(m_settings, lines, book).run();
}

int ReconciliationMatcher::wordOverlapPercent(const QStringList& a, const QStringList& b)
{
    if (a.isEmpty() || b.isEmpty()) {
        return 0;
    }
    // Both lists are sorted and unique: one merge pass counts the words they share.
    qsizetype i = 0, j = 0, common = 0;
    while (i < a.size() && j < b.size()) {
        const int c = a.at(i).compare(b.at(j));
        if (c == 0) {
            ++common;
            ++i;
            ++j;
        } else if (c < 0) {
            ++i;
        } else {
            ++j;
        }
    }
    return int(100 * common / (a.size() + b.size() - common));
}

QStringList ReconciliationMatcher::wordsOf(QStringView text)
{
    QStringList words;
    QString word;
    const auto flush = [&] {
        if (word.size() >= 3) {
            words.append(word);
        }
        word.clear();
    };
    for (QChar ch : text) {
        if (ch.isLetterOrNumber()) {
            word += ch.toCaseFolded();
        } else {
            flush();
        }
    }
    flush();
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
}

} // namespace flowlet
