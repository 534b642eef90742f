#pragma once

#include <QAbstractTableModel>
#include <QList>

namespace flowlet {

// The shared part of the Monitor panel's tables: a list of records replaced as a whole on each
// refresh. The same number of rows changes in place (one dataChanged, selections stay); another
// number resets the model.
template <typename Record, int Columns>
class MonitorListModel : public QAbstractTableModel
{
public:
    explicit MonitorListModel(QObject* parent)
        : QAbstractTableModel(parent)
    {
    }

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : Columns; }
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= Columns) {
            return QAbstractTableModel::headerData(section, orientation, role);
        }
        return header(section);
    }

    void setRows(QList<Record> rows)
    {
        if (rows.size() == m_rows.size() && !rows.isEmpty()) {
            m_rows = std::move(rows);
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
            return;
        }
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }

    const QList<Record>& rows() const { return m_rows; }
    const Record* record(int row) const { return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr; }

protected:
    // The title of a column (translated by the subclass).
    virtual QString header(int column) const = 0;

    // The record of a valid index of this model, else nullptr.
    const Record* recordAt(const QModelIndex& index) const
    {
        return checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
            ? &m_rows.at(index.row())
            : nullptr;
    }

private:
    QList<Record> m_rows;
};

} // namespace flowlet
