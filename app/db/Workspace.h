#pragma once

#include "DatabaseUrl.h"
#include "core/Result.h"

#include <QString>

namespace flowlet {

// Where the workspace is when nobody says: --db, then FLOWLET_DB, then the local SQLite file in
// the user's data folder.
class Workspace final
{
public:
    static QString defaultPath();
    static DatabaseUrl defaultUrl() { return DatabaseUrl::sqlite(defaultPath()); }
    // commandLineValue may be empty.
    static Result<DatabaseUrl> resolve(const QString& commandLineValue);
};

} // namespace flowlet
