#include "ImportController.h"

#include "core/Logging.h"
#include "ingest/ImportPresets.h"

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
        }
        if (!outcome.bytes.isEmpty()) {
            m_bytes = std::move(outcome.bytes);
        }
        if (outcome.csvMapping) {
            m_csvMapping = std::move(outcome.csvMapping);
            m_csvPreset = outcome.csvPreset;
        }
        m_needsCsvMapping = outcome.needsCsvMapping;
        if (outcome.error) {
            m_needsAccount = outcome.error->code() == ErrorCode::NotFound && (m_file || !m_bytes.isEmpty());
            m_accountChoices = std::move(outcome.accountChoices);
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
    m_bytes.clear();
    m_csvMapping.reset();
    m_csvPreset.clear();
    run([db = m_db, actor = m_actor, path, options, progress = reporter()]() {
        Outcome out;
        auto bytes = ingest::readStatementBytes(path);
        if (!bytes) {
            out.error = bytes.error();
            return out;
        }
        out.bytes = std::move(*bytes);
        const QString name = QFileInfo(path).fileName();
        if (ingest::detectFormat(out.bytes.left(4096), name) == ingest::StatementFormat::Csv) {
            // A bank whose layout was saved as a preset is read with it instead of being guessed.
            auto preset = ingest::ImportPresets(db, actor).match(out.bytes, name);
            if (preset && *preset) {
                out.csvMapping = (*preset)->mapping;
                out.csvPreset = (*preset)->name;
            } else if (!preset) {
                qCWarning(lcModels) << "bank presets were not checked:" << preset.error().message();
            }
        }
        readAndPlan(out, db, actor, name, options, progress);
        return out;
    });
}

void ImportController::readAndPlan(Outcome& out, const DatabasePtr& db, const Actor& actor, const QString& name,
                                   const ingest::ImportOptions& options, const ingest::ImportProgress& progress)
{
    const bool csv = ingest::detectFormat(out.bytes.left(4096), name) == ingest::StatementFormat::Csv;
    if (csv && !out.csvMapping) {
        auto sniff = ingest::sniffCsv(out.bytes, name);
        if (sniff) {
            out.csvMapping = sniff->mapping;
            out.needsCsvMapping = !sniff->complete;
        }
    }
    QString currency;
    if (options.accountId) {
        // A CSV export without a currency is read in the chosen account's.
        auto account = AccountRepository(db).byId(*options.accountId);
        if (!account || !*account) {
            out.error = account ? Error(ErrorCode::NotFound, QStringLiteral("the account is gone")) : account.error();
            return;
        }
        currency = (*account)->currency;
    }
    auto file = ingest::readStatement(out.bytes, name, out.needsCsvMapping ? std::nullopt : out.csvMapping, currency);
    if (!file) {
        const auto& m = out.csvMapping;
        if (csv && currency.isEmpty() && !out.needsCsvMapping && m && m->currency.isEmpty() &&
            !m->columns.contains(ingest::CsvColumnRole::Currency)) {
            // Readable once the account is known: offer the accounts.
            out.error = Error(ErrorCode::NotFound,
                              QStringLiteral("%1 does not say which account or currency it is for: choose the "
                                             "account it belongs to")
                                  .arg(name));
            auto accounts = AccountRepository(db).ownAccounts();
            if (accounts) {
                out.accountChoices = std::move(*accounts);
            }
            return;
        }
        out.error = file.error();
        return;
    }
    out.file = *file;
    planInto(out, db, actor, std::move(*file), ingest::ImportService::fileHash(out.bytes), options, progress);
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
    if (!m_file && (m_bytes.isEmpty() || !options.accountId)) {
        return;
    }
    m_options = options;
    Outcome prepared;
    prepared.bytes = m_bytes;
    prepared.csvMapping = m_csvMapping;
    prepared.csvPreset = m_csvPreset;
    prepared.needsCsvMapping = m_needsCsvMapping;
    run([db = m_db, actor = m_actor, file = m_file, out = std::move(prepared), name = QFileInfo(m_path).fileName(),
         options, progress = reporter()]() mutable {
        if (file) {
            planInto(out, db, actor, std::move(*file), ingest::ImportService::fileHash(out.bytes), options, progress);
        } else {
            readAndPlan(out, db, actor, name, options, progress);
        }
        return out;
    });
}

void ImportController::applyCsvMapping(const ingest::CsvMapping& mapping)
{
    if (m_bytes.isEmpty() || m_busy) {
        return;
    }
    m_csvMapping = mapping;
    m_csvPreset = mapping.presetName;
    m_needsCsvMapping = false;
    m_file.reset();
    m_plan.reset();
    Outcome prepared;
    prepared.bytes = m_bytes;
    prepared.csvMapping = mapping;
    prepared.csvPreset = mapping.presetName;
    run([db = m_db, actor = m_actor, out = std::move(prepared), name = QFileInfo(m_path).fileName(),
         options = m_options, progress = reporter()]() mutable {
        readAndPlan(out, db, actor, name, options, progress);
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

void ImportController::planInto(Outcome& out, const DatabasePtr& db, const Actor& actor, ingest::StatementFile file,
                                const QByteArray& hash, const ingest::ImportOptions& options,
                                const ingest::ImportProgress& progress)
{
    auto plan = ingest::ImportService(db, actor).plan(std::move(file), hash, options, progress);
    if (plan) {
        out.plan = std::move(*plan);
        return;
    }
    out.error = plan.error();
    if (plan.error().code() == ErrorCode::NotFound) {
        auto accounts = AccountRepository(db).ownAccounts();
        if (accounts) {
            out.accountChoices = std::move(*accounts);
        }
    }
}

void ImportController::cancel()
{
    m_cancel.store(true);
}

} // namespace flowlet
