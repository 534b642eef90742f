#include "Statement.h"

namespace flowlet::ingest {

QString formatKey(StatementFormat format)
{
    switch (format) {
    case StatementFormat::Ofx:
        return QStringLiteral("ofx");
    case StatementFormat::Camt:
        return QStringLiteral("camt");
    case StatementFormat::Mt940:
        return QStringLiteral("mt940");
    case StatementFormat::Csv:
        return QStringLiteral("csv");
    }
    return QStringLiteral("csv");
}

qsizetype StatementFile::entryCount() const
{
    qsizetype n = 0;
    for (const auto& s : statements) {
        n += s.entries.size();
    }
    return n;
}

Error parseError(const QString& fileName, int line, const QString& element, const QString& what)
{
    QString where = fileName;
    if (line > 0) {
        where += QStringLiteral(", line %1").arg(line);
    }
    if (!element.isEmpty()) {
        where += QStringLiteral(", ") + element;
    }
    return {ErrorCode::ParseError, where + QStringLiteral(": ") + what};
}

} // namespace flowlet::ingest
