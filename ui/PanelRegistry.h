#pragma once

#include "audit/AuditLog.h"
#include "auth/AuthService.h"
#include "auth/Permissions.h"
#include "db/Database.h"

#include <QIcon>
#include <QList>
#include <QString>

#include <functional>

class QWidget;

namespace flowlet::ui {

// What a panel gets to work with.
struct PanelContext
{
    DatabasePtr database;
    AccessContext access;
    StaffSession session; // the signed-in user the panel acts for

    // Who the panel's changes are recorded for: the signed-in user, or the local owner.
    Actor actor() const
    {
        if (session.userId > 0) {
            return Actor{session.userId, session.username, std::nullopt};
        }
        return Actor{std::nullopt, access.userName(), std::nullopt};
    }
};

// A sidebar entry: the panel's id, title and icon, the permission it needs, and how to build it.
// The main window shows exactly the panels whose permission the signed-in user holds.
struct PanelSpec
{
    QString id;
    QString title;
    QIcon icon;
    QString permission;
    std::function<QWidget*(const PanelContext&, QWidget* parent)> create;
};

class PanelRegistry final
{
public:
    // Every panel the product has, in sidebar order.
    static QList<PanelSpec> all();
    // Those the given access allows.
    static QList<PanelSpec> visibleTo(const AccessContext& access);
};

} // namespace flowlet::ui
