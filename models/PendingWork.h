#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent>

namespace flowlet {

// Lets the background queries an object started (its child QFutureWatchers) finish before the
// object goes away: they hold references to the database, which must not be released last on a
// worker thread while the window is tearing down.
inline void waitForPendingWork(QObject* owner)
{
    const auto watchers = owner->findChildren<QFutureWatcherBase*>(Qt::FindDirectChildrenOnly);
    for (QFutureWatcherBase* watcher : watchers) {
        watcher->waitForFinished();
    }
}

// Runs `work` on `pool` and hands what it returns (a default-constructible T) to `done` on
// `owner`'s thread. The watcher is a child of `owner`, so waitForPendingWork(owner) waits for it,
// and `done` is not called once `owner` is gone.
template <typename T, typename Work, typename Done>
void runInPool(QObject* owner, QThreadPool* pool, Work work, Done done)
{
    auto* watcher = new QFutureWatcher<T>(owner);
    QObject::connect(watcher, &QFutureWatcher<T>::finished, owner, [watcher, done = std::move(done)]() mutable {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(pool, std::move(work)));
}

} // namespace flowlet
