#pragma once

#include "Statement.h"

#include <QByteArray>

namespace flowlet::ingest {

// Reads a SWIFT MT940 statement (or MT942 interim report) file held in memory: one or more
// messages, with or without SWIFT block framing, in the dialects of Dutch, German and Swiss banks.
// Either every statement in it or a ParseError that names the file, the line, the field and what
// was expected. MT942 entries come back pending; variant says "MT940", "MT942" or "MT940+MT942".
Result<StatementFile> readMt940(const QByteArray& data, const QString& fileName);

// True when the bytes look like this format (a cheap sniff for format detection, no full parse):
// a :20: field near the start, after optional framing and bank header lines, followed by :25: or
// an opening balance.
bool looksLikeMt940(const QByteArray& head);

} // namespace flowlet::ingest
