#pragma once

#include "MonitorListModel.h"
#include "monitor/MonitorQuery.h"

namespace flowlet {

// The columns of AlertRulesModel.
struct AlertRulesModelColumn
{
    enum Column { Name, Match, MinLevel, Threshold, Window, Enabled, ColumnCount };
};

// The alert rules, by name.
class AlertRulesModel final : public MonitorListModel<AlertRule, AlertRulesModelColumn::ColumnCount>,
                              public AlertRulesModelColumn
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertRulesModel)

public:
    enum Role {
        RawValueRole = Qt::UserRole, // numbers as numbers, times as QDateTime
        IdRole,
    };

    explicit AlertRulesModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    QString header(int column) const override;
};

} // namespace flowlet
