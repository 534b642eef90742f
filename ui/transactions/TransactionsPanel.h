#pragma once

#include "PanelRegistry.h"
#include "ledger/Categorisation.h"
#include "ledger/SavedViews.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QMenu;
class QPushButton;
class QTableView;
class QToolButton;

namespace flowlet {
class TransactionActions;
class TransactionDetailModel;
class TransactionTableModel;
} // namespace flowlet

namespace flowlet::ui {

class TransactionFilterBar;

// The transactions browser: filter bar and saved views, a paged table over the whole transactions
// table, page navigation and a detail pane for the selected row. With the permissions for it:
// setting the category of one row (in the table) or of the selected rows, a rule from a row, and
// export of every matching row to CSV. The columns shown are the user's choice (the Columns button
// or the header's context menu) and are kept between sessions.
class TransactionsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransactionsPanel)

public:
    explicit TransactionsPanel(const PanelContext& context, QWidget* parent = nullptr);
    ~TransactionsPanel() override;

    TransactionTableModel* tableModel() const { return m_model; }
    TransactionDetailModel* detailModel() const { return m_detail; }
    TransactionActions* actions() const { return m_actions; }

    // The ids of the selected rows, in table order.
    QList<qint64> selectedTransactionIds() const;

private:
    void updatePageState();
    void updateActions();
    void showError(const QString& message);
    void showStatus(const QString& message);
    void onCurrentRowChanged();
    void onViewsLoaded(const QList<SavedView>& views);
    void applyView(int index);
    void saveView();
    void deleteView();
    void rebuildCategoryMenu(const QList<CategoryInfo>& categories);
    void ruleFromRow();
    void openRuleDialog(const CategoryRule& draft);
    void exportRows();
    void fillColumnsMenu(QMenu* menu);
    void saveHeaderState();

    AccessContext m_access;
    TransactionTableModel* m_model;
    TransactionDetailModel* m_detail;
    TransactionActions* m_actions;
    TransactionFilterBar* m_filterBar;
    QComboBox* m_views;
    QToolButton* m_saveView;
    QToolButton* m_deleteView;
    QToolButton* m_setCategory;
    QMenu* m_categoryMenu;
    QToolButton* m_ruleFromRow;
    QToolButton* m_columns;
    QToolButton* m_export;
    QTableView* m_table;
    QTableView* m_detailView;
    QPushButton* m_first;
    QPushButton* m_previous;
    QPushButton* m_next;
    QPushButton* m_last;
    QLabel* m_pageInfo;
    QLabel* m_error;
    QLabel* m_status;
    QPushButton* m_cancelExport;
    QList<CategoryInfo> m_categories;
    QList<SavedView> m_savedViews;
    QString m_pendingView; // the view to select once the list arrives (just saved)
};

} // namespace flowlet::ui
