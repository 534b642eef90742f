#pragma once

#include "Statement.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace flowlet::ingest {

// What happens to one statement line when the import is committed.
enum class LineDecision {
    New,       // becomes a transaction of its own
    Duplicate, // already stored by an earlier import: nothing is added
    Match,     // the book already has it (entered by hand, by the API, ...): linked, not doubled
    Statement, // statement-only import: kept as a statement line for reconciliation, not booked
};

QString lineDecisionKey(LineDecision decision); // "new", "duplicate", "match", "statement"

// How hard de-duplication looks for a book transaction that a line without a bank id might be.
// The score is out of 100: amount equal is required; the date (same day 40, one day off 30, then
// falling to 10 at the window's edge), a shared reference or end-to-end id (30) and similar text
// (up to 30, by shared words) add up. GnuCash's matcher weighs the same evidence.
struct MatchSettings
{
    int dateWindowDays = 3;
    int matchThreshold = 50; // at or above: proposed as "possible match" (linked unless overruled)
};

struct ImportOptions
{
    std::optional<qint64> accountId;   // use this account for every statement instead of the file's
    bool createMissingAccounts = false; // create an own account for a statement naming an unknown one
    bool statementOnly = false;         // keep the lines for reconciliation; add nothing to the book
    MatchSettings matching;
};

struct PlannedLine
{
    int statement = 0;            // index into StatementFile::statements
    int entry = 0;                // index into that statement's entries
    LineDecision decision = LineDecision::New;
    QString reason;               // why it is a duplicate / match, for the preview
    qint64 existingTransactionId = 0; // Duplicate / Match: the transaction it is
    int score = 0;                // Match: the matcher's score
    QString fingerprint;
    std::optional<qint64> categoryId;
    QString categorySource;       // "rule" or "model"
    int categoryConfidence = 0;   // percent
    QString categoryName;         // for the preview
    qint64 transferTransactionId = 0; // the mirror on another own account, already in the book
    int transferPlannedLine = -1;     // ... or the mirror in this same import (index into lines)
};

// How many lines are added (new, or kept as statement lines), skipped as duplicates, or linked.
struct LineCounts
{
    int added = 0;
    int duplicate = 0;
    int matched = 0;
};

struct PlannedStatement
{
    qint64 accountId = 0;         // 0: an account will be created (createMissingAccounts)
    QString accountLabel;         // "NL91ABNA0417164300 (Current account, EUR)"
    QString accountCurrency;
    bool balanceChecked = false;  // the file has opening and closing balances
    bool balanceMatches = true;
    QString balanceNote;          // "opening 100.00 + entries 23.50 = closing 123.50 EUR" or the mismatch
    int firstLine = 0;            // range of this statement's lines in ImportPlan::lines
    int lineCount = 0;
};

// A read statement file, de-duplicated and categorised against one workspace: the preview the
// user confirms before anything is stored. Decisions may be changed before commit.
struct ImportPlan
{
    StatementFile file;
    QByteArray sha256;            // of the file's bytes, hex
    bool statementOnly = false;
    // The user looked at balances that do not add up and imports anyway (recorded with the batch).
    bool balanceMismatchAccepted = false;
    QList<qint64> earlierBatchesOfSameFile; // committed batches with the same file hash
    // The newest import batch when the plan was made: a commit refuses a plan that an import into
    // one of its accounts has overtaken since (its duplicate checks would be out of date).
    qint64 newestBatchAtPlan = 0;
    QList<PlannedStatement> statements;
    QList<PlannedLine> lines;

    int count(LineDecision decision) const;
    LineCounts counts() const;                 // the whole file
    LineCounts countsOf(int statement) const;  // one statement
    bool balancesMatch() const;
    const StatementEntry& entryOf(const PlannedLine& line) const
    {
        return file.statements.at(line.statement).entries.at(line.entry);
    }
};

struct ImportOutcome
{
    QList<qint64> batchIds;
    int rowsNew = 0;
    int rowsDuplicate = 0;
    int rowsMatched = 0;
    int transfersLinked = 0;
};

} // namespace flowlet::ingest
