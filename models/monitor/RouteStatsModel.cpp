#include "RouteStatsModel.h"

#include "MonitorFormat.h"

namespace flowlet {

RouteStatsModel::RouteStatsModel(QObject* parent)
    : MonitorListModel(parent)
{
}

QVariant RouteStatsModel::data(const QModelIndex& index, int role) const
{
    const RouteStats* r = recordAt(index);
    if (!r) {
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        return index.column() >= Requests ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                          : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != RawValueRole) {
        return {};
    }
    const bool raw = role == RawValueRole;
    const auto count = [raw](qint64 n) { return raw ? QVariant(n) : QVariant(QLocale().toString(n)); };
    const auto micros = [raw](qint64 n) { return raw ? QVariant(n) : QVariant(monitorformat::latency(n)); };
    switch (index.column()) {
    case Method: return r->method;
    case Route: return r->route;
    case Requests: return count(r->requests);
    case ClientErrors: return count(r->clientErrors);
    case ServerErrors: return count(r->serverErrors);
    case P50: return micros(r->p50Micros);
    case P99: return micros(r->p99Micros);
    case Max: return micros(r->maxMicros);
    default: return {};
    }
}

QString RouteStatsModel::header(int column) const
{
    switch (column) {
    case Method: return tr("Method");
    case Route: return tr("Route");
    case Requests: return tr("Requests");
    case ClientErrors: return tr("4xx");
    case ServerErrors: return tr("5xx");
    case P50: return tr("p50");
    case P99: return tr("p99");
    case Max: return tr("Max");
    default: return {};
    }
}

} // namespace flowlet
