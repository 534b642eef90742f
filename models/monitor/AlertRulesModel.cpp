#include "AlertRulesModel.h"

#include <QLocale>

namespace flowlet {

AlertRulesModel::AlertRulesModel(QObject* parent)
    : MonitorListModel(parent)
{
}

QVariant AlertRulesModel::data(const QModelIndex& index, int role) const
{
    const AlertRule* r = recordAt(index);
    if (!r) {
        return {};
    }
    if (role == IdRole) {
        return r->id;
    }
    if (role == Qt::CheckStateRole && index.column() == Enabled) {
        return r->enabled ? Qt::Checked : Qt::Unchecked;
    }
    if (role != Qt::DisplayRole && role != RawValueRole) {
        return {};
    }
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case Name: return r->name;
    case Match:
        if (raw) {
            return r->fingerprint.isEmpty() ? r->category : r->fingerprint;
        }
        if (!r->fingerprint.isEmpty()) {
            return tr("fingerprint %1…").arg(r->fingerprint.left(12));
        }
        return r->category.isEmpty() ? tr("any category") : tr("category %1").arg(r->category);
    case MinLevel: return r->minLevel;
    case Threshold: return raw ? QVariant(r->threshold) : QVariant(QLocale().toString(r->threshold));
    case Window: return raw ? QVariant(r->windowMinutes) : QVariant(tr("%n min", nullptr, r->windowMinutes));
    case Enabled: return raw ? QVariant(r->enabled) : QVariant(r->enabled ? tr("on") : tr("off"));
    default: return {};
    }
}

QString AlertRulesModel::header(int column) const
{
    switch (column) {
    case Name: return tr("Rule");
    case Match: return tr("Matches");
    case MinLevel: return tr("From level");
    case Threshold: return tr("At least");
    case Window: return tr("Within");
    case Enabled: return tr("Enabled");
    default: return {};
    }
}

} // namespace flowlet
