#include "Mt940Reader.h"

namespace flowlet::ingest {

Result<StatementFile> readMt940(const QByteArray& data, const QString& fileName)
{
    Q_UNUSED(data);
    return parseError(fileName, 0, {}, QStringLiteral("Mt940 reading is not built yet"));
}

bool looksLikeMt940(const QByteArray& head)
{
    Q_UNUSED(head);
    return false;
}

} // namespace flowlet::ingest
