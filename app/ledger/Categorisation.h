#pragma once

#include "CategoryRules.h"
#include "TransactionQuery.h"
#include "audit/AuditLog.h"
#include "core/Result.h"
#include "db/Database.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace flowlet {

struct CategoryInfo
{
    qint64 id = 0;
    std::optional<qint64> parentId;
    QString name;
    QString kind; // income, expense, transfer
};

struct CategoryProposal
{
    qint64 categoryId = 0;
    QString categoryName;
    int confidence = 0; // percent; 100: a rule decided
    QString reason; // "rule "Rent"" or "learned from your categorisations: rewe, MCC 5411"
    QString source; // "rule" or "model" (transactions.category_source when applied)
};

struct TransactionProposal
{
    qint64 transactionId = 0;
    CategoryProposal proposal;
};

// Categorising transactions: the one entry point for the UI, the import and the API. The user's
// rules decide first; otherwise a classifier trained on the user's own categorisations
// (CategoryClassifier) proposes a category with a confidence. The user's corrections are stored
// as category_source 'user', audited, and taught to the classifier at once.
//
// The trained model is shared: one per Database object in a process-wide cache, guarded by a
// mutex, because services are short-lived objects created on pool threads and training reads up to
// kTrainingRows rows (seconds on a large book) — too slow per call, too big per copy. It is
// trained lazily by the first caller that needs it, from the most recent user-categorised rows
// streamed in keyset chunks (bounded memory on both backends; recent habits matter most). assign()
// updates it incrementally. Corrections made on other workstations reach it by retraining when it
// is older than kRetrainSeconds: the caller who finds it stale retrains while the others keep
// proposing with the old model; corrections made here meanwhile are replayed onto the new one.
class Categorisation final
{
public:
    static constexpr int kMaxAssign = 100'000;
    static constexpr int kDefaultMinimumConfidence = 60;
    static constexpr int kTrainingRows = 200'000;
    static constexpr int kRetrainSeconds = 300;

    Categorisation(DatabasePtr db, Actor actor);

    Result<QList<CategoryInfo>> categories() const;

    // The user's own category on these transactions (nullopt clears it); one DB transaction,
    // row_version bumped, one audit entry (bulk: the ids and count, before/after), and the
    // classifier learns the correction. Needs transactions.categorize (server-side RLS on
    // PostgreSQL, checked in the app too). Up to 100,000 ids. Returns how many rows changed.
    Result<int> assign(const QList<qint64>& transactionIds, std::optional<qint64> categoryId);

    Result<std::optional<CategoryProposal>> propose(const CategorisableFields& fields) const; // rules first, then model
    // The same for many transactions at once, with the rules loaded once (the import).
    Result<QList<std::optional<CategoryProposal>>> proposeAll(const QList<CategorisableFields>& fields) const;

    // Proposals for uncategorised transactions matching the filter, keyset by id: those after
    // `afterId`, at most `limit` (up to 5,000). Rows nothing can be said about are skipped.
    Result<QList<TransactionProposal>> proposeUncategorised(const TransactionFilter& filter, qint64 afterId,
                                                            int limit) const;
    // Applies proposals as category_source='model' (only to rows still uncategorised; returns how
    // many changed). Applies what it is given: callers that apply on their own filter by
    // minimumConfidence(). One audit entry; the classifier does not learn from its own guesses.
    Result<int> applyProposals(const QList<TransactionProposal>& proposals);

    // Rules: create from a row ("rule from selected row"), list, delete; needs rules.manage; audited.
    Result<qint64> createRule(const CategoryRule& rule);
    Result<QList<CategoryRule>> rules() const;
    Status deleteRule(qint64 ruleId);
    // A rule that would catch transactions like this one: its counterparty, else its merchant
    // category, else the start of its description.
    static CategoryRule ruleFrom(const CategorisableFields& fields, qint64 categoryId);
    // The fields of a stored transaction (for a proposal or a rule from a selected row).
    Result<CategorisableFields> fieldsOf(qint64 transactionId) const;

    int minimumConfidence() const { return m_minimumConfidence; } // proposals below are not applied automatically
    void setMinimumConfidence(int percent);

    // The training rows, newest first: user-categorised transactions, at most maxRows, streamed in
    // keyset chunks. (The model's trainer, and the benchmark's.)
    using TrainingRow = std::function<void(qint64 id, const CategorisableFields& fields, qint64 categoryId)>;
    static Status readTrainingRows(Database& db, int maxRows, const TrainingRow& row);
    // Drops the shared model of this database: the next proposal trains afresh.
    static void resetModel(const Database& db);

private:
    Status require(QSqlDatabase& c, const QString& permission) const;
    Status audit(QSqlDatabase& c, const QString& action, const QString& objectType, const QString& objectId,
                 const QString& afterJson, const QString& beforeJson = {}) const;

    DatabasePtr m_db;
    Actor m_actor;
    bool m_throughServer = false;
    int m_minimumConfidence = kDefaultMinimumConfidence;
};

} // namespace flowlet
