#pragma once

#include "CsvReader.h"
#include "Statement.h"

#include <QByteArray>

#include <optional>

namespace flowlet::ingest {

// Files larger than this are refused before reading: a bank statement of several hundred MB is
// far more likely a wrong file than a statement, and would be read into memory whole.
inline constexpr qint64 kMaxStatementBytes = 512LL * 1024 * 1024;

// Which reader a file needs, from its first bytes (the extension is only a tie-breaker).
std::optional<StatementFormat> detectFormat(const QByteArray& head, const QString& fileName);

// Reads a statement file of any supported format. A CSV file is read with `csvMapping` when one
// is given, else with the sniffed layout when that is complete; otherwise the error says that the
// file needs the import wizard (or a saved preset).
// `currency` is used for CSV files that have no currency column (the account's currency).
Result<StatementFile> readStatement(const QByteArray& data, const QString& fileName,
                                    const std::optional<CsvMapping>& csvMapping = std::nullopt,
                                    const QString& currency = {});

// The same from a file on disk (size-checked, read once).
Result<QByteArray> readStatementBytes(const QString& path);

} // namespace flowlet::ingest
