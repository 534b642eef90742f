#pragma once

#include "api/ApiKeys.h"
#include "db/Database.h"

#include <QObject>

#include <optional>

namespace flowlet {

class ApiKeysModel;

// The API keys panel's work off the UI thread: list, create, revoke, and whom keys may be made
// for. ApiKeys decides and enforces (permissions, audit); this moves the calls to the database's
// pool and answers by signals. A created key's token travels only in created(), once.
class ApiKeysController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeysController)

public:
    // `everyone`: list every user's keys (needs apikeys.manage_all), else the actor's own.
    ApiKeysController(DatabasePtr db, Actor actor, bool everyone, QObject* parent = nullptr);
    ~ApiKeysController() override;

    ApiKeysModel* model() const { return m_model; }
    bool everyone() const { return m_everyone; }
    const Actor& actor() const { return m_actor; }

    void reload();
    void loadOwners();
    void create(qint64 ownerId, const QString& name, const QStringList& scopes,
                const std::optional<QDateTime>& expiresAt);
    void revoke(qint64 keyId);

Q_SIGNALS:
    void loaded();
    void ownersLoaded(const QList<flowlet::ApiKeyOwner>& owners);
    void created(const flowlet::NewApiKey& key);
    void revoked(qint64 keyId);
    void failed(const QString& message);

private:
    template <typename T, typename Work, typename Done>
    void run(Work work, Done done);

    DatabasePtr m_db;
    Actor m_actor;
    bool m_everyone;
    ApiKeysModel* m_model;
};

} // namespace flowlet
