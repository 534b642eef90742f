#include "UnlockDialog.h"

#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace flowlet::ui {

UnlockDialog::UnlockDialog(DatabasePtr db, StaffSession session, int idleMinutes, QWidget* parent)
    : QDialog(parent)
    , m_db(std::move(db))
    , m_session(std::move(session))
    , m_password(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_unlock(nullptr)
{
    setObjectName(QStringLiteral("unlockDialog"));
    m_password->setObjectName(QStringLiteral("unlockPassword"));
    m_message->setObjectName(QStringLiteral("unlockMessage"));
    setWindowTitle(tr("Flowlet is locked"));
    m_password->setEchoMode(QLineEdit::Password);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_message->setVisible(false);

    auto* text = new QLabel(tr("Flowlet locked itself after %n minute(s) without use. Enter the password of %1 to "
                               "continue, or sign out.", nullptr, idleMinutes)
                                .arg(m_session.displayName.toHtmlEscaped()),
                            this);
    text->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(this);
    QPushButton* unlock = buttons->addButton(tr("Unlock"), QDialogButtonBox::AcceptRole);
    m_unlock = unlock;
    QPushButton* signOut = buttons->addButton(tr("Sign out"), QDialogButtonBox::DestructiveRole);
    unlock->setObjectName(QStringLiteral("unlockButton"));
    signOut->setObjectName(QStringLiteral("signOutButton"));
    unlock->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_password);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(unlock, &QPushButton::clicked, this, &UnlockDialog::tryUnlock);
    connect(signOut, &QPushButton::clicked, this, [this] { done(SignOut); });
    connect(&m_check, &QFutureWatcher<Status>::finished, this, &UnlockDialog::onChecked);
}

UnlockDialog::~UnlockDialog()
{
    m_check.waitForFinished();
}

void UnlockDialog::tryUnlock()
{
    if (m_check.isRunning()) {
        return;
    }
    m_unlock->setEnabled(false);
    m_password->setEnabled(false);
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    m_check.setFuture(QtConcurrent::run([db = m_db, session = m_session, password = m_password->text()] {
        return AuthService(db).unlock(session, password);
    }));
    m_password->clear();
}

void UnlockDialog::onChecked()
{
    QGuiApplication::restoreOverrideCursor();
    m_unlock->setEnabled(true);
    m_password->setEnabled(true);
    const Status status = m_check.result();
    if (status) {
        accept();
        return;
    }
    m_message->setText(status.error().code() == ErrorCode::AccountLocked
                           ? tr("Too many failed attempts: the account is locked. Sign out and try later.")
                           : tr("The password is wrong."));
    m_message->setVisible(true);
    m_password->setFocus();
}

} // namespace flowlet::ui
