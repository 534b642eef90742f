#pragma once

#include "core/Result.h"
#include "ingest/ImportPlan.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>

#include <memory>

namespace flowlet::api {

// Upload previews waiting for their commit: the plan stays on the server under a random token
// until it is committed by the same API key, or expires. Bounded: a preview holds a parsed file.
class PendingImports final
{
public:
    static constexpr int kMaxPending = 16;

    explicit PendingImports(int lifetimeMinutes);

    struct Pending
    {
        QString token;
        QDateTime expiresAt;
    };
    // Keeps a plan for `keyId`; Conflict when kMaxPending previews are waiting already.
    Result<Pending> keep(qint64 keyId, ingest::ImportPlan plan);
    // Removes and returns the plan if `token` is `keyId`'s and still valid; NotFound otherwise
    // (unknown, expired, already committed or another key's: all look the same).
    Result<std::shared_ptr<ingest::ImportPlan>> take(qint64 keyId, const QString& token);

private:
    struct Entry
    {
        qint64 keyId = 0;
        QDateTime expiresAt;
        std::shared_ptr<ingest::ImportPlan> plan;
    };
    void dropExpired(const QDateTime& now);

    int m_lifetimeMinutes;
    QMutex m_mutex;
    QHash<QString, Entry> m_entries;
};

} // namespace flowlet::api
