#pragma once

#include "Database.h"

#include <QString>

namespace flowlet {

// The PostgreSQL side of access control: the low-privilege login role workstations connect as,
// and exactly the grants it needs. Everything it can reach is behind row-level security or a
// SECURITY DEFINER function (migration 0002); password hashes, TOTP secrets, sessions and the
// audit trail's writes are out of its reach.
class ServerSecurity final
{
public:
    // "<database>_workstation": roles are global to a cluster, so the name carries the database.
    static QString workstationRoleName(const QString& databaseName);

    struct Installed
    {
        QString role;
        QString password; // set only when the role was created now
        bool created = false;
    };

    // As the database owner (who needs CREATEROLE to create it): creates the role with a random
    // password if it does not exist, then (re)grants. PostgreSQL only.
    static Result<Installed> installWorkstationRole(Database& db);
    static Status grant(QSqlDatabase& connection, const QString& role, const QString& databaseName);
    // After a migration: grants again when this database's workstation role exists.
    static Status regrantIfInstalled(QSqlDatabase& connection);
};

} // namespace flowlet
