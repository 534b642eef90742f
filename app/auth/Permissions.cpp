#include "Permissions.h"

namespace flowlet {

const QList<PermissionInfo>& PermissionCatalogue::permissions()
{
    using namespace Permission;
    static const QList<PermissionInfo> all = {
        {TransactionsRead, QStringLiteral("Read transactions and statements")},
        {TransactionsCategorize, QStringLiteral("Set and change transaction categories")},
        {TransactionsImport, QStringLiteral("Import bank statements and undo imports")},
        {TransactionsExport, QStringLiteral("Export transactions")},
        {RulesManage, QStringLiteral("Manage categorisation rules")},
        {ReconciliationPerform, QStringLiteral("Reconcile statements against the book")},
        {LedgerRead, QStringLiteral("Read the ledger")},
        {ReportsRead, QStringLiteral("Run and read reports")},
        {ReportsManage, QStringLiteral("Define and schedule reports")},
        {CustomersRead, QStringLiteral("Read customer records")},
        {CustomersEdit, QStringLiteral("Edit customer records")},
        {KycReview, QStringLiteral("Review KYC cases")},
        {KycApproveHighRisk, QStringLiteral("Approve high-risk KYC cases (four-eyes)")},
        {ScreeningRun, QStringLiteral("Screen customers against watchlists")},
        {ScreeningDecide, QStringLiteral("Decide screening matches")},
        {AlertsRead, QStringLiteral("Read fraud and AML alerts")},
        {AlertsTriage, QStringLiteral("Triage fraud and AML alerts")},
        {CasesManage, QStringLiteral("Open, work and close cases")},
        {CardsRead, QStringLiteral("Read cards (masked)")},
        {CardsFreeze, QStringLiteral("Freeze and unfreeze cards and wallets")},
        {CardsRevealPan, QStringLiteral("Reveal a full card number (audited)")},
        {UsersRead, QStringLiteral("Read staff users")},
        {UsersManage, QStringLiteral("Create, disable and reset staff users")},
        {RolesAssign, QStringLiteral("Change a staff user's role (four-eyes)")},
        {MfaReset, QStringLiteral("Reset a staff user's MFA (four-eyes)")},
        {ApiKeysManageOwn, QStringLiteral("Manage one's own API keys")},
        {ApiKeysManageAll, QStringLiteral("Manage every user's API keys")},
        {AuditRead, QStringLiteral("Read the audit trail")},
        {MonitorRead, QStringLiteral("Read errors and system health")},
        {SettingsManage, QStringLiteral("Change workspace settings")},
    };
    return all;
}

const QList<RoleInfo>& PermissionCatalogue::builtinRoles()
{
    using namespace Permission;
    static const QList<RoleInfo> roles = {
        {QStringLiteral("admin"), QStringLiteral("Administrator"),
         QStringLiteral("Manages staff users, roles, MFA and API keys; watches errors and the audit trail"),
         {UsersRead, UsersManage, RolesAssign, MfaReset, ApiKeysManageOwn, ApiKeysManageAll, AuditRead,
          MonitorRead, SettingsManage}},
        {QStringLiteral("compliance_officer"), QStringLiteral("Compliance officer"),
         QStringLiteral("Reviews KYC, screens customers, triages alerts into cases"),
         {CustomersRead, CustomersEdit, KycReview, KycApproveHighRisk, ScreeningRun, ScreeningDecide, AlertsRead,
          AlertsTriage, CasesManage, CardsRead, CardsFreeze, CardsRevealPan, TransactionsRead, ApiKeysManageOwn}},
        {QStringLiteral("finance_analyst"), QStringLiteral("Finance analyst"),
         QStringLiteral("Imports, categorises and reconciles transactions; builds ledger reports"),
         {TransactionsRead, TransactionsCategorize, TransactionsImport, TransactionsExport, RulesManage,
          ReconciliationPerform, LedgerRead, ReportsRead, ReportsManage, ApiKeysManageOwn}},
        {QStringLiteral("auditor"), QStringLiteral("Auditor"), QStringLiteral("Reads everything; changes nothing"),
         {TransactionsRead, LedgerRead, ReportsRead, CustomersRead, AlertsRead, CardsRead, UsersRead, AuditRead,
          MonitorRead}},
    };
    return roles;
}

bool PermissionCatalogue::isKnown(const QString& code)
{
    for (const auto& p : permissions()) {
        if (p.code == code) {
            return true;
        }
    }
    return false;
}

AccessContext AccessContext::localOwner(const QString& userName)
{
    QSet<QString> all;
    for (const auto& p : PermissionCatalogue::permissions()) {
        all.insert(p.code);
    }
    return AccessContext(userName, all);
}

} // namespace flowlet
