#pragma once

#include "auth/UserAdministration.h"

#include <QAbstractTableModel>

namespace flowlet {

// Staff accounts for the administrators' Users panel, and the actions on them. Every action goes
// through UserAdministration, which checks the acting user's permissions and records the audit
// entry; the model reloads afterwards. Small (one row per staff member), so it loads whole.
class UsersTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsersTableModel)

public:
    enum Column { Username, Name, RoleColumn, State, Mfa, LastSignIn, LockedUntil, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole, IdRole };

    UsersTableModel(DatabasePtr db, StaffSession actor, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const StaffUserInfo* user(int row) const;

    Status reload();
    Result<qint64> createUser(const NewStaffUser& user);
    Status setDisabled(int row, bool disabled);
    Status clearLockout(int row);
    Result<qint64> requestRoleChange(int row, const QString& roleCode);
    Result<qint64> requestMfaReset(int row);
    Result<qint64> requestPasswordReset(int row);

    static QList<RoleInfo> roles() { return PermissionCatalogue::builtinRoles(); }

private:
    template <typename T>
    T afterChange(T result);

    DatabasePtr m_db;
    StaffSession m_actor;
    UserAdministration m_admin;
    QList<StaffUserInfo> m_users;
};

// Requests waiting for a second person's approval.
class ApprovalsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApprovalsModel)

public:
    enum Column { Action, Account, Detail, RequestedBy, RequestedAt, ColumnCount };

    ApprovalsModel(DatabasePtr db, StaffSession actor, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    Status reload();
    Result<ApprovalOutcome> approve(int row);
    Status reject(int row, const QString& reason);

    static QString describe(ApprovalAction action);

private:
    DatabasePtr m_db;
    StaffSession m_actor;
    UserAdministration m_admin;
    QList<ApprovalRequest> m_requests;
};

} // namespace flowlet
