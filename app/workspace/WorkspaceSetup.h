#pragma once

#include "auth/AuthService.h"
#include "db/Database.h"
#include "demo/DemoGenerator.h"
#include "demo/DemoUsers.h"

#include <atomic>
#include <optional>

namespace flowlet {

// Opening and creating workspaces as the window and the command line both need it: open and bring
// the schema up to date (refusing a newer one), or create a new one — optionally with demo data —
// such that a failure or a cancel leaves no half-made workspace file behind.
struct CreatedWorkspace
{
    DatabasePtr database;
    QList<DemoCredential> demoCredentials; // a demo workspace's staff users
    QString credentialsFile;               // where they were written
};

class WorkspaceSetup final
{
public:
    static Result<DatabasePtr> open(const DatabaseUrl& url, const QString& password = {});

    // A demo workspace gets one user per role; an empty one gets `firstAdmin` (if given).
    static Result<CreatedWorkspace> create(const DatabaseUrl& url, std::optional<DemoSize> demo,
                                           const std::optional<NewStaffUser>& firstAdmin = std::nullopt,
                                           const DemoGenerator::Progress& progress = {},
                                           const std::atomic_bool* cancel = nullptr);

    // Demo data into an existing (migrated, empty) database, with its users and credentials file.
    static Result<CreatedWorkspace> fillDemo(const DatabasePtr& db, DemoSize size,
                                             const DemoGenerator::Progress& progress = {},
                                             const std::atomic_bool* cancel = nullptr, DemoReport* report = nullptr);
};

} // namespace flowlet
