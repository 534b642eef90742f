#pragma once

#include "SqlRow.h"
#include "core/Result.h"

#include <QSqlDatabase>
#include <QVariantList>

#include <memory>

namespace flowlet {

// The statements one connection keeps prepared for Database::readRows, by SQL text. Each backend
// talks to its own library through the Qt driver's handle: libpq (PQprepare / PQexecPrepared) and
// SQLite's C API (persistent statements). One per connection and thread; it must go before its
// connection is closed.
class PreparedReads
{
public:
    virtual ~PreparedReads() = default;
    // Runs `sql` (with `?` placeholders) and calls `row` for each result row, in order.
    virtual Status read(const QString& sql, const QVariantList& bindings, const RowFunction& row) = 0;

    // Null when the connection's driver handle is not the expected library's.
    static std::unique_ptr<PreparedReads> forPostgres(const QSqlDatabase& connection);
    static std::unique_ptr<PreparedReads> forSqlite(const QSqlDatabase& connection);

    // How many statements a connection keeps: texts differ by filters and page size.
    static constexpr int kMaxStatements = 64;
};

} // namespace flowlet
