#pragma once

#include "db/Database.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace flowlet::ui {

// Connects to a shared PostgreSQL database: host, port, database, user and TLS settings are
// remembered (QSettings); the password only in the keychain, if there is one and the user wants
// it — without a Secret Service the dialog says so and the password is asked for each time.
class ConnectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    explicit ConnectDialog(QWidget* parent = nullptr);

    DatabasePtr database() const { return m_database; }
    // Fills the fields from a URL (e.g. --db) instead of the last connection, and shows why the
    // connection is needed again.
    void setUrl(const DatabaseUrl& url, const QString& reason = {});
    // The URL the fields describe (no password), or why not.
    Result<DatabaseUrl> url() const;

private:
    void connectToDatabase();
    void onConnected(const Result<DatabasePtr>& result, const DatabaseUrl& url);
    void fillPasswordFromKeychain();

    QLineEdit* m_host;
    QSpinBox* m_port;
    QLineEdit* m_databaseName;
    QLineEdit* m_user;
    QComboBox* m_sslMode;
    QLineEdit* m_caFile;
    QLineEdit* m_password;
    QCheckBox* m_remember;
    QLabel* m_keychainNote;
    QLabel* m_error;
    QPushButton* m_connect;
    bool m_keychainAvailable = false;
    bool m_connecting = false;
    DatabasePtr m_database;
};

} // namespace flowlet::ui
