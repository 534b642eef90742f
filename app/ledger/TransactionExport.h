#pragma once

#include "TransactionQuery.h"
#include "audit/AuditLog.h"
#include "core/Result.h"
#include "db/Database.h"

#include <QIODevice>

#include <functional>

namespace flowlet {

// Writes the transactions a filter matches to CSV, in the browser's sort order, a keyset page at
// a time: memory stays flat however many rows match. The file is CsvWriter's (RFC 4180, UTF-8 with
// a byte-order mark, text cells defused against formula injection). Amounts are exact decimal text
// with a '.' and the currency in its own column.
//
// Needs transactions.export (checked before a byte is written). Every export is an audit entry (filter and row count): data leaving the workstation is a
// security event. The caller writes into a QSaveFile and commits it only on success, so a failed
// or cancelled export leaves no partial file behind.
class TransactionExport final
{
public:
    TransactionExport(DatabasePtr db, Actor actor);

    // Called after each page with the rows written so far; returning false cancels.
    using Progress = std::function<bool(qint64 rowsWritten)>;

    Result<qint64> writeCsv(const TransactionFilter& filter, const TransactionSort& sort, QIODevice& out,
                            const Progress& progress = {}) const;

    static QStringList csvHeader();

private:
    DatabasePtr m_db;
    Actor m_actor;
};

} // namespace flowlet
