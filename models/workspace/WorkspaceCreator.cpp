#include "WorkspaceCreator.h"

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

void WorkspaceCreator::cancel()
{
    m_cancel.store(true);
}

} // namespace flowlet
