#include "ActiveSessionsModel.h"

#include "MonitorFormat.h"

namespace flowlet {

ActiveSessionsModel::ActiveSessionsModel(QObject* parent)
    : MonitorListModel(parent)
{
}

QVariant ActiveSessionsModel::data(const QModelIndex& index, int role) const
{
    const ActiveSession* s = recordAt(index);
    if (!s) {
        return {};
    }
    if (role == IdRole) {
        return s->id;
    }
    if (role != Qt::DisplayRole && role != RawValueRole) {
        return {};
    }
    const bool raw = role == RawValueRole;
    const auto when = [raw](const QDateTime& t) { return raw ? QVariant(t) : QVariant(monitorformat::time(t)); };
    switch (index.column()) {
    case User: return s->username;
    case Name: return s->displayName;
    case Workstation: return s->workstation;
    case Started: return when(s->started);
    case LastSeen: return when(s->lastSeen);
    case Expires: return when(s->expires);
    default: return {};
    }
}

QString ActiveSessionsModel::header(int column) const
{
    switch (column) {
    case User: return tr("User");
    case Name: return tr("Name");
    case Workstation: return tr("Workstation");
    case Started: return tr("Signed in");
    case LastSeen: return tr("Last seen");
    case Expires: return tr("Expires");
    default: return {};
    }
}

} // namespace flowlet
