#pragma once

#include "auth/AuthService.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace flowlet::ui {

// Shown over the window after it was idle: the password again, or sign out.
class UnlockDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnlockDialog)

public:
    enum Outcome { Unlocked = QDialog::Accepted, SignOut = 2 };

    UnlockDialog(DatabasePtr db, StaffSession session, int idleMinutes, QWidget* parent = nullptr);

private:
    void tryUnlock();

    DatabasePtr m_db;
    StaffSession m_session;
    QLineEdit* m_password;
    QLabel* m_message;
};

} // namespace flowlet::ui
