#include "CommandLine.h"

#include "audit/AuditLog.h"
#include "core/Logging.h"
#include "core/Version.h"
#include "db/Database.h"
#include "db/Migrator.h"
#include "db/ServerSecurity.h"
#include "db/Workspace.h"
#include "demo/DemoGenerator.h"
#include "workspace/WorkspaceSetup.h"

#include <QCoreApplication>
#include <QElapsedTimer>
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
    "\n"
    "URL is sqlite:///path/file.db or postgresql://user@host:port/dbname?sslmode=...\n"
    "(default: FLOWLET_DB, else the local workspace %1).\n"
    "PostgreSQL passwords come from PGPASSWORD or ~/.pgpass, never from the URL.\n");

// Options that take a value, so that their value is not mistaken for a sub-command.
const QStringList kValueOptions = {QStringLiteral("--db"), QStringLiteral("--size"), QStringLiteral("--port")};

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
            } else if (a == QStringLiteral("--help") || a == QStringLiteral("--version")) {
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
        err() << "flowlet: audit trail BROKEN at entry " << *verified->firstBroken
              << ": it was changed, or an entry before it was removed" << Qt::endl;
        return CommandLine::Failure;
    }
    out() << "audit trail intact: " << verified->entries << " entries" << Qt::endl;
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
    return usageError(QStringLiteral("unknown sub-command '%1'").arg(command));
}

} // namespace flowlet
