#include "PanelRegistry.h"

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
