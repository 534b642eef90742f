#pragma once

#include "audit/AuditLog.h"
#include "core/Result.h"
#include "db/Database.h"

#include <QDateTime>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace flowlet {

// One API key as its owner and the administrators see it: never the secret, never its hash.
struct ApiKeyInfo
{
    qint64 id = 0;
    qint64 ownerId = 0;
    QString ownerName;
    QString name;
    QString prefix;
    QStringList scopes;
    QDateTime createdAt, expiresAt, revokedAt, lastUsedAt;

    enum class State { Active, Expired, Revoked };
    State stateAt(const QDateTime& now) const;
};

// A key just created: the token is shown exactly once and never stored.
struct NewApiKey
{
    ApiKeyInfo info;
    QString token;
};

// Who a request acts for after its key was checked.
struct ApiPrincipal
{
    qint64 keyId = 0;
    qint64 ownerId = 0;
    QString ownerName;
    QString keyPrefix;
    QSet<QString> permissions; // the key's scopes ∩ the owner's role as it is now

    bool can(const QString& permission) const { return permissions.contains(permission); }
    Actor actor() const { return Actor{ownerId, ownerName, keyId}; }
};

// A person a key may be made for, with what they hold (a key's scopes must be a subset).
struct ApiKeyOwner
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QSet<QString> permissions;
};

// API keys for the local REST API. Tokens look like "flk_<12-char prefix>_<52-char secret>";
// only the prefix (to find the row) and SHA-256 of the 256-bit random secret are stored.
// On PostgreSQL through the workstation role every step runs in flowlet_auth's definer
// functions (migration 0010), which check the same rules again; elsewhere the application checks.
class ApiKeys final
{
public:
    static constexpr int kPrefixLength = 12;
    static constexpr int kSecretBytes = 32;

    // `ownerId` must be the creator unless the creator holds apikeys.manage_all. Scopes must be a
    // non-empty subset of the owner's current permissions (and of the creator's key, when a key
    // creates a key); an expiry must lie in the future.
    static Result<NewApiKey> create(Database& db, const Actor& creator, qint64 ownerId, const QString& name,
                                    const QStringList& scopes, const std::optional<QDateTime>& expiresAt);
    // Own keys (apikeys.manage_own), or everyone's (apikeys.manage_all). Revoked and expired keys stay listed.
    static Result<QList<ApiKeyInfo>> list(Database& db, const Actor& who, bool everyone);
    // Revoking a revoked key changes nothing.
    static Status revoke(Database& db, const Actor& who, qint64 keyId);
    // Whom `who` may make keys for: themselves, or every active user with apikeys.manage_all.
    static Result<QList<ApiKeyOwner>> owners(Database& db, const Actor& who);

    // Checks a presented token on the calling thread's connection. ErrorCode::Unauthenticated for a missing,
    // malformed, unknown, wrong, expired or revoked key or a disabled owner, always with the same message.
    // On PostgreSQL through the workstation role it binds `connection` to a server-side session of the key's
    // owner, limited to the key's scopes, so row-level security applies to everything the request does.
    static Result<ApiPrincipal> authenticate(Database& db, QSqlDatabase& connection, const QString& token);

    // The one message every refused token gets.
    static Error unauthenticated();
    // SHA-256 of the secret, hex: what api_keys.key_hash holds.
    static QString hashOfSecret(const QString& secret);
};

} // namespace flowlet
