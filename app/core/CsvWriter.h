#pragma once

#include "core/Result.h"

#include <QIODevice>
#include <QString>
#include <QStringList>

#include <functional>

namespace flowlet {

// CSV as spreadsheet programs read it, shared by every export: RFC 4180 (comma, CRLF, quotes
// doubled), UTF-8 with a byte-order mark so that accents come out right. Text cells that a
// spreadsheet would run as a formula (= + - @, tab, CR) are prefixed with an apostrophe.
class CsvWriter final
{
public:
    explicit CsvWriter(QIODevice& out)
        : m_out(out)
    {
    }

    // The byte-order mark and the header line.
    Status writeHeader(const QStringList& columns);
    // Appends one row of fields already passed through field() to the pending text.
    void addRow(const QStringList& fields);
    // Writes the pending rows to the device.
    Status flush();

    // Runs `write` into a QSaveFile at `path` and commits it only when `write` succeeded: a failed
    // or cancelled export leaves whatever was there before, never half a file.
    static Result<qint64> saveFile(const QString& path, const std::function<Result<qint64>(QIODevice&)>& write);

    // One CSV field, quoted when needed; `text` fields are defused against formula injection
    // (numbers pass `false`: a negative amount must stay a number).
    static QString field(const QString& value, bool text = true);

private:
    Status write(const QString& text);

    QIODevice& m_out;
    QString m_pending;
};

} // namespace flowlet
