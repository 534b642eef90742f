#include "ApiKeysModel.h"

#include <QColor>
#include <QLocale>

namespace flowlet {

namespace {

QString shortTime(const QDateTime& t)
{
    return QLocale().toString(t.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

ApiKeysModel::ApiKeysModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int ApiKeysModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_keys.size());
}

int ApiKeysModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ApiKeysModel::stateText(ApiKeyInfo::State state)
{
    switch (state) {
    case ApiKeyInfo::State::Active: return tr("active");
    case ApiKeyInfo::State::Expired: return tr("expired");
    case ApiKeyInfo::State::Revoked: return tr("revoked");
    }
    return {};
}

QVariant ApiKeysModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ApiKeyInfo& k = m_keys.at(index.row());
    const ApiKeyInfo::State state = k.stateAt(QDateTime::currentDateTimeUtc());
    if (role == IdRole) {
        return k.id;
    }
    if (role == ActiveRole) {
        return state == ApiKeyInfo::State::Active;
    }
    if (role == Qt::ForegroundRole && state != ApiKeyInfo::State::Active) {
        return QColor(0x75, 0x75, 0x75);
    }
    if (role == Qt::ToolTipRole && index.column() == Scopes) {
        return k.scopes.join(u'\n');
    }
    if (role != Qt::DisplayRole && role != RawValueRole) {
        return {};
    }
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case Name: return k.name;
    case Prefix: return raw ? k.prefix : QStringLiteral("flk_%1_…").arg(k.prefix);
    case Owner: return k.ownerName;
    case Scopes: return raw ? QVariant(k.scopes) : QVariant(k.scopes.join(QStringLiteral(", ")));
    case Created: return raw ? QVariant(k.createdAt) : QVariant(shortTime(k.createdAt));
    case Expires:
        if (raw) {
            return k.expiresAt;
        }
        return k.expiresAt.isValid() ? shortTime(k.expiresAt) : tr("never");
    case LastUsed:
        if (raw) {
            return k.lastUsedAt;
        }
        return k.lastUsedAt.isValid() ? shortTime(k.lastUsedAt) : tr("never");
    case State: return raw ? QVariant(static_cast<int>(state)) : QVariant(stateText(state));
    default: return {};
    }
}

QVariant ApiKeysModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name: return tr("Name");
    case Prefix: return tr("Key");
    case Owner: return tr("Owner");
    case Scopes: return tr("Scopes");
    case Created: return tr("Created");
    case Expires: return tr("Expires");
    case LastUsed: return tr("Last used");
    case State: return tr("State");
    default: return {};
    }
}

void ApiKeysModel::setKeys(const QList<ApiKeyInfo>& keys)
{
    beginResetModel();
    m_keys = keys;
    endResetModel();
}

const ApiKeyInfo* ApiKeysModel::key(int row) const
{
    return row >= 0 && row < m_keys.size() ? &m_keys.at(row) : nullptr;
}

int ApiKeysModel::rowOf(qint64 keyId) const
{
    for (int row = 0; row < m_keys.size(); ++row) {
        if (m_keys.at(row).id == keyId) {
            return row;
        }
    }
    return -1;
}

} // namespace flowlet
