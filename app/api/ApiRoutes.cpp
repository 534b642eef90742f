#include "ApiRoutes.h"
#include "ApiEndpoints.h"
#include "ApiJson.h"
#include "auth/Permissions.h"
#include "core/Version.h"

#include <QFile>
#include <QJsonArray>

namespace flowlet::api {

const QList<ApiRoute>& apiRoutes()
{
    using namespace endpoints;
    static const QList<ApiRoute> routes = {
        {"GET", QStringLiteral("/api/health"), {}, false, BodyKind::None, true, health},
        {"GET", QStringLiteral("/api/openapi.json"), {}, false, BodyKind::None, false, openApi},
        {"GET", QStringLiteral("/api/me"), {}, true, BodyKind::None, true, me},
        {"GET", QStringLiteral("/api/transactions"), Permission::TransactionsRead, true, BodyKind::None, true,
         listTransactions},
        {"GET", QStringLiteral("/api/transactions/categorize"), Permission::TransactionsCategorize, true,
         BodyKind::None, true, proposals},
        {"POST", QStringLiteral("/api/transactions/categorize"), Permission::TransactionsCategorize, true,
         BodyKind::Json, true, applyProposals},
        {"GET", QStringLiteral("/api/transactions/analyze"), Permission::TransactionsRead, true, BodyKind::None, true,
         analyze},
        {"POST", QStringLiteral("/api/transactions/upload"), Permission::TransactionsImport, true, BodyKind::Upload,
         true, upload},
        {"POST", QStringLiteral("/api/transactions/upload/{token}/commit"), Permission::TransactionsImport, true,
         BodyKind::Json, true, commitUpload},
        {"GET", QStringLiteral("/api/transactions/{id}"), Permission::TransactionsRead, true, BodyKind::None, true,
         transaction},
        {"POST", QStringLiteral("/api/reconciliation/start"), Permission::ReconciliationPerform, true, BodyKind::Json,
         true, startReconciliation},
        {"GET", QStringLiteral("/api/reconciliation/status"), Permission::ReconciliationPerform, true, BodyKind::None,
         true, reconciliationStatus},
    };
    return routes;
}

namespace {

// Literal segments win over {parameters}: /api/transactions/analyze is not transaction "analyze".
bool matches(const QString& pattern, const QList<QStringView>& segments, QHash<QString, QString>* parameters)
{
    const QList<QStringView> want = QStringView(pattern).split(u'/');
    if (want.size() != segments.size()) {
        return false;
    }
    for (qsizetype i = 0; i < want.size(); ++i) {
        const QStringView w = want.at(i);
        if (w.startsWith(u'{') && w.endsWith(u'}')) {
            if (segments.at(i).isEmpty()) {
                return false;
            }
            if (parameters) {
                parameters->insert(w.mid(1, w.size() - 2).toString(), segments.at(i).toString());
            }
        } else if (w != segments.at(i)) {
            return false;
        }
    }
    return true;
}

int literalCount(const QString& pattern)
{
    return int(pattern.count(u'/')) - int(pattern.count(u'{'));
}

} // namespace

RouteMatch matchRoute(const QByteArray& method, const QString& path)
{
    const QList<QStringView> segments = QStringView(path).split(u'/');
    RouteMatch result;
    int best = -1;
    for (const ApiRoute& route : apiRoutes()) {
        if (!matches(route.pattern, segments, nullptr)) {
            continue;
        }
        if (route.method != method) {
            if (!result.allowedMethods.contains(route.method)) {
                result.allowedMethods << route.method;
            }
            continue;
        }
        if (literalCount(route.pattern) > best) {
            best = literalCount(route.pattern);
            result.route = &route;
        }
    }
    if (result.route) {
        // A literal route of another method must not make /api/transactions/categorize a 405
        // for a method only {id} has: allowed methods matter only without a route.
        matches(result.route->pattern, segments, &result.parameters);
    }
    return result;
}

bool isUploadPath(const QByteArray& method, const QString& path)
{
    const RouteMatch m = matchRoute(method, path);
    return m.route && m.route->body == BodyKind::Upload;
}

namespace endpoints {

Result<ApiResponse> health(ApiContext& c)
{
    if (auto s = checkQueryKeys(c.request.query, {}); !s) {
        return s.error();
    }
    auto q = c.db->exec(QStringLiteral("SELECT 1"));
    if (!q) {
        return q.error();
    }
    return jsonResponse(QJsonObject{
        {QStringLiteral("status"), QStringLiteral("ok")},
        {QStringLiteral("version"), QStringLiteral(FLOWLET_VERSION)},
        {QStringLiteral("backend"), c.db->dialect().name()},
    });
}

Result<ApiResponse> openApi(ApiContext&)
{
    static const QByteArray document = [] {
        QFile f(QStringLiteral(":/api/openapi.json"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    if (document.isEmpty()) {
        return Error(ErrorCode::IoError, QStringLiteral("the OpenAPI document is missing from this build"));
    }
    ApiResponse r;
    r.body = document;
    return r;
}

Result<ApiResponse> me(ApiContext& c)
{
    if (auto s = checkQueryKeys(c.request.query, {}); !s) {
        return s.error();
    }
    QStringList permissions(c.principal.permissions.begin(), c.principal.permissions.end());
    permissions.sort();
    return jsonResponse(QJsonObject{
        {QStringLiteral("user_id"), c.principal.ownerId},
        {QStringLiteral("user_name"), c.principal.ownerName},
        {QStringLiteral("key_id"), c.principal.keyId},
        {QStringLiteral("key_prefix"), c.principal.keyPrefix},
        {QStringLiteral("permissions"), QJsonArray::fromStringList(permissions)},
    });
}

} // namespace endpoints

} // namespace flowlet::api
