#include "UsersPanel.h"

#include "Widgets.h"
#include "users/UsersTableModel.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace flowlet::ui {

UsersPanel::UsersPanel(DatabasePtr db, StaffSession actor, QWidget* parent)
    : QWidget(parent)
    , m_actor(actor)
    , m_users(new UsersTableModel(db, actor, this))
    , m_approvals(new ApprovalsModel(db, actor, this))
    , m_userTable(new QTableView(this))
    , m_requestTable(new QTableView(this))
    , m_new(namedButton(tr("New user…"), "newUserButton", this))
    , m_disable(namedButton(tr("Disable"), "disableButton", this))
    , m_unlock(namedButton(tr("Clear lockout"), "unlockUserButton", this))
    , m_role(namedButton(tr("Change role…"), "changeRoleButton", this))
    , m_resetMfa(namedButton(tr("Reset two-step sign-in"), "resetMfaButton", this))
    , m_resetPassword(namedButton(tr("Reset password"), "resetPasswordButton", this))
    , m_approve(namedButton(tr("Approve"), "approveButton", this))
    , m_reject(namedButton(tr("Reject"), "rejectButton", this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("usersPanel"));
    m_userTable->setObjectName(QStringLiteral("usersTable"));
    m_requestTable->setObjectName(QStringLiteral("approvalsTable"));
    m_message->setObjectName(QStringLiteral("usersMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_userTable->setModel(m_users);
    m_requestTable->setModel(m_approvals);
    setupListTable(m_userTable, QAbstractItemView::SingleSelection);
    setupListTable(m_requestTable, QAbstractItemView::SingleSelection);

    // Only what this user may do is offered.
    const auto& p = actor.permissions;
    m_new->setVisible(p.contains(Permission::UsersManage));
    m_disable->setVisible(p.contains(Permission::UsersManage));
    m_unlock->setVisible(p.contains(Permission::UsersManage));
    m_resetPassword->setVisible(p.contains(Permission::UsersManage));
    m_role->setVisible(p.contains(Permission::RolesAssign));
    m_resetMfa->setVisible(p.contains(Permission::MfaReset));
    const bool canDecide = p.contains(Permission::UsersManage) || p.contains(Permission::RolesAssign)
        || p.contains(Permission::MfaReset);
    m_approve->setVisible(canDecide);
    m_reject->setVisible(canDecide);

    auto* actions = new QHBoxLayout;
    for (QPushButton* b : {m_new, m_disable, m_unlock, m_role, m_resetMfa, m_resetPassword}) {
        actions->addWidget(b);
    }
    actions->addStretch(1);
    auto* decisions = new QHBoxLayout;
    auto* waiting = new QLabel(tr("<b>Waiting for a second person</b> — high-risk changes take effect when another "
                                  "administrator approves them."),
                               this);
    waiting->setWordWrap(true);
    decisions->addWidget(waiting, 1);
    decisions->addWidget(m_approve);
    decisions->addWidget(m_reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addWidget(m_userTable, 3);
    layout->addWidget(m_message);
    layout->addLayout(decisions);
    layout->addWidget(m_requestTable, 1);

    connect(m_new, &QPushButton::clicked, this, &UsersPanel::newUser);
    connect(m_disable, &QPushButton::clicked, this, [this] {
        const StaffUserInfo* u = m_users->user(selectedUser());
        if (!u) {
            return;
        }
        const bool disable = u->status == QStringLiteral("active");
        const QString name = u->username;
        report(m_users->setDisabled(selectedUser(), disable),
               disable ? tr("%1 is disabled and signed out.").arg(name) : tr("%1 can sign in again.").arg(name));
    });
    connect(m_unlock, &QPushButton::clicked, this,
            [this] { report(m_users->clearLockout(selectedUser()), tr("The lockout is cleared.")); });
    connect(m_role, &QPushButton::clicked, this, &UsersPanel::changeRole);
    connect(m_resetMfa, &QPushButton::clicked, this, [this] {
        auto r = m_users->requestMfaReset(selectedUser());
        report(r ? Status() : Status(r.error()), tr("The reset waits for a second administrator's approval."));
    });
    connect(m_resetPassword, &QPushButton::clicked, this, [this] {
        auto r = m_users->requestPasswordReset(selectedUser());
        report(r ? Status() : Status(r.error()), tr("The reset waits for a second administrator's approval."));
    });
    connect(m_approve, &QPushButton::clicked, this, [this] {
        auto outcome = m_approvals->approve(selectedRequest());
        if (!outcome) {
            report(outcome.error(), {});
            return;
        }
        (void)m_users->reload();
        if (!outcome->resetCode.isEmpty()) {
            // Shown once, here only: hand it to the user in person or by a second channel.
            report({}, tr("Approved. One-time code for %1: %2 — valid until %3. Give it to the user by a separate "
                          "channel; they set a new password and two-step sign-in with it.")
                           .arg(outcome->targetUsername, outcome->resetCode,
                                QLocale().toString(outcome->resetCodeExpires.toLocalTime(), QLocale::ShortFormat)));
            return;
        }
        report({}, tr("Approved: %1 for %2.").arg(ApprovalsModel::describe(outcome->action), outcome->targetUsername));
    });
    connect(m_reject, &QPushButton::clicked, this,
            [this] { report(m_approvals->reject(selectedRequest(), tr("rejected in the Users panel")), tr("Rejected.")); });
    connect(m_userTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UsersPanel::updateButtons);
    connect(m_requestTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UsersPanel::updateButtons);
    connect(m_users, &QAbstractItemModel::modelReset, this, &UsersPanel::updateButtons);
    connect(m_approvals, &QAbstractItemModel::modelReset, this, &UsersPanel::updateButtons);
    reload();
}

void UsersPanel::reload()
{
    Status s = m_users->reload();
    if (s) {
        s = m_approvals->reload();
    }
    if (!s) {
        report(s, {});
    }
    updateButtons();
}

int UsersPanel::selectedUser() const
{
    const auto rows = m_userTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

int UsersPanel::selectedRequest() const
{
    const auto rows = m_requestTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void UsersPanel::updateButtons()
{
    const StaffUserInfo* u = m_users->user(selectedUser());
    for (QPushButton* b : {m_disable, m_unlock, m_role, m_resetMfa, m_resetPassword}) {
        b->setEnabled(u != nullptr);
    }
    if (u) {
        m_disable->setText(u->status == QStringLiteral("active") ? tr("Disable") : tr("Enable"));
        m_disable->setEnabled(u->id != m_actor.userId);
    }
    const bool request = selectedRequest() >= 0;
    m_approve->setEnabled(request);
    m_reject->setEnabled(request);
}

void UsersPanel::report(const Status& status, const QString& success)
{
    if (!status) {
        m_message->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
        m_message->setText(status.error().message());
    } else {
        m_message->setStyleSheet(QString());
        m_message->setText(success);
    }
    (void)m_approvals->reload();
}

void UsersPanel::newUser()
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("newUserDialog"));
    dialog.setWindowTitle(tr("New user"));
    auto* username = new QLineEdit(&dialog);
    auto* name = new QLineEdit(&dialog);
    auto* email = new QLineEdit(&dialog);
    auto* role = new QComboBox(&dialog);
    auto* password = new QLineEdit(&dialog);
    auto* error = new QLabel(&dialog);
    username->setObjectName(QStringLiteral("newUsername"));
    name->setObjectName(QStringLiteral("newDisplayName"));
    role->setObjectName(QStringLiteral("newRole"));
    password->setObjectName(QStringLiteral("newInitialPassword"));
    error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    error->setWordWrap(true);
    password->setEchoMode(QLineEdit::Password);
    for (const RoleInfo& r : UsersTableModel::roles()) {
        role->addItem(r.name, r.code);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("User name:"), username);
    form->addRow(tr("Name:"), name);
    form->addRow(tr("E-mail:"), email);
    form->addRow(tr("Role:"), role);
    form->addRow(tr("Initial password:"), password);
    form->addRow(new QLabel(tr("The user changes it and sets up two-step sign-in at the first sign-in."), &dialog));
    form->addRow(error);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        auto created = m_users->createUser({username->text(), name->text(), email->text(), role->currentData().toString(),
                                            password->text()});
        if (!created) {
            error->setText(created.error().message());
            return;
        }
        dialog.accept();
    });
    if (dialog.exec() == QDialog::Accepted) {
        report({}, tr("%1 was created.").arg(username->text().trimmed().toLower()));
    }
}

void UsersPanel::changeRole()
{
    const StaffUserInfo* u = m_users->user(selectedUser());
    if (!u) {
        return;
    }
    QStringList names;
    QStringList codes;
    for (const RoleInfo& r : UsersTableModel::roles()) {
        names << r.name;
        codes << r.code;
    }
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Change role"), tr("New role for %1:").arg(u->username), names,
                                                 static_cast<int>(codes.indexOf(u->roleCode)), false, &ok);
    if (!ok) {
        return;
    }
    auto r = m_users->requestRoleChange(selectedUser(), codes.at(names.indexOf(chosen)));
    report(r ? Status() : Status(r.error()), tr("The role change waits for a second administrator's approval."));
}

} // namespace flowlet::ui
