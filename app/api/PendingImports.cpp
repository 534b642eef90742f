#include "PendingImports.h"

#include <QRandomGenerator>

namespace flowlet::api {

PendingImports::PendingImports(int lifetimeMinutes)
    : m_lifetimeMinutes(lifetimeMinutes)
{
}

Result<PendingImports::Pending> PendingImports::keep(qint64 keyId, ingest::ImportPlan plan)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QMutexLocker lock(&m_mutex);
    dropExpired(now);
    if (m_entries.size() >= kMaxPending) {
        return Error(ErrorCode::Conflict, QStringLiteral("too many upload previews are waiting; commit one or wait "
                                                         "until they expire"));
    }
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words); // the OS's CSPRNG: a token must not be guessable
    const QString token = QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(words), sizeof words).toHex());
    const QDateTime expires = now.addSecs(qint64(m_lifetimeMinutes) * 60);
    m_entries.insert(token, Entry{keyId, expires, std::make_shared<ingest::ImportPlan>(std::move(plan))});
    return Pending{token, expires};
}

Result<std::shared_ptr<ingest::ImportPlan>> PendingImports::take(qint64 keyId, const QString& token)
{
    QMutexLocker lock(&m_mutex);
    dropExpired(QDateTime::currentDateTimeUtc());
    auto it = m_entries.find(token);
    if (it == m_entries.end() || it->keyId != keyId) {
        return Error(ErrorCode::NotFound,
                     QStringLiteral("no upload preview with this token (unknown, expired or committed already)"));
    }
    auto plan = it->plan;
    m_entries.erase(it);
    return plan;
}

void PendingImports::dropExpired(const QDateTime& now)
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        it = it->expiresAt <= now ? m_entries.erase(it) : std::next(it);
    }
}

} // namespace flowlet::api
