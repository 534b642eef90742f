#include "UsersTableModel.h"

#include <QColor>
#include <QLocale>

namespace flowlet {

UsersTableModel::UsersTableModel(DatabasePtr db, StaffSession actor, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_actor(std::move(actor))
    , m_admin(std::move(db))
{
}

int UsersTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_users.size());
}

int UsersTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsersTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const StaffUserInfo& u = m_users.at(index.row());
    if (role == IdRole) {
        return u.id;
    }
    const bool locked = u.lockedUntil.isValid() && u.lockedUntil > QDateTime::currentDateTimeUtc();
    if (role == Qt::ForegroundRole && (u.status != QStringLiteral("active") || locked)) {
        return QColor(0xc6, 0x28, 0x28);
    }
    if (role != Qt::DisplayRole && role != RawValueRole) {
        return {};
    }
    const QLocale locale;
    switch (index.column()) {
    case Username: return u.username;
    case Name: return u.displayName;
    case RoleColumn: return role == RawValueRole ? u.roleCode : u.roleName;
    case State:
        if (role == RawValueRole) {
            return u.status;
        }
        return u.status == QStringLiteral("active") ? (u.mustChangePassword ? tr("active, must change password") : tr("active"))
                                                    : tr("disabled");
    case Mfa: return role == RawValueRole ? QVariant(u.mfaEnrolled) : QVariant(u.mfaEnrolled ? tr("enrolled") : tr("not set up"));
    case LastSignIn:
        if (role == RawValueRole) {
            return u.lastLogin;
        }
        return u.lastLogin.isValid() ? locale.toString(u.lastLogin.toLocalTime(), QLocale::ShortFormat) : tr("never");
    case LockedUntil:
        if (role == RawValueRole) {
            return u.lockedUntil;
        }
        return locked ? locale.toString(u.lockedUntil.toLocalTime(), QLocale::ShortFormat)
                      : (u.failedLogins > 0 ? tr("%n failed attempt(s)", nullptr, u.failedLogins) : QString());
    default: return {};
    }
}

QVariant UsersTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Username: return tr("User name");
    case Name: return tr("Name");
    case RoleColumn: return tr("Role");
    case State: return tr("Status");
    case Mfa: return tr("Two-step sign-in");
    case LastSignIn: return tr("Last sign-in");
    case LockedUntil: return tr("Locked until");
    default: return {};
    }
}

const StaffUserInfo* UsersTableModel::user(int row) const
{
    return row >= 0 && row < m_users.size() ? &m_users.at(row) : nullptr;
}

Status UsersTableModel::reload()
{
    auto users = m_admin.users(m_actor);
    if (!users) {
        return users.error();
    }
    beginResetModel();
    m_users = *users;
    endResetModel();
    return {};
}

template <typename T>
T UsersTableModel::afterChange(T result)
{
    if (result) {
        (void)reload();
    }
    return result;
}

Result<qint64> UsersTableModel::createUser(const NewStaffUser& user)
{
    return afterChange(AuthService(m_db).createUser(user, m_actor));
}

Status UsersTableModel::setDisabled(int row, bool disabled)
{
    const StaffUserInfo* u = user(row);
    return u ? afterChange(m_admin.setDisabled(m_actor, u->id, disabled)) : Status(Error(ErrorCode::NotFound, tr("no user selected")));
}

Status UsersTableModel::clearLockout(int row)
{
    const StaffUserInfo* u = user(row);
    return u ? afterChange(m_admin.clearLockout(m_actor, u->id)) : Status(Error(ErrorCode::NotFound, tr("no user selected")));
}

Result<qint64> UsersTableModel::requestRoleChange(int row, const QString& roleCode)
{
    const StaffUserInfo* u = user(row);
    if (!u) {
        return Error(ErrorCode::NotFound, tr("no user selected"));
    }
    return m_admin.requestRoleChange(m_actor, u->id, roleCode);
}

Result<qint64> UsersTableModel::requestMfaReset(int row)
{
    const StaffUserInfo* u = user(row);
    if (!u) {
        return Error(ErrorCode::NotFound, tr("no user selected"));
    }
    return m_admin.requestMfaReset(m_actor, u->id);
}

Result<qint64> UsersTableModel::requestPasswordReset(int row)
{
    const StaffUserInfo* u = user(row);
    if (!u) {
        return Error(ErrorCode::NotFound, tr("no user selected"));
    }
    return m_admin.requestPasswordReset(m_actor, u->id);
}

ApprovalsModel::ApprovalsModel(DatabasePtr db, StaffSession actor, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_actor(std::move(actor))
    , m_admin(std::move(db))
{
}

int ApprovalsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_requests.size());
}

int ApprovalsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ApprovalsModel::describe(ApprovalAction action)
{
    switch (action) {
    case ApprovalAction::ChangeRole: return tr("Change role");
    case ApprovalAction::ResetMfa: return tr("Reset two-step sign-in");
    case ApprovalAction::ResetPassword: return tr("Reset password");
    }
    return {};
}

QVariant ApprovalsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || role != Qt::DisplayRole) {
        return {};
    }
    const ApprovalRequest& r = m_requests.at(index.row());
    switch (index.column()) {
    case Action: return describe(r.action);
    case Account: return r.targetUsername;
    case Detail: return r.action == ApprovalAction::ChangeRole ? tr("to %1").arg(r.newRole) : QString();
    case RequestedBy: return r.requestedByName;
    case RequestedAt: return QLocale().toString(r.requestedAt.toLocalTime(), QLocale::ShortFormat);
    default: return {};
    }
}

QVariant ApprovalsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Action: return tr("Request");
    case Account: return tr("Account");
    case Detail: return tr("Detail");
    case RequestedBy: return tr("Requested by");
    case RequestedAt: return tr("Requested at");
    default: return {};
    }
}

Status ApprovalsModel::reload()
{
    auto requests = m_admin.pendingApprovals(m_actor);
    if (!requests) {
        return requests.error();
    }
    beginResetModel();
    m_requests = *requests;
    endResetModel();
    return {};
}

Result<ApprovalOutcome> ApprovalsModel::approve(int row)
{
    if (row < 0 || row >= m_requests.size()) {
        return Error(ErrorCode::NotFound, tr("no request selected"));
    }
    auto outcome = m_admin.approve(m_actor, m_requests.at(row).id);
    (void)reload();
    return outcome;
}

Status ApprovalsModel::reject(int row, const QString& reason)
{
    if (row < 0 || row >= m_requests.size()) {
        return Error(ErrorCode::NotFound, tr("no request selected"));
    }
    auto status = m_admin.reject(m_actor, m_requests.at(row).id, reason);
    (void)reload();
    return status;
}

} // namespace flowlet
