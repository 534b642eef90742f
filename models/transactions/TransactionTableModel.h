#pragma once

#include "db/Database.h"
#include "ledger/TransactionQuery.h"
#include "ledger/TransactionRepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace flowlet {

// The transactions browser's table: a window of keyset pages over the transactions table, loaded
// off the UI thread. Scrolling to the bottom appends the next page (fetchMore) until the window
// holds maxRows(); the navigation slots jump to the first, previous, next or last page without
// ever counting rows to get there. Filters and sort order become SQL; the total count is
// computed in the background and arrives by totalCountChanged().
class TransactionTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransactionTableModel)

public:
    enum Column { Date, Account, Counterparty, Description, Amount, Category, Channel, Country, Status, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole, // exact value: QDateTime, canonical amount text, plain strings
        IdRole,                      // the transaction's id (qint64)
    };
    Q_ENUM(Column)

    explicit TransactionTableModel(DatabasePtr db, QObject* parent = nullptr);
    ~TransactionTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    static bool isSortable(int column);

    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    int maxRows() const { return m_pageSize * kMaxPagesInWindow; }

    void setFilter(const TransactionFilter& filter);
    const TransactionFilter& filter() const { return m_filter; }
    int sortColumn() const;
    Qt::SortOrder sortOrder() const { return m_sort.descending ? Qt::DescendingOrder : Qt::AscendingOrder; }

    bool isLoading() const { return m_loading; }
    bool hasPreviousPage() const { return !m_atStart; }
    bool hasNextPage() const { return !m_atEnd; }
    qint64 totalCount() const { return m_totalCount; } // -1 while unknown
    qint64 transactionId(int row) const;

    // The category cells open an editor (the view's delegate sets the category through
    // TransactionActions; the model shows what was stored with showCategory).
    void setCategoryEditable(bool editable) { m_categoryEditable = editable; }
    // Shows a category just stored on these transactions, without reloading the page.
    void showCategory(const QList<qint64>& transactionIds, const QString& categoryName);

public Q_SLOTS:
    void reload();
    void firstPage();
    void previousPage();
    void nextPage();
    void lastPage();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void pageStateChanged();
    void totalCountChanged(qint64 count);
    void errorOccurred(const QString& message);

private:
    static constexpr int kMaxPagesInWindow = 25;

    enum class Load { Replace, Append };
    void request(Load mode, PageDirection direction, std::optional<TransactionCursor> cursor);
    void requestCount();
    void setLoading(bool loading);

    DatabasePtr m_db;
    TransactionRepository m_repository;
    TransactionFilter m_filter;
    TransactionSort m_sort;
    int m_pageSize = 200;
    QList<TransactionRow> m_rows;
    bool m_atStart = true;
    bool m_atEnd = true;
    bool m_loading = false;
    qint64 m_totalCount = -1;
    quint64 m_generation = 0; // results of older requests are dropped
    quint64 m_countGeneration = 0;
    bool m_categoryEditable = false;
};

} // namespace flowlet
