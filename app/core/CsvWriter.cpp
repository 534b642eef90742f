#include "CsvWriter.h"

#include <QSaveFile>

namespace flowlet {

Status CsvWriter::writeHeader(const QStringList& columns)
{
    return write(QStringLiteral("\uFEFF") + columns.join(u',') + QStringLiteral("\r\n"));
}

void CsvWriter::addRow(const QStringList& fields)
{
    m_pending += fields.join(u',');
    m_pending += QStringLiteral("\r\n");
}

Status CsvWriter::flush()
{
    const QString text = std::exchange(m_pending, QString());
    return write(text);
}

Status CsvWriter::write(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    if (m_out.write(bytes) != bytes.size()) {
        return Error(ErrorCode::IoError, QStringLiteral("could not write the export: %1").arg(m_out.errorString()));
    }
    return {};
}

Result<qint64> CsvWriter::saveFile(const QString& path, const std::function<Result<qint64>(QIODevice&)>& write)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return Error(ErrorCode::IoError, QStringLiteral("could not write %1: %2").arg(path, file.errorString()));
    }
    auto written = write(file);
    if (!written) {
        file.cancelWriting();
        return written.error();
    }
    if (!file.commit()) {
        return Error(ErrorCode::IoError, QStringLiteral("could not write %1: %2").arg(path, file.errorString()));
    }
    return written;
}

QString CsvWriter::field(const QString& value, bool text)
{
    QString v = value;
    if (text && !v.isEmpty()) {
        const QChar first = v.front();
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r') {
            v.prepend(u'\'');
        }
    }
    if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r')) {
        v.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return u'"' + v + u'"';
    }
    return v;
}

} // namespace flowlet
