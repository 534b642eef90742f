#pragma once

#include "MonitorListModel.h"
#include "monitor/MonitorQuery.h"

namespace flowlet {

// The columns of RouteStatsModel.
struct RouteStatsModelColumn
{
    enum Column { Method, Route, Requests, ClientErrors, ServerErrors, P50, P99, Max, ColumnCount };
};

// API requests per route over the chosen range, the busiest first.
class RouteStatsModel final : public MonitorListModel<RouteStats, RouteStatsModelColumn::ColumnCount>,
                              public RouteStatsModelColumn
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteStatsModel)

public:
    enum Role {
        RawValueRole = Qt::UserRole, // numbers as numbers (latencies in microseconds)
    };

    explicit RouteStatsModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    QString header(int column) const override;
};

} // namespace flowlet
