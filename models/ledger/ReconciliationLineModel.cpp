#include "ReconciliationLineModel.h"

namespace flowlet {

ReconciliationLineModel::ReconciliationLineModel(DatabasePtr db, QObject* parent)
    : ReconciliationListModel(std::move(db), ReviewList::UnmatchedStatement, parent)
{
}

int ReconciliationLineModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const StatementLineView* ReconciliationLineModel::line(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

QVariant ReconciliationLineModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const StatementLineView& l = m_rows.at(index.row());
    if (role == IdRole) {
        return qint64(l.key.lineNo);
    }
    if (index.column() == Line) {
        if (role == Qt::TextAlignmentRole) {
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return role == Qt::DisplayRole || role == RawValueRole ? QVariant(l.key.lineNo) : QVariant();
    }
    return entryData(l, EntryField(index.column() - Date), role);
}

QVariant ReconciliationLineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    return section == Line ? tr("Line") : entryHeader(EntryField(section - Date));
}

void ReconciliationLineModel::take(ReviewItems& page)
{
    m_rows.append(std::move(page.unmatchedStatement));
    page.unmatchedStatement.clear();
}

} // namespace flowlet
