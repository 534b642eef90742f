// Benchmark: the transactions browser over a big workspace, as a user drives it. Prints the time
// to first rows, to the last page and back, to sort and to filter, and the process's peak memory,
// beside the targets. Timings are printed, never asserted.
//   bench_browser --db postgresql:///flowlet_bench

#include "MainWindow.h"
#include "BenchSupport.h"
#include "db/Database.h"
#include "transactions/TransactionTableModel.h"
#include "transactions/TransactionsPanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QTest>
#include <QTextStream>

#include <cstdio>
#include <functional>

using namespace flowlet;

namespace {

// Runs the event loop until done() holds; returns elapsed milliseconds.
double waitMs(const QElapsedTimer& timer, const std::function<bool()>& done, int timeoutMs = 120000)
{
    while (!done() && timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return timer.nsecsElapsed() / 1e6;
}

void row(const char* what, double value, const char* unit, const QString& target = {})
{
    std::printf("  %-44s %10.1f %-3s %s\n", what, value, unit, qPrintable(target));
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QString url;
    const QStringList args = QApplication::arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QStringLiteral("--db")) {
            url = args.at(i + 1);
        }
    }
    auto parsed = DatabaseUrl::parse(url);
    if (url.isEmpty() || !parsed) {
        std::fprintf(stderr, "usage: bench_browser --db URL\n");
        return 2;
    }

    QElapsedTimer timer;
    timer.start();
    auto db = Database::open(*parsed);
    if (!db) {
        std::fprintf(stderr, "bench_browser: %s\n", qPrintable(db.error().message()));
        return 1;
    }
    const double connectMs = timer.nsecsElapsed() / 1e6;
    const double baselineMb = bench::peakMegabytes();

    timer.restart();
    ui::MainWindow window(*db, AccessContext::localOwner(QStringLiteral("bench")));
    window.resize(1400, 900);
    window.show();
    auto* panel = qobject_cast<ui::TransactionsPanel*>(window.panel(QStringLiteral("transactions")));
    TransactionTableModel* model = panel->tableModel();
    const double firstRowsMs = waitMs(timer, [&] { return model->rowCount() > 0; });
    const int pageRows = model->rowCount();

    timer.restart();
    const double countMs = waitMs(timer, [&] { return model->totalCount() >= 0; });
    const qint64 total = model->totalCount();

    timer.restart();
    model->lastPage();
    const double lastMs = waitMs(timer, [&] { return !model->isLoading() && !model->hasNextPage(); });

    timer.restart();
    model->previousPage();
    const double previousMs = waitMs(timer, [&] { return !model->isLoading(); });

    timer.restart();
    model->firstPage();
    const double firstMs = waitMs(timer, [&] { return !model->isLoading() && !model->hasPreviousPage(); });

    // What scrolling to the bottom of the table does: the view asks for more, a page is appended.
    waitMs(timer, [&] { return !model->isLoading(); });
    timer.restart();
    int appended = 0;
    for (int i = 0; i < 5 && model->canFetchMore({}); ++i) {
        const int before = model->rowCount();
        model->fetchMore({});
        waitMs(timer, [&] { return !model->isLoading() && model->rowCount() > before; });
        ++appended;
    }
    const double scrollMs = appended > 0 ? timer.nsecsElapsed() / 1e6 / appended : -1;

    timer.restart();
    model->sort(TransactionTableModel::Amount, Qt::DescendingOrder);
    const double sortMs = waitMs(timer, [&] { return !model->isLoading(); });

    timer.restart();
    TransactionFilter filter;
    filter.text = QStringLiteral("Steam");
    model->setFilter(filter);
    const double filterMs = waitMs(timer, [&] { return !model->isLoading(); });

    timer.restart();
    TransactionFilter range;
    range.minAbsMicros = Q_INT64_C(9000000000);
    range.maxAbsMicros = Q_INT64_C(9999990000);
    model->setFilter(range);
    model->sort(TransactionTableModel::Date, Qt::DescendingOrder);
    const double rangeMs = waitMs(timer, [&] { return !model->isLoading(); });

    // Text searches (trigram index on PostgreSQL, FTS5 on SQLite), newest first as the browser
    // shows them: the first page, then the count that arrives in the background. Each starts on
    // an idle pool, not behind the counts of the filters above.
    (*db)->pool()->waitForDone(600000);
    struct Search
    {
        const char* label;
        QString text;
        double firstPageMs = 0;
        double countMs = 0;
        qint64 count = 0;
    };
    Search searches[] = {
        {"common word 'payment'", QStringLiteral("payment")},
        {"rare word 'E2E00000123456' (a handful)", QStringLiteral("E2E00000123456")},
        {"no match 'qxzvjk'", QStringLiteral("qxzvjk")},
        {"two words 'card berlin'", QStringLiteral("card berlin")},
        {"two words 'anna müller' (rarer together)", QStringLiteral("anna müller")},
        {"short word 'zq' (no trigram: a scan)", QStringLiteral("zq")},
    };
    for (Search& search : searches) {
        TransactionFilter textFilter;
        textFilter.text = search.text;
        timer.restart();
        model->setFilter(textFilter);
        search.firstPageMs = waitMs(timer, [&] { return !model->isLoading(); });
        search.countMs = waitMs(timer, [&] { return model->totalCount() >= 0; }, 600000);
        search.count = model->totalCount();
    }

    const double peakMb = bench::peakMegabytes();
    std::printf("transactions browser over %s transactions (%s, %s)\n", qPrintable(QLocale::c().toString(total)),
                qPrintable((*db)->dialect().name()), qPrintable(parsed->toDisplayString()));
    row("connect (open + first connection)", connectMs, "ms");
    row("time to first rows (window shown -> rows)", firstRowsMs, "ms", QStringLiteral("target < 300 ms"));
    row("  rows on the first page", pageRows, "");
    row("total count (background)", countMs, "ms");
    row("jump to the last page", lastMs, "ms");
    row("previous page from the last", previousMs, "ms");
    row("back to the first page", firstMs, "ms");
    row("scroll to bottom, next page appended (mean)", scrollMs, "ms");
    row("sort by amount (first page)", sortMs, "ms");
    row("text filter 'Steam' (first page)", filterMs, "ms");
    row("amount 9,000-9,999.99 (first page)", rangeMs, "ms");
    std::printf("  text search, first page / count:\n");
    for (const Search& search : searches) {
        row(search.label, search.firstPageMs, "ms", QStringLiteral("target < 500 ms; count %1 rows after %2 ms")
                                                       .arg(QLocale::c().toString(search.count))
                                                       .arg(search.countMs, 0, 'f', 0));
    }
    row("peak memory (VmHWM), whole process", peakMb, "MB", QStringLiteral("target < 300 MB"));
    row("  of which before the window opened", baselineMb, "MB");
    return 0;
}
