#pragma once

#include "Statement.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace flowlet::ingest {

// What one CSV column means. A mapping assigns one role per column index.
enum class CsvColumnRole {
    Ignore,
    BookingDate,
    ValueDate,
    Amount,              // signed single amount
    Debit,               // money out, written without a sign (or with one; the sign is normalised)
    Credit,              // money in
    DebitCreditMark,     // a column saying "D"/"C", "Af"/"Bij", "S"/"H" for an unsigned Amount
    Currency,
    CounterpartyName,
    CounterpartyAccount,
    CounterpartyBankCode,
    Reference,
    EndToEndId,
    BankTransactionCode,
    Description,         // several Description columns are joined with " "
    BankId,
    MerchantCategory,
    Balance,             // running balance; used to check the entries when present
};

QString csvColumnRoleKey(CsvColumnRole role);          // stable key for JSON: "booking_date", ...
std::optional<CsvColumnRole> csvColumnRoleFromKey(QStringView key);

// How one bank's CSV export is laid out: found by sniffCsv(), adjusted in the import wizard, and
// saved as a named preset that is applied again when a file with the same header turns up.
struct CsvMapping
{
    QString presetName;            // empty until saved
    QString encoding = QStringLiteral("UTF-8"); // "UTF-8", "windows-1252", "ISO-8859-1", "ISO-8859-15", "IBM852"
    QChar delimiter = u',';
    QChar quote = u'"';
    int headerLine = -1;           // 0-based record index of the header row, -1 when there is none
    int firstDataLine = 0;         // 0-based record index of the first entry (skips preamble lines)
    QString dateFormat = QStringLiteral("yyyy-MM-dd"); // QDate/QDateTime format of the date columns
    QChar decimalSeparator = u'.';
    QChar groupSeparator;          // null when amounts have no grouping
    QString currency;              // used when no Currency column (or the cell is empty)
    QList<CsvColumnRole> columns;  // role of column i
    QStringList headerSignature;   // the header cells as read, to recognise the bank's files later

    QJsonObject toJson() const;
    static Result<CsvMapping> fromJson(const QJsonObject& json);
};

// What sniffCsv() found, for the wizard's preview.
struct CsvSniff
{
    CsvMapping mapping;            // best guess: encoding, delimiter, header, date format, decimals, roles
    QStringList header;            // header cells (empty when there is no header row)
    QList<QStringList> sample;     // the first data records, split with the guessed dialect
    QStringList notes;             // what could not be guessed and needs the user ("no amount column")
    bool complete = false;         // true when the mapping has a date and an amount (or debit/credit)
};

// Guesses the layout of a bank CSV export: encoding (BOM, UTF-8 validity, else windows-1252),
// delimiter, a header row after preamble lines, date format, decimal comma, and the column roles
// from header names in English, German, Dutch, French and Spanish.
Result<CsvSniff> sniffCsv(const QByteArray& data, const QString& fileName);

// Reads every data record with the mapping. Rows that cannot be read give a ParseError naming the
// line and column; nothing is returned partially.
Result<StatementFile> readCsv(const QByteArray& data, const QString& fileName, const CsvMapping& mapping);

// Splits decoded CSV text into records (RFC 4180 quoting, quoted line breaks, CRLF/LF/CR).
// `lines` receives the 1-based line number each record starts on.
QList<QStringList> splitCsvRecords(QStringView text, QChar delimiter, QChar quote, QList<int>* lines = nullptr);

} // namespace flowlet::ingest
