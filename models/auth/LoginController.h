#pragma once

#include "auth/AuthService.h"

#include <QFutureWatcher>
#include <QObject>

namespace flowlet {

// Drives sign-in for the login dialog: each step runs off the UI thread (bcrypt and key
// derivation take a noticeable fraction of a second) and answers with a signal. The password of
// an attempt in progress stays in here, never in a widget beyond its line edit.
class LoginController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginController)

public:
    explicit LoginController(DatabasePtr db, QObject* parent = nullptr);
    ~LoginController() override;

    bool isBusy() const { return m_busy; }
    const StaffSession& session() const { return m_session; }
    const MfaEnrolment& enrolment() const { return m_enrolment; }
    const QString& username() const { return m_attempt.username; }

public Q_SLOTS:
    void submitPassword(const QString& username, const QString& password);
    void submitCode(const QString& code);
    void submitRecoveryCode(const QString& code);
    void confirmEnrolment(const QString& code);
    void changePassword(const QString& oldPassword, const QString& newPassword);
    void reset();

Q_SIGNALS:
    void busyChanged(bool busy);
    void passwordAccepted(bool needsEnrolment);
    void signedIn();
    void enrolled(const QStringList& recoveryCodes);
    void passwordChanged();
    void failed(int errorCode, const QString& message);

private:
    struct StepResult
    {
        std::optional<Error> error;
        std::optional<LoginAttempt> attempt;
        std::optional<StaffSession> session;
        QStringList recoveryCodes;
    };
    void run(std::function<StepResult()> work, std::function<void(StepResult&)> done);
    void finishSignIn(bool recoveryCode, const QString& code);

    DatabasePtr m_db;
    LoginAttempt m_attempt;
    MfaEnrolment m_enrolment;
    StaffSession m_session;
    QString m_pendingOldPassword;
    bool m_busy = false;
    QFutureWatcher<StepResult> m_watcher;
    std::function<void(StepResult&)> m_done;
};

} // namespace flowlet
