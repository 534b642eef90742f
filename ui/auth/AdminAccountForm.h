#pragma once

#include "auth/AuthService.h"

#include <QWidget>

class QLineEdit;

namespace flowlet::ui {

// The first administrator's account: user name, name, password twice. Used when a workspace is
// created empty, and when Flowlet opens a workspace that has no users yet.
class AdminAccountForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminAccountForm)

public:
    explicit AdminAccountForm(QWidget* parent = nullptr);

    // The account as entered, or the reason it cannot be used (for the caller to show).
    Result<NewStaffUser> account() const;

private:
    QLineEdit* m_username;
    QLineEdit* m_displayName;
    QLineEdit* m_password;
    QLineEdit* m_repeat;
};

} // namespace flowlet::ui
