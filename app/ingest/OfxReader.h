#pragma once

#include "Statement.h"

#include <QByteArray>

namespace flowlet::ingest {

// Reads a Ofx statement file held in memory. Either every statement in it or a ParseError that
// names the file, the line or element, the field and what was expected.
Result<StatementFile> readOfx(const QByteArray& data, const QString& fileName);

// True when the bytes look like this format (a cheap sniff for format detection, no full parse).
bool looksLikeOfx(const QByteArray& head);

} // namespace flowlet::ingest
