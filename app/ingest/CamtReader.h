#pragma once

#include "Statement.h"

#include <QByteArray>

namespace flowlet::ingest {

// Reads a Camt statement file held in memory. Either every statement in it or a ParseError that
// names the file, the line or element, the field and what was expected.
Result<StatementFile> readCamt(const QByteArray& data, const QString& fileName);

// True when the bytes look like this format (a cheap sniff for format detection, no full parse).
bool looksLikeCamt(const QByteArray& head);

} // namespace flowlet::ingest
