#include "WorkspaceSetup.h"

#include "db/Migrator.h"

#include <QFile>
#include <QFileInfo>

namespace flowlet {

namespace {
void removeSqliteFiles(const QString& path)
{
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        QFile::remove(path + suffix);
    }
}
} // namespace

Result<DatabasePtr> WorkspaceSetup::open(const DatabaseUrl& url, const QString& password)
{
    auto db = Database::open(url, Database::OpenMode::MustExist, password);
    if (!db) {
        return db.error();
    }
    auto st = Migrator::status(**db);
    if (!st) {
        return st.error();
    }
    if (!st->initialised) {
        return Error(ErrorCode::NotAWorkspace,
                     QStringLiteral("%1 is empty: it has not been set up as a Flowlet workspace (run `flowlet db init`)")
                         .arg(url.toDisplayString()));
    }
    if (auto applied = Migrator::migrate(**db); !applied) {
        return applied.error();
    }
    return db;
}

Result<DatabasePtr> WorkspaceSetup::create(const DatabaseUrl& url, std::optional<DemoSize> demo,
                                           const DemoGenerator::Progress& progress, const std::atomic_bool* cancel)
{
    const bool sqlite = url.backend() == Backend::Sqlite;
    if (sqlite && QFileInfo::exists(url.path())) {
        return Error(ErrorCode::AlreadyExists,
                     QStringLiteral("%1 already exists; open it or choose another file").arg(url.toDisplayString()));
    }
    auto db = Database::open(url, Database::OpenMode::CreateIfMissing);
    if (!db) {
        return db.error();
    }
    auto fail = [&](const Error& error) -> Result<DatabasePtr> {
        db->reset();
        if (sqlite) {
            removeSqliteFiles(url.path());
        }
        return error;
    };
    if (auto applied = Migrator::migrate(**db); !applied) {
        return fail(applied.error());
    }
    if (demo) {
        DemoGenerator generator(*db, *demo);
        generator.setProgress(progress);
        generator.setCancelFlag(cancel);
        if (auto report = generator.run(); !report) {
            return fail(report.error());
        }
    }
    return *db;
}

} // namespace flowlet
