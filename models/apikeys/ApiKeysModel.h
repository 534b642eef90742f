#pragma once

#include "api/ApiKeys.h"

#include <QAbstractTableModel>

namespace flowlet {

// API keys as the API keys panel lists them: one row per key, revoked and expired ones included.
// Small (a handful per person), so it holds the whole list; ApiKeysController fills it.
class ApiKeysModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeysModel)

public:
    enum Column { Name, Prefix, Owner, Scopes, Created, Expires, LastUsed, State, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole, IdRole, ActiveRole };

    explicit ApiKeysModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setKeys(const QList<ApiKeyInfo>& keys);
    const ApiKeyInfo* key(int row) const;
    int rowOf(qint64 keyId) const;

    static QString stateText(ApiKeyInfo::State state);

private:
    QList<ApiKeyInfo> m_keys;
};

} // namespace flowlet
