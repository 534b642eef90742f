#pragma once

#include "auth/AuthService.h"

namespace flowlet::test {

// A session for an existing staff user, with the permissions of their role, without signing in
// (for tests of what a signed-in person may do; signing in itself is tested on its own).
inline StaffSession sessionOf(const DatabasePtr& db, const QString& username)
{
    auto q = db->exec(QStringLiteral("SELECT u.id, r.code, u.display_name FROM staff_users u "
                                     "JOIN roles r ON r.id = u.role_id WHERE u.username = ?"),
                      {username});
    StaffSession s;
    if (q && q->next()) {
        s.userId = q->value(0).toLongLong();
        s.username = username;
        s.roleCode = q->value(1).toString();
        s.displayName = q->value(2).toString();
        s.permissions = AuthService::permissionsOfRole(*db, s.roleCode);
    }
    return s;
}

} // namespace flowlet::test
