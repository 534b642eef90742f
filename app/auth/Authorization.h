#pragma once

#include "audit/AuditLog.h"
#include "core/Result.h"
#include "db/Database.h"

#include <QSqlDatabase>
#include <QString>

namespace flowlet {

// The error every service gives when the actor lacks a permission.
Error permissionDenied(const QString& permission);

// Whether `actor` may do what needs `permission`, asked of whoever knows best, on the connection
// of the change (so that the answer and the change see the same data):
//  - through the server (PostgreSQL's workstation role): the server's bound staff session;
//  - a staff user on the owner path (SQLite, or PostgreSQL as the owner): the user's role as it is
//    now, so a role changed or an account disabled since sign-in counts at once;
//  - no user at all (the workspace's owner at the command line): allowed.
// Services that change or release business data call this before acting; on PostgreSQL the
// row-level security and triggers enforce the same again below the application.
Status requirePermission(QSqlDatabase& connection, bool throughServer, const Actor& actor, const QString& permission);
// The same on the calling thread's own connection, before a change's transaction begins (on
// SQLite a transaction that reads before it writes can fail on a busy snapshot).
Status requirePermission(Database& db, const Actor& actor, const QString& permission);

} // namespace flowlet
