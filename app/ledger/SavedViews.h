#pragma once

#include "TransactionQuery.h"
#include "audit/AuditLog.h"
#include "core/Result.h"
#include "db/Database.h"

#include <QList>
#include <QString>

namespace flowlet {

// A named filter and sort order of the transactions browser.
struct SavedView
{
    qint64 id = 0;
    QString name;
    TransactionFilter filter;
    TransactionSort sort;
};

// The signed-in user's saved views, kept in the database so that they follow the user from one
// workstation to the next. Each user sees only their own (row-level security on PostgreSQL).
class SavedViews final
{
public:
    SavedViews(DatabasePtr db, Actor actor);

    Result<QList<SavedView>> list() const; // by name
    // Saves under the name, replacing the user's view of that name. Returns its id.
    Result<qint64> save(const QString& name, const TransactionFilter& filter, const TransactionSort& sort);
    Status remove(qint64 id);

    static QString definitionJson(const TransactionFilter& filter, const TransactionSort& sort);
    static Status readDefinition(const QString& json, TransactionFilter& filter, TransactionSort& sort);

private:
    DatabasePtr m_db;
    Actor m_actor;
};

} // namespace flowlet
