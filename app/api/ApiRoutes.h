#pragma once

#include "ApiConfig.h"
#include "ApiKeys.h"
#include "ApiMessage.h"
#include "db/Database.h"

#include <QList>
#include <QString>

#include <functional>

namespace flowlet::api {

class PendingImports;

// What a handler works with. Handlers run on a worker thread of the API's own Database, on that
// thread's connection (already bound to the key's owner on PostgreSQL).
struct ApiContext
{
    DatabasePtr db;
    const ApiRequest& request;
    const ApiPrincipal& principal; // empty for routes that need no key
    PendingImports& imports;
    const ApiConfig& config;
};

using ApiHandler = std::function<Result<ApiResponse>(ApiContext&)>;

enum class BodyKind {
    None,   // no body expected (a body is refused: 400)
    Json,   // application/json, at most ApiConfig::maxJsonBytes
    Upload, // a statement file, at most ApiConfig::maxUploadBytes
};

// One row of the route table: the single list that dispatches requests, answers 405 with the
// right Allow header, and is checked against the OpenAPI document by a test.
struct ApiRoute
{
    QByteArray method;
    QString pattern;    // "/api/transactions/{id}": a {name} segment matches one non-empty segment
    QString permission; // needed besides a valid key; empty: any valid key
    bool authenticated = true;
    BodyKind body = BodyKind::None;
    bool usesDatabase = true; // false: answered on the server thread (no key, no database)
    ApiHandler handler;
};

const QList<ApiRoute>& apiRoutes();

struct RouteMatch
{
    const ApiRoute* route = nullptr;         // null: 404 or 405
    QHash<QString, QString> parameters;
    QList<QByteArray> allowedMethods;        // non-empty without a route: the path exists (405)
};

RouteMatch matchRoute(const QByteArray& method, const QString& path);

// Which body limit applies to a path before its route is known (while the request still arrives).
bool isUploadPath(const QByteArray& method, const QString& path);

} // namespace flowlet::api
