#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace flowlet {

// Secrets in the operating system's keychain (QtKeychain over the Secret Service on Linux): the
// PostgreSQL password, the local workspace key. Never on disk in clear. When no Secret Service
// runs, calls fail with KeychainUnavailable and a message that says what is missing; QtKeychain's
// plaintext fallback is switched off.
class KeyStore final
{
public:
    explicit KeyStore(QString service = QStringLiteral("org.flowlet.Workstation"));

    // Blocks (running a local event loop) until the keychain answers.
    Result<QByteArray> read(const QString& key) const;
    Status write(const QString& key, const QByteArray& secret) const;
    Status remove(const QString& key) const;

    // A cheap probe: can we talk to a keychain at all?
    Status checkAvailable() const;

    // The 256-bit key that encrypts a local workspace's sensitive fields, created on first use.
    Result<QByteArray> workspaceKey(const QString& workspaceId, bool createIfMissing) const;

    static QString databasePasswordKey(const QString& databaseUrl);

private:
    QString m_service;
};

} // namespace flowlet
