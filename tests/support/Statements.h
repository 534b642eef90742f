#pragma once

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

} // namespace flowlet::test
