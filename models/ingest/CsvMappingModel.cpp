#include "CsvMappingModel.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace flowlet {

using ingest::CsvColumnRole;

CsvMappingModel::CsvMappingModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CsvMappingModel::setRecords(QList<QStringList> records, QList<int> lines, const ingest::CsvMapping& mapping)
{
    beginResetModel();
    m_records = std::move(records);
    m_lines = std::move(lines);
    m_mapping = mapping;
    m_columns = int(mapping.columns.size());
    for (const QStringList& record : std::as_const(m_records)) {
        m_columns = std::max(m_columns, int(record.size()));
    }
    endResetModel();
}

void CsvMappingModel::setMapping(const ingest::CsvMapping& mapping)
{
    const int columns = std::max(m_columns, int(mapping.columns.size()));
    if (columns != m_columns) {
        setRecords(m_records, m_lines, mapping);
        return;
    }
    m_mapping = mapping;
    if (m_columns > 0) {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, m_columns - 1);
    }
    if (!m_records.isEmpty() && m_columns > 0) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, m_columns - 1),
                           {Qt::BackgroundRole, Qt::ForegroundRole, RecordKindRole});
    }
}

int CsvMappingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int CsvMappingModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

CsvMappingModel::RecordKind CsvMappingModel::kindOf(int row) const
{
    if (row == m_mapping.headerLine) {
        return RecordKind::Header;
    }
    return row < m_mapping.firstDataLine ? RecordKind::Preamble : RecordKind::Data;
}

QVariant CsvMappingModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const RecordKind kind = kindOf(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return m_records.at(index.row()).value(index.column());
    case Qt::BackgroundRole:
        return kind == RecordKind::Header ? QVariant(QBrush(QColor(0xff, 0xf1, 0xc4))) : QVariant();
    case Qt::ForegroundRole:
        return kind == RecordKind::Preamble ? QVariant(QBrush(QColor(0x80, 0x80, 0x80))) : QVariant();
    case RecordKindRole:
        return static_cast<int>(kind);
    default:
        return {};
    }
}

QVariant CsvMappingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= m_records.size()) {
            return {};
        }
        if (role == Qt::DisplayRole) {
            return section + 1; // the record number the wizard's header and first-entry rows count
        }
        if (role == LineRole || role == Qt::ToolTipRole) {
            const int line = m_lines.value(section);
            return role == LineRole ? QVariant(line) : QVariant(tr("Line %1 of the file").arg(line));
        }
        return {};
    }
    if (section < 0 || section >= m_columns) {
        return {};
    }
    const CsvColumnRole columnRole = m_mapping.columns.value(section, CsvColumnRole::Ignore);
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1: %2").arg(section + 1).arg(roleText(columnRole));
    case Qt::ToolTipRole:
        return m_mapping.headerLine >= 0 ? m_records.value(m_mapping.headerLine).value(section) : QString();
    case ColumnRoleRole:
        return ingest::csvColumnRoleKey(columnRole);
    default:
        return {};
    }
}

const QList<CsvColumnRole>& CsvMappingModel::roles()
{
    static const QList<CsvColumnRole> all = {
        CsvColumnRole::Ignore,          CsvColumnRole::BookingDate,      CsvColumnRole::ValueDate,
        CsvColumnRole::Amount,          CsvColumnRole::Debit,            CsvColumnRole::Credit,
        CsvColumnRole::DebitCreditMark, CsvColumnRole::Currency,         CsvColumnRole::CounterpartyName,
        CsvColumnRole::CounterpartyAccount, CsvColumnRole::CounterpartyBankCode, CsvColumnRole::Reference,
        CsvColumnRole::EndToEndId,      CsvColumnRole::BankTransactionCode, CsvColumnRole::Description,
        CsvColumnRole::BankId,          CsvColumnRole::MerchantCategory, CsvColumnRole::Balance,
        CsvColumnRole::Account,         CsvColumnRole::AccountBankCode,
    };
    return all;
}

QString CsvMappingModel::roleText(CsvColumnRole role)
{
    switch (role) {
    case CsvColumnRole::Ignore:
        return tr("(not imported)");
    case CsvColumnRole::BookingDate:
        return tr("Booking date");
    case CsvColumnRole::ValueDate:
        return tr("Value date");
    case CsvColumnRole::Amount:
        return tr("Amount (signed)");
    case CsvColumnRole::Debit:
        return tr("Debit (money out)");
    case CsvColumnRole::Credit:
        return tr("Credit (money in)");
    case CsvColumnRole::DebitCreditMark:
        return tr("Debit/credit mark (D/C, S/H)");
    case CsvColumnRole::Currency:
        return tr("Currency");
    case CsvColumnRole::CounterpartyName:
        return tr("Counterparty");
    case CsvColumnRole::CounterpartyAccount:
        return tr("Counterparty account");
    case CsvColumnRole::CounterpartyBankCode:
        return tr("Counterparty bank code");
    case CsvColumnRole::Reference:
        return tr("Reference");
    case CsvColumnRole::EndToEndId:
        return tr("End-to-end id");
    case CsvColumnRole::BankTransactionCode:
        return tr("Bank transaction code");
    case CsvColumnRole::Description:
        return tr("Description");
    case CsvColumnRole::BankId:
        return tr("Bank's transaction id");
    case CsvColumnRole::MerchantCategory:
        return tr("Merchant category");
    case CsvColumnRole::Balance:
        return tr("Balance after the entry");
    case CsvColumnRole::Account:
        return tr("Own account");
    case CsvColumnRole::AccountBankCode:
        return tr("Own account's bank code");
    }
    return {};
}

} // namespace flowlet
