#pragma once

#include "db/Database.h"

#include <QString>
#include <QtGlobal>

#include <optional>

namespace flowlet {

// Catches every Qt message of the process (qInstallMessageHandler) and passes it on to the handler
// that was there before. On the way, secrets are redacted; messages of info and above are
// appended to a rotating file (<data dir>/logs/flowlet.log), and warnings and above (by default)
// to the workspace's error log once a database is set. The caller only redacts and queues: a
// background thread writes the file and the database, a full queue drops (and counts) rather than
// waits, and a failure to write the log never logs through the handler again.
class MessageHandler final
{
public:
    struct Options
    {
        QString logDirectory; // empty: <AppLocalDataLocation>/logs
        qint64 maxFileBytes = 5 * 1024 * 1024;
        int maxFiles = 5;
        QtMsgType databaseThreshold = QtWarningMsg;
        QtMsgType fileThreshold = QtInfoMsg;
        int queueCapacity = 2000;
        bool chain = true; // also pass messages on to the previous handler (stderr)
    };

    struct Counters
    {
        qint64 queued = 0;
        qint64 writtenToDatabase = 0;
        qint64 writtenToFile = 0;
        qint64 dropped = 0; // the queue was full
        qint64 failed = 0;  // the database or the file refused
    };

    // Installs the handler (again, with new options, if it is installed already).
    static void install(const Options& options);
    // Restores the previous handler after writing what is queued.
    static void uninstall();
    static bool isInstalled();

    // Where warnings go from now on; nullptr: only to the file (before sign-in on PostgreSQL,
    // where the connection is the signed-in user's).
    static void setDatabase(DatabasePtr db);
    // The user entries are tagged with when the thread has no ScopedErrorContext (the GUI's
    // signed-in user).
    static void setDefaultUser(std::optional<qint64> userId);

    static Counters counters();
    static QString logFilePath();
    // Blocks until everything queued so far is written (tests, shutdown). False on timeout.
    static bool waitUntilIdle(int timeoutMs);
    // Test hook: holds the writer so that the queue fills.
    static void setWriterPaused(bool paused);

    // Ranks message types by severity (Qt's enum is not ordered): debug < info < warning < critical < fatal.
    static int severity(QtMsgType type);
    static QString levelName(QtMsgType type);
};

// The one call the GUI and `flowlet serve` make: installs the handler with the default options
// if it is not installed yet and sends warnings to db from now on (nullptr: file only).
void installErrorMonitoring(DatabasePtr db);

} // namespace flowlet
