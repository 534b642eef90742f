#pragma once

#include "Statement.h"

#include <QByteArray>

namespace flowlet::ingest {

// Reads an OFX/QFX statement file (OFX 1.x SGML or 2.x XML) held in memory: bank, credit-card and
// the cash movements of investment statements. Either every statement in it or a ParseError that
// names the file, the line or element, the field and what was expected.
// libofx gives the structure; amounts and dates are taken from the file's own text, never as double.
// Safe to call from several threads: the calls into libofx are serialised.
Result<StatementFile> readOfx(const QByteArray& data, const QString& fileName);

// True when the bytes look like this format (a cheap sniff for format detection, no full parse).
bool looksLikeOfx(const QByteArray& head);

} // namespace flowlet::ingest
