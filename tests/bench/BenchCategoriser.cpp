// Benchmark: how well and how fast the learned categoriser proposes categories. The service's
// training window of a demo workspace (its most recent user-categorised transactions) is split
// twice — a deterministic 20 % of the rows by a hash of the id, and 20 % of the counterparties
// (merchants and people the model has then never seen) — the classifier trained on the rest, and
// its proposals for the held-back rows compared with what the user chose: top-1 accuracy,
// accuracy and coverage at the minimum confidence, beside the baseline of always proposing the
// most frequent category, and accuracy per confidence band (does the confidence overstate?).
// Then the speed: training rows/s, proposals/s in memory and through Categorisation on
// uncategorised rows (SQL included), the service's first (training) proposal, peak memory.
// Timings are printed, never asserted.
//   bench_categoriser --db URL

#include "BenchSupport.h"
#include "ledger/Categorisation.h"
#include "ledger/CategoryClassifier.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>

#include <cstdio>

using namespace flowlet;

namespace {

quint64 mixed(quint64 z)
{
    // splitmix64's finaliser: the same rows are held back on every run and every backend.
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

struct Row
{
    qint64 id = 0;
    CategorisableFields fields;
    qint64 category = 0;
};

// One fifth of the rows by id, or one fifth of the counterparties (all their rows; rows without
// one by id): the second asks how the model does on merchants and people it has never seen.
bool byId(const Row& r)
{
    return mixed(quint64(r.id)) % 5 == 0;
}

bool byCounterparty(const Row& r)
{
    const QString party = r.fields.counterparty.trimmed().toCaseFolded();
    if (party.isEmpty()) {
        return byId(r);
    }
    quint64 h = 14695981039346656037ULL; // FNV-1a: qHash is seeded per process
    for (QChar ch : party) {
        h = (h ^ ch.unicode()) * 1099511628211ULL;
    }
    return mixed(h) % 5 == 0;
}

QString percent(qint64 part, qint64 whole)
{
    return whole == 0 ? QStringLiteral("n/a")
                      : QStringLiteral("%1 %").arg(100.0 * double(part) / double(whole), 0, 'f', 1);
}

void line(const QString& label, const QString& value, const QString& reference = {})
{
    std::printf("  %-44s %16s   %s\n", qPrintable(label), qPrintable(value), qPrintable(reference));
}

struct Evaluation
{
    qint64 trained = 0;
    qint64 tested = 0;
    double learnSeconds = 0;
    double proposeSeconds = 0;
};

// Trains on the rows not held back, proposes for the others, prints the figures.
Evaluation evaluate(const QList<Row>& rows, bool (*heldBack)(const Row&), const char* title)
{
    Evaluation out;
    CategoryClassifier classifier;
    QHash<qint64, qint64> trainCounts;
    QElapsedTimer timer;
    timer.start();
    for (const Row& r : rows) {
        if (!heldBack(r)) {
            classifier.learn(r.fields, r.category);
            ++trainCounts[r.category];
            ++out.trained;
        }
    }
    out.learnSeconds = double(timer.nsecsElapsed()) / 1e9;
    qint64 mostFrequent = 0;
    for (auto it = trainCounts.cbegin(); it != trainCounts.cend(); ++it) {
        if (mostFrequent == 0 || it.value() > trainCounts.value(mostFrequent)) {
            mostFrequent = it.key();
        }
    }
    const int minimum = Categorisation::kDefaultMinimumConfidence;
    qint64 proposed = 0, correct = 0, sure = 0, sureCorrect = 0, baseline = 0;
    QMap<int, QPair<qint64, qint64>> bands; // confidence / 10 -> (proposals, correct)
    timer.restart();
    for (const Row& r : rows) {
        if (!heldBack(r)) {
            continue;
        }
        ++out.tested;
        baseline += r.category == mostFrequent ? 1 : 0;
        const auto p = classifier.propose(r.fields);
        if (!p) {
            continue;
        }
        ++proposed;
        const bool right = p->categoryId == r.category;
        correct += right ? 1 : 0;
        auto& band = bands[p->confidence / 10];
        ++band.first;
        band.second += right ? 1 : 0;
        if (p->confidence >= minimum) {
            ++sure;
            sureCorrect += right ? 1 : 0;
        }
    }
    out.proposeSeconds = double(timer.nsecsElapsed()) / 1e9;
    const qint64 n = out.tested;
    std::printf("%s: trained on %lld rows, %lld held back, %lld features\n", title, static_cast<long long>(out.trained),
                static_cast<long long>(n), static_cast<long long>(classifier.vocabularySize()));
    std::printf("  %-44s %16s   %s\n", "", "measured", "reference");
    line(QStringLiteral("top-1 accuracy (all held-back rows)"), percent(correct, n),
         QStringLiteral("baseline, always the most frequent category: %1").arg(percent(baseline, n)));
    line(QStringLiteral("coverage (any proposal)"), percent(proposed, n));
    line(QStringLiteral("accuracy at confidence >= %1").arg(minimum), percent(sureCorrect, sure),
         QStringLiteral("what the import applies on its own"));
    line(QStringLiteral("coverage at confidence >= %1").arg(minimum), percent(sure, n));
    std::printf("  calibration, per confidence band: proposals and their accuracy\n");
    for (auto it = bands.cbegin(); it != bands.cend(); ++it) {
        std::printf("    %2d-%2d %%  %8lld  %8s\n", it.key() * 10, it.key() * 10 + 9,
                    static_cast<long long>(it.value().first), qPrintable(percent(it.value().second, it.value().first)));
    }
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--db"));
    if (at < 0 || at + 1 >= args.size()) {
        std::fprintf(stderr, "usage: bench_categoriser --db URL\n");
        return 2;
    }
    auto url = DatabaseUrl::parse(args.at(at + 1));
    if (!url) {
        std::fprintf(stderr, "%s\n", qPrintable(url.error().message()));
        return 2;
    }
    auto opened = Database::open(*url);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
        return 1;
    }
    DatabasePtr db = *opened;

    // 1. The service's training window: the most recent user categorisations.
    QList<Row> rows;
    QElapsedTimer timer;
    timer.start();
    auto read = Categorisation::readTrainingRows(*db, Categorisation::kTrainingRows,
                                                 [&](qint64 id, const CategorisableFields& f, qint64 category) {
                                                     rows.append({id, f, category});
                                                 });
    const double readSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!read) {
        std::fprintf(stderr, "%s\n", qPrintable(read.error().message()));
        return 1;
    }
    if (rows.size() < 10) {
        std::fprintf(stderr, "too few user-categorised transactions: create a demo workspace first\n");
        return 1;
    }
    std::printf("categoriser on %s: %lld user-categorised rows read\n\n", qPrintable(url->toDisplayString()),
                static_cast<long long>(rows.size()));

    // 2. Accuracy, held back by id, and by counterparty.
    const Evaluation e = evaluate(rows, byId, "held back: 20 % of the rows (by id hash)");
    std::printf("\n");
    evaluate(rows, byCounterparty, "held back: 20 % of the counterparties (never seen in training)");

    // 3. Speed.
    std::printf("\nspeed\n");
    line(QStringLiteral("training: read"),
         QStringLiteral("%1 rows/s").arg(double(rows.size()) / readSeconds, 0, 'f', 0),
         QStringLiteral("%1 rows in %2 s").arg(rows.size()).arg(readSeconds, 0, 'f', 2));
    line(QStringLiteral("training: learn"),
         QStringLiteral("%1 rows/s").arg(double(e.trained) / e.learnSeconds, 0, 'f', 0),
         QStringLiteral("%1 rows in %2 s").arg(e.trained).arg(e.learnSeconds, 0, 'f', 2));
    line(QStringLiteral("proposals in memory"),
         QStringLiteral("%1 /s").arg(double(e.tested) / e.proposeSeconds, 0, 'f', 0));
    Categorisation::resetModel(*db);
    Categorisation service(db, Actor{std::nullopt, QStringLiteral("bench"), std::nullopt});
    timer.restart();
    auto cold = service.propose(rows.first().fields);
    const double coldSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!cold) {
        std::fprintf(stderr, "%s\n", qPrintable(cold.error().message()));
        return 1;
    }
    line(QStringLiteral("first proposal of the service (trains)"), QStringLiteral("%1 s").arg(coldSeconds, 0, 'f', 2),
         QStringLiteral("%1 rows, later proposals use the shared model").arg(Categorisation::kTrainingRows));
    timer.restart();
    qint64 afterId = 0;
    qint64 served = 0;
    for (int page = 0; page < 20; ++page) {
        auto proposals = service.proposeUncategorised({}, afterId, 1000);
        if (!proposals) {
            std::fprintf(stderr, "%s\n", qPrintable(proposals.error().message()));
            return 1;
        }
        if (proposals->isEmpty()) {
            break;
        }
        served += proposals->size();
        afterId = proposals->last().transactionId;
    }
    const double serviceSeconds = double(timer.nsecsElapsed()) / 1e9;
    line(QStringLiteral("proposeUncategorised, pages of 1,000"),
         QStringLiteral("%1 /s").arg(double(served) / serviceSeconds, 0, 'f', 0),
         QStringLiteral("%1 proposals in %2 s, SQL included").arg(served).arg(serviceSeconds, 0, 'f', 2));
    line(QStringLiteral("peak memory"), QStringLiteral("%1 MB").arg(bench::peakMegabytes(), 0, 'f', 0));
    return 0;
}
