#include "LoginDialog.h"

#include "auth/Base32.h"
#include "auth/LoginController.h"
#include "auth/QrCode.h"
#include "core/Version.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace flowlet::ui {

namespace {

QPixmap renderQr(const QString& text, int modulePixels = 6)
{
    auto qr = QrCode::encode(text);
    if (!qr) {
        return {};
    }
    const int border = 4;
    const int side = (qr->size() + 2 * border) * modulePixels;
    QImage image(side, side, QImage::Format_Grayscale8);
    image.fill(Qt::white);
    for (int y = 0; y < qr->size(); ++y) {
        for (int x = 0; x < qr->size(); ++x) {
            if (!qr->isDark(x, y)) {
                continue;
            }
            for (int dy = 0; dy < modulePixels; ++dy) {
                uchar* line = image.scanLine((y + border) * modulePixels + dy);
                std::fill_n(line + (x + border) * modulePixels, modulePixels, uchar(0));
            }
        }
    }
    return QPixmap::fromImage(image);
}

QString grouped(const QString& secret)
{
    QString out;
    for (int i = 0; i < secret.size(); i += 4) {
        out += secret.mid(i, 4) + u' ';
    }
    return out.trimmed();
}

QWidget* page(QWidget* parent, QLayout* layout)
{
    auto* w = new QWidget(parent);
    w->setLayout(layout);
    return w;
}

} // namespace

LoginDialog::LoginDialog(DatabasePtr db, QWidget* parent)
    : QDialog(parent)
    , m_controller(new LoginController(std::move(db), this))
    , m_pages(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_signIn(new QPushButton(tr("Sign in"), this))
    , m_code(new QLineEdit(this))
    , m_useRecovery(new QCheckBox(tr("Use a recovery code instead"), this))
    , m_verify(new QPushButton(tr("Verify"), this))
    , m_qr(new QLabel(this))
    , m_secret(new QLabel(this))
    , m_enrolCode(new QLineEdit(this))
    , m_confirmEnrol(new QPushButton(tr("Confirm"), this))
    , m_recoveryCodes(new QListWidget(this))
    , m_savedCodes(new QCheckBox(tr("I have stored these codes somewhere safe"), this))
    , m_continue(new QPushButton(tr("Continue"), this))
    , m_newPassword(new QLineEdit(this))
    , m_confirmPassword(new QLineEdit(this))
    , m_changePassword(new QPushButton(tr("Change password"), this))
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Sign in to %1").arg(QStringLiteral(FLOWLET_APP_NAME)));
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_username->setObjectName(QStringLiteral("loginUsername"));
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_code->setObjectName(QStringLiteral("loginCode"));
    m_useRecovery->setObjectName(QStringLiteral("useRecoveryCode"));
    m_verify->setObjectName(QStringLiteral("verifyButton"));
    m_qr->setObjectName(QStringLiteral("enrolQr"));
    m_secret->setObjectName(QStringLiteral("enrolSecret"));
    m_enrolCode->setObjectName(QStringLiteral("enrolCode"));
    m_confirmEnrol->setObjectName(QStringLiteral("confirmEnrolButton"));
    m_recoveryCodes->setObjectName(QStringLiteral("recoveryCodesList"));
    m_savedCodes->setObjectName(QStringLiteral("savedCodesCheck"));
    m_continue->setObjectName(QStringLiteral("continueButton"));
    m_newPassword->setObjectName(QStringLiteral("newPassword"));
    m_confirmPassword->setObjectName(QStringLiteral("confirmPassword"));
    m_changePassword->setObjectName(QStringLiteral("changePasswordButton"));

    m_password->setEchoMode(QLineEdit::Password);
    m_newPassword->setEchoMode(QLineEdit::Password);
    m_confirmPassword->setEchoMode(QLineEdit::Password);
    m_code->setPlaceholderText(tr("6-digit code"));
    m_enrolCode->setPlaceholderText(tr("6-digit code"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    m_secret->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_secret->setStyleSheet(QStringLiteral("QLabel { font-family: monospace; font-size: 13pt; }"));
    m_continue->setEnabled(false);

    auto* credentials = new QFormLayout;
    credentials->addRow(new QLabel(tr("Sign in with your Flowlet user name and password."), this));
    credentials->addRow(tr("User name:"), m_username);
    credentials->addRow(tr("Password:"), m_password);
    credentials->addRow(m_signIn);

    auto* code = new QFormLayout;
    code->addRow(new QLabel(tr("Enter the code your authenticator app shows for Flowlet."), this));
    code->addRow(tr("Code:"), m_code);
    code->addRow(m_useRecovery);
    code->addRow(m_verify);

    auto* enrol = new QVBoxLayout;
    auto* enrolIntro = new QLabel(tr("Set up two-step sign-in: scan this code with an authenticator app (or enter "
                                     "the secret below by hand), then type the code the app shows."),
                                  this);
    enrolIntro->setWordWrap(true);
    enrol->addWidget(enrolIntro);
    enrol->addWidget(m_qr, 0, Qt::AlignHCenter);
    enrol->addWidget(m_secret, 0, Qt::AlignHCenter);
    enrol->addWidget(m_enrolCode);
    enrol->addWidget(m_confirmEnrol);

    auto* recovery = new QVBoxLayout;
    auto* recoveryIntro = new QLabel(tr("Keep these recovery codes somewhere safe. Each signs you in once if you lose "
                                        "your phone. They are shown only now."),
                                     this);
    recoveryIntro->setWordWrap(true);
    recovery->addWidget(recoveryIntro);
    m_recoveryCodes->setStyleSheet(QStringLiteral("QListWidget { font-family: monospace; }"));
    recovery->addWidget(m_recoveryCodes);
    recovery->addWidget(m_savedCodes);
    recovery->addWidget(m_continue);

    auto* change = new QFormLayout;
    change->addRow(new QLabel(tr("Choose a new password before you continue (at least 12 characters)."), this));
    change->addRow(tr("New password:"), m_newPassword);
    change->addRow(tr("Repeat:"), m_confirmPassword);
    change->addRow(m_changePassword);

    m_pages->addWidget(page(this, credentials));
    m_pages->addWidget(page(this, code));
    m_pages->addWidget(page(this, enrol));
    m_pages->addWidget(page(this, recovery));
    m_pages->addWidget(page(this, change));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(m_message);
    resize(460, 420);

    connect(m_signIn, &QPushButton::clicked, this, [this] {
        if (m_username->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
            showMessage(tr("Enter your user name and password."));
            return;
        }
        m_controller->submitPassword(m_username->text(), m_password->text());
    });
    connect(m_password, &QLineEdit::returnPressed, m_signIn, &QPushButton::click);
    connect(m_verify, &QPushButton::clicked, this, [this] {
        if (m_useRecovery->isChecked()) {
            m_controller->submitRecoveryCode(m_code->text());
        } else {
            m_controller->submitCode(m_code->text());
        }
    });
    connect(m_code, &QLineEdit::returnPressed, m_verify, &QPushButton::click);
    connect(m_useRecovery, &QCheckBox::toggled, this, [this](bool on) {
        m_code->clear();
        m_code->setPlaceholderText(on ? tr("XXXX-XXXX-XXXX-XXXX") : tr("6-digit code"));
    });
    connect(m_confirmEnrol, &QPushButton::clicked, this, [this] { m_controller->confirmEnrolment(m_enrolCode->text()); });
    connect(m_enrolCode, &QLineEdit::returnPressed, m_confirmEnrol, &QPushButton::click);
    connect(m_savedCodes, &QCheckBox::toggled, m_continue, &QPushButton::setEnabled);
    connect(m_continue, &QPushButton::clicked, this, &LoginDialog::onSignedIn);
    connect(m_changePassword, &QPushButton::clicked, this, [this] {
        if (m_newPassword->text() != m_confirmPassword->text()) {
            showMessage(tr("The two passwords differ."));
            return;
        }
        m_controller->changePassword(QString(), m_newPassword->text());
    });

    connect(m_controller, &LoginController::busyChanged, this, &LoginDialog::setBusy);
    connect(m_controller, &LoginController::failed, this, &LoginDialog::onFailed);
    connect(m_controller, &LoginController::passwordAccepted, this, [this](bool needsEnrolment) {
        m_password->clear();
        m_message->setVisible(false);
        if (!needsEnrolment) {
            showPage(CodePage);
            return;
        }
        const MfaEnrolment& e = m_controller->enrolment();
        m_qr->setPixmap(renderQr(e.uri.toString()));
        m_secret->setText(grouped(Base32::encode(e.secret)));
        showPage(EnrolPage);
    });
    connect(m_controller, &LoginController::signedIn, this, &LoginDialog::onSignedIn);
    connect(m_controller, &LoginController::enrolled, this, [this](const QStringList& codes) {
        m_qr->clear();
        m_secret->clear();
        m_recoveryCodes->clear();
        m_recoveryCodes->addItems(codes);
        m_message->setVisible(false);
        showPage(RecoveryCodesPage);
    });
    connect(m_controller, &LoginController::passwordChanged, this, [this] {
        m_newPassword->clear();
        m_confirmPassword->clear();
        accept();
    });
    showPage(CredentialsPage);
}

LoginDialog::~LoginDialog() = default;

const StaffSession& LoginDialog::session() const
{
    return m_controller->session();
}

LoginDialog::Page LoginDialog::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

void LoginDialog::showPage(Page page)
{
    m_pages->setCurrentIndex(page);
    switch (page) {
    case CredentialsPage: m_username->setFocus(); break;
    case CodePage: m_code->setFocus(); break;
    case EnrolPage: m_enrolCode->setFocus(); break;
    case ChangePasswordPage: m_newPassword->setFocus(); break;
    case RecoveryCodesPage: break;
    }
}

void LoginDialog::showMessage(const QString& message, bool error)
{
    m_message->setText(message);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #c62828; }") : QString());
    m_message->setVisible(true);
}

void LoginDialog::onFailed(int code, const QString& message)
{
    // The service's messages are written for people; the code decides where to go next.
    switch (static_cast<ErrorCode>(code)) {
    case ErrorCode::InvalidCredentials:
        showMessage(tr("The user name or password is wrong."));
        if (currentPage() != CredentialsPage) {
            showPage(CredentialsPage);
        }
        m_password->clear();
        break;
    case ErrorCode::AccountLocked:
        showMessage(tr("Too many failed attempts: the account is locked for 15 minutes. Try again later or ask an "
                       "administrator."));
        m_controller->reset();
        showPage(CredentialsPage);
        break;
    case ErrorCode::AccountDisabled:
        showMessage(tr("This account is disabled. Ask an administrator."));
        m_controller->reset();
        showPage(CredentialsPage);
        break;
    case ErrorCode::CodeReused:
        showMessage(tr("This code was used already. Wait for the next code in your authenticator."));
        m_code->clear();
        break;
    case ErrorCode::CodeRejected:
        showMessage(currentPage() == EnrolPage
                        ? tr("The code does not match. Scan the QR code again and enter the code the app shows now.")
                        : tr("The code is wrong or expired. Check the time on your phone and enter the current code."));
        m_code->clear();
        m_enrolCode->clear();
        break;
    default:
        showMessage(message);
        break;
    }
}

void LoginDialog::onSignedIn()
{
    if (m_controller->session().mustChangePassword) {
        showPage(ChangePasswordPage);
        return;
    }
    accept();
}

void LoginDialog::setBusy(bool busy)
{
    m_pages->setEnabled(!busy);
    if (busy) {
        QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    } else {
        QGuiApplication::restoreOverrideCursor();
    }
}

} // namespace flowlet::ui
