#pragma once

#include <QSettings>
#include <QString>

namespace flowlet {

// Typed access to the user's settings (QSettings, native format). Nothing secret is ever stored
// here: passwords and keys go to the keychain (KeyStore).
class Settings final
{
public:
    Settings();

    // The last workspace opened, as a database URL; empty on first run.
    QString lastWorkspaceUrl() const;
    void setLastWorkspaceUrl(const QString& url);

    int transactionsPageSize() const;
    void setTransactionsPageSize(int rows);

    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray& geometry);
    QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray& state);
    // The transactions table's columns: which are shown, their order and widths.
    QByteArray transactionsHeaderState() const;
    void setTransactionsHeaderState(const QByteArray& state);

    // The last shared database connected to, without its password (that lives in the keychain).
    struct SharedConnection
    {
        QString host;
        int port = 5432;
        QString database;
        QString user;
        QString sslMode = QStringLiteral("verify-full");
        QString sslRootCert;
    };
    SharedConnection sharedConnection() const;
    void setSharedConnection(const SharedConnection& connection);

    // Minutes without input before the window locks (1 to 120; default 10).
    int idleLockMinutes() const;
    void setIdleLockMinutes(int minutes);

    // The local REST API the window serves while someone is signed in (default on, port 8765).
    bool apiEnabled() const;
    void setApiEnabled(bool enabled);
    quint16 apiPort() const; // 0: any free port (tests)
    void setApiPort(quint16 port);

    QString uiLanguage() const; // empty = system
    void setUiLanguage(const QString& language);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};

} // namespace flowlet
