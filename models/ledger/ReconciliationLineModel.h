#pragma once

#include "ReconciliationListModel.h"

namespace flowlet {

// The statement lines of a reconciliation that are in no match yet (and were not settled by an
// earlier reconciliation), in the statement's order.
class ReconciliationLineModel final : public ReconciliationListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationLineModel)

public:
    enum Column { Line, Date, Counterparty, Description, Reference, Amount, ColumnCount };
    Q_ENUM(Column)

    explicit ReconciliationLineModel(DatabasePtr db, QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const StatementLineView* line(int row) const;

protected:
    qsizetype rowsIn(const ReviewItems& page) const override { return page.unmatchedStatement.size(); }
    void take(ReviewItems& page) override;
    void clearRows() override { m_rows.clear(); }
    qsizetype loadedRows() const override { return m_rows.size(); }

private:
    QList<StatementLineView> m_rows;
};

} // namespace flowlet
