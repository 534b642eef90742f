#include "AlertsModel.h"

#include "MonitorFormat.h"

namespace flowlet {

AlertsModel::AlertsModel(QObject* parent)
    : MonitorListModel(parent)
{
}

QVariant AlertsModel::data(const QModelIndex& index, int role) const
{
    const MonitorAlert* a = recordAt(index);
    if (!a) {
        return {};
    }
    switch (role) {
    case IdRole: return a->id;
    case AcknowledgedRole: return a->acknowledgedAt.isValid();
    case FingerprintRole: return a->fingerprint;
    case Qt::DisplayRole:
    case RawValueRole: break;
    default: return {};
    }
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case Raised: return raw ? QVariant(a->raisedAt) : QVariant(monitorformat::time(a->raisedAt));
    case Rule: return a->ruleName;
    case Count: return raw ? QVariant(a->count) : QVariant(QLocale().toString(a->count));
    case Message: return a->sampleMessage;
    case Acknowledged:
        if (raw) {
            return a->acknowledgedAt;
        }
        if (!a->acknowledgedAt.isValid()) {
            return tr("open");
        }
        return a->acknowledgedByName.isEmpty()
            ? monitorformat::time(a->acknowledgedAt)
            : tr("%1 by %2").arg(monitorformat::time(a->acknowledgedAt), a->acknowledgedByName);
    default: return {};
    }
}

QString AlertsModel::header(int column) const
{
    switch (column) {
    case Raised: return tr("Raised");
    case Rule: return tr("Rule");
    case Count: return tr("Errors");
    case Message: return tr("Sample message");
    case Acknowledged: return tr("Acknowledged");
    default: return {};
    }
}

} // namespace flowlet
