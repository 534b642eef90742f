#include "AdminAccountForm.h"

#include "auth/PasswordPolicy.h"

#include <QFormLayout>
#include <QLineEdit>

namespace flowlet::ui {

AdminAccountForm::AdminAccountForm(QWidget* parent)
    : QWidget(parent)
    , m_username(new QLineEdit(this))
    , m_displayName(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
{
    m_username->setObjectName(QStringLiteral("adminUsername"));
    m_displayName->setObjectName(QStringLiteral("adminDisplayName"));
    m_password->setObjectName(QStringLiteral("adminPassword"));
    m_repeat->setObjectName(QStringLiteral("adminPasswordRepeat"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    m_username->setText(qEnvironmentVariable("USER").toLower());
    m_password->setPlaceholderText(tr("at least 12 characters"));
    auto* layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(tr("User name:"), m_username);
    layout->addRow(tr("Your name:"), m_displayName);
    layout->addRow(tr("Password:"), m_password);
    layout->addRow(tr("Repeat password:"), m_repeat);
}

Result<NewStaffUser> AdminAccountForm::account() const
{
    NewStaffUser user;
    user.username = m_username->text().trimmed().toLower();
    user.displayName = m_displayName->text().trimmed();
    user.roleCode = QStringLiteral("admin");
    user.password = m_password->text();
    if (user.username.isEmpty() || user.displayName.isEmpty()) {
        return Error(ErrorCode::InvalidArgument, tr("enter a user name and your name for the administrator account"));
    }
    if (m_password->text() != m_repeat->text()) {
        return Error(ErrorCode::InvalidArgument, tr("the two passwords differ"));
    }
    if (auto s = PasswordPolicy::check(user.password, user.username); !s) {
        return s.error();
    }
    return user;
}

} // namespace flowlet::ui
