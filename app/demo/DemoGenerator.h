#pragma once

#include "core/Result.h"
#include "db/Database.h"

#include <atomic>
#include <functional>
#include <optional>

namespace flowlet {

enum class DemoSize { Small, Medium, Large };

struct DemoSpec
{
    int customers = 0;
    qint64 transactions = 0;
    quint64 seed = 0;
};

struct DemoReport
{
    qint64 customers = 0;
    qint64 accounts = 0;
    qint64 cards = 0;
    qint64 transactions = 0;
    qint64 planted = 0; // transactions that belong to a planted fraud/AML pattern
    qint64 journals = 0;
    qint64 ledgerEntries = 0;
    qint64 elapsedMs = 0;
};

// Fills an empty, migrated workspace with a deterministic, realistic data set: customers with KYC
// levels and risk ratings, wallets and current accounts with valid IBANs, tokenised cards, a year
// of transactions in time order with known fraud/AML patterns planted (and recorded in
// demo_ground_truth), and a balanced double-entry ledger. The same size always yields the same
// rows. Everything is written in one transaction: cancelled or failed means nothing was written.
class DemoGenerator final
{
public:
    using Progress = std::function<void(const QString& phase, qint64 done, qint64 total)>;

    DemoGenerator(DatabasePtr db, DemoSize size);

    static std::optional<DemoSize> sizeFromName(const QString& name);
    static QString sizeName(DemoSize size);
    static DemoSpec spec(DemoSize size);

    void setProgress(Progress progress) { m_progress = std::move(progress); }
    void setCancelFlag(const std::atomic_bool* cancel) { m_cancel = cancel; }

    Result<DemoReport> run();

private:
    DatabasePtr m_db;
    DemoSize m_size;
    Progress m_progress;
    const std::atomic_bool* m_cancel = nullptr;
};

} // namespace flowlet
