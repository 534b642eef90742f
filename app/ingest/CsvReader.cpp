#include "CsvReader.h"

namespace flowlet::ingest {

QString csvColumnRoleKey(CsvColumnRole role)
{
    Q_UNUSED(role);
    return {};
}

std::optional<CsvColumnRole> csvColumnRoleFromKey(QStringView key)
{
    Q_UNUSED(key);
    return std::nullopt;
}

QJsonObject CsvMapping::toJson() const
{
    return {};
}

Result<CsvMapping> CsvMapping::fromJson(const QJsonObject& json)
{
    Q_UNUSED(json);
    return Error(ErrorCode::ParseError, QStringLiteral("not built yet"));
}

Result<CsvSniff> sniffCsv(const QByteArray& data, const QString& fileName)
{
    Q_UNUSED(data);
    return parseError(fileName, 0, {}, QStringLiteral("CSV reading is not built yet"));
}

Result<StatementFile> readCsv(const QByteArray& data, const QString& fileName, const CsvMapping& mapping)
{
    Q_UNUSED(data);
    Q_UNUSED(mapping);
    return parseError(fileName, 0, {}, QStringLiteral("CSV reading is not built yet"));
}

QList<QStringList> splitCsvRecords(QStringView text, QChar delimiter, QChar quote, QList<int>* lines)
{
    Q_UNUSED(text);
    Q_UNUSED(delimiter);
    Q_UNUSED(quote);
    Q_UNUSED(lines);
    return {};
}

} // namespace flowlet::ingest
