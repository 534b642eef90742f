#pragma once

#include "ReconciliationListModel.h"

namespace flowlet {

// The book entries of a reconciliation that are in no match: the open ones of the statement's
// period (and, on request, the outstanding ones from before it) and those ticked by hand in this
// session, in booking order. The Cleared column is a check box while the session is open;
// toggling it asks for the change (clearedChangeRequested) rather than making it, and the list
// shows the result when it is reloaded.
class ReconciliationBookModel final : public ReconciliationListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationBookModel)

public:
    enum Column { Cleared, Date, Counterparty, Description, Reference, Amount, State, ColumnCount };
    Q_ENUM(Column)

    explicit ReconciliationBookModel(DatabasePtr db, QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const BookEntryView* entry(int row) const;
    // Entries booked before the statement's period that are still open. Reloads when changed.
    void setIncludeOutstanding(bool include);
    bool includesOutstanding() const { return m_outstanding; }
    // A finished session: nothing can be ticked.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    static QString stateName(ReconcileState state);

Q_SIGNALS:
    void clearedChangeRequested(qint64 transactionId, bool cleared);

protected:
    void adjustQuery(ReviewQuery& query) const override;
    qsizetype rowsIn(const ReviewItems& page) const override { return page.unmatchedBook.size(); }
    void take(ReviewItems& page) override;
    void clearRows() override { m_rows.clear(); }
    qsizetype loadedRows() const override { return m_rows.size(); }

private:
    QList<BookEntryView> m_rows;
    bool m_outstanding = false;
    bool m_readOnly = false;
};

} // namespace flowlet
