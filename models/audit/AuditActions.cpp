#include "AuditActions.h"

#include "PendingWork.h"
#include "auth/Authorization.h"
#include "auth/Permissions.h"
#include "core/CsvWriter.h"
#include "core/Logging.h"

namespace flowlet {

AuditActions::AuditActions(DatabasePtr db, Actor actor, QObject* parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_actor(std::move(actor))
{
}

AuditActions::~AuditActions()
{
    waitForPendingWork(this);
}

void AuditActions::verify()
{
    if (m_verifying) {
        return;
    }
    m_verifying = true;
    Q_EMIT busyChanged();
    runInPool<Result<AuditLog::Verification>>(
        this, m_db->pool(),
        [db = m_db, actor = m_actor]() -> Result<AuditLog::Verification> {
            if (auto allowed = requirePermission(*db, actor, Permission::AuditRead); !allowed) {
                return allowed.error();
            }
            return AuditLog::verify(*db);
        },
        [this](const Result<AuditLog::Verification>& result) {
            m_verifying = false;
            Q_EMIT busyChanged();
            if (!result) {
                qCWarning(lcModels) << "verifying the audit trail failed:" << result.error().message();
                Q_EMIT failed(result.error().message());
                return;
            }
            if (result->firstBroken) {
                qCWarning(lcModels).noquote() << AuditLog::describe(*result);
            }
            Q_EMIT verified(*result);
        });
}

void AuditActions::exportCsv(const QString& path, const AuditFilter& filter)
{
    if (m_exporting) {
        Q_EMIT failed(tr("An export is already running."));
        return;
    }
    m_exporting = true;
    Q_EMIT busyChanged();
    runInPool<Result<qint64>>(
        this, m_db->pool(),
        [db = m_db, actor = m_actor, path, filter]() -> Result<qint64> {
            return CsvWriter::saveFile(path, [&](QIODevice& file) { return AuditQuery(db, actor).writeCsv(filter, file); });
        },
        [this, path](const Result<qint64>& result) {
            m_exporting = false;
            Q_EMIT busyChanged();
            if (!result) {
                qCWarning(lcModels) << "exporting the audit trail failed:" << result.error().message();
                Q_EMIT failed(result.error().message());
                return;
            }
            Q_EMIT exportFinished(*result, path);
        });
}

} // namespace flowlet
