#include "CamtReader.h"

namespace flowlet::ingest {

Result<StatementFile> readCamt(const QByteArray& data, const QString& fileName)
{
    Q_UNUSED(data);
    return parseError(fileName, 0, {}, QStringLiteral("Camt reading is not built yet"));
}

bool looksLikeCamt(const QByteArray& head)
{
    Q_UNUSED(head);
    return false;
}

} // namespace flowlet::ingest
