#include "ApiKeysController.h"

#include "ApiKeysModel.h"
#include "PendingWork.h"
#include "core/Logging.h"

namespace flowlet {

ApiKeysController::ApiKeysController(DatabasePtr db, Actor actor, bool everyone, QObject* parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_actor(std::move(actor))
    , m_everyone(everyone)
    , m_model(new ApiKeysModel(this))
{
}

ApiKeysController::~ApiKeysController()
{
    waitForPendingWork(this);
}

template <typename T, typename Work, typename Done>
void ApiKeysController::run(Work work, Done done)
{
    runInPool<Result<T>>(this, m_db->pool(), std::move(work), [this, done = std::move(done)](const Result<T>& result) {
        if (!result) {
            qCWarning(lcModels) << "API key action failed:" << result.error().message();
            Q_EMIT failed(result.error().message());
            return;
        }
        done(*result);
    });
}

void ApiKeysController::reload()
{
    run<QList<ApiKeyInfo>>([db = m_db, actor = m_actor, everyone = m_everyone] {
        return ApiKeys::list(*db, actor, everyone);
    }, [this](const QList<ApiKeyInfo>& keys) {
        m_model->setKeys(keys);
        Q_EMIT loaded();
    });
}

void ApiKeysController::loadOwners()
{
    run<QList<ApiKeyOwner>>([db = m_db, actor = m_actor] { return ApiKeys::owners(*db, actor); },
                            [this](const QList<ApiKeyOwner>& owners) { Q_EMIT ownersLoaded(owners); });
}

void ApiKeysController::create(qint64 ownerId, const QString& name, const QStringList& scopes,
                               const std::optional<QDateTime>& expiresAt)
{
    run<NewApiKey>([db = m_db, actor = m_actor, ownerId, name, scopes, expiresAt] {
        return ApiKeys::create(*db, actor, ownerId, name, scopes, expiresAt);
    }, [this](const NewApiKey& key) {
        Q_EMIT created(key);
        reload();
    });
}

void ApiKeysController::revoke(qint64 keyId)
{
    run<bool>([db = m_db, actor = m_actor, keyId]() -> Result<bool> {
        auto status = ApiKeys::revoke(*db, actor, keyId);
        return status ? Result<bool>(true) : Result<bool>(status.error());
    }, [this, keyId](bool) {
        Q_EMIT revoked(keyId);
        reload();
    });
}

} // namespace flowlet
