#pragma once

#include "ingest/ImportService.h"
#include "ledger/AccountRepository.h"
#include "ingest/StatementReader.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <optional>

namespace flowlet {

// Drives one statement import for the window: reads and plans the file on a worker thread, lets
// the user adjust the plan, then commits it there too, with progress and cancel. Nothing is
// stored before commit(); a failed or cancelled commit stores nothing.
class ImportController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportController)

public:
    ImportController(DatabasePtr db, Actor actor, QObject* parent = nullptr);
    ~ImportController() override;

    // Reads the file and plans the import with `options`.
    void load(const QString& path, const ingest::ImportOptions& options = {});
    // Plans the already-read file again (another account, other matching settings).
    void replan(const ingest::ImportOptions& options);
    void commit();

    bool isBusy() const { return m_busy; }
    bool hasPlan() const { return m_plan.has_value(); }
    const ingest::ImportPlan& plan() const { return *m_plan; }
    ingest::ImportPlan& plan() { return *m_plan; }
    const ingest::ImportOptions& options() const { return m_options; }
    const QString& path() const { return m_path; }
    // The statement names no account, or one that is not in the workspace: the user chooses.
    bool needsAccount() const { return m_needsAccount; }
    // True when every statement in the read file says which account it is for.
    bool fileNamesAccounts() const;
    // An account can be created for the statement (not for a CSV export that names no currency).
    bool canCreateAccount() const { return m_file.has_value(); }
    // Gives statements without an account identifier one (the user typed it), before replan().
    void setStatementAccount(const QString& ibanOrNumber);
    // The own accounts the statement can go to, read with the plan when needsAccount().
    const QList<AccountSummary>& accountChoices() const { return m_accountChoices; }

    // CSV files: the layout the file was read with (a bank preset's, or the sniffed one), or the
    // sniffer's incomplete guess; applyCsvMapping() reads the file again with another.
    bool isCsv() const { return m_csvMapping.has_value(); }
    const std::optional<ingest::CsvMapping>& csvMapping() const { return m_csvMapping; }
    // The bank preset that was recognised and applied, empty when the layout was sniffed.
    const QString& csvPreset() const { return m_csvPreset; }
    // The sniffer could not find the date or the amount: the columns must be mapped by hand.
    bool needsCsvMapping() const { return m_needsCsvMapping; }
    const QByteArray& bytes() const { return m_bytes; }
    void applyCsvMapping(const ingest::CsvMapping& mapping);

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void planned();
    void failed(const QString& message);
    void progress(qint64 done, qint64 total);
    void committed(const flowlet::ingest::ImportOutcome& outcome);

private:
    struct Outcome
    {
        std::optional<ingest::ImportPlan> plan;
        std::optional<ingest::ImportOutcome> committed;
        std::optional<Error> error;
        QByteArray bytes;
        std::optional<ingest::StatementFile> file;
        QList<AccountSummary> accountChoices;
        std::optional<ingest::CsvMapping> csvMapping;
        QString csvPreset;
        bool needsCsvMapping = false;
    };
    // Reads out.bytes (with out.csvMapping for a CSV file, in the chosen account's currency when it
    // names none) and plans it, on the worker.
    static void readAndPlan(Outcome& out, const DatabasePtr& db, const Actor& actor, const QString& name,
                            const ingest::ImportOptions& options, const ingest::ImportProgress& progress);
    // Plans on the worker; when the account is unknown, also reads the accounts to offer.
    static void planInto(Outcome& out, const DatabasePtr& db, const Actor& actor, ingest::StatementFile file,
                         const QByteArray& hash, const ingest::ImportOptions& options,
                         const ingest::ImportProgress& progress);
    void run(std::function<Outcome()> work);
    ingest::ImportProgress reporter();

    DatabasePtr m_db;
    Actor m_actor;
    QFutureWatcher<Outcome> m_watcher;
    std::atomic_bool m_cancel{false};
    bool m_busy = false;
    bool m_needsAccount = false;
    QString m_path;
    QByteArray m_bytes;
    std::optional<ingest::StatementFile> m_file;
    std::optional<ingest::ImportPlan> m_plan;
    QList<AccountSummary> m_accountChoices;
    ingest::ImportOptions m_options;
    std::optional<ingest::CsvMapping> m_csvMapping;
    QString m_csvPreset;
    bool m_needsCsvMapping = false;
};

} // namespace flowlet
