#include "ConnectDialog.h"

#include "core/Settings.h"
#include "crypto/KeyStore.h"
#include "workspace/WorkspaceSetup.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QUrl>
#include <QUrlQuery>
#include <QtConcurrent>

namespace flowlet::ui {

ConnectDialog::ConnectDialog(QWidget* parent)
    : QDialog(parent)
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_databaseName(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_sslMode(new QComboBox(this))
    , m_caFile(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("Remember the password in the keychain"), this))
    , m_keychainNote(new QLabel(this))
    , m_error(new QLabel(this))
    , m_connect(new QPushButton(tr("Connect"), this))
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to a shared database"));
    m_host->setObjectName(QStringLiteral("connectHost"));
    m_port->setObjectName(QStringLiteral("connectPort"));
    m_databaseName->setObjectName(QStringLiteral("connectDatabase"));
    m_user->setObjectName(QStringLiteral("connectUser"));
    m_sslMode->setObjectName(QStringLiteral("connectSslMode"));
    m_caFile->setObjectName(QStringLiteral("connectCaFile"));
    m_password->setObjectName(QStringLiteral("connectPassword"));
    m_remember->setObjectName(QStringLiteral("rememberPassword"));
    m_error->setObjectName(QStringLiteral("connectError"));
    m_connect->setObjectName(QStringLiteral("connectButton"));

    m_port->setRange(1, 65535);
    m_password->setEchoMode(QLineEdit::Password);
    const struct
    {
        const char* mode;
        const char* label;
    } modes[] = {
        {"verify-full", QT_TR_NOOP("Encrypted, server certificate and name verified (recommended)")},
        {"verify-ca", QT_TR_NOOP("Encrypted, server certificate verified")},
        {"require", QT_TR_NOOP("Encrypted, server not verified")},
        {"prefer", QT_TR_NOOP("Encrypted if the server offers it")},
        {"disable", QT_TR_NOOP("Not encrypted (only on this computer)")},
    };
    for (const auto& m : modes) {
        m_sslMode->addItem(tr(m.label), QString::fromLatin1(m.mode));
    }
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_keychainNote->setWordWrap(true);

    const Settings::SharedConnection last = Settings().sharedConnection();
    m_host->setText(last.host);
    m_port->setValue(last.port);
    m_databaseName->setText(last.database);
    m_user->setText(last.user);
    m_sslMode->setCurrentIndex(std::max(0, m_sslMode->findData(last.sslMode)));
    m_caFile->setText(last.sslRootCert);

    auto* caRow = new QHBoxLayout;
    auto* browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("Server:"), m_host);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("Database:"), m_databaseName);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Connection security:"), m_sslMode);
    form->addRow(tr("CA certificate:"), caRow);
    form->addRow(tr("Password:"), m_password);
    form->addRow(m_remember);
    form->addRow(m_keychainNote);

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_connect, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    // The keychain decides what can be remembered; without one, say so plainly.
    const Status available = KeyStore().checkAvailable();
    m_keychainAvailable = available.ok();
    m_remember->setEnabled(m_keychainAvailable);
    m_remember->setChecked(m_keychainAvailable);
    m_keychainNote->setText(m_keychainAvailable
                                ? tr("The password is kept only in your keychain, never in a file.")
                                : tr("No keychain is available (%1). Flowlet will ask for the password each time.")
                                      .arg(available.error().message()));
    fillPasswordFromKeychain();

    connect(browse, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("CA certificate"), QString(),
                                                          tr("Certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty()) {
            m_caFile->setText(file);
        }
    });
    connect(m_connect, &QPushButton::clicked, this, &ConnectDialog::connectToDatabase);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

Result<DatabaseUrl> ConnectDialog::url() const
{
    if (m_host->text().trimmed().isEmpty() || m_databaseName->text().trimmed().isEmpty() || m_user->text().trimmed().isEmpty()) {
        return Error(ErrorCode::InvalidArgument, tr("enter the server, the database and the user"));
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(m_host->text().trimmed());
    url.setPort(m_port->value());
    url.setUserName(m_user->text().trimmed());
    url.setPath(QStringLiteral("/") + m_databaseName->text().trimmed());
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("sslmode"), m_sslMode->currentData().toString());
    if (!m_caFile->text().trimmed().isEmpty()) {
        query.addQueryItem(QStringLiteral("sslrootcert"), m_caFile->text().trimmed());
    }
    url.setQuery(query);
    return DatabaseUrl::parse(url.toString());
}

void ConnectDialog::fillPasswordFromKeychain()
{
    if (!m_keychainAvailable) {
        return;
    }
    auto u = url();
    if (!u) {
        return;
    }
    auto stored = KeyStore().read(KeyStore::databasePasswordKey(u->toString()));
    if (stored) {
        m_password->setText(QString::fromUtf8(*stored));
    }
}

void ConnectDialog::setUrl(const DatabaseUrl& url, const QString& reason)
{
    m_host->setText(url.host());
    if (url.port() > 0) {
        m_port->setValue(url.port());
    }
    m_databaseName->setText(url.databaseName());
    m_user->setText(url.userName());
    const QString mode = url.options().value(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
    m_sslMode->setCurrentIndex(std::max(0, m_sslMode->findData(mode)));
    m_caFile->setText(url.options().value(QStringLiteral("sslrootcert")));
    m_password->clear();
    fillPasswordFromKeychain();
    if (!reason.isEmpty()) {
        m_error->setText(reason);
        m_error->setVisible(true);
    }
}

void ConnectDialog::connectToDatabase()
{
    if (m_connecting) {
        return;
    }
    auto u = url();
    if (!u) {
        m_error->setText(u.error().message());
        m_error->setVisible(true);
        return;
    }
    // Reaching a server can take up to the connect timeout: never on the UI thread.
    m_connecting = true;
    m_connect->setEnabled(false);
    m_error->setVisible(false);
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const DatabaseUrl target = *u;
    const QString password = m_password->text();
    auto* watcher = new QFutureWatcher<Result<DatabasePtr>>(this);
    connect(watcher, &QFutureWatcher<Result<DatabasePtr>>::finished, this, [this, watcher, target] {
        watcher->deleteLater();
        QGuiApplication::restoreOverrideCursor();
        m_connecting = false;
        m_connect->setEnabled(true);
        onConnected(watcher->result(), target);
    });
    watcher->setFuture(QtConcurrent::run([target, password] { return WorkspaceSetup::open(target, password); }));
}

void ConnectDialog::onConnected(const Result<DatabasePtr>& db, const DatabaseUrl& target)
{
    if (!db) {
        m_error->setText(tr("Could not connect: %1").arg(db.error().message()));
        m_error->setVisible(true);
        return;
    }
    Settings settings;
    settings.setSharedConnection({m_host->text().trimmed(), m_port->value(), m_databaseName->text().trimmed(),
                                  m_user->text().trimmed(), m_sslMode->currentData().toString(),
                                  m_caFile->text().trimmed()});
    settings.setLastWorkspaceUrl(target.toString());
    const KeyStore keys;
    const QString key = KeyStore::databasePasswordKey(target.toString());
    if (m_keychainAvailable && m_remember->isChecked()) {
        if (auto saved = keys.write(key, m_password->text().toUtf8()); !saved) {
            m_keychainNote->setText(tr("Connected, but the password could not be kept: %1").arg(saved.error().message()));
        }
    } else if (m_keychainAvailable) {
        (void)keys.remove(key);
    }
    m_password->clear();
    m_database = *db;
    accept();
}

} // namespace flowlet::ui
