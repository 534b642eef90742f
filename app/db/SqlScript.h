#pragma once

#include "DatabaseUrl.h"

#include <QString>
#include <QStringList>

namespace flowlet {

// Splits a migration script into statements for one backend. Understands -- comments, quoted
// strings and identifiers, PostgreSQL dollar-quoted bodies, SQLite trigger bodies (BEGIN … END;),
// and `-- @dialect postgresql|sqlite|all` sections that keep backend-specific DDL in the same file.
class SqlScript final
{
public:
    static QStringList split(const QString& script, Backend backend);
};

} // namespace flowlet
