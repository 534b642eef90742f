#include "MessageHandler.h"

#include "ErrorContext.h"
#include "ErrorLog.h"
#include "RotatingLogFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QThread>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

#include <execinfo.h>

namespace flowlet {

namespace {

constexpr int kStackFrames = 32;

// Set while this thread is inside the handler (a message raised by our own code must not come
// back in) and for the writer thread's whole life (its messages go to the file only).
thread_local bool t_inHandler = false;
thread_local bool t_isWriter = false;

struct Item
{
    QtMsgType type = QtDebugMsg;
    QDateTime at;
    QString category;
    QString message; // redacted
    QString context;
    std::optional<qint64> userId;
    QString requestId;
    bool toFile = false;
    bool toDatabase = false;
};

QString stackTrace()
{
    void* frames[kStackFrames];
    const int n = ::backtrace(frames, kStackFrames);
    char** symbols = ::backtrace_symbols(frames, n);
    if (!symbols) {
        return {};
    }
    QStringList lines;
    for (int i = 2; i < n; ++i) { // skip this function and the handler
        lines << QString::fromLocal8Bit(symbols[i]);
    }
    ::free(symbols);
    return lines.join(u'\n');
}

QByteArray fileLine(const Item& item)
{
    QString line = item.at.toString(Qt::ISODateWithMs) + u' ' + MessageHandler::levelName(item.type).toUpper() + u' '
                   + item.category;
    if (item.userId) {
        line += QStringLiteral(" user=%1").arg(*item.userId);
    }
    if (!item.requestId.isEmpty()) {
        line += QStringLiteral(" req=") + item.requestId;
    }
    QString message = item.message;
    message.replace(u'\n', QStringLiteral("\n    "));
    line += QStringLiteral(": ") + message + u'\n';
    return line.toUtf8();
}

// The one monitor of the process. Never destroyed: a message may arrive from any thread at any
// time, including while static objects are being torn down.
class Monitor
{
public:
    std::mutex installMutex; // install/uninstall
    std::atomic_bool installed{false};
    std::atomic<QtMessageHandler> previous{nullptr};
    std::atomic_bool chain{true};

    std::mutex mutex; // everything below
    std::condition_variable wake;
    std::condition_variable idle;
    MessageHandler::Options options;
    std::deque<Item> queue;
    bool stopping = false;
    bool paused = false;
    bool busy = false;
    DatabasePtr db;
    std::optional<qint64> defaultUser;
    std::thread writer;

    std::mutex fileMutex;
    std::unique_ptr<RotatingLogFile> file;

    std::atomic<qint64> queued{0};
    std::atomic<qint64> writtenToDatabase{0};
    std::atomic<qint64> writtenToFile{0};
    std::atomic<qint64> dropped{0};
    std::atomic<qint64> failed{0};
    qint64 droppedReported = 0; // writer thread only

    void accept(QtMsgType type, const QMessageLogContext& context, const QString& text);
    void writeFile(const Item& item);
    void writeFileRaw(const QByteArray& bytes);
    void run();
    void stopWriter();
};

Monitor& monitor()
{
    static Monitor* m = new Monitor;
    return *m;
}

void Monitor::writeFileRaw(const QByteArray& bytes)
{
    std::lock_guard lock(fileMutex);
    if (file && file->append(bytes)) {
        ++writtenToFile;
    } else if (file) {
        ++failed;
    }
}

void Monitor::writeFile(const Item& item)
{
    writeFileRaw(fileLine(item));
}

void Monitor::accept(QtMsgType type, const QMessageLogContext& context, const QString& text)
{
    const int rank = MessageHandler::severity(type);
    Item item;
    {
        std::lock_guard lock(mutex);
        if (!installed) {
            return;
        }
        item.toFile = rank >= MessageHandler::severity(options.fileThreshold);
        item.toDatabase = !t_isWriter && rank >= MessageHandler::severity(options.databaseThreshold);
        item.userId = defaultUser;
    }
    if (!item.toFile && !item.toDatabase) {
        return;
    }
    item.type = type;
    item.at = QDateTime::currentDateTimeUtc();
    item.category = QString::fromUtf8(context.category ? context.category : "default");
    item.message = text;
    item.requestId = ScopedErrorContext::currentRequestId();
    if (auto user = ScopedErrorContext::currentUserId()) {
        item.userId = user;
    }
    if (item.toDatabase) {
        QJsonObject ctx;
        if (context.file) {
            ctx.insert(QStringLiteral("file"), QString::fromUtf8(context.file));
            ctx.insert(QStringLiteral("line"), context.line);
        }
        if (context.function) {
            ctx.insert(QStringLiteral("function"), QString::fromUtf8(context.function));
        }
        const QThread* thread = QThread::currentThread();
        ctx.insert(QStringLiteral("thread"), thread && !thread->objectName().isEmpty()
                                                 ? thread->objectName()
                                                 : QString::number(quintptr(QThread::currentThreadId()), 16));
        if (rank >= MessageHandler::severity(QtCriticalMsg)) {
            ctx.insert(QStringLiteral("stack"), stackTrace());
        }
        item.context = QString::fromUtf8(QJsonDocument(ctx).toJson(QJsonDocument::Compact));
    }
    if (type == QtFatalMsg || t_isWriter) {
        // The process ends right after a fatal message, and the writer must not queue to itself.
        if (item.toFile) {
            writeFile(item);
        }
        return;
    }
    {
        std::lock_guard lock(mutex);
        if (!installed) {
            return;
        }
        if (qsizetype(queue.size()) >= options.queueCapacity) {
            ++dropped;
            return;
        }
        queue.push_back(std::move(item));
        ++queued;
    }
    wake.notify_one();
}

void Monitor::run()
{
    t_isWriter = true;
    for (;;) {
        std::deque<Item> batch;
        DatabasePtr target;
        {
            std::unique_lock lock(mutex);
            wake.wait(lock, [this] { return stopping || (!paused && !queue.empty()); });
            if (queue.empty()) {
                break; // stopping with nothing left
            }
            batch.swap(queue);
            target = db;
            busy = true;
        }
        if (const qint64 lost = dropped.load(); lost != droppedReported) {
            writeFileRaw(QStringLiteral("%1 WARNING flowlet.monitor: %2 messages dropped, the queue was full\n")
                             .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))
                             .arg(lost - droppedReported)
                             .toUtf8());
            droppedReported = lost;
        }
        for (const Item& item : batch) {
            if (item.toFile) {
                writeFile(item);
            }
        }
        for (const Item& item : batch) {
            if (!item.toDatabase || !target) {
                continue;
            }
            ErrorEntry entry{item.at,      MessageHandler::levelName(item.type), item.category, item.message,
                             item.context, item.userId,                          item.requestId};
            auto written = ErrorLog::write(*target, entry);
            if (written && *written) {
                ++writtenToDatabase;
            } else {
                ++failed;
                if (!written) {
                    // Into the file only: logging this through Qt would come back here.
                    writeFileRaw(QStringLiteral("%1 WARNING flowlet.monitor: cannot write the error log: %2\n")
                                     .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
                                          ErrorLog::redact(written.error().message()))
                                     .toUtf8());
                }
            }
        }
        target.reset(); // the database may go away on this thread; Database handles that
        {
            std::lock_guard lock(mutex);
            busy = false;
        }
        idle.notify_all();
    }
    {
        std::lock_guard lock(mutex);
        busy = false;
    }
    idle.notify_all();
}

void Monitor::stopWriter()
{
    {
        std::lock_guard lock(mutex);
        stopping = true;
        paused = false;
    }
    wake.notify_all();
    if (writer.joinable()) {
        writer.join();
    }
    std::lock_guard lock(mutex);
    stopping = false;
}

void handleMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    Monitor& m = monitor();
    const QtMessageHandler previous = m.previous.load();
    if (t_inHandler) {
        if (previous) {
            previous(type, context, message);
        }
        return;
    }
    t_inHandler = true;
    const QString text = ErrorLog::redact(message);
    m.accept(type, context, text);
    if (m.chain.load()) {
        if (previous) {
            previous(type, context, text);
        } else {
            std::fprintf(stderr, "%s\n", qUtf8Printable(qFormatLogMessage(type, context, text)));
        }
    }
    t_inHandler = false;
}

void uninstallAtExit()
{
    MessageHandler::uninstall();
}

} // namespace

int MessageHandler::severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 2;
}

QString MessageHandler::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QStringLiteral("debug");
    case QtInfoMsg:
        return QStringLiteral("info");
    case QtWarningMsg:
        return QStringLiteral("warning");
    case QtCriticalMsg:
        return QStringLiteral("critical");
    case QtFatalMsg:
        return QStringLiteral("fatal");
    }
    return QStringLiteral("warning");
}

void MessageHandler::install(const Options& options)
{
    Monitor& m = monitor();
    std::lock_guard installLock(m.installMutex);
    const bool again = m.installed.load();
    if (again) {
        m.stopWriter();
    }
    Options effective = options;
    if (effective.logDirectory.isEmpty()) {
        effective.logDirectory = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
                                 + QStringLiteral("/logs");
    }
    effective.queueCapacity = std::max(effective.queueCapacity, 1);
    {
        std::lock_guard fileLock(m.fileMutex);
        m.file = std::make_unique<RotatingLogFile>(QDir(effective.logDirectory).filePath(QStringLiteral("flowlet.log")),
                                                   effective.maxFileBytes, effective.maxFiles);
    }
    {
        std::lock_guard lock(m.mutex);
        m.options = effective;
        m.installed = true;
    }
    m.chain = effective.chain;
    m.writer = std::thread([&m] { m.run(); });
    if (!again) {
        m.previous = qInstallMessageHandler(handleMessage);
        static std::once_flag cleanup;
        std::call_once(cleanup, [] { std::atexit(uninstallAtExit); });
        if (QCoreApplication::instance()) {
            // While Qt (and the SQL drivers) still exist.
            qAddPostRoutine(uninstallAtExit);
        }
    }
}

void MessageHandler::uninstall()
{
    Monitor& m = monitor();
    std::lock_guard installLock(m.installMutex);
    if (!m.installed.load()) {
        return;
    }
    qInstallMessageHandler(m.previous.load());
    m.stopWriter();
    DatabasePtr db;
    {
        std::lock_guard lock(m.mutex);
        m.installed = false;
        m.queue.clear();
        db = std::move(m.db);
    }
    std::lock_guard fileLock(m.fileMutex);
    m.file.reset();
}

bool MessageHandler::isInstalled()
{
    return monitor().installed.load();
}

void MessageHandler::setDatabase(DatabasePtr db)
{
    Monitor& m = monitor();
    std::lock_guard lock(m.mutex);
    std::swap(m.db, db); // the old one is released after the lock
}

void MessageHandler::setDefaultUser(std::optional<qint64> userId)
{
    Monitor& m = monitor();
    std::lock_guard lock(m.mutex);
    m.defaultUser = userId;
}

MessageHandler::Counters MessageHandler::counters()
{
    const Monitor& m = monitor();
    return {m.queued.load(), m.writtenToDatabase.load(), m.writtenToFile.load(), m.dropped.load(), m.failed.load()};
}

QString MessageHandler::logFilePath()
{
    Monitor& m = monitor();
    std::lock_guard fileLock(m.fileMutex);
    return m.file ? m.file->path() : QString();
}

bool MessageHandler::waitUntilIdle(int timeoutMs)
{
    Monitor& m = monitor();
    std::unique_lock lock(m.mutex);
    return m.idle.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&m] { return m.queue.empty() && !m.busy; });
}

void MessageHandler::setWriterPaused(bool paused)
{
    Monitor& m = monitor();
    {
        std::lock_guard lock(m.mutex);
        m.paused = paused;
    }
    m.wake.notify_all();
}

void installErrorMonitoring(DatabasePtr db)
{
    if (!MessageHandler::isInstalled()) {
        MessageHandler::install(MessageHandler::Options{});
    }
    MessageHandler::setDatabase(std::move(db));
}

} // namespace flowlet
