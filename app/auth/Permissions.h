#pragma once

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace flowlet {

// The one catalogue of permissions. The client gates panels and actions with it, migrations
// copy it into the `permissions` / `role_permissions` tables, and on PostgreSQL the server's
// policies check the same codes.
namespace Permission {
inline const QString TransactionsRead = QStringLiteral("transactions.read");
inline const QString TransactionsCategorize = QStringLiteral("transactions.categorize");
inline const QString TransactionsImport = QStringLiteral("transactions.import");
inline const QString TransactionsExport = QStringLiteral("transactions.export");
inline const QString RulesManage = QStringLiteral("rules.manage");
inline const QString ReconciliationPerform = QStringLiteral("reconciliation.perform");
inline const QString LedgerRead = QStringLiteral("ledger.read");
inline const QString ReportsRead = QStringLiteral("reports.read");
inline const QString ReportsManage = QStringLiteral("reports.manage");
inline const QString CustomersRead = QStringLiteral("customers.read");
inline const QString CustomersEdit = QStringLiteral("customers.edit");
inline const QString KycReview = QStringLiteral("kyc.review");
inline const QString KycApproveHighRisk = QStringLiteral("kyc.approve_high_risk");
inline const QString ScreeningRun = QStringLiteral("screening.run");
inline const QString ScreeningDecide = QStringLiteral("screening.decide");
inline const QString AlertsRead = QStringLiteral("alerts.read");
inline const QString AlertsTriage = QStringLiteral("alerts.triage");
inline const QString CasesManage = QStringLiteral("cases.manage");
inline const QString CardsRead = QStringLiteral("cards.read");
inline const QString CardsFreeze = QStringLiteral("cards.freeze");
inline const QString CardsRevealPan = QStringLiteral("cards.reveal_pan");
inline const QString UsersRead = QStringLiteral("users.read");
inline const QString UsersManage = QStringLiteral("users.manage");
inline const QString RolesAssign = QStringLiteral("roles.assign");
inline const QString MfaReset = QStringLiteral("mfa.reset");
inline const QString ApiKeysManageOwn = QStringLiteral("apikeys.manage_own");
inline const QString ApiKeysManageAll = QStringLiteral("apikeys.manage_all");
inline const QString AuditRead = QStringLiteral("audit.read");
inline const QString MonitorRead = QStringLiteral("monitor.read");
inline const QString SettingsManage = QStringLiteral("settings.manage");
} // namespace Permission

struct PermissionInfo
{
    QString code;
    QString description;
};

struct RoleInfo
{
    QString code;
    QString name;
    QString description;
    QStringList permissions;
};

class PermissionCatalogue final
{
public:
    static const QList<PermissionInfo>& permissions();
    static const QList<RoleInfo>& builtinRoles();
    static bool isKnown(const QString& code);
};

// What the person (or API key) in front of the app may do.
class AccessContext final
{
public:
    AccessContext() = default;
    AccessContext(QString userName, QSet<QString> permissions)
        : m_userName(std::move(userName))
        , m_permissions(std::move(permissions))
    {
    }

    // The owner of a local single-user workspace before sign-in exists: every permission.
    static AccessContext localOwner(const QString& userName);

    const QString& userName() const { return m_userName; }
    bool has(const QString& permission) const { return m_permissions.contains(permission); }
    const QSet<QString>& permissions() const { return m_permissions; }

private:
    QString m_userName;
    QSet<QString> m_permissions;
};

} // namespace flowlet
