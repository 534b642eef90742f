#include "ApiKeys.h"

#include "auth/Authorization.h"
#include "auth/Base32.h"
#include "auth/Permissions.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "crypto/SecureRandom.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace flowlet {

namespace {

const QString kTokenPrefix = QStringLiteral("flk_");
const QString kObjectType = QStringLiteral("api_key");
constexpr qint64 kLastUsedResolutionSeconds = 60;
constexpr int kMaxNameLength = 100;

QString scopesText(const QStringList& scopes)
{
    return scopes.join(u' ');
}

QStringList scopesFrom(const QString& text)
{
    return text.split(u' ', Qt::SkipEmptyParts);
}

QStringList normalisedScopes(const QStringList& scopes)
{
    QStringList out;
    for (const QString& s : scopes) {
        const QString t = s.trimmed();
        if (!t.isEmpty() && !out.contains(t)) {
            out << t;
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Lower-case RFC 4648 Base32 without padding: no characters that need escaping in a header,
// a URL or a shell, and no look-alikes (0/O, 1/l).
Result<QString> randomBase32(int bytes, int length)
{
    auto random = SecureRandom::bytes(bytes);
    if (!random) {
        return random.error();
    }
    return Base32::encode(*random).toLower().left(length);
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return diff == 0;
}

struct ParsedToken
{
    QString prefix;
    QString secret;
};

std::optional<ParsedToken> parseToken(const QString& token)
{
    static const QRegularExpression shape(QStringLiteral("^flk_([a-z2-7]{12})_([a-z2-7]{52})$"));
    const auto m = shape.match(token);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    return ParsedToken{m.captured(1), m.captured(2)};
}

QVariant nullableTimestamp(const SqlDialect& d, const std::optional<QDateTime>& t)
{
    return t ? d.timestampValue(*t) : QVariant(QMetaType(QMetaType::QString));
}

QDateTime timestampOrNull(const SqlDialect& d, const QVariant& v)
{
    return v.isNull() ? QDateTime() : d.timestampFrom(v);
}

// Application side: may `who` manage the keys of `ownerId`? Own keys need apikeys.manage_own (or
// manage_all); anyone else's need apikeys.manage_all. Nobody signed in (the local command line)
// may do everything, as with every other service.
Status requireKeyManager(Database& db, const Actor& who, std::optional<qint64> ownerId)
{
    if (!who.userId) {
        return {};
    }
    if (requirePermission(db, who, Permission::ApiKeysManageAll)) {
        return {};
    }
    if (ownerId && *ownerId == *who.userId) {
        return requirePermission(db, who, Permission::ApiKeysManageOwn);
    }
    return permissionDenied(Permission::ApiKeysManageAll);
}

Result<QSet<QString>> permissionsOfUser(Database& db, qint64 userId, bool activeOnly)
{
    auto q = db.exec(QStringLiteral("SELECT rp.permission_code FROM staff_users u "
                                    "JOIN role_permissions rp ON rp.role_id = u.role_id WHERE u.id = ?%1")
                         .arg(activeOnly ? QStringLiteral(" AND u.status = 'active'") : QString()),
                     {userId});
    if (!q) {
        return q.error();
    }
    QSet<QString> out;
    while (q->next()) {
        out.insert(q->value(0).toString());
    }
    return out;
}

// Runs `sql` with its %1 replaced by `condition` bound to `userId`, or by nothing when there is none.
Result<QSqlQuery> execLimitedTo(Database& db, const QString& sql, const QString& condition,
                                std::optional<qint64> userId)
{
    return userId ? db.exec(sql.arg(condition), {*userId}) : db.exec(sql.arg(QString()));
}

ApiKeyInfo infoFrom(const SqlDialect& d, const QSqlQuery& q)
{
    // Columns: id, owner_id, owner name, name, prefix, scopes, created, expires, revoked, last used.
    ApiKeyInfo k;
    k.id = q.value(0).toLongLong();
    k.ownerId = q.value(1).toLongLong();
    k.ownerName = q.value(2).toString();
    k.name = q.value(3).toString();
    k.prefix = q.value(4).toString();
    k.scopes = scopesFrom(q.value(5).toString());
    k.createdAt = timestampOrNull(d, q.value(6));
    k.expiresAt = timestampOrNull(d, q.value(7));
    k.revokedAt = timestampOrNull(d, q.value(8));
    k.lastUsedAt = timestampOrNull(d, q.value(9));
    return k;
}

// The application's checks of a new key; on the server create_api_key makes the same.
Status checkNewKey(Database& db, const Actor& creator, qint64 ownerId, const QString& name, const QStringList& scopes,
                   const std::optional<QDateTime>& expiresAt)
{
    if (auto allowed = requireKeyManager(db, creator, ownerId); !allowed) {
        return allowed;
    }
    auto held = permissionsOfUser(db, ownerId, true);
    if (!held) {
        return held.error();
    }
    if (held->isEmpty()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no active user with id %1").arg(ownerId));
    }
    for (const QString& scope : scopes) {
        if (!held->contains(scope)) {
            return Error(ErrorCode::PermissionDenied,
                         QStringLiteral("scope %1 is not a permission of the key's owner").arg(scope));
        }
    }
    if (creator.apiKeyId) {
        auto q = db.exec(QStringLiteral("SELECT scopes FROM api_keys WHERE id = ?"), {*creator.apiKeyId});
        if (!q) {
            return q.error();
        }
        const QStringList own = q->next() ? scopesFrom(q->value(0).toString()) : QStringList();
        for (const QString& scope : scopes) {
            if (!own.contains(scope)) {
                return Error(ErrorCode::PermissionDenied,
                             QStringLiteral("scope %1 is not a scope of the key in use").arg(scope));
            }
        }
    }
    if (expiresAt && *expiresAt <= Clock::now()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the expiry must lie in the future"));
    }
    return {};
}

QString createdAuditJson(const ApiKeyInfo& k)
{
    QJsonObject after{{QStringLiteral("name"), k.name},
                      {QStringLiteral("owner"), k.ownerName},
                      {QStringLiteral("owner_id"), k.ownerId},
                      {QStringLiteral("scopes"), QJsonArray::fromStringList(k.scopes)},
                      {QStringLiteral("expires_at"), k.expiresAt.isValid()
                                                         ? QJsonValue(k.expiresAt.toUTC().toString(Qt::ISODateWithMs))
                                                         : QJsonValue()}};
    return QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact));
}

} // namespace

ApiKeyInfo::State ApiKeyInfo::stateAt(const QDateTime& now) const
{
    if (revokedAt.isValid()) {
        return State::Revoked;
    }
    if (expiresAt.isValid() && expiresAt <= now) {
        return State::Expired;
    }
    return State::Active;
}

Error ApiKeys::unauthenticated()
{
    return {ErrorCode::Unauthenticated, QStringLiteral("a valid API key is required")};
}

QString ApiKeys::hashOfSecret(const QString& secret)
{
    return QString::fromLatin1(QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Result<NewApiKey> ApiKeys::create(Database& db, const Actor& creator, qint64 ownerId, const QString& name,
                                  const QStringList& scopes, const std::optional<QDateTime>& expiresAt)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > kMaxNameLength) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a key needs a name of 1 to 100 characters"));
    }
    const QStringList wanted = normalisedScopes(scopes);
    if (wanted.isEmpty()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a key needs at least one scope"));
    }
    for (const QString& scope : wanted) {
        if (!PermissionCatalogue::isKnown(scope)) {
            return Error(ErrorCode::InvalidArgument, QStringLiteral("unknown scope %1").arg(scope));
        }
    }
    auto prefix = randomBase32(8, kPrefixLength);
    auto secret = randomBase32(kSecretBytes, 52);
    if (!prefix || !secret) {
        return prefix ? secret.error() : prefix.error();
    }
    NewApiKey out;
    out.token = kTokenPrefix + *prefix + u'_' + *secret;
    ApiKeyInfo& k = out.info;
    k.ownerId = ownerId;
    k.name = trimmed;
    k.prefix = *prefix;
    k.scopes = wanted;
    k.expiresAt = expiresAt ? expiresAt->toUTC() : QDateTime();
    const QString hash = hashOfSecret(*secret);
    const SqlDialect& d = db.dialect();

    if (db.actsThroughServer()) {
        // The server checks everything again and writes the audit entry; scopes are catalogue
        // codes (checked above), so the array literal needs no quoting.
        auto q = db.exec(QStringLiteral("SELECT key_id, created, owner_name FROM flowlet_auth.create_api_key(?, ?, "
                                        "CAST(? AS text[]), CAST(? AS timestamptz), ?, ?, ?)"),
                         {ownerId, trimmed, u'{' + wanted.join(u',') + u'}', nullableTimestamp(d, expiresAt), *prefix,
                          hash, AuditLog::workstationName()});
        if (!q) {
            return q.error();
        }
        if (!q->next()) {
            return Error(ErrorCode::DatabaseQuery, QStringLiteral("the server stored no key"));
        }
        k.id = q->value(0).toLongLong();
        k.createdAt = d.timestampFrom(q->value(1));
        k.ownerName = q->value(2).toString();
        return out;
    }

    if (auto allowed = checkNewKey(db, creator, ownerId, trimmed, wanted, expiresAt); !allowed) {
        return allowed.error();
    }
    k.createdAt = Clock::now();
    auto status = db.transaction([&](QSqlDatabase& c) -> Status {
        auto owner = Database::execOn(c, QStringLiteral("SELECT username FROM staff_users WHERE id = ?"), {ownerId});
        if (!owner) {
            return owner.error();
        }
        k.ownerName = owner->next() ? owner->value(0).toString() : QString();
        auto inserted = Database::execOn(
            c,
            QStringLiteral("INSERT INTO api_keys (owner_id, name, key_prefix, key_hash, scopes, created_at, expires_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            {ownerId, trimmed, *prefix, hash, scopesText(wanted), d.timestampValue(k.createdAt),
             nullableTimestamp(d, expiresAt)});
        if (!inserted) {
            return inserted.error();
        }
        if (!inserted->next()) {
            return Error(ErrorCode::DatabaseQuery, QStringLiteral("no id for the new key"));
        }
        k.id = inserted->value(0).toLongLong();
        inserted->finish();
        return AuditLog::record(c, d, false, creator, QStringLiteral("apikey.created"), kObjectType,
                                QString::number(k.id), createdAuditJson(k));
    });
    if (!status) {
        return status.error();
    }
    return out;
}

Result<QList<ApiKeyInfo>> ApiKeys::list(Database& db, const Actor& who, bool everyone)
{
    Result<QSqlQuery> q = Error();
    if (db.actsThroughServer()) {
        q = db.exec(QStringLiteral("SELECT id, owner_id, owner_name, name, key_prefix, scopes, created_at, expires_at, "
                                   "revoked_at, last_used_at FROM flowlet_auth.api_key_list(?)"),
                    {everyone});
    } else {
        if (auto allowed = requireKeyManager(db, who, everyone ? std::nullopt : who.userId); !allowed) {
            return allowed.error();
        }
        q = execLimitedTo(db,
                          QStringLiteral("SELECT k.id, k.owner_id, u.username, k.name, k.key_prefix, k.scopes, "
                                         "k.created_at, k.expires_at, k.revoked_at, k.last_used_at FROM api_keys k "
                                         "JOIN staff_users u ON u.id = k.owner_id %1 "
                                         "ORDER BY k.created_at DESC, k.id DESC"),
                          QStringLiteral("WHERE k.owner_id = ?"), everyone ? std::nullopt : who.userId);
    }
    if (!q) {
        return q.error();
    }
    QList<ApiKeyInfo> out;
    while (q->next()) {
        out.append(infoFrom(db.dialect(), *q));
    }
    return out;
}

Status ApiKeys::revoke(Database& db, const Actor& who, qint64 keyId)
{
    if (db.actsThroughServer()) {
        auto q = db.exec(QStringLiteral("SELECT flowlet_auth.revoke_api_key(?, ?)"),
                         {keyId, AuditLog::workstationName()});
        return q ? Status() : Status(q.error());
    }
    auto found = db.exec(QStringLiteral("SELECT owner_id, name, key_prefix, revoked_at FROM api_keys WHERE id = ?"),
                         {keyId});
    if (!found) {
        return found.error();
    }
    if (!found->next()) {
        if (auto allowed = requireKeyManager(db, who, who.userId); !allowed) {
            return allowed;
        }
        return Error(ErrorCode::NotFound, QStringLiteral("no API key with id %1").arg(keyId));
    }
    const qint64 ownerId = found->value(0).toLongLong();
    const QJsonObject after{{QStringLiteral("name"), found->value(1).toString()},
                            {QStringLiteral("prefix"), found->value(2).toString()},
                            {QStringLiteral("owner_id"), ownerId}};
    const bool revoked = !found->value(3).isNull();
    found->finish();
    if (auto allowed = requireKeyManager(db, who, ownerId); !allowed) {
        return allowed;
    }
    if (revoked) {
        return {};
    }
    const SqlDialect& d = db.dialect();
    return db.transaction([&](QSqlDatabase& c) -> Status {
        auto updated = Database::execOn(
            c, QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
            {d.timestampValue(Clock::now()), keyId});
        if (!updated) {
            return updated.error();
        }
        if (updated->numRowsAffected() == 0) {
            return {}; // revoked meanwhile by someone else
        }
        if (d.isPostgres()) {
            // Connections bound for the key (migration 0010) stop at once.
            auto ended = Database::execOn(
                c, QStringLiteral("UPDATE staff_sessions SET ended_at = now() WHERE api_key_id = ? AND ended_at IS NULL"),
                {keyId});
            if (!ended) {
                return ended.error();
            }
        }
        return AuditLog::record(c, d, false, who, QStringLiteral("apikey.revoked"), kObjectType, QString::number(keyId),
                                QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact)));
    });
}

Result<QList<ApiKeyOwner>> ApiKeys::owners(Database& db, const Actor& who)
{
    Result<QSqlQuery> q = Error();
    if (db.actsThroughServer()) {
        q = db.exec(QStringLiteral("SELECT id, username, display_name, permissions FROM flowlet_auth.api_key_owners()"));
    } else {
        if (auto allowed = requireKeyManager(db, who, who.userId); !allowed) {
            return allowed.error();
        }
        const bool all = !who.userId || requirePermission(db, who, Permission::ApiKeysManageAll).ok();
        // One row per permission (the backends join text lists differently), folded per user below.
        q = execLimitedTo(db,
                          QStringLiteral("SELECT u.id, u.username, u.display_name, rp.permission_code FROM staff_users u "
                                         "LEFT JOIN role_permissions rp ON rp.role_id = u.role_id "
                                         "WHERE u.status = 'active' %1 ORDER BY u.username, rp.permission_code"),
                          QStringLiteral("AND u.id = ?"), all ? std::nullopt : who.userId);
    }
    if (!q) {
        return q.error();
    }
    QList<ApiKeyOwner> out;
    while (q->next()) {
        const qint64 id = q->value(0).toLongLong();
        if (out.isEmpty() || out.last().id != id) {
            out.append(ApiKeyOwner{id, q->value(1).toString(), q->value(2).toString(), {}});
        }
        for (const QString& p : scopesFrom(q->value(3).toString())) {
            out.last().permissions.insert(p);
        }
    }
    return out;
}

Result<ApiPrincipal> ApiKeys::authenticate(Database& db, QSqlDatabase& connection, const QString& token)
{
    const auto parsed = parseToken(token);
    ApiPrincipal p;
    // Both paths run one statement, kept prepared on the connection: this is every request's first query.
    if (db.actsThroughServer()) {
        // A malformed token goes to the server too, as an empty one: every refusal unbinds the
        // connection, so nothing a reused connection does can run under an earlier request's key.
        bool bound = false;
        const Status opened = db.readRows(
            QStringLiteral("SELECT key_id, key_owner, owner_name, granted FROM flowlet_auth.open_api_session(?, ?)"),
            {parsed ? parsed->prefix : QStringLiteral(""), parsed ? parsed->secret : QStringLiteral("")},
            [&](const SqlRow& row) {
                bound = true;
                p.keyId = row.int64(0);
                p.ownerId = row.int64(1);
                p.ownerName = row.text(2);
                for (const QString& permission : scopesFrom(row.text(3))) {
                    p.permissions.insert(permission);
                }
            });
        if (!opened) {
            return opened.error();
        }
        if (!parsed || !bound) {
            return unauthenticated();
        }
        p.keyPrefix = parsed->prefix;
        return p;
    }

    if (!parsed) {
        return unauthenticated();
    }
    const SqlDialect& d = db.dialect();
    struct Stored
    {
        QByteArray hash;
        QStringList scopes;
        QDateTime expires;
        QDateTime lastUsed;
        bool revoked = false;
        bool active = false;
        QStringList held;
    };
    std::optional<Stored> stored;
    // The key, its owner, and the permissions of the owner's role.
    const Status read = db.readRows(QStringLiteral("SELECT k.id, k.owner_id, u.username, k.key_hash, k.scopes, "
                                                   "k.expires_at, k.revoked_at, k.last_used_at, u.status, "
                                                   "(SELECT %1 FROM role_permissions rp WHERE rp.role_id = u.role_id) "
                                                   "FROM api_keys k JOIN staff_users u ON u.id = k.owner_id "
                                                   "WHERE k.key_prefix = ?")
                                        .arg(d.joinedWithSpaces(QStringLiteral("rp.permission_code"))),
                                    {parsed->prefix}, [&](const SqlRow& row) {
                                        Stored& k = stored.emplace();
                                        p.keyId = row.int64(0);
                                        p.ownerId = row.int64(1);
                                        p.ownerName = row.text(2);
                                        k.hash = row.bytes(3).toByteArray();
                                        k.scopes = scopesFrom(row.text(4));
                                        k.expires = row.timestamp(5);
                                        k.revoked = !row.isNull(6);
                                        k.lastUsed = row.timestamp(7);
                                        k.active = row.bytes(8) == "active";
                                        k.held = scopesFrom(row.text(9));
                                    });
    if (!read) {
        return read.error();
    }
    // The hash is computed whether or not the prefix is known: one path, one cost.
    const QByteArray presented = hashOfSecret(parsed->secret).toLatin1();
    const QDateTime now = Clock::now();
    if (!stored || !constantTimeEquals(presented, stored->hash) || stored->revoked
        || (stored->expires.isValid() && stored->expires <= now) || !stored->active) {
        return unauthenticated();
    }
    p.keyPrefix = parsed->prefix;
    for (const QString& held : std::as_const(stored->held)) {
        if (stored->scopes.contains(held)) {
            p.permissions.insert(held);
        }
    }
    const QDateTime lastUsed = stored->lastUsed;
    if (!lastUsed.isValid() || lastUsed.secsTo(now) >= kLastUsedResolutionSeconds) {
        // Bookkeeping only: a busy database must not turn a valid key away.
        auto touched = Database::execOn(connection, QStringLiteral("UPDATE api_keys SET last_used_at = ? WHERE id = ?"),
                                        {d.timestampValue(now), p.keyId});
        if (!touched) {
            qCWarning(lcAuth) << "could not record the use of API key" << p.keyPrefix << touched.error().message();
        }
    }
    return p;
}

} // namespace flowlet
