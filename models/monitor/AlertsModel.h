#pragma once

#include "MonitorListModel.h"
#include "monitor/MonitorQuery.h"

namespace flowlet {

// The columns of AlertsModel.
struct AlertsModelColumn
{
    enum Column { Raised, Rule, Count, Message, Acknowledged, ColumnCount };
};

// Raised alerts, newest first.
class AlertsModel final : public MonitorListModel<MonitorAlert, AlertsModelColumn::ColumnCount>,
                          public AlertsModelColumn
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsModel)

public:
    enum Role {
        RawValueRole = Qt::UserRole, // numbers as numbers, times as QDateTime
        IdRole,
        AcknowledgedRole, // bool
        FingerprintRole,
    };

    explicit AlertsModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    QString header(int column) const override;
};

} // namespace flowlet
