#include "WorkspaceCreator.h"

#include "core/Logging.h"
#include "crypto/KeyStore.h"
#include "db/Migrator.h"
#include "workspace/WorkspaceSetup.h"

#include <QtConcurrent>

namespace flowlet {

WorkspaceCreator::WorkspaceCreator(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        m_running = false;
        const Outcome outcome = m_watcher.result();
        if (outcome.error) {
            Q_EMIT finished(false, outcome.error->message());
            return;
        }
        m_created = outcome.created;
        ensureWorkspaceKey();
        Q_EMIT finished(true, {});
    });
}

WorkspaceCreator::~WorkspaceCreator()
{
    m_cancel.store(true);
    m_watcher.waitForFinished();
}

void WorkspaceCreator::start(const DatabaseUrl& url, std::optional<DemoSize> demo,
                             const std::optional<NewStaffUser>& firstAdmin)
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_cancel.store(false);
    m_created = {};
    m_watcher.setFuture(QtConcurrent::run([this, url, demo, firstAdmin]() {
        Outcome outcome;
        // Progress crosses to the UI thread as queued signal emissions.
        auto report = [this](const QString& phase, qint64 done, qint64 total) {
            QMetaObject::invokeMethod(this, [this, phase, done, total] { Q_EMIT progress(phase, done, total); },
                                      Qt::QueuedConnection);
        };
        auto created = WorkspaceSetup::create(url, demo, firstAdmin, report, &m_cancel);
        if (created) {
            outcome.created = *created;
        } else {
            outcome.error = created.error();
        }
        return outcome;
    }));
}

void WorkspaceCreator::ensureWorkspaceKey()
{
    // A local workspace gets its own 256-bit key in the keychain now, for the sensitive fields it
    // will hold; on the UI thread, because the keychain may ask the user to unlock it.
    if (!m_created.database || m_created.database->backend() != Backend::Sqlite) {
        return;
    }
    auto status = Migrator::status(*m_created.database);
    if (!status || status->workspaceId.isEmpty()) {
        return;
    }
    if (auto key = KeyStore().workspaceKey(status->workspaceId, true); !key) {
        qCWarning(lcModels) << "no workspace key in the keychain:" << key.error().message();
    }
}

void WorkspaceCreator::cancel()
{
    m_cancel.store(true);
}

} // namespace flowlet
