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

    // Whether a bound value is SQL NULL, by the rule Qt's own drivers follow for exec(): an
    // invalid or null QVariant, and a null string, byte array, date, time or date-time — so that
    // the same bindings mean the same through readRows and through exec().
    static bool isNullBinding(const QVariant& value)
    {
        if (value.isNull()) {
            return true;
        }
        switch (value.metaType().id()) {
        case QMetaType::QString: return value.toString().isNull();
        case QMetaType::QByteArray: return value.toByteArray().isNull();
        case QMetaType::QDate: return value.toDate().isNull();
        case QMetaType::QTime: return value.toTime().isNull();
        case QMetaType::QDateTime: return value.toDateTime().isNull();
        default: return false;
        }
    }
};

} // namespace flowlet
