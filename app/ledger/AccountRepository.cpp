#include "AccountRepository.h"

#include "core/Iban.h"

namespace flowlet {

namespace {

const QString kColumns = QStringLiteral("SELECT id, name, COALESCE(iban, account_number, ''), currency FROM accounts ");

AccountSummary summaryOf(const QSqlQuery& q)
{
    return {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
}

} // namespace

AccountRepository::AccountRepository(DatabasePtr db)
    : m_db(std::move(db))
{
}

Result<std::optional<AccountSummary>> AccountRepository::first(const QString& where, const QVariantList& bindings) const
{
    auto q = m_db->exec(kColumns + where + QStringLiteral(" ORDER BY id LIMIT 1"), bindings);
    if (!q) {
        return q.error();
    }
    return q->next() ? std::optional<AccountSummary>(summaryOf(*q)) : std::nullopt;
}

Result<std::optional<AccountSummary>> AccountRepository::byId(qint64 id) const
{
    return first(QStringLiteral("WHERE id = ?"), {id});
}

Result<std::optional<AccountSummary>> AccountRepository::byIdentifier(const QString& iban, const QString& number) const
{
    if (!iban.isEmpty()) {
        return first(QStringLiteral("WHERE iban = ?"), {Iban::compact(iban)});
    }
    if (!number.isEmpty()) {
        return first(QStringLiteral("WHERE account_number = ?"), {number});
    }
    return std::optional<AccountSummary>();
}

Result<QHash<QString, qint64>> AccountRepository::idsOfIbans(const QStringList& ibans) const
{
    QHash<QString, qint64> out;
    constexpr qsizetype kChunk = 200; // bindings per statement, well under both backends' limits
    for (qsizetype at = 0; at < ibans.size(); at += kChunk) {
        const QStringList chunk = ibans.mid(at, kChunk);
        const QStringList marks(chunk.size(), QStringLiteral("?"));
        auto q = m_db->exec(QStringLiteral("SELECT id, iban FROM accounts WHERE iban IN (%1)").arg(marks.join(u',')),
                            QVariantList(chunk.cbegin(), chunk.cend()));
        if (!q) {
            return q.error();
        }
        while (q->next()) {
            out.insert(q->value(1).toString(), q->value(0).toLongLong());
        }
    }
    return out;
}

Result<QList<AccountSummary>> AccountRepository::ownAccounts(const QString& nameFilter, int limit) const
{
    QString sql = kColumns + QStringLiteral("WHERE kind = 'own' AND status <> 'closed'");
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
    QList<AccountSummary> out;
    while (q->next()) {
        out.append(summaryOf(*q));
    }
    return out;
}

} // namespace flowlet
