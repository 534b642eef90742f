#include "ImportController.h"

#include <QFileInfo>
#include <QtConcurrent>

namespace flowlet {

ImportController::ImportController(DatabasePtr db, Actor actor, QObject* parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_actor(std::move(actor))
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        m_busy = false;
        Outcome outcome = m_watcher.result();
        if (outcome.file) {
            m_file = std::move(outcome.file);
            m_bytes = std::move(outcome.bytes);
        }
        if (outcome.error) {
            m_needsAccount = outcome.error->code() == ErrorCode::NotFound && m_file.has_value();
            Q_EMIT failed(outcome.error->message());
            return;
        }
        if (outcome.committed) {
            Q_EMIT committed(*outcome.committed);
            return;
        }
        m_needsAccount = false;
        m_plan = std::move(outcome.plan);
        Q_EMIT planned();
    });
}

ImportController::~ImportController()
{
    m_cancel.store(true);
    m_watcher.waitForFinished();
}

ingest::ImportProgress ImportController::reporter()
{
    return [this](qint64 done, qint64 total) {
        QMetaObject::invokeMethod(this, [this, done, total] { Q_EMIT progress(done, total); }, Qt::QueuedConnection);
        return !m_cancel.load();
    };
}

void ImportController::run(std::function<Outcome()> work)
{
    if (m_busy) {
        return;
    }
    m_busy = true;
    m_cancel.store(false);
    m_watcher.setFuture(QtConcurrent::run(std::move(work)));
}

void ImportController::load(const QString& path, const ingest::ImportOptions& options)
{
    m_path = path;
    m_options = options;
    m_plan.reset();
    m_file.reset();
    run([db = m_db, actor = m_actor, path, options, progress = reporter()]() {
        Outcome out;
        auto bytes = ingest::readStatementBytes(path);
        if (!bytes) {
            out.error = bytes.error();
            return out;
        }
        auto file = ingest::readStatement(*bytes, QFileInfo(path).fileName());
        if (!file) {
            out.error = file.error();
            return out;
        }
        out.file = *file;
        out.bytes = *bytes;
        auto plan = ingest::ImportService(db, actor).plan(std::move(*file), ingest::ImportService::fileHash(out.bytes),
                                                          options, progress);
        if (!plan) {
            out.error = plan.error();
        } else {
            out.plan = std::move(*plan);
        }
        return out;
    });
}

void ImportController::setStatementAccount(const QString& ibanOrNumber)
{
    if (!m_file) {
        return;
    }
    QString compact = ibanOrNumber.simplified().remove(u' ').toUpper();
    const bool iban = compact.size() >= 15 && compact.at(0).isLetter() && compact.at(1).isLetter();
    for (ingest::Statement& st : m_file->statements) {
        if (st.account.identifier().isEmpty()) {
            (iban ? st.account.iban : st.account.number) = iban ? compact : ibanOrNumber.trimmed();
        }
    }
}

void ImportController::replan(const ingest::ImportOptions& options)
{
    if (!m_file) {
        return;
    }
    m_options = options;
    run([db = m_db, actor = m_actor, file = *m_file, hash = ingest::ImportService::fileHash(m_bytes), options,
         progress = reporter()]() mutable {
        Outcome out;
        auto plan = ingest::ImportService(db, actor).plan(std::move(file), hash, options, progress);
        if (!plan) {
            out.error = plan.error();
        } else {
            out.plan = std::move(*plan);
        }
        return out;
    });
}

void ImportController::commit()
{
    if (!m_plan) {
        return;
    }
    run([db = m_db, actor = m_actor, plan = *m_plan, progress = reporter()]() {
        Outcome out;
        auto done = ingest::ImportService(db, actor).commit(plan, progress);
        if (!done) {
            out.error = done.error();
        } else {
            out.committed = *done;
        }
        return out;
    });
}

bool ImportController::fileNamesAccounts() const
{
    return m_file && std::all_of(m_file->statements.cbegin(), m_file->statements.cend(),
                                 [](const ingest::Statement& st) { return !st.account.identifier().isEmpty(); });
}

QList<AccountChoice> ImportController::accountChoices() const
{
    auto accounts = AccountRepository(m_db).ownAccounts();
    return accounts ? *accounts : QList<AccountChoice>();
}

void ImportController::cancel()
{
    m_cancel.store(true);
}

} // namespace flowlet
