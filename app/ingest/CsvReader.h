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
    Account,             // the account holder's own IBAN or account number (bunq "Account")
    AccountBankCode,     // the own account's BLZ/BIC (Commerzbank "Bankleitzahl Auftraggeberkonto")
};

QString csvColumnRoleKey(CsvColumnRole role);          // stable key for JSON: "booking_date", ...
std::optional<CsvColumnRole> csvColumnRoleFromKey(QStringView key);

// How one bank's CSV export is laid out: found by sniffCsv(), adjusted in the import wizard, and
// saved as a named preset that is applied again when a file with the same header turns up.
struct CsvMapping
{
    QString presetName;            // empty until saved
    QString encoding = QStringLiteral("UTF-8"); // one of csvEncodings(): "UTF-8", "UTF-16LE", "windows-1252", …
    QChar delimiter = u',';
    QChar quote = u'"';            // null: no quoting
    int headerLine = -1;           // 0-based record index of the header row, -1 when there is none
    int firstDataLine = 0;         // 0-based record index of the first entry (skips preamble lines)
    QString dateFormat = QStringLiteral("yyyy-MM-dd"); // QDate-style format of both date columns (see parseCsvDate)
    QChar decimalSeparator = u'.';
    QChar groupSeparator;          // null when amounts have no grouping; spaces and apostrophes always group
    QString currency;              // used when no Currency column (or the cell is empty)
    QList<CsvColumnRole> columns;  // role of column i
    QStringList headerSignature;   // the header cells as read (one per column), to recognise the bank's
                                   // files later; readCsv refuses a file whose header differs

    // Stable keys ("encoding", "delimiter", "header_line", "columns": ["booking_date", …], …).
    // fromJson refuses unknown keys, roles and encodings and a mapping readCsv could not apply
    // (InvalidArgument).
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
// line and column; nothing is returned partially. Blank rows are skipped, and so are lines that are
// clearly no entry (no date, a word like "Kontostand" or too few fields) before the first or after
// the last entry, with a warning. One statement per own account (Account column, else an IBAN in
// the preamble, else unknown); opening/closing balances come from a Balance column only when its
// running balances fix the file's order (or, with one balance, the dates do).
Result<StatementFile> readCsv(const QByteArray& data, const QString& fileName, const CsvMapping& mapping);

// One record as the import wizard previews it with a mapping: the entry it gives, or why not.
struct CsvPreviewRow
{
    enum class Kind {
        Preamble, // before the header (account and period lines)
        Header,
        Entry,
        Blank,    // skipped without a word
        Skipped,  // no entry before the first or after the last one ("Kontostand"); skipped with a warning
        Error,    // readCsv would refuse the file here
    };
    Kind kind = Kind::Preamble;
    int record = 0;      // 0-based record index, as CsvMapping::headerLine and firstDataLine count
    int line = 0;        // 1-based line the record starts on
    QStringList cells;
    StatementEntry entry; // Kind::Entry
    QString message;      // Error and Skipped: the reader's reason, without file name and line
};

// Reads the first `maxRecords` records one by one with readCsv's own rules and carries on after a
// bad row. Fails only when the mapping is invalid or the text cannot be decoded.
Result<QList<CsvPreviewRow>> previewCsv(const QByteArray& data, const QString& fileName, const CsvMapping& mapping,
                                        int maxRecords);

// The first `maxRecords` records decoded and split with the given dialect, decoding no more of the
// file than that needs (the wizard's raw view, matching presets). `lines` as for splitCsvRecords.
Result<QList<QStringList>> readCsvHead(const QByteArray& data, const QString& fileName, const QString& encoding,
                                       QChar delimiter, QChar quote, int maxRecords, QList<int>* lines = nullptr);

// The date formats the sniffer knows (without times), for the wizard's choice.
QStringList csvDateFormats();

// Splits decoded CSV text into records (RFC 4180 quoting, quoted line breaks, CRLF/LF/CR).
// `lines` receives the 1-based line number each record starts on. An empty line is an empty record.
QList<QStringList> splitCsvRecords(QStringView text, QChar delimiter, QChar quote, QList<int>* lines = nullptr);

// The encodings a mapping may name, for the wizard's choice.
QStringList csvEncodings();

// Decodes the file's bytes as `encoding` (a BOM is checked against it and dropped). Refuses
// invalid UTF-8 and binary data with a ParseError naming the line, so that a wrong encoding is
// never imported as replacement characters.
Result<QString> decodeCsvText(const QByteArray& data, const QString& encoding, const QString& fileName);

// One date cell read with a mapping's dateFormat (a subset of QDate's: d dd M MM MMM yy yyyy H HH
// m mm s ss z zzz t AP and 'quoted' literals); invalid when the cell does not match. Two-digit
// years are 2000-2069 or 1970-1999. Time and offset are checked and dropped: the date is the one
// written in the file.
QDate parseCsvDate(QStringView text, QStringView format);

// One amount cell as canonical text for Money::parse ("-1234.56"): the decimal separator given,
// grouping by `groupSeparator` or spaces or apostrophes in groups of three, a leading or trailing
// sign, parentheses, a CR/DR or H/S suffix, and currency symbols or codes around the number
// (dropped; readCsv checks them against the entry's currency). std::nullopt when it is not one.
std::optional<QString> normaliseCsvAmount(QStringView text, QChar decimalSeparator, QChar groupSeparator);

} // namespace flowlet::ingest
