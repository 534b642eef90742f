// The cost error monitoring adds where it is called: RequestStats::record on every API request
// (1, 2 and 4 threads), redaction and fingerprinting of a message, and a qWarning through the
// installed handler (the caller's share: redact and queue; the writer thread does the rest).
#include "monitor/ErrorLog.h"
#include "monitor/MessageHandler.h"
#include "monitor/RequestStats.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>

#include <thread>
#include <vector>

using namespace flowlet;

Q_LOGGING_CATEGORY(lcBench, "flowlet.bench", QtInfoMsg)

namespace {

const QStringList kRoutes = {QStringLiteral("/v1/transactions"), QStringLiteral("/v1/transactions/{id}"),
                             QStringLiteral("/v1/accounts"), QStringLiteral("/v1/accounts/{id}/balance"),
                             QStringLiteral("/v1/categories"), QStringLiteral("/v1/me")};

double recordsPerSecond(int threads, int each)
{
    RequestStats stats;
    QElapsedTimer timer;
    timer.start();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&stats, each, t] {
            for (int i = 0; i < each; ++i) {
                stats.record(QStringLiteral("GET"), kRoutes.at((i + t) % kRoutes.size()), i % 50 == 0 ? 404 : 200,
                             200 + i % 5000);
            }
        });
    }
    for (std::thread& t : pool) {
        t.join();
    }
    return double(threads) * each / (double(timer.nsecsElapsed()) / 1e9);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    out << "what                                      measured            target\n";
    for (int threads : {1, 2, 4}) {
        const double rate = recordsPerSecond(threads, 500'000);
        out << QStringLiteral("RequestStats::record, %1 thread(s)         %2 M/s          >= 0.1 M/s (API: thousands req/s)\n")
                   .arg(threads)
                   .arg(rate / 1e6, 6, 'f', 2);
    }
    const QString message = QStringLiteral("payment 4711 for ada@example.org failed after 31 ms on 10.0.0.7, "
                                           "path /var/lib/flowlet/x.sqlite, password=hunter2");
    QElapsedTimer timer;
    timer.start();
    constexpr int kMessages = 20'000;
    qsizetype sink = 0;
    for (int i = 0; i < kMessages; ++i) {
        sink += ErrorLog::fingerprint(QStringLiteral("flowlet.bench"), ErrorLog::redact(message)).size();
    }
    out << QStringLiteral("redact + fingerprint of a message         %1 µs           < 100 µs\n")
               .arg(double(timer.nsecsElapsed()) / 1e3 / kMessages, 6, 'f', 1);

    QTemporaryDir dir;
    MessageHandler::Options o;
    o.logDirectory = dir.path();
    o.chain = false;
    o.queueCapacity = 1'000'000;
    MessageHandler::install(o);
    timer.restart();
    for (int i = 0; i < kMessages; ++i) {
        qCWarning(lcBench) << "request" << i << "failed after" << (i % 90) << "ms";
    }
    const double callerMicros = double(timer.nsecsElapsed()) / 1e3 / kMessages;
    MessageHandler::waitUntilIdle(600'000);
    const double totalMicros = double(timer.nsecsElapsed()) / 1e3 / kMessages;
    out << QStringLiteral("qWarning through the handler (caller)     %1 µs           < 50 µs\n").arg(callerMicros, 6, 'f', 1);
    out << QStringLiteral("  ... written to the file (per message)   %1 µs\n").arg(totalMicros, 6, 'f', 1);
    out << QStringLiteral("  dropped %1 of %2\n").arg(MessageHandler::counters().dropped).arg(kMessages);
    MessageHandler::uninstall();
    return sink > 0 ? 0 : 1;
}
