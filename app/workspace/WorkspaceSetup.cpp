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

Result<CreatedWorkspace> WorkspaceSetup::fillDemo(const DatabasePtr& db, DemoSize size,
                                                   const DemoGenerator::Progress& progress,
                                                   const std::atomic_bool* cancel, DemoReport* report)
{
    DemoGenerator generator(db, size);
    generator.setProgress(progress);
    generator.setCancelFlag(cancel);
    auto generated = generator.run();
    if (!generated) {
        return generated.error();
    }
    if (report) {
        *report = *generated;
    }
    if (progress) {
        progress(QStringLiteral("staff users"), 0, 0);
    }
    auto credentials = DemoUsers::create(db);
    if (!credentials) {
        return credentials.error();
    }
    auto file = DemoUsers::writeCredentialsFile(*credentials, db->url());
    if (!file) {
        return file.error();
    }
    return CreatedWorkspace{db, *credentials, *file};
}

Result<CreatedWorkspace> WorkspaceSetup::create(const DatabaseUrl& url, std::optional<DemoSize> demo,
                                                const std::optional<NewStaffUser>& firstAdmin,
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
    auto fail = [&](const Error& error) -> Result<CreatedWorkspace> {
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
        auto filled = fillDemo(*db, *demo, progress, cancel);
        if (!filled) {
            return fail(filled.error());
        }
        return filled;
    }
    if (firstAdmin) {
        if (auto admin = AuthService(*db).createFirstAdmin(*firstAdmin); !admin) {
            return fail(admin.error());
        }
    }
    return CreatedWorkspace{*db, {}, {}};
}

} // namespace flowlet
