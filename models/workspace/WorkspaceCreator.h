#pragma once

#include "workspace/WorkspaceSetup.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <optional>

namespace flowlet {

// Creates a workspace (optionally with demo data) on a worker thread for the welcome dialog,
// reporting progress and honouring cancel. The finished workspace arrives through finished().
class WorkspaceCreator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceCreator)

public:
    explicit WorkspaceCreator(QObject* parent = nullptr);
    ~WorkspaceCreator() override;

    // A demo workspace gets one user per role; an empty one gets `firstAdmin`.
    void start(const DatabaseUrl& url, std::optional<DemoSize> demo,
               const std::optional<NewStaffUser>& firstAdmin = std::nullopt);
    bool isRunning() const { return m_running; }
    DatabasePtr database() const { return m_created.database; }
    const CreatedWorkspace& created() const { return m_created; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    // total is 0 while a phase has no measurable size.
    void progress(const QString& phase, qint64 done, qint64 total);
    void finished(bool ok, const QString& message);

private:
    void ensureWorkspaceKey();

    struct Outcome
    {
        CreatedWorkspace created;
        std::optional<Error> error;
    };

    QFutureWatcher<Outcome> m_watcher;
    std::atomic_bool m_cancel{false};
    bool m_running = false;
    CreatedWorkspace m_created;
};

} // namespace flowlet
