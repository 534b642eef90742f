#include "UnlockDialog.h"

#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowlet::ui {

UnlockDialog::UnlockDialog(DatabasePtr db, StaffSession session, int idleMinutes, QWidget* parent)
    : QDialog(parent)
    , m_db(std::move(db))
    , m_session(std::move(session))
    , m_password(new QLineEdit(this))
    , m_message(new QLabel(this))
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
}

void UnlockDialog::tryUnlock()
{
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const Status status = AuthService(m_db).unlock(m_session, m_password->text());
    QGuiApplication::restoreOverrideCursor();
    m_password->clear();
    if (status) {
        accept();
        return;
    }
    m_message->setText(status.error().code() == ErrorCode::AccountLocked
                           ? tr("Too many failed attempts: the account is locked. Sign out and try later.")
                           : tr("The password is wrong."));
    m_message->setVisible(true);
}

} // namespace flowlet::ui
