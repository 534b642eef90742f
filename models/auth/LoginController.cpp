#include "LoginController.h"

#include <QtConcurrent>

namespace flowlet {

LoginController::LoginController(DatabasePtr db, QObject* parent)
    : QObject(parent)
    , m_db(std::move(db))
{
    connect(&m_watcher, &QFutureWatcher<StepResult>::finished, this, [this] {
        StepResult result = m_watcher.result();
        m_busy = false;
        Q_EMIT busyChanged(false);
        if (result.error) {
            Q_EMIT failed(static_cast<int>(result.error->code()), result.error->message());
            return;
        }
        if (m_done) {
            m_done(result);
        }
    });
}

LoginController::~LoginController()
{
    m_watcher.waitForFinished();
}

void LoginController::run(std::function<StepResult()> work, std::function<void(StepResult&)> done)
{
    if (m_busy) {
        return;
    }
    m_busy = true;
    m_done = std::move(done);
    Q_EMIT busyChanged(true);
    m_watcher.setFuture(QtConcurrent::run(std::move(work)));
}

void LoginController::submitPassword(const QString& username, const QString& password)
{
    DatabasePtr db = m_db;
    run(
        [db, username, password] {
            StepResult r;
            auto attempt = AuthService(db).beginLogin(username, password);
            if (attempt) {
                r.attempt = *attempt;
            } else {
                r.error = attempt.error();
            }
            return r;
        },
        [this](StepResult& r) {
            m_attempt = *r.attempt;
            if (m_attempt.needsEnrolment) {
                auto e = AuthService(m_db).startEnrolment(m_attempt);
                if (!e) {
                    Q_EMIT failed(static_cast<int>(e.error().code()), e.error().message());
                    return;
                }
                m_enrolment = *e;
            }
            Q_EMIT passwordAccepted(m_attempt.needsEnrolment);
        });
}

void LoginController::finishSignIn(bool recoveryCode, const QString& code)
{
    DatabasePtr db = m_db;
    LoginAttempt attempt = m_attempt;
    run(
        [db, attempt, code, recoveryCode]() mutable {
            StepResult r;
            AuthService auth(db);
            auto session = recoveryCode ? auth.completeLoginWithRecoveryCode(attempt, code)
                                        : auth.completeLogin(attempt, code);
            if (session) {
                r.session = *session;
            } else {
                r.error = session.error();
            }
            return r;
        },
        [this](StepResult& r) {
            m_session = *r.session;
            // The current password is still needed once if the user must change it now.
            m_pendingOldPassword = m_session.mustChangePassword ? m_attempt.password : QString();
            m_attempt.password.clear();
            Q_EMIT signedIn();
        });
}

void LoginController::submitCode(const QString& code)
{
    finishSignIn(false, code);
}

void LoginController::submitRecoveryCode(const QString& code)
{
    finishSignIn(true, code);
}

void LoginController::confirmEnrolment(const QString& code)
{
    DatabasePtr db = m_db;
    LoginAttempt attempt = m_attempt;
    MfaEnrolment enrolment = m_enrolment;
    run(
        [db, attempt, enrolment, code]() mutable {
            StepResult r;
            auto enrolled = AuthService(db).confirmEnrolment(attempt, enrolment, code);
            if (enrolled) {
                r.session = enrolled->session;
                r.recoveryCodes = enrolled->recoveryCodes;
            } else {
                r.error = enrolled.error();
            }
            return r;
        },
        [this](StepResult& r) {
            m_session = *r.session;
            // The current password is still needed once if the user must change it now.
            m_pendingOldPassword = m_session.mustChangePassword ? m_attempt.password : QString();
            m_attempt.password.clear();
            m_enrolment = {};
            Q_EMIT enrolled(r.recoveryCodes);
        });
}

void LoginController::changePassword(const QString& oldPassword, const QString& newPassword)
{
    DatabasePtr db = m_db;
    StaffSession session = m_session;
    const QString current = oldPassword.isEmpty() ? m_pendingOldPassword : oldPassword;
    run(
        [db, session, current, newPassword]() mutable {
            StepResult r;
            if (auto s = AuthService(db).changePassword(session, current, newPassword); !s) {
                r.error = s.error();
            } else {
                r.session = session;
            }
            return r;
        },
        [this](StepResult& r) {
            m_session = *r.session;
            m_pendingOldPassword.clear();
            Q_EMIT passwordChanged();
        });
}

void LoginController::reset()
{
    m_attempt = {};
    m_enrolment = {};
    m_pendingOldPassword.clear();
}

} // namespace flowlet
