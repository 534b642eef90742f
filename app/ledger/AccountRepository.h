#pragma once

#include "core/Result.h"
#include "db/Database.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace flowlet {

struct AccountSummary
{
    qint64 id = 0;
    QString name;
    QString identifier; // IBAN or account number
    QString currency;

    QString label() const
    {
        return identifier.isEmpty() ? QStringLiteral("%1 (#%2, %3)").arg(name).arg(id).arg(currency)
                                    : QStringLiteral("%1 — %2 (%3)").arg(name, identifier, currency);
    }
};

// Finding accounts: by id, by the identifier a bank statement gives, and the workspace's own
// accounts a statement can be imported into. The one place that reads the accounts table for this.
class AccountRepository final
{
public:
    explicit AccountRepository(DatabasePtr db);

    Result<std::optional<AccountSummary>> byId(qint64 id) const;
    // By IBAN (any spacing or case), else by account number (the oldest such account).
    Result<std::optional<AccountSummary>> byIdentifier(const QString& iban, const QString& number) const;
    // Which of these IBANs (compact form) belong to accounts of the workspace, and to which.
    Result<QHash<QString, qint64>> idsOfIbans(const QStringList& ibans) const;

    // Own accounts (not customers'), by name; bounded: more than `limit` are searched by name.
    Result<QList<AccountSummary>> ownAccounts(const QString& nameFilter = {}, int limit = 500) const;

private:
    Result<std::optional<AccountSummary>> first(const QString& where, const QVariantList& bindings) const;

    DatabasePtr m_db;
};

} // namespace flowlet
