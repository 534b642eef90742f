#pragma once

#include "auth/AuthService.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QPushButton;

namespace flowlet::ui {

// Shown over the window after it was idle: the password again, or sign out.
class UnlockDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnlockDialog)

public:
    enum Outcome { Unlocked = QDialog::Accepted, SignOut = 2 };

    UnlockDialog(DatabasePtr db, StaffSession session, int idleMinutes, QWidget* parent = nullptr);
    ~UnlockDialog() override;

private:
    // The bcrypt check takes a quarter of a second and, on PostgreSQL, a round trip: off the UI thread.
    void tryUnlock();
    void onChecked();

    DatabasePtr m_db;
    StaffSession m_session;
    QLineEdit* m_password;
    QLabel* m_message;
    QPushButton* m_unlock;
    QFutureWatcher<Status> m_check;
};

} // namespace flowlet::ui
