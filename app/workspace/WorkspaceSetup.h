#pragma once

#include "db/Database.h"
#include "demo/DemoGenerator.h"

#include <atomic>
#include <optional>

namespace flowlet {

// Opening and creating workspaces as the window and the command line both need it: open and bring
// the schema up to date (refusing a newer one), or create a new one — optionally with demo data —
// such that a failure or a cancel leaves no half-made workspace file behind.
class WorkspaceSetup final
{
public:
    static Result<DatabasePtr> open(const DatabaseUrl& url, const QString& password = {});

    static Result<DatabasePtr> create(const DatabaseUrl& url, std::optional<DemoSize> demo,
                                      const DemoGenerator::Progress& progress = {},
                                      const std::atomic_bool* cancel = nullptr);
};

} // namespace flowlet
