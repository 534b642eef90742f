#include "Authorization.h"

namespace flowlet {

Error permissionDenied(const QString& permission)
{
    return {ErrorCode::PermissionDenied, QStringLiteral("this needs the %1 permission").arg(permission)};
}

Status requirePermission(QSqlDatabase& connection, bool throughServer, const Actor& actor, const QString& permission)
{
    QString sql;
    QVariantList bindings;
    if (throughServer) {
        sql = QStringLiteral("SELECT CASE WHEN flowlet_auth.has_permission(?) THEN 1 ELSE 0 END");
        bindings = {permission};
    } else if (actor.userId) {
        sql = QStringLiteral("SELECT count(*) FROM staff_users u JOIN role_permissions rp ON rp.role_id = u.role_id "
                             "WHERE u.id = ? AND u.status = 'active' AND rp.permission_code = ?");
        bindings = {*actor.userId, permission};
        if (actor.apiKeyId) {
            // Acting through an API key: also among the key's scopes (space-separated), as the
            // server's has_permission requires on the workstation path.
            sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM api_keys k WHERE k.id = ? AND k.owner_id = u.id "
                                  "AND k.revoked_at IS NULL AND (' ' || k.scopes || ' ') LIKE ('% ' || ? || ' %'))");
            bindings << *actor.apiKeyId << permission;
        }
    } else {
        return {};
    }
    auto q = Database::execOn(connection, sql, bindings);
    if (!q) {
        return q.error();
    }
    if (!q->next() || q->value(0).toInt() == 0) {
        return permissionDenied(permission);
    }
    return {};
}

Status requirePermission(Database& db, const Actor& actor, const QString& permission)
{
    if (!db.actsThroughServer() && !actor.userId) {
        return {};
    }
    auto c = db.connection();
    if (!c) {
        return c.error();
    }
    return requirePermission(*c, db.actsThroughServer(), actor, permission);
}

} // namespace flowlet
