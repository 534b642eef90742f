#pragma once

#include "db/Database.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace flowlet {
class TransactionDetailModel;
class TransactionTableModel;
} // namespace flowlet

namespace flowlet::ui {

class TransactionFilterBar;

// The transactions browser: filter bar, a paged table over the whole transactions table, page
// navigation and a detail pane for the selected row.
class TransactionsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransactionsPanel)

public:
    explicit TransactionsPanel(DatabasePtr db, QWidget* parent = nullptr);
    ~TransactionsPanel() override;

    TransactionTableModel* tableModel() const { return m_model; }
    TransactionDetailModel* detailModel() const { return m_detail; }

private:
    void updatePageState();
    void showError(const QString& message);
    void onCurrentRowChanged();

    TransactionTableModel* m_model;
    TransactionDetailModel* m_detail;
    TransactionFilterBar* m_filterBar;
    QTableView* m_table;
    QTableView* m_detailView;
    QPushButton* m_first;
    QPushButton* m_previous;
    QPushButton* m_next;
    QPushButton* m_last;
    QLabel* m_pageInfo;
    QLabel* m_error;
};

} // namespace flowlet::ui
