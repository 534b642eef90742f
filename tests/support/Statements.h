#pragma once

#include "db/Database.h"
#include "ingest/Statement.h"

namespace flowlet::test {

// Statements built in code for the import and reconciliation tests.

inline Money eur(const char* text)
{
    return *Money::parse(QString::fromLatin1(text), u"EUR");
}

inline ingest::StatementEntry statementEntry(const QDate& date, const char* amount, const QString& text)
{
    ingest::StatementEntry e;
    e.bookingDate = date;
    e.valueDate = date;
    e.amount = eur(amount);
    e.remittanceText = text;
    return e;
}

// One EUR statement for `iban` holding `entries`, numbered by line.
inline ingest::StatementFile statementFile(const QString& iban, QList<ingest::StatementEntry> entries,
                                           const QString& fileName = QStringLiteral("statement.xml"))
{
    ingest::Statement st;
    st.account.iban = iban;
    st.account.currency = QStringLiteral("EUR");
    st.entries = std::move(entries);
    for (int i = 0; i < st.entries.size(); ++i) {
        st.entries[i].sourceLine = i + 1;
    }
    ingest::StatementFile f;
    f.format = ingest::StatementFormat::Camt;
    f.variant = QStringLiteral("test");
    f.fileName = fileName;
    f.statements = {st};
    return f;
}

// A transaction entered by hand into `account`: the book a statement is reconciled against.
// Its id, or -1.
inline qint64 addBookEntry(Database& db, qint64 account, const QDate& date, const Money& amount,
                           const QString& description, const QString& reference = {})
{
    const SqlDialect& d = db.dialect();
    auto micros = amount.toMicros();
    auto q = db.exec(QStringLiteral("INSERT INTO transactions (account_id, occurred_at, booking_date, amount_micros, "
                                    "currency, description, reference, source) VALUES (?, ?, ?, ?, ?, ?, ?, 'manual') "
                                    "RETURNING id"),
                     {account, d.timestampValue(QDateTime(date, QTime(12, 0), Qt::UTC)), d.dateValue(date),
                      micros ? *micros : 0, amount.currency().code(), description,
                      reference.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(reference)});
    const qint64 id = q && q->next() ? q->value(0).toLongLong() : -1;
    if (q) {
        q->finish();
    }
    return id;
}

} // namespace flowlet::test
