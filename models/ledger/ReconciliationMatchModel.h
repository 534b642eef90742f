#pragma once

#include "ReconciliationListModel.h"

namespace flowlet {

// The matches of a reconciliation, one row each: the cleared and reconciled ones
// (ReviewList::Matched) or the suggestions waiting for accept or reject (ReviewList::Suggested).
// Each row sums its statement lines and its book entries; both sides are listed in full in the
// tool tips.
class ReconciliationMatchModel final : public ReconciliationListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationMatchModel)

public:
    enum Column { Date, Statement, StatementAmount, Book, BookAmount, Kind, Score, State, ColumnCount };
    Q_ENUM(Column)

    // `list`: ReviewList::Matched or ReviewList::Suggested.
    ReconciliationMatchModel(DatabasePtr db, ReviewList list, QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const MatchView* match(int row) const;
    static QString kindName(MatchKind kind);
    static QString stateName(MatchState state);

protected:
    qsizetype rowsIn(const ReviewItems& page) const override;
    void take(ReviewItems& page) override;
    void clearRows() override;
    qsizetype loadedRows() const override { return m_rows.size(); }

private:
    struct Row
    {
        MatchView match;
        Money statementSum;
        Money bookSum;
    };
    QList<Row> m_rows;
};

} // namespace flowlet
