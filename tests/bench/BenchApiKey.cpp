// Makes an API key for the benchmark of the local API: prints the token and the account with the
// most transactions, for bench_api.sh to hand to wrk. With --serve PORT it then serves the API
// itself (the code `flowlet serve` runs, without linking the window) until killed.
#include "api/ApiKeys.h"
#include "api/ApiServer.h"
#include "auth/Permissions.h"
#include "db/Database.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace flowlet;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--db"));
    auto url = DatabaseUrl::parse(at >= 0 ? args.value(at + 1) : QString());
    auto db = url ? Database::open(*url) : Result<DatabasePtr>(url.error());
    if (!db) {
        QTextStream(stderr) << db.error().message() << Qt::endl;
        return 1;
    }
    auto user = (*db)->exec(QStringLiteral("SELECT id FROM staff_users WHERE username = 'finance'"));
    auto account = (*db)->exec(
        QStringLiteral("SELECT account_id FROM transactions GROUP BY account_id ORDER BY count(*) DESC LIMIT 1"));
    if (!user || !user->next() || !account || !account->next()) {
        QTextStream(stderr) << "the demo workspace has no user 'finance' or no transactions" << Qt::endl;
        return 1;
    }
    const qint64 owner = user->value(0).toLongLong();
    auto key = ApiKeys::create(**db, Actor{owner, QStringLiteral("finance"), std::nullopt}, owner,
                               QStringLiteral("benchmark"), {Permission::TransactionsRead}, std::nullopt);
    if (!key) {
        QTextStream(stderr) << key.error().message() << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << key->token << ' ' << account->value(0).toLongLong() << Qt::endl;
    const qsizetype serve = args.indexOf(QStringLiteral("--serve"));
    if (serve < 0) {
        return 0;
    }
    api::ApiConfig config;
    config.port = quint16(args.value(serve + 1).toInt());
    config.ratePerSecond = 1'000'000;
    config.burst = 3'000'000;
    api::ApiServer server;
    if (auto port = server.start(*db, config); !port) {
        QTextStream(stderr) << port.error().message() << Qt::endl;
        return 1;
    }
    return QCoreApplication::exec();
}
