#pragma once

#include <QFutureWatcher>
#include <QObject>

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

} // namespace flowlet
