#include "KeyStore.h"

#include "SecureRandom.h"
#include "core/Logging.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace flowlet {

namespace {

constexpr int kTimeoutMs = 15000;
const QString kSecretService = QStringLiteral("org.freedesktop.secrets");

// Says precisely what is missing when no Secret Service can be reached, or nothing.
std::optional<Error> missingBackend()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        return Error(ErrorCode::KeychainUnavailable,
                     QStringLiteral("no keychain is available: there is no D-Bus session, so no Secret Service "
                                    "(GNOME Keyring or KWallet) can be reached; Flowlet will ask for secrets each time"));
    }
    QDBusConnectionInterface* iface = bus.interface();
    const bool running = iface && iface->isServiceRegistered(kSecretService).value();
    const bool activatable = iface && iface->activatableServiceNames().value().contains(kSecretService);
    if (!running && !activatable) {
        return Error(ErrorCode::KeychainUnavailable,
                     QStringLiteral("no keychain is available: no Secret Service (GNOME Keyring or KWallet) runs in "
                                    "this session; start and unlock one, or Flowlet will ask for secrets each time"));
    }
    return std::nullopt;
}

Error keychainError(QKeychain::Error code, const QString& text, const QString& key)
{
    switch (code) {
    case QKeychain::EntryNotFound:
        return {ErrorCode::NotFound, QStringLiteral("no secret '%1' in the keychain").arg(key)};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {ErrorCode::KeychainUnavailable,
                QStringLiteral("no keychain is available: start a Secret Service (GNOME Keyring or KWallet) "
                               "and unlock it, or enter the secret each time")};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {ErrorCode::KeychainError, QStringLiteral("the keychain refused access (is it locked?)")};
    default:
        if (auto missing = missingBackend()) {
            return *missing;
        }
        return {ErrorCode::KeychainError, QStringLiteral("keychain error: %1").arg(text)};
    }
}

// Runs a QtKeychain job to completion; returns its error code and text.
template <typename Job>
std::pair<QKeychain::Error, QString> runJob(Job& job)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    timeout.start(kTimeoutMs);
    job.start();
    loop.exec();
    if (timedOut) {
        return {QKeychain::OtherError, QStringLiteral("the keychain did not answer (is an unlock prompt waiting?)")};
    }
    return {job.error(), job.errorString()};
}

} // namespace

KeyStore::KeyStore(QString service)
    : m_service(std::move(service))
{
}

Result<QByteArray> KeyStore::read(const QString& key) const
{
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(key);
    const auto [code, text] = runJob(job);
    if (code != QKeychain::NoError) {
        return keychainError(code, text, key);
    }
    return job.binaryData();
}

Status KeyStore::write(const QString& key, const QByteArray& secret) const
{
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(key);
    job.setBinaryData(secret);
    const auto [code, text] = runJob(job);
    if (code != QKeychain::NoError) {
        return keychainError(code, text, key);
    }
    return {};
}

Status KeyStore::remove(const QString& key) const
{
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(key);
    const auto [code, text] = runJob(job);
    if (code != QKeychain::NoError && code != QKeychain::EntryNotFound) {
        return keychainError(code, text, key);
    }
    return {};
}

Status KeyStore::checkAvailable() const
{
    if (auto missing = missingBackend()) {
        return *missing;
    }
    auto probe = read(QStringLiteral("flowlet-availability-probe"));
    if (!probe && probe.error().code() != ErrorCode::NotFound) {
        return probe.error();
    }
    return {};
}

Result<QByteArray> KeyStore::workspaceKey(const QString& workspaceId, bool createIfMissing) const
{
    const QString key = QStringLiteral("workspace-key/%1").arg(workspaceId);
    auto existing = read(key);
    if (existing) {
        if (existing->size() != 32) {
            return Error(ErrorCode::KeychainError, QStringLiteral("the stored workspace key is damaged"));
        }
        return existing;
    }
    if (existing.error().code() != ErrorCode::NotFound || !createIfMissing) {
        return existing.error();
    }
    auto fresh = SecureRandom::bytes(32);
    if (!fresh) {
        return fresh.error();
    }
    if (auto s = write(key, *fresh); !s) {
        return s.error();
    }
    qCInfo(lcCrypto) << "created a workspace key in the keychain for workspace" << workspaceId;
    return fresh;
}

QString KeyStore::databasePasswordKey(const QString& databaseUrl)
{
    return QStringLiteral("database-password/%1").arg(databaseUrl);
}

} // namespace flowlet
