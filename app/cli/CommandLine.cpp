#include "CommandLine.h"

#include "api/ApiServer.h"
#include "audit/AuditLog.h"
#include "core/Logging.h"
#include "core/Version.h"
#include "db/Database.h"
#include "db/Migrator.h"
#include "db/ServerSecurity.h"
#include "db/Workspace.h"
#include "demo/DemoGenerator.h"
#include "ingest/ImportPresets.h"
#include "ingest/ImportService.h"
#include "ingest/StatementReader.h"
#include "ledger/AccountRepository.h"
#include "monitor/MessageHandler.h"
#include "monitor/MonitorRetention.h"
#include "workspace/WorkspaceSetup.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <QTextStream>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace flowlet {

namespace {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

const QString kUsage = QStringLiteral(
    "Usage: flowlet [--db URL]                      the workstation (GUI)\n"
    "       flowlet --version\n"
    "       flowlet db init|migrate|status [--db URL]\n"
    "       flowlet demo create [--size small|medium|large] [--db URL]\n"
    "       flowlet audit verify [--db URL]\n"
    "       flowlet monitor prune [--older-than DAYS] [--db URL]\n"
    "                      delete error-log entries, API statistics and alerts older than DAYS (90)\n"
    "       flowlet import FILE... [--db URL] [--account ID] [--create-account] [--statement-only]\n"
    "                      [--currency CODE] [--date-window DAYS] [--match-threshold SCORE]\n"
    "                      [--accept-balance-mismatch] [--preset NAME] [--commit]\n"
    "       flowlet import --undo BATCH [--db URL]\n"
    "       flowlet serve [--db URL] [--port N] [--rate PER_SECOND] [--dev]\n"
    "                      the local REST API on 127.0.0.1 (port 8765, 20 requests/s per key)\n"
    "\n"
    "URL is sqlite:///path/file.db or postgresql://user@host:port/dbname?sslmode=...\n"
    "(default: FLOWLET_DB, else the local workspace %1).\n"
    "PostgreSQL passwords come from PGPASSWORD or ~/.pgpass, never from the URL.\n");

// Options that take a value, so that their value is not mistaken for a sub-command.
const QStringList kValueOptions = {QStringLiteral("--db"),          QStringLiteral("--size"),
                                   QStringLiteral("--port"),        QStringLiteral("--account"),
                                   QStringLiteral("--undo"),        QStringLiteral("--date-window"),
                                   QStringLiteral("--match-threshold"), QStringLiteral("--currency"),
                                   QStringLiteral("--preset"), QStringLiteral("--rate"),
                                   QStringLiteral("--older-than")};
// Options without a value.
const QStringList kFlags = {QStringLiteral("--help"), QStringLiteral("--version"), QStringLiteral("--commit"),
                            QStringLiteral("--create-account"), QStringLiteral("--statement-only"),
                            QStringLiteral("--accept-balance-mismatch"), QStringLiteral("--dev")};

struct Parsed
{
    QStringList positional;
    QHash<QString, QString> options;
    QStringList flags;
    QString error;
};

Parsed parse(const QStringList& arguments)
{
    Parsed p;
    for (int i = 1; i < arguments.size(); ++i) {
        QString a = arguments.at(i);
        if (a.startsWith(QStringLiteral("--"))) {
            QString value;
            const qsizetype eq = a.indexOf(u'=');
            if (eq > 0) {
                value = a.mid(eq + 1);
                a = a.left(eq);
            }
            if (kValueOptions.contains(a)) {
                if (eq < 0) {
                    if (i + 1 >= arguments.size()) {
                        p.error = QStringLiteral("option %1 needs a value").arg(a);
                        return p;
                    }
                    value = arguments.at(++i);
                }
                p.options.insert(a, value);
            } else if (kFlags.contains(a)) {
                p.flags << a;
            } else {
                p.error = QStringLiteral("unknown option %1").arg(a);
                return p;
            }
        } else if (a == QStringLiteral("-h")) {
            p.flags << QStringLiteral("--help");
        } else if (a.startsWith(u'-') && a.size() > 1) {
            p.error = QStringLiteral("unknown option %1").arg(a);
            return p;
        } else {
            p.positional << a;
        }
    }
    return p;
}

int fail(const Error& error, int code = CommandLine::Failure)
{
    err() << "flowlet: error: " << error.message() << Qt::endl;
    return code;
}

int usageError(const QString& message)
{
    err() << "flowlet: " << message << Qt::endl << "Try 'flowlet --help'." << Qt::endl;
    return CommandLine::Usage;
}

Result<DatabasePtr> openDatabase(const QString& dbOption, Database::OpenMode mode)
{
    auto url = Workspace::resolve(dbOption);
    if (!url) {
        return url.error();
    }
    return Database::open(*url, mode);
}

void printStatus(const Database& db, const SchemaStatus& st)
{
    out() << "workspace:      " << db.url().toDisplayString() << Qt::endl;
    out() << "backend:        " << db.dialect().name() << Qt::endl;
    if (!st.workspaceId.isEmpty()) {
        out() << "workspace id:   " << st.workspaceId << Qt::endl;
    }
    out() << "schema version: " << st.current << " (this build: " << st.latest << ")" << Qt::endl;
    if (!st.initialised) {
        out() << "state:          not initialised (run `flowlet db init`)" << Qt::endl;
    } else if (!st.pending.isEmpty()) {
        out() << "state:          " << st.pending.size() << " migration(s) pending (run `flowlet db migrate`)"
              << Qt::endl;
    } else {
        out() << "state:          up to date" << Qt::endl;
    }
    for (const QString& m : st.modified) {
        out() << "warning:        applied migration " << m << " differs from this build's copy" << Qt::endl;
    }
}

int dbCommand(const Parsed& p)
{
    const QString action = p.positional.value(1);
    const QString dbOption = p.options.value(QStringLiteral("--db"));
    if (action == QStringLiteral("init") || action == QStringLiteral("migrate")) {
        const auto mode = action == QStringLiteral("init") ? Database::OpenMode::CreateIfMissing
                                                           : Database::OpenMode::MustExist;
        auto db = openDatabase(dbOption, mode);
        if (!db) {
            return fail(db.error());
        }
        auto applied = Migrator::migrate(**db);
        if (!applied) {
            return fail(applied.error());
        }
        auto st = Migrator::status(**db);
        if (!st) {
            return fail(st.error());
        }
        if (*applied == 0) {
            out() << "workspace " << (*db)->url().toDisplayString() << " is already at schema version " << st->current
                  << Qt::endl;
        } else {
            out() << "applied " << *applied << " migration(s); " << (*db)->url().toDisplayString()
                  << " is at schema version " << st->current << Qt::endl;
        }
        if (action == QStringLiteral("init") && (*db)->dialect().isPostgres()) {
            // The role workstations connect as: it can do nothing but sign in until a user has.
            auto role = ServerSecurity::installWorkstationRole(**db);
            if (!role) {
                return fail(role.error());
            }
            if (role->created) {
                out() << "created the workstation role " << role->role << " with the password:" << Qt::endl
                      << "  " << role->password << Qt::endl
                      << "Workstations connect as this role (keep the password in their keychain or ~/.pgpass); "
                         "it is shown only now."
                      << Qt::endl;
            } else {
                out() << "the workstation role " << role->role << " exists; its grants are up to date" << Qt::endl;
            }
        }
        return CommandLine::Ok;
    }
    if (action == QStringLiteral("status")) {
        auto db = openDatabase(dbOption, Database::OpenMode::MustExist);
        if (!db) {
            return fail(db.error());
        }
        auto st = Migrator::status(**db);
        if (!st) {
            return fail(st.error());
        }
        printStatus(**db, *st);
        if (st->current > st->latest) {
            return fail(Error(ErrorCode::SchemaTooNew,
                              QStringLiteral("the database is newer (schema %1) than this Flowlet (schema %2); "
                                             "update Flowlet")
                                  .arg(st->current)
                                  .arg(st->latest)));
        }
        return CommandLine::Ok;
    }
    if (action.isEmpty()) {
        return usageError(QStringLiteral("db needs an action: init, migrate or status"));
    }
    return usageError(QStringLiteral("unknown db action '%1' (expected init, migrate or status)").arg(action));
}

int auditCommand(const Parsed& p)
{
    const QString action = p.positional.value(1);
    if (action != QStringLiteral("verify")) {
        return usageError(action.isEmpty() ? QStringLiteral("audit needs an action: verify")
                                           : QStringLiteral("unknown audit action '%1' (expected verify)").arg(action));
    }
    auto db = openDatabase(p.options.value(QStringLiteral("--db")), Database::OpenMode::MustExist);
    if (!db) {
        return fail(db.error());
    }
    auto verified = AuditLog::verify(**db);
    if (!verified) {
        return fail(verified.error());
    }
    if (verified->firstBroken) {
        err() << "flowlet: " << AuditLog::describe(*verified) << Qt::endl;
        return CommandLine::Failure;
    }
    out() << AuditLog::describe(*verified) << Qt::endl;
    return CommandLine::Ok;
}

int monitorCommand(const Parsed& p)
{
    const QString action = p.positional.value(1);
    if (action != QStringLiteral("prune")) {
        return usageError(action.isEmpty() ? QStringLiteral("monitor needs an action: prune")
                                           : QStringLiteral("unknown monitor action '%1' (expected prune)").arg(action));
    }
    int days = MonitorRetention::kDefaultDays;
    if (p.options.contains(QStringLiteral("--older-than"))) {
        bool ok = false;
        days = p.options.value(QStringLiteral("--older-than")).toInt(&ok);
        if (!ok || days < MonitorRetention::kMinimumDays) {
            return usageError(QStringLiteral("--older-than takes a number of days (at least %1)")
                                  .arg(MonitorRetention::kMinimumDays));
        }
    }
    auto db = openDatabase(p.options.value(QStringLiteral("--db")), Database::OpenMode::MustExist);
    if (!db) {
        return fail(db.error());
    }
    auto pruned = MonitorRetention::prune(**db, days);
    if (!pruned) {
        return fail(pruned.error());
    }
    out() << "deleted monitoring data older than " << days << (days == 1 ? " day: " : " days: ") << pruned->errors << " error-log entries, "
          << pruned->statistics << " request statistics rows, " << pruned->alerts << " alerts" << Qt::endl;
    return CommandLine::Ok;
}

std::atomic_bool g_cancel{false};

void onInterrupt(int)
{
    g_cancel.store(true);
}

int demoCommand(const Parsed& p)
{
    const QString action = p.positional.value(1);
    if (action != QStringLiteral("create")) {
        return usageError(action.isEmpty() ? QStringLiteral("demo needs an action: create")
                                           : QStringLiteral("unknown demo action '%1' (expected create)").arg(action));
    }
    const QString sizeText = p.options.value(QStringLiteral("--size"), QStringLiteral("small"));
    const auto size = DemoGenerator::sizeFromName(sizeText);
    if (!size) {
        return usageError(QStringLiteral("unknown demo size '%1' (expected small, medium or large)").arg(sizeText));
    }
    auto db = openDatabase(p.options.value(QStringLiteral("--db")), Database::OpenMode::CreateIfMissing);
    if (!db) {
        return fail(db.error());
    }
    if (auto applied = Migrator::migrate(**db); !applied) {
        return fail(applied.error());
    }

    const bool interactive = isatty(fileno(stderr));
    QString lastPhase;
    const DemoGenerator::Progress progress = [&](const QString& phase, qint64 done, qint64 total) {
        if (!interactive) {
            if (phase != lastPhase) {
                err() << "demo: " << phase << Qt::endl;
                lastPhase = phase;
            }
            return;
        }
        if (total > 0) {
            err() << "\rdemo: " << phase << " " << done << " / " << total << "   " << Qt::flush;
        } else {
            err() << "\rdemo: " << phase << "                              " << Qt::flush;
        }
    };
    auto previous = std::signal(SIGINT, onInterrupt);
    DemoReport demoReport;
    auto created = WorkspaceSetup::fillDemo(*db, *size, progress, &g_cancel, &demoReport);
    std::signal(SIGINT, previous);
    Result<DemoReport> report = created ? Result<DemoReport>(demoReport) : Result<DemoReport>(created.error());
    if (interactive) {
        err() << Qt::endl;
    }
    if (!report) {
        if (report.error().code() == ErrorCode::Cancelled) {
            err() << "flowlet: demo creation cancelled; nothing was written" << Qt::endl;
            return CommandLine::Cancelled;
        }
        return fail(report.error());
    }
    const double seconds = report->elapsedMs / 1000.0;
    out() << "demo workspace (" << DemoGenerator::sizeName(*size) << ") created in " << (*db)->url().toDisplayString()
          << Qt::endl;
    out() << "  customers:       " << report->customers << Qt::endl;
    out() << "  accounts:        " << report->accounts << Qt::endl;
    out() << "  cards:           " << report->cards << Qt::endl;
    out() << "  transactions:    " << report->transactions << " (" << report->planted
          << " in planted fraud/AML patterns)" << Qt::endl;
    out() << "  ledger journals: " << report->journals << " (" << report->ledgerEntries << " entries)" << Qt::endl;
    out() << "  elapsed:         " << QString::number(seconds, 'f', 2) << " s ("
          << QString::number(report->transactions / std::max(seconds, 0.001), 'f', 0) << " transactions/s)"
          << Qt::endl;
    out() << Qt::endl << DemoUsers::format(created->demoCredentials);
    out() << "These credentials are also in " << created->credentialsFile << " (readable only by you)." << Qt::endl;
    return CommandLine::Ok;
}

Actor commandLineActor()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME", QStringLiteral("unknown")));
    return Actor{std::nullopt, QStringLiteral("cli:%1").arg(user), std::nullopt};
}

Result<int> intOption(const Parsed& p, const QString& name, int fallback, int low, int high)
{
    if (!p.options.contains(name)) {
        return fallback;
    }
    bool ok = false;
    const int value = p.options.value(name).toInt(&ok);
    if (!ok || value < low || value > high) {
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("%1 takes a whole number from %2 to %3").arg(name).arg(low).arg(high));
    }
    return value;
}

void printPlan(const ingest::ImportPlan& plan)
{
    out() << plan.file.fileName << ": " << plan.file.variant << ", " << plan.file.statements.size() << " statement(s), "
          << plan.lines.size() << " entries" << Qt::endl;
    for (const QString& w : plan.file.warnings) {
        out() << "  note: " << w << Qt::endl;
    }
    if (!plan.earlierBatchesOfSameFile.isEmpty()) {
        QStringList ids;
        for (qint64 id : plan.earlierBatchesOfSameFile) {
            ids << QStringLiteral("#%1").arg(id);
        }
        out() << "  note: this exact file was imported before (import " << ids.join(QStringLiteral(", ")) << ")"
              << Qt::endl;
    }
    for (int si = 0; si < plan.statements.size(); ++si) {
        const auto& ps = plan.statements.at(si);
        const auto& st = plan.file.statements.at(si);
        out() << "  statement " << (si + 1) << (st.id.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(st.id))
              << " for " << ps.accountLabel;
        if (st.from.isValid() || st.to.isValid()) {
            out() << ", " << st.from.toString(Qt::ISODate) << " to " << st.to.toString(Qt::ISODate);
        }
        out() << Qt::endl << "    balance: " << ps.balanceNote << Qt::endl;
        const ingest::LineCounts counts = plan.countsOf(si);
        out() << "    new " << counts.added << ", duplicate " << counts.duplicate << ", possible match " << counts.matched
              << Qt::endl;
        int shown = 0;
        for (int li = ps.firstLine; li < ps.firstLine + ps.lineCount; ++li) {
            const auto& l = plan.lines.at(li);
            if (l.reason.isEmpty()) {
                continue;
            }
            if (++shown > 20) {
                out() << "    ..." << Qt::endl;
                break;
            }
            const auto& e = plan.entryOf(l);
            out() << "    line " << e.sourceLine << "  " << e.bookingDate.toString(Qt::ISODate) << "  "
                  << e.amount.toString() << " " << e.amount.currency().code() << "  " << ingest::lineDecisionKey(l.decision)
                  << ": " << l.reason << Qt::endl;
        }
    }
}

// An existing workspace, migrated to this build's schema first.
Result<DatabasePtr> openMigrated(const Parsed& p)
{
    auto db = openDatabase(p.options.value(QStringLiteral("--db")), Database::OpenMode::MustExist);
    if (!db) {
        return db.error();
    }
    if (auto applied = Migrator::migrate(**db); !applied) {
        return applied.error();
    }
    return db;
}

int importCommand(const Parsed& p)
{
    auto db = openMigrated(p);
    if (!db) {
        return fail(db.error());
    }
    ingest::ImportService service(*db, commandLineActor());
    if (p.options.contains(QStringLiteral("--undo"))) {
        bool ok = false;
        const qint64 batch = p.options.value(QStringLiteral("--undo")).toLongLong(&ok);
        if (!ok || !p.positional.mid(1).isEmpty()) {
            return usageError(QStringLiteral("--undo takes one import number and no files"));
        }
        if (auto s = service.undo(batch); !s) {
            return fail(s.error());
        }
        out() << "import #" << batch << " undone: its transactions were removed" << Qt::endl;
        return CommandLine::Ok;
    }
    const QStringList files = p.positional.mid(1);
    if (files.isEmpty()) {
        return usageError(QStringLiteral("import needs at least one statement file"));
    }
    ingest::ImportOptions options;
    options.createMissingAccounts = p.flags.contains(QStringLiteral("--create-account"));
    options.statementOnly = p.flags.contains(QStringLiteral("--statement-only"));
    if (p.options.contains(QStringLiteral("--account"))) {
        bool ok = false;
        options.accountId = p.options.value(QStringLiteral("--account")).toLongLong(&ok);
        if (!ok) {
            return usageError(QStringLiteral("--account takes an account number (its id)"));
        }
    }
    auto window = intOption(p, QStringLiteral("--date-window"), options.matching.dateWindowDays, 0, 60);
    auto threshold = intOption(p, QStringLiteral("--match-threshold"), options.matching.matchThreshold, 1, 101);
    if (!window || !threshold) {
        return usageError((window ? threshold.error() : window.error()).message());
    }
    options.matching.dateWindowDays = *window;
    options.matching.matchThreshold = *threshold;
    const bool commit = p.flags.contains(QStringLiteral("--commit"));
    // A CSV file without a currency column takes the account's currency (or --currency).
    QString currency = p.options.value(QStringLiteral("--currency")).toUpper();
    if (currency.isEmpty() && options.accountId) {
        auto account = AccountRepository(*db).byId(*options.accountId);
        if (!account) {
            return fail(account.error());
        }
        if (*account) {
            currency = (*account)->currency;
        }
    }

    // A CSV file is read with the bank preset named, else with the one its header is recognised by.
    const ingest::ImportPresets presets(*db, commandLineActor());
    const QString chosen = p.options.value(QStringLiteral("--preset"));

    auto previous = std::signal(SIGINT, onInterrupt);
    const ingest::ImportProgress progress = [](qint64, qint64) { return !g_cancel.load(); };
    int failures = 0;
    for (const QString& path : files) {
        auto bytes = ingest::readStatementBytes(path);
        auto mapping = bytes ? presets.mappingFor(*bytes, path, chosen)
                             : Result<std::optional<ingest::CsvMapping>>(bytes.error());
        auto file = mapping ? ingest::readStatement(*bytes, path, *mapping, currency)
                            : Result<ingest::StatementFile>(mapping.error());
        auto plan = file ? service.plan(std::move(*file), ingest::ImportService::fileHash(*bytes), options, progress)
                         : Result<ingest::ImportPlan>(file.error());
        if (!plan) {
            fail(plan.error());
            ++failures;
            continue;
        }
        plan->balanceMismatchAccepted = p.flags.contains(QStringLiteral("--accept-balance-mismatch"));
        printPlan(*plan);
        if (!commit) {
            continue;
        }
        auto outcome = service.commit(*plan, progress);
        if (!outcome) {
            fail(outcome.error());
            ++failures;
            continue;
        }
        QStringList ids;
        for (qint64 id : outcome->batchIds) {
            ids << QStringLiteral("#%1").arg(id);
        }
        out() << "  stored as import " << ids.join(QStringLiteral(", ")) << ": " << outcome->rowsNew << " new, "
              << outcome->rowsMatched << " linked to the book, " << outcome->rowsDuplicate << " duplicate(s) skipped";
        if (outcome->transfersLinked > 0) {
            out() << ", " << outcome->transfersLinked << " transfer(s) between own accounts linked";
        }
        out() << Qt::endl;
    }
    std::signal(SIGINT, previous);
    if (g_cancel.load()) {
        err() << "flowlet: import cancelled; the file being imported was not stored" << Qt::endl;
        return CommandLine::Cancelled;
    }
    if (!commit && failures < files.size()) {
        out() << "Nothing stored: run again with --commit to store the new entries." << Qt::endl;
    }
    return failures == 0 ? CommandLine::Ok : CommandLine::Failure;
}

// The local API without a window, until SIGINT or SIGTERM.
int serveCommand(const Parsed& p)
{
    auto db = openMigrated(p);
    if (!db) {
        return fail(db.error());
    }
    api::ApiConfig config;
    config.development = p.flags.contains(QStringLiteral("--dev"));
    if (p.options.contains(QStringLiteral("--port"))) {
        bool ok = false;
        const int port = p.options.value(QStringLiteral("--port")).toInt(&ok);
        if (!ok || port < 0 || port > 65535) {
            return usageError(QStringLiteral("--port takes a port number (0 for any free port)"));
        }
        config.port = quint16(port);
    }
    if (p.options.contains(QStringLiteral("--rate"))) {
        bool ok = false;
        const int rate = p.options.value(QStringLiteral("--rate")).toInt(&ok);
        if (!ok || rate < 1 || rate > 1'000'000) {
            return usageError(QStringLiteral("--rate takes the requests a second each key may send"));
        }
        config.ratePerSecond = rate;
        config.burst = std::max(rate * 3, config.burst);
    }
    // Nobody signs in to `flowlet serve`. Through a workstation's role the server takes monitoring
    // data only from a bound session: request statistics go under the requests' own keys, and
    // failures to the log file alone (the window's API records them in the error log as well).
    config.statisticsThroughKeys = (*db)->actsThroughServer();
    installErrorMonitoring(config.statisticsThroughKeys ? nullptr : *db);
    api::ApiServer server;
    auto port = server.start(*db, config);
    if (!port) {
        return fail(port.error());
    }
    out() << "serving the Flowlet API on http://127.0.0.1:" << *port << "/api/ (Ctrl+C stops)" << Qt::endl;
    g_cancel.store(false);
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);
    // The handler only sets a flag; the event loop looks at it (nothing else is safe in a handler).
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &poll, [] {
        if (g_cancel.load()) {
            QCoreApplication::quit();
        }
    });
    poll.start(100);
    QCoreApplication::exec();
    server.stop();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    out() << "stopped" << Qt::endl;
    return CommandLine::Ok;
}

} // namespace

bool CommandLine::wantsCli(const QStringList& arguments)
{
    const Parsed p = parse(arguments);
    return !p.error.isEmpty() || !p.positional.isEmpty() || !p.flags.isEmpty();
}

QString CommandLine::databaseOption(const QStringList& arguments)
{
    return parse(arguments).options.value(QStringLiteral("--db"));
}

int CommandLine::run(const QStringList& arguments)
{
    const Parsed p = parse(arguments);
    if (!p.error.isEmpty()) {
        return usageError(p.error);
    }
    if (p.flags.contains(QStringLiteral("--version"))) {
        out() << "flowlet " << FLOWLET_VERSION << Qt::endl;
        return Ok;
    }
    if (p.flags.contains(QStringLiteral("--help"))) {
        out() << kUsage.arg(Workspace::defaultPath());
        return Ok;
    }
    const QString command = p.positional.value(0);
    if (command == QStringLiteral("db")) {
        return dbCommand(p);
    }
    if (command == QStringLiteral("demo")) {
        return demoCommand(p);
    }
    if (command == QStringLiteral("audit")) {
        return auditCommand(p);
    }
    if (command == QStringLiteral("import")) {
        return importCommand(p);
    }
    if (command == QStringLiteral("monitor")) {
        return monitorCommand(p);
    }
    if (command == QStringLiteral("serve")) {
        return serveCommand(p);
    }
    return usageError(QStringLiteral("unknown sub-command '%1'").arg(command));
}

} // namespace flowlet
