#pragma once

#include "ImportPlan.h"
#include "audit/AuditLog.h"
#include "db/Database.h"

#include <functional>

namespace flowlet::ingest {

// Called now and then with the work done so far; returning false cancels (nothing is stored).
using ImportProgress = std::function<bool(qint64 done, qint64 total)>;

// The import pipeline after reading: validate → de-duplicate → categorise → preview (plan), then
// commit the plan as one batch per statement in one database transaction, or nothing at all.
// A committed import can be undone. Runs on any thread (each thread has its own connection).
class ImportService final
{
public:
    ImportService(DatabasePtr db, Actor actor);

    Result<ImportPlan> plan(StatementFile file, const QByteArray& sha256, const ImportOptions& options,
                            const ImportProgress& progress = {}) const;

    Result<ImportOutcome> commit(const ImportPlan& plan, const ImportProgress& progress = {});

    // Removes the transactions a batch created and lets its lines count as never imported.
    // Refused when one of them is part of a reconciliation.
    Status undo(qint64 batchId);

    // SHA-256 of the file's bytes as stored in import_batches.file_sha256.
    static QByteArray fileHash(const QByteArray& bytes);

    // Identifies a line for counting identical rows: booking date, amount and the normalised text.
    static QString fingerprint(const StatementEntry& entry);

private:
    struct Existing;
    Status resolveAccounts(ImportPlan& plan, const ImportOptions& options) const;
    Status checkBalances(ImportPlan& plan) const;
    Status classify(ImportPlan& plan, const ImportOptions& options, const ImportProgress& progress) const;
    Status linkTransfers(ImportPlan& plan, const ImportOptions& options) const;
    Status categorise(ImportPlan& plan) const;
    Result<qint64> createAccount(QSqlDatabase& c, const Statement& statement) const;
    static Status checkPlanIsCurrent(QSqlDatabase& c, const SqlDialect& d, const ImportPlan& plan);

    DatabasePtr m_db;
    Actor m_actor;
    bool m_throughServer = false;
};

} // namespace flowlet::ingest
