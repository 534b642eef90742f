#include "PanelRegistry.h"

#include "admin/ApiKeysPanel.h"
#include "admin/AuditPanel.h"
#include "admin/MonitorPanel.h"
#include "ledger/ReconciliationPanel.h"
#include "transactions/TransactionsPanel.h"
#include "users/UsersPanel.h"

#include <QApplication>
#include <QStyle>

namespace flowlet::ui {

QList<PanelSpec> PanelRegistry::all()
{
    QList<PanelSpec> panels;
    panels << PanelSpec{QStringLiteral("transactions"), QApplication::translate("PanelRegistry", "Transactions"),
                        QApplication::style()->standardIcon(QStyle::SP_FileDialogDetailedView),
                        Permission::TransactionsRead,
                        [](const PanelContext& context, QWidget* parent) -> QWidget* {
                            return new TransactionsPanel(context, parent);
                        }};
    panels << PanelSpec{QStringLiteral("reconciliation"), QApplication::translate("PanelRegistry", "Reconciliation"),
                        QApplication::style()->standardIcon(QStyle::SP_DialogApplyButton),
                        Permission::ReconciliationPerform,
                        [](const PanelContext& context, QWidget* parent) -> QWidget* {
                            return new ReconciliationPanel(context.database, context.actor(), parent);
                        }};
    panels << PanelSpec{QStringLiteral("users"), QApplication::translate("PanelRegistry", "Users"),
                        QApplication::style()->standardIcon(QStyle::SP_DirHomeIcon), Permission::UsersRead,
                        [](const PanelContext& context, QWidget* parent) -> QWidget* {
                            return new UsersPanel(context.database, context.session, parent);
                        }};
    panels << PanelSpec{QStringLiteral("audit"), QApplication::translate("PanelRegistry", "Audit trail"),
                        QApplication::style()->standardIcon(QStyle::SP_FileDialogContentsView), Permission::AuditRead,
                        [](const PanelContext& context, QWidget* parent) -> QWidget* {
                            return new AuditPanel(context, parent);
                        }};
    panels << PanelSpec{QStringLiteral("monitor"), QApplication::translate("PanelRegistry", "Monitor"),
                        QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning), Permission::MonitorRead,
                        [](const PanelContext& context, QWidget* parent) -> QWidget* {
                            return new MonitorPanel(context, parent);
                        }};
    panels << PanelSpec{QStringLiteral("apikeys"), QApplication::translate("PanelRegistry", "API keys"),
                        QApplication::style()->standardIcon(QStyle::SP_DialogOpenButton), Permission::ApiKeysManageOwn,
                        [](const PanelContext& context, QWidget* parent) -> QWidget* {
                            return new ApiKeysPanel(context, parent);
                        }};
    return panels;
}

QList<PanelSpec> PanelRegistry::visibleTo(const AccessContext& access)
{
    QList<PanelSpec> visible;
    for (const PanelSpec& spec : all()) {
        if (access.has(spec.permission)) {
            visible << spec;
        }
    }
    return visible;
}

} // namespace flowlet::ui
