#include "CsvPreviewModel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace flowlet {

using Kind = ingest::CsvPreviewRow::Kind;

CsvPreviewModel::CsvPreviewModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CsvPreviewModel::setRows(const QList<ingest::CsvPreviewRow>& rows, int firstDataLine)
{
    beginResetModel();
    m_rows.clear();
    m_entries = 0;
    m_errors = 0;
    for (const ingest::CsvPreviewRow& row : rows) {
        // A header that does not match the layout stops the import too: it is shown with the entries.
        const bool headerError = row.kind == Kind::Error && row.record < firstDataLine;
        if ((row.record < firstDataLine && !headerError) || row.kind == Kind::Blank) {
            continue;
        }
        m_entries += row.kind == Kind::Entry;
        m_errors += row.kind == Kind::Error;
        m_rows.append(row);
    }
    endResetModel();
}

int CsvPreviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CsvPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CsvPreviewModel::display(const ingest::CsvPreviewRow& row, int column) const
{
    const ingest::StatementEntry& e = row.entry;
    const bool entry = row.kind == Kind::Entry;
    switch (column) {
    case LineColumn:
        return row.line;
    case DateColumn:
        return entry ? e.bookingDate.toString(Qt::ISODate) : QString();
    case ValueDateColumn:
        return entry && e.valueDate.isValid() ? e.valueDate.toString(Qt::ISODate) : QString();
    case AmountColumn:
        return entry ? e.amount.toDisplayString(QLocale()) : QString();
    case CounterpartyColumn:
        return entry ? e.counterpartyName : QString();
    case TextColumn:
        return entry ? e.remittanceText : row.cells.join(QStringLiteral(" | "));
    case StatusColumn:
        switch (row.kind) {
        case Kind::Entry:
            return tr("OK");
        case Kind::Skipped:
            return tr("Skipped: not an entry");
        case Kind::Error:
            return row.message;
        case Kind::Preamble:
        case Kind::Header:
        case Kind::Blank:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant CsvPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const ingest::CsvPreviewRow& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        return index.column() == StatusColumn && !row.message.isEmpty() ? row.message : display(row, index.column());
    case Qt::ForegroundRole:
        if (row.kind == Kind::Error) {
            return QBrush(QColor(0xb0, 0x1c, 0x1c));
        }
        if (row.kind == Kind::Skipped) {
            return QBrush(QColor(0x80, 0x80, 0x80));
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == AmountColumn || index.column() == LineColumn
                   ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case RawValueRole:
        switch (index.column()) {
        case DateColumn:
            return row.entry.bookingDate;
        case ValueDateColumn:
            return row.entry.valueDate;
        case AmountColumn:
            return row.kind == Kind::Entry ? row.entry.amount.toString() : QString();
        default:
            return display(row, index.column());
        }
    case KindRole:
        return static_cast<int>(row.kind);
    case MessageRole:
        return row.message;
    default:
        return {};
    }
}

QVariant CsvPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case LineColumn:
        return tr("Line");
    case DateColumn:
        return tr("Booking date");
    case ValueDateColumn:
        return tr("Value date");
    case AmountColumn:
        return tr("Amount");
    case CounterpartyColumn:
        return tr("Counterparty");
    case TextColumn:
        return tr("Text");
    case StatusColumn:
        return tr("Result");
    default:
        return {};
    }
}

} // namespace flowlet
