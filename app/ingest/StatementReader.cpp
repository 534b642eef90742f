#include "StatementReader.h"

#include "CamtReader.h"
#include "Mt940Reader.h"
#include "OfxReader.h"

#include <QFile>
#include <QFileInfo>

namespace flowlet::ingest {

std::optional<StatementFormat> detectFormat(const QByteArray& head, const QString& fileName)
{
    // Content first: banks name files freely (".txt" MT940, ".xml" OFX 2, no extension at all).
    if (looksLikeOfx(head)) {
        return StatementFormat::Ofx;
    }
    if (looksLikeCamt(head)) {
        return StatementFormat::Camt;
    }
    if (looksLikeMt940(head)) {
        return StatementFormat::Mt940;
    }
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == u"csv" || suffix == u"txt" || suffix == u"tsv") {
        return StatementFormat::Csv;
    }
    // Text with delimiters and no markup: let the CSV sniffer decide.
    if (!head.isEmpty() && !head.contains('\0') && !head.trimmed().startsWith('<')) {
        return StatementFormat::Csv;
    }
    return std::nullopt;
}

Result<StatementFile> readStatement(const QByteArray& data, const QString& fileName,
                                    const std::optional<CsvMapping>& csvMapping, const QString& currency)
{
    if (data.trimmed().isEmpty()) {
        return parseError(fileName, 0, {}, QStringLiteral("the file is empty"));
    }
    const auto format = detectFormat(data.left(4096), fileName);
    if (!format) {
        return parseError(fileName, 0, {},
                          QStringLiteral("not a bank statement this version reads (OFX/QFX, camt.052/053/054, "
                                         "MT940/MT942 or CSV)"));
    }
    switch (*format) {
    case StatementFormat::Ofx:
        return readOfx(data, fileName);
    case StatementFormat::Camt:
        return readCamt(data, fileName);
    case StatementFormat::Mt940:
        return readMt940(data, fileName);
    case StatementFormat::Csv:
        break;
    }
    if (csvMapping) {
        CsvMapping mapping = *csvMapping;
        if (mapping.currency.isEmpty()) {
            mapping.currency = currency;
        }
        return readCsv(data, fileName, mapping);
    }
    auto sniff = sniffCsv(data, fileName);
    if (!sniff) {
        return sniff.error();
    }
    if (!sniff->complete) {
        return parseError(fileName, 0, {},
                          QStringLiteral("the CSV layout could not be recognised (%1); map its columns in the "
                                         "import wizard")
                              .arg(sniff->notes.join(QStringLiteral("; "))));
    }
    CsvMapping mapping = sniff->mapping;
    if (mapping.currency.isEmpty()) {
        mapping.currency = currency;
    }
    return readCsv(data, fileName, mapping);
}

Result<QByteArray> readStatementBytes(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(ErrorCode::IoError, QStringLiteral("%1: %2").arg(path, file.errorString()));
    }
    if (file.size() > kMaxStatementBytes) {
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("%1: %2 MB is larger than any statement this version reads (%3 MB)")
                         .arg(path)
                         .arg(file.size() / (1024 * 1024))
                         .arg(kMaxStatementBytes / (1024 * 1024)));
    }
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return Error(ErrorCode::IoError, QStringLiteral("%1: %2").arg(path, file.errorString()));
    }
    return bytes;
}

} // namespace flowlet::ingest
