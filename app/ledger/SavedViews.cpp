#include "SavedViews.h"

#include "core/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace flowlet {

namespace {

const QString kArea = QStringLiteral("transactions");

QString sortKeyName(TransactionSortKey key)
{
    switch (key) {
    case TransactionSortKey::OccurredAt: return QStringLiteral("occurred_at");
    case TransactionSortKey::Amount: return QStringLiteral("amount");
    case TransactionSortKey::Id: return QStringLiteral("id");
    }
    return QStringLiteral("occurred_at");
}

// NULL owner (the local command line) compares as 0, as in the unique index.
QString ownerTerm()
{
    return QStringLiteral("COALESCE(owner_id, 0) = ?");
}

} // namespace

SavedViews::SavedViews(DatabasePtr db, Actor actor)
    : m_db(std::move(db))
    , m_actor(std::move(actor))
{
}

QString SavedViews::definitionJson(const TransactionFilter& filter, const TransactionSort& sort)
{
    const QJsonObject json{{QStringLiteral("filter"), filterToJson(filter)},
                           {QStringLiteral("sort"), sortKeyName(sort.key)},
                           {QStringLiteral("descending"), sort.descending}};
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

Status SavedViews::readDefinition(const QString& json, TransactionFilter& filter, TransactionSort& sort)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (!doc.isObject()) {
        return Error(ErrorCode::ParseError, QStringLiteral("saved view: %1").arg(error.errorString()));
    }
    auto parsed = filterFromJson(doc.object().value(QStringLiteral("filter")).toObject());
    if (!parsed) {
        return parsed.error();
    }
    filter = *parsed;
    const QString key = doc.object().value(QStringLiteral("sort")).toString();
    sort.key = key == QStringLiteral("amount") ? TransactionSortKey::Amount
             : key == QStringLiteral("id")     ? TransactionSortKey::Id
                                               : TransactionSortKey::OccurredAt;
    sort.descending = doc.object().value(QStringLiteral("descending")).toBool(true);
    return {};
}

Result<QList<SavedView>> SavedViews::list() const
{
    auto q = m_db->exec(QStringLiteral("SELECT id, name, definition FROM saved_views WHERE area = ? AND %1 "
                                       "ORDER BY name, id")
                            .arg(ownerTerm()),
                        {kArea, m_actor.userId.value_or(0)});
    if (!q) {
        return q.error();
    }
    QList<SavedView> views;
    while (q->next()) {
        SavedView v;
        v.id = q->value(0).toLongLong();
        v.name = q->value(1).toString();
        // A view written by a newer version that this one cannot read is left out, not fatal.
        if (readDefinition(q->value(2).toString(), v.filter, v.sort)) {
            views << v;
        }
    }
    return views;
}

Result<qint64> SavedViews::save(const QString& name, const TransactionFilter& filter, const TransactionSort& sort)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty() || trimmed.size() > 100) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a view needs a name of 1 to 100 characters"));
    }
    const QString definition = definitionJson(filter, sort);
    const QVariant owner = m_actor.userId ? QVariant(*m_actor.userId) : QVariant(QMetaType(QMetaType::LongLong));
    qint64 id = 0;
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        QSqlQuery q(c);
        q.prepare(QStringLiteral("SELECT id FROM saved_views WHERE area = ? AND name = ? AND %1").arg(ownerTerm()));
        q.addBindValue(kArea);
        q.addBindValue(trimmed);
        q.addBindValue(m_actor.userId.value_or(0));
        if (!q.exec()) {
            return Database::queryError(q);
        }
        if (q.next()) {
            id = q.value(0).toLongLong();
            QSqlQuery u(c);
            u.prepare(QStringLiteral("UPDATE saved_views SET definition = ?, updated_at = ? WHERE id = ?"));
            u.addBindValue(definition);
            u.addBindValue(m_db->dialect().timestampValue(Clock::now()));
            u.addBindValue(id);
            return u.exec() ? Status() : Database::queryError(u);
        }
        QSqlQuery i(c);
        i.prepare(QStringLiteral("INSERT INTO saved_views (owner_id, area, name, definition) VALUES (?, ?, ?, ?) RETURNING id"));
        i.addBindValue(owner);
        i.addBindValue(kArea);
        i.addBindValue(trimmed);
        i.addBindValue(definition);
        if (!i.exec() || !i.next()) {
            return Database::queryError(i);
        }
        id = i.value(0).toLongLong();
        return {};
    });
    if (!status) {
        return status.error();
    }
    return id;
}

Status SavedViews::remove(qint64 id)
{
    auto q = m_db->exec(QStringLiteral("DELETE FROM saved_views WHERE id = ? AND %1").arg(ownerTerm()),
                        {id, m_actor.userId.value_or(0)});
    if (!q) {
        return q.error();
    }
    if (q->numRowsAffected() == 0) {
        return Error(ErrorCode::NotFound, QStringLiteral("the view was deleted meanwhile"));
    }
    return {};
}

} // namespace flowlet
