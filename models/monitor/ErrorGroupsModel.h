#pragma once

#include "MonitorListModel.h"
#include "monitor/MonitorQuery.h"

namespace flowlet {

// The columns of ErrorGroupsModel.
struct ErrorGroupsModelColumn
{
    enum Column { Level, Category, Message, Count, Users, FirstSeen, LastSeen, ColumnCount };
};

// Errors grouped by fingerprint, most recently seen first.
class ErrorGroupsModel final : public MonitorListModel<ErrorGroup, ErrorGroupsModelColumn::ColumnCount>,
                               public ErrorGroupsModelColumn
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorGroupsModel)

public:
    enum Role {
        RawValueRole = Qt::UserRole, // counts as numbers, times as QDateTime
        FingerprintRole,
        ContextRole,   // the latest entry's context (JSON)
        RequestIdRole, // the latest entry's request id
    };

    explicit ErrorGroupsModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    QString header(int column) const override;
};

} // namespace flowlet
