#pragma once

#include "core/Result.h"
#include "db/Database.h"

#include <QList>
#include <QString>

namespace flowlet {

struct AccountChoice
{
    qint64 id = 0;
    QString name;
    QString identifier; // IBAN or account number
    QString currency;

    QString label() const
    {
        return identifier.isEmpty() ? QStringLiteral("%1 (%2)").arg(name, currency)
                                    : QStringLiteral("%1 — %2 (%3)").arg(name, identifier, currency);
    }
};

// The accounts a statement can be imported into: the workspace's own accounts (not customers'),
// by name. Bounded: a workspace with more own accounts than `limit` is searched by name.
class AccountRepository final
{
public:
    explicit AccountRepository(DatabasePtr db);
    Result<QList<AccountChoice>> ownAccounts(const QString& nameFilter = {}, int limit = 500) const;

private:
    DatabasePtr m_db;
};

} // namespace flowlet
