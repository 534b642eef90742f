#include "ReconciliationBookModel.h"

namespace flowlet {

ReconciliationBookModel::ReconciliationBookModel(DatabasePtr db, QObject* parent)
    : ReconciliationListModel(std::move(db), ReviewList::UnmatchedBook, parent)
{
}

int ReconciliationBookModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const BookEntryView* ReconciliationBookModel::entry(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

void ReconciliationBookModel::setIncludeOutstanding(bool include)
{
    if (m_outstanding != include) {
        m_outstanding = include;
        reload();
    }
}

void ReconciliationBookModel::setReadOnly(bool readOnly)
{
    if (m_readOnly != readOnly) {
        m_readOnly = readOnly;
        if (!m_rows.isEmpty()) {
            Q_EMIT dataChanged(index(0, Cleared), index(rowCount() - 1, Cleared), {Qt::CheckStateRole});
        }
    }
}

void ReconciliationBookModel::adjustQuery(ReviewQuery& query) const
{
    query.includeOutstanding = m_outstanding;
    query.includeTicked = true;
}

QVariant ReconciliationBookModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const BookEntryView& e = m_rows.at(index.row());
    if (role == IdRole) {
        return e.id;
    }
    switch (index.column()) {
    case Cleared:
        if (role == Qt::CheckStateRole) {
            return e.state == ReconcileState::New ? Qt::Unchecked : Qt::Checked;
        }
        return role == RawValueRole ? QVariant(e.state != ReconcileState::New) : QVariant();
    case State:
        if (role == RawValueRole) {
            return reconcileStateKey(e.state);
        }
        return role == Qt::DisplayRole ? QVariant(stateName(e.state)) : QVariant();
    default: return entryData(e, EntryField(index.column() - Date), role);
    }
}

Qt::ItemFlags ReconciliationBookModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Cleared && !m_readOnly &&
        m_rows.at(index.row()).state != ReconcileState::Reconciled) {
        f |= Qt::ItemIsUserCheckable;
    }
    return f;
}

bool ReconciliationBookModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::CheckStateRole || !checkIndex(index, CheckIndexOption::IndexIsValid) ||
        index.column() != Cleared || !(flags(index) & Qt::ItemIsUserCheckable)) {
        return false;
    }
    const bool cleared = value.value<Qt::CheckState>() == Qt::Checked;
    const BookEntryView& e = m_rows.at(index.row());
    if (cleared != (e.state != ReconcileState::New)) {
        Q_EMIT clearedChangeRequested(e.id, cleared);
    }
    return false; // changed when the reconciliation has taken it and the list is reloaded
}

QVariant ReconciliationBookModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Cleared: return tr("Cleared");
    case State: return tr("State");
    default: return entryHeader(EntryField(section - Date));
    }
}

QString ReconciliationBookModel::stateName(ReconcileState state)
{
    switch (state) {
    case ReconcileState::New: return tr("New");
    case ReconcileState::Cleared: return tr("Cleared");
    case ReconcileState::Reconciled: return tr("Reconciled");
    }
    return {};
}

void ReconciliationBookModel::take(ReviewItems& page)
{
    m_rows.append(std::move(page.unmatchedBook));
    page.unmatchedBook.clear();
}

} // namespace flowlet
