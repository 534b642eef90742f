#include "OfxReader.h"

namespace flowlet::ingest {

Result<StatementFile> readOfx(const QByteArray& data, const QString& fileName)
{
    Q_UNUSED(data);
    return parseError(fileName, 0, {}, QStringLiteral("Ofx reading is not built yet"));
}

bool looksLikeOfx(const QByteArray& head)
{
    Q_UNUSED(head);
    return false;
}

} // namespace flowlet::ingest
