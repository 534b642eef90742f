#pragma once

#include "auth/AuthService.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace flowlet {
class LoginController;
}

namespace flowlet::ui {

// Sign-in: user name and password, then the authenticator's code (or a recovery code). On the
// first sign-in it enrols the authenticator (QR code and secret, confirmed by a first code) and
// shows the recovery codes once; a user who must change the password does so before entering.
class LoginDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)

public:
    enum Page { CredentialsPage, CodePage, EnrolPage, RecoveryCodesPage, ChangePasswordPage };

    explicit LoginDialog(DatabasePtr db, QWidget* parent = nullptr);
    ~LoginDialog() override;

    const StaffSession& session() const;
    Page currentPage() const;

private:
    void showPage(Page page);
    void showMessage(const QString& message, bool error = true);
    void onFailed(int code, const QString& message);
    void onSignedIn();
    void setBusy(bool busy);

    LoginController* m_controller;
    QStackedWidget* m_pages;
    QLabel* m_message;
    QLineEdit* m_username;
    QLineEdit* m_password;
    QPushButton* m_signIn;
    QLineEdit* m_code;
    QCheckBox* m_useRecovery;
    QPushButton* m_verify;
    QLabel* m_qr;
    QLabel* m_secret;
    QLineEdit* m_enrolCode;
    QPushButton* m_confirmEnrol;
    QListWidget* m_recoveryCodes;
    QCheckBox* m_savedCodes;
    QPushButton* m_continue;
    QLineEdit* m_newPassword;
    QLineEdit* m_confirmPassword;
    QPushButton* m_changePassword;
};

} // namespace flowlet::ui
