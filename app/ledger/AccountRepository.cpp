#include "AccountRepository.h"

namespace flowlet {

AccountRepository::AccountRepository(DatabasePtr db)
    : m_db(std::move(db))
{
}

Result<QList<AccountChoice>> AccountRepository::ownAccounts(const QString& nameFilter, int limit) const
{
    QString sql = QStringLiteral("SELECT id, name, COALESCE(iban, account_number, ''), currency FROM accounts "
                                 "WHERE kind = 'own' AND status <> 'closed'");
    QVariantList bindings;
    if (!nameFilter.isEmpty()) {
        sql += QStringLiteral(" AND ") + m_db->dialect().containsInsensitive(QStringLiteral("name"));
        bindings << SqlDialect::likePattern(nameFilter);
    }
    sql += QStringLiteral(" ORDER BY name, id LIMIT %1").arg(limit);
    auto q = m_db->exec(sql, bindings);
    if (!q) {
        return q.error();
    }
    QList<AccountChoice> out;
    while (q->next()) {
        out.append({q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(), q->value(3).toString()});
    }
    return out;
}

} // namespace flowlet
