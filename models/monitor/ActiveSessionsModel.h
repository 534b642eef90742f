#pragma once

#include "MonitorListModel.h"
#include "monitor/MonitorQuery.h"

namespace flowlet {

// The columns of ActiveSessionsModel.
struct ActiveSessionsModelColumn
{
    enum Column { User, Name, Workstation, Started, LastSeen, Expires, ColumnCount };
};

// Staff sessions that have neither ended nor expired.
class ActiveSessionsModel final : public MonitorListModel<ActiveSession, ActiveSessionsModelColumn::ColumnCount>,
                                  public ActiveSessionsModelColumn
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActiveSessionsModel)

public:
    enum Role {
        RawValueRole = Qt::UserRole, // numbers as numbers, times as QDateTime
        IdRole,
    };

    explicit ActiveSessionsModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    QString header(int column) const override;
};

} // namespace flowlet
