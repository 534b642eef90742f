#pragma once

#include "monitor/MonitorQuery.h"

#include <QAbstractTableModel>
#include <QList>

#include <algorithm>

namespace flowlet {

// What identifies a row of the Monitor panel's tables across refreshes.
inline QString rowKey(const ErrorGroup& g) { return g.fingerprint; }
inline QString rowKey(const RouteStats& r) { return r.method + u' ' + r.route; }
inline QString rowKey(const ActiveSession& s) { return QString::number(s.id); }
inline QString rowKey(const AlertRule& r) { return QString::number(r.id); }
inline QString rowKey(const MonitorAlert& a) { return QString::number(a.id); }

// The shared part of the Monitor panel's tables: a list of records replaced as a whole on each
// refresh. The same records in the same order change in place (one dataChanged, selections stay
// on their record); anything else — another order, another record — resets the model, so that a
// selection never silently moves to a different record.
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
        const bool sameRecords = !rows.isEmpty() && rows.size() == m_rows.size()
            && std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(),
                          [](const Record& a, const Record& b) { return rowKey(a) == rowKey(b); });
        if (sameRecords) {
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
