#include "ErrorGroupsModel.h"

#include "MonitorFormat.h"

namespace flowlet {

ErrorGroupsModel::ErrorGroupsModel(QObject* parent)
    : MonitorListModel(parent)
{
}

QVariant ErrorGroupsModel::data(const QModelIndex& index, int role) const
{
    const ErrorGroup* g = recordAt(index);
    if (!g) {
        return {};
    }
    switch (role) {
    case FingerprintRole: return g->fingerprint;
    case ContextRole: return g->latestContext;
    case RequestIdRole: return g->latestRequestId;
    case Qt::ToolTipRole: return index.column() == Message ? QVariant(g->sampleMessage) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Count || index.column() == Users ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                  : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DisplayRole:
    case RawValueRole: break;
    default: return {};
    }
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case Level: return g->level;
    case Category: return g->category;
    case Message: return g->sampleMessage;
    case Count: return raw ? QVariant(g->count) : QVariant(QLocale().toString(g->count));
    case Users: return raw ? QVariant(g->usersAffected) : QVariant(QLocale().toString(g->usersAffected));
    case FirstSeen: return raw ? QVariant(g->firstSeen) : QVariant(monitorformat::time(g->firstSeen));
    case LastSeen: return raw ? QVariant(g->lastSeen) : QVariant(monitorformat::time(g->lastSeen));
    default: return {};
    }
}

QString ErrorGroupsModel::header(int column) const
{
    switch (column) {
    case Level: return tr("Level");
    case Category: return tr("Category");
    case Message: return tr("Message");
    case Count: return tr("Count");
    case Users: return tr("Users");
    case FirstSeen: return tr("First seen");
    case LastSeen: return tr("Last seen");
    default: return {};
    }
}

} // namespace flowlet
