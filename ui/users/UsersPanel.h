#pragma once

#include "auth/AuthService.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace flowlet {
class ApprovalsModel;
class UsersTableModel;
} // namespace flowlet

namespace flowlet::ui {

// The administrators' Users panel: staff accounts with their role, status, two-step sign-in and
// lockouts; create, disable, unlock; request a role change, an MFA reset or a password reset,
// and approve or reject what another administrator requested. Buttons appear only for what the
// signed-in user may do.
class UsersPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsersPanel)

public:
    UsersPanel(DatabasePtr db, StaffSession actor, QWidget* parent = nullptr);

    UsersTableModel* usersModel() const { return m_users; }
    ApprovalsModel* approvalsModel() const { return m_approvals; }

private:
    void reload();
    int selectedUser() const;
    int selectedRequest() const;
    void report(const Status& status, const QString& success);
    void newUser();
    void changeRole();
    void updateButtons();

    StaffSession m_actor;
    UsersTableModel* m_users;
    ApprovalsModel* m_approvals;
    QTableView* m_userTable;
    QTableView* m_requestTable;
    QPushButton* m_new;
    QPushButton* m_disable;
    QPushButton* m_unlock;
    QPushButton* m_role;
    QPushButton* m_resetMfa;
    QPushButton* m_resetPassword;
    QPushButton* m_approve;
    QPushButton* m_reject;
    QLabel* m_message;
};

} // namespace flowlet::ui
