#pragma once

#include "core/Money.h"
#include "core/Result.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace flowlet::ingest {

// Every reader produces this one structure, whatever the bank's format. Fields a format does not
// carry stay empty (null QString, invalid QDate, std::nullopt); readers never invent values.

enum class StatementFormat { Ofx, Camt, Mt940, Csv };

// "ofx", "camt", "mt940", "csv": the value stored in import_batches.source_format.
QString formatKey(StatementFormat format);

// Which account the statement is for, as the bank identifies it.
struct StatementAccount
{
    QString iban;        // normalised: upper case, no spaces
    QString number;      // a domestic account number when there is no IBAN (OFX ACCTID, MT940 :25:)
    QString bankCode;    // BIC, sort code, routing number or German BLZ, as given
    QString currency;    // ISO 4217 code of the account
    QString holder;      // owner's name when the file says it
    QString kind;        // "checking", "savings", "credit card", ... when the file says it

    // The IBAN when there is one, else the number: what a person would type to find the account.
    QString identifier() const { return iban.isEmpty() ? number : iban; }
};

// One booked (or pending) movement on the statement.
struct StatementEntry
{
    QDate bookingDate;             // required
    QDate valueDate;               // invalid when the format has none
    Money amount;                  // signed from the holder's view: credits > 0, debits < 0
    QString counterpartyName;
    QString counterpartyAccount;   // IBAN or account number of the other side
    QString counterpartyBankCode;  // BIC of the other side
    QString reference;             // creditor/structured reference, cheque number, customer reference
    QString endToEndId;            // SEPA EndToEndId / EREF (not "NOTPROVIDED")
    QString bankTransactionCode;   // ISO BkTxCd "PMNT-RCDT-ESCT", SWIFT "NTRF", OFX TRNTYPE, GVC "166"
    QString remittanceText;        // free text, unstructured remittance, OFX NAME+MEMO, :86: text
    QString bankId;                // the bank's own unique id: OFX FITID, camt AcctSvcrRef, :61: bank ref
    QString merchantCategory;      // ISO 18245 MCC when the format carries it
    bool pending = false;          // camt.052 PDNG / OFX pending: shown, never reconciled
    int sourceLine = 0;            // 1-based line in the file where the entry starts, 0 when unknown
};

struct Statement
{
    StatementAccount account;
    QString id;                    // camt Stmt/Id, MT940 :20: + :28C:, OFX none
    QDate from;                    // period covered, when the file says it
    QDate to;
    std::optional<Money> openingBalance;
    QDate openingDate;
    std::optional<Money> closingBalance;
    QDate closingDate;
    QList<StatementEntry> entries;
};

struct StatementFile
{
    StatementFormat format = StatementFormat::Csv;
    QString variant;               // "camt.053.001.02", "OFX 1.02 (SGML)", "MT940", "CSV (Commerzbank)"
    QString fileName;              // as given to the reader, for messages
    QList<Statement> statements;
    QStringList warnings;          // readable notes that do not stop the import

    qsizetype entryCount() const;
};

// A ParseError whose message says where: "stmt.xml, line 42, <Amt>: amount \"1,2x\" is not a number".
// `line` 0 and an empty `element` are left out.
Error parseError(const QString& fileName, int line, const QString& element, const QString& what);

} // namespace flowlet::ingest
