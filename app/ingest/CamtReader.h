#pragma once

#include "Statement.h"

#include <QByteArray>

namespace flowlet::ingest {

// Reads an ISO 20022 bank-to-customer cash management file held in memory: camt.053 statements,
// camt.052 account reports and camt.054 debit/credit notifications, message version .02 and later.
// One Statement per Stmt/Rpt/Ntfctn. Either every statement in it or a ParseError that names the
// file, the line, the element path ("Stmt/Ntry[3]/Amt") and what was expected.
//
// Amount signs follow CdtDbtInd, which states how the money moved on the account: a reversal
// (RvslInd) of a debit is booked as CRDT and so comes out positive; the reversal flag only changes
// which related party is the counterparty (the one of the original transaction).
Result<StatementFile> readCamt(const QByteArray& data, const QString& fileName);

// True when the bytes look like this format (a cheap sniff for format detection, no full parse).
bool looksLikeCamt(const QByteArray& head);

} // namespace flowlet::ingest
