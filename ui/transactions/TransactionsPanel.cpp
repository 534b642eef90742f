#include "TransactionsPanel.h"

#include "RuleDialog.h"
#include "TransactionFilterBar.h"
#include "Widgets.h"
#include "auth/Permissions.h"
#include "core/Settings.h"
#include "transactions/TransactionActions.h"
#include "transactions/TransactionDetailModel.h"
#include "transactions/TransactionTableModel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QInputDialog>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QDir>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace flowlet::ui {

namespace {

// The category cell's editor: a list of the categories; choosing one stores it through the
// panel (the model only shows what was stored).
class CategoryDelegate final : public QStyledItemDelegate
{
public:
    using Chosen = std::function<void(const QModelIndex&, std::optional<qint64>)>;
    CategoryDelegate(const QList<CategoryInfo>* categories, Chosen chosen, QObject* parent)
        : QStyledItemDelegate(parent)
        , m_categories(categories)
        , m_chosen(std::move(chosen))
    {
    }

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const override
    {
        auto* combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("categoryEditor"));
        combo->addItem(TransactionsPanel::tr("(no category)"));
        for (const CategoryInfo& c : *m_categories) {
            combo->addItem(c.name, c.id);
        }
        return combo;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        auto* combo = static_cast<QComboBox*>(editor);
        combo->setCurrentIndex(std::max(0, combo->findText(index.data().toString())));
    }
    void setModelData(QWidget* editor, QAbstractItemModel*, const QModelIndex& index) const override
    {
        auto* combo = static_cast<QComboBox*>(editor);
        if (combo->currentText() == index.data().toString()) {
            return; // unchanged
        }
        const QVariant id = combo->currentData();
        m_chosen(index, id.isValid() ? std::optional<qint64>(id.toLongLong()) : std::nullopt);
    }

private:
    const QList<CategoryInfo>* m_categories;
    Chosen m_chosen;
};

QToolButton* toolButton(const QString& text, const QString& objectName, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setObjectName(objectName);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

} // namespace

TransactionsPanel::TransactionsPanel(const PanelContext& context, QWidget* parent)
    : QWidget(parent)
    , m_access(context.access)
    , m_model(new TransactionTableModel(context.database, this))
    , m_detail(new TransactionDetailModel(context.database, this))
    , m_actions(new TransactionActions(context.database, context.actor(), this))
    , m_filterBar(new TransactionFilterBar(this))
    , m_views(new QComboBox(this))
    , m_saveView(toolButton(tr("Save view…"), QStringLiteral("saveViewButton"), this))
    , m_deleteView(toolButton(tr("Delete view"), QStringLiteral("deleteViewButton"), this))
    , m_setCategory(toolButton(tr("Set category"), QStringLiteral("setCategoryButton"), this))
    , m_categoryMenu(new QMenu(this))
    , m_ruleFromRow(toolButton(tr("Rule from row…"), QStringLiteral("ruleFromRowButton"), this))
    , m_columns(toolButton(tr("Columns"), QStringLiteral("columnsButton"), this))
    , m_export(toolButton(tr("Export CSV…"), QStringLiteral("exportButton"), this))
    , m_table(new QTableView(this))
    , m_detailView(new QTableView(this))
    , m_first(new QPushButton(tr("First"), this))
    , m_previous(new QPushButton(tr("Previous"), this))
    , m_next(new QPushButton(tr("Next"), this))
    , m_last(new QPushButton(tr("Last"), this))
    , m_pageInfo(new QLabel(this))
    , m_error(new QLabel(this))
    , m_status(new QLabel(this))
    , m_cancelExport(new QPushButton(tr("Cancel export"), this))
{
    setObjectName(QStringLiteral("transactionsPanel"));
    m_table->setObjectName(QStringLiteral("transactionsTable"));
    m_detailView->setObjectName(QStringLiteral("transactionDetail"));
    m_first->setObjectName(QStringLiteral("firstPageButton"));
    m_previous->setObjectName(QStringLiteral("previousPageButton"));
    m_next->setObjectName(QStringLiteral("nextPageButton"));
    m_last->setObjectName(QStringLiteral("lastPageButton"));
    m_pageInfo->setObjectName(QStringLiteral("pageInfoLabel"));
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_cancelExport->setObjectName(QStringLiteral("cancelExportButton"));
    m_views->setObjectName(QStringLiteral("viewCombo"));
    m_categoryMenu->setObjectName(QStringLiteral("categoryMenu"));

    m_model->setPageSize(Settings().transactionsPageSize());

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    m_table->horizontalHeader()->setSectionsClickable(true);
    m_table->horizontalHeader()->setSortIndicator(TransactionTableModel::Date, Qt::DescendingOrder);
    m_table->setColumnWidth(TransactionTableModel::Date, 130);
    m_table->setColumnWidth(TransactionTableModel::Account, 130);
    m_table->setColumnWidth(TransactionTableModel::Counterparty, 160);
    m_table->setColumnWidth(TransactionTableModel::Description, 240);
    m_table->setColumnWidth(TransactionTableModel::Amount, 120);
    m_table->setColumnWidth(TransactionTableModel::Category, 110);
    m_table->setColumnWidth(TransactionTableModel::Channel, 70);
    m_table->setColumnWidth(TransactionTableModel::Country, 60);
    if (const QByteArray state = Settings().transactionsHeaderState(); !state.isEmpty()) {
        m_table->horizontalHeader()->restoreState(state);
    }
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->horizontalHeader()->setSectionsMovable(true);

    const bool canCategorise = m_access.has(Permission::TransactionsCategorize);
    m_model->setCategoryEditable(canCategorise);
    m_table->setEditTriggers(canCategorise ? QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                           : QAbstractItemView::NoEditTriggers);
    m_table->setItemDelegateForColumn(
        TransactionTableModel::Category,
        new CategoryDelegate(&m_categories,
                             [this](const QModelIndex& index, std::optional<qint64> category) {
                                 m_actions->assignCategory({m_model->transactionId(index.row())}, category);
                             },
                             this));

    m_detailView->setModel(m_detail);
    m_detailView->verticalHeader()->hide();
    m_detailView->horizontalHeader()->setStretchLastSection(true);
    m_detailView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_detailView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_detailView->setWordWrap(true);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detailView);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({1000, 320});
    m_detailView->setColumnWidth(TransactionDetailModel::Field, 130);

    m_error->setVisible(false);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));

    auto* nav = new QHBoxLayout;
    m_first->setToolTip(tr("First page (Ctrl+Home)"));
    m_previous->setToolTip(tr("Previous page (Alt+Left)"));
    m_next->setToolTip(tr("Next page (Alt+Right)"));
    m_last->setToolTip(tr("Last page (Ctrl+End)"));
    nav->addWidget(m_first);
    nav->addWidget(m_previous);
    nav->addWidget(m_next);
    nav->addWidget(m_last);
    nav->addSpacing(12);
    nav->addWidget(m_pageInfo, 1);

    m_views->setMinimumContentsLength(18);
    m_views->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_views->setToolTip(tr("Saved views: a filter and sort order under a name"));
    m_setCategory->setMenu(m_categoryMenu);
    m_setCategory->setPopupMode(QToolButton::InstantPopup);
    m_setCategory->setToolTip(tr("Set the category of the selected transactions"));
    m_ruleFromRow->setToolTip(tr("Create a categorisation rule from the selected transaction"));
    m_export->setToolTip(tr("Write every transaction the filter matches to a CSV file"));
    auto* columnsMenu = new QMenu(this);
    columnsMenu->setObjectName(QStringLiteral("columnsMenu"));
    connect(columnsMenu, &QMenu::aboutToShow, this, [this, columnsMenu] { fillColumnsMenu(columnsMenu); });
    m_columns->setMenu(columnsMenu);
    m_columns->setPopupMode(QToolButton::InstantPopup);
    m_columns->setToolTip(tr("Choose the columns to show"));
    m_setCategory->setVisible(canCategorise);
    m_ruleFromRow->setVisible(m_access.has(Permission::RulesManage));
    m_export->setVisible(m_access.has(Permission::TransactionsExport));

    auto* tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("View"), this));
    tools->addWidget(m_views);
    tools->addWidget(m_saveView);
    tools->addWidget(m_deleteView);
    tools->addSpacing(12);
    tools->addWidget(m_setCategory);
    tools->addWidget(m_ruleFromRow);
    tools->addStretch(1);
    tools->addWidget(m_columns);
    tools->addWidget(m_export);

    m_status->setVisible(false);
    m_cancelExport->setVisible(false);
    nav->addWidget(m_status);
    nav->addWidget(m_cancelExport);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filterBar);
    layout->addLayout(tools);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);
    layout->addLayout(nav);

    connect(m_filterBar, &TransactionFilterBar::filterChanged, m_model, &TransactionTableModel::setFilter);
    connect(m_first, &QPushButton::clicked, m_model, &TransactionTableModel::firstPage);
    connect(m_previous, &QPushButton::clicked, m_model, &TransactionTableModel::previousPage);
    connect(m_next, &QPushButton::clicked, m_model, &TransactionTableModel::nextPage);
    connect(m_last, &QPushButton::clicked, m_model, &TransactionTableModel::lastPage);
    connect(m_model, &TransactionTableModel::pageStateChanged, this, &TransactionsPanel::updatePageState);
    connect(m_model, &TransactionTableModel::loadingChanged, this, &TransactionsPanel::updatePageState);
    connect(m_model, &TransactionTableModel::totalCountChanged, this, &TransactionsPanel::updatePageState);
    connect(m_model, &TransactionTableModel::errorOccurred, this, &TransactionsPanel::showError);
    connect(m_detail, &TransactionDetailModel::errorOccurred, this, &TransactionsPanel::showError);
    connect(m_model, &QAbstractItemModel::modelReset, m_detail, &TransactionDetailModel::clear);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this](int column, Qt::SortOrder order) {
                if (!TransactionTableModel::isSortable(column)) {
                    // Keep showing the order that is really in force.
                    const QSignalBlocker blocker(m_table->horizontalHeader());
                    m_table->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
                    return;
                }
                m_model->sort(column, order);
            });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TransactionsPanel::onCurrentRowChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TransactionsPanel::updateActions);
    connect(m_table->horizontalHeader(), &QHeaderView::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu;
        fillColumnsMenu(&menu);
        menu.exec(m_table->horizontalHeader()->mapToGlobal(at));
    });
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, &TransactionsPanel::saveHeaderState);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionMoved, this, &TransactionsPanel::saveHeaderState);

    connect(m_views, &QComboBox::activated, this, &TransactionsPanel::applyView);
    connect(m_saveView, &QToolButton::clicked, this, &TransactionsPanel::saveView);
    connect(m_deleteView, &QToolButton::clicked, this, &TransactionsPanel::deleteView);
    connect(m_ruleFromRow, &QToolButton::clicked, this, &TransactionsPanel::ruleFromRow);
    connect(m_export, &QToolButton::clicked, this, &TransactionsPanel::exportRows);
    connect(m_cancelExport, &QPushButton::clicked, m_actions, &TransactionActions::cancelExport);

    connect(m_actions, &TransactionActions::failed, this, [this](const QString& message) {
        m_status->setVisible(false);
        m_cancelExport->setVisible(false);
        updateActions();
        m_error->setText(message);
        m_error->setVisible(true);
    });
    connect(m_actions, &TransactionActions::categoriesLoaded, this, [this](const QList<CategoryInfo>& categories) {
        m_categories = categories;
        m_filterBar->setCategories(categories);
        rebuildCategoryMenu(categories);
    });
    connect(m_actions, &TransactionActions::categoryAssigned, this,
            [this](const QList<qint64>& ids, const QString& name, int changed) {
                m_model->showCategory(ids, name);
                showStatus(name.isEmpty() ? tr("Category removed from %n transaction(s).", nullptr, changed)
                                          : tr("%1 set on %n transaction(s).", nullptr, changed).arg(name));
            });
    connect(m_actions, &TransactionActions::ruleDrafted, this, &TransactionsPanel::openRuleDialog);
    connect(m_actions, &TransactionActions::ruleCreated, this, [this](qint64, const QString& name) {
        showStatus(tr("Rule \"%1\" saved: it applies to the next imports.").arg(name));
    });
    connect(m_actions, &TransactionActions::viewsLoaded, this, &TransactionsPanel::onViewsLoaded);
    connect(m_actions, &TransactionActions::viewSaved, this, [this](qint64, const QString& name) {
        m_pendingView = name;
        showStatus(tr("View \"%1\" saved.").arg(name));
    });
    connect(m_actions, &TransactionActions::exportProgress, this, [this](qint64 rows) {
        m_status->setText(tr("Exporting… %1 rows").arg(QLocale().toString(rows)));
    });
    connect(m_actions, &TransactionActions::exportFinished, this, [this](qint64 rows, const QString& path) {
        m_cancelExport->setVisible(false);
        updateActions();
        showStatus(tr("%1 transactions exported to %2.").arg(QLocale().toString(rows), QDir::toNativeSeparators(path)));
    });

    auto shortcut = [this](const QKeySequence& keys, auto slot) {
        auto* s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_F), [this] { m_filterBar->focusSearch(); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Home), [this] { m_model->firstPage(); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_End), [this] { m_model->lastPage(); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Left), [this] { m_model->previousPage(); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Right), [this] { m_model->nextPage(); });

    updatePageState();
    updateActions();
    onViewsLoaded({});
    m_model->reload();
    m_actions->loadCategories();
    m_actions->loadViews();
}

TransactionsPanel::~TransactionsPanel()
{
    // The header reports resizes while the table is torn down; nothing is left to save then.
    m_table->horizontalHeader()->disconnect(this);
}

QList<qint64> TransactionsPanel::selectedTransactionIds() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows()) {
        rows << index.row();
    }
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (int row : rows) {
        ids << m_model->transactionId(row);
    }
    return ids;
}

void TransactionsPanel::updateActions()
{
    const int selected = static_cast<int>(m_table->selectionModel()->selectedRows().size());
    m_setCategory->setEnabled(selected > 0 && !m_categories.isEmpty());
    m_ruleFromRow->setEnabled(selected == 1 && !m_categories.isEmpty());
    m_export->setEnabled(!m_actions->isExporting());
    m_deleteView->setEnabled(m_views->currentData().isValid());
}

void TransactionsPanel::showStatus(const QString& message)
{
    m_error->setVisible(false);
    m_status->setText(message);
    m_status->setVisible(true);
}

void TransactionsPanel::rebuildCategoryMenu(const QList<CategoryInfo>& categories)
{
    m_categoryMenu->clear();
    auto assign = [this](std::optional<qint64> category) {
        const QList<qint64> ids = selectedTransactionIds();
        if (!ids.isEmpty()) {
            m_actions->assignCategory(ids, category);
        }
    };
    for (const CategoryInfo& c : categories) {
        QAction* a = m_categoryMenu->addAction(c.name);
        a->setData(c.id);
        connect(a, &QAction::triggered, this, [assign, id = c.id] { assign(id); });
    }
    m_categoryMenu->addSeparator();
    QAction* none = m_categoryMenu->addAction(tr("No category"));
    connect(none, &QAction::triggered, this, [assign] { assign(std::nullopt); });
    updateActions();
}

void TransactionsPanel::onViewsLoaded(const QList<SavedView>& views)
{
    m_savedViews = views;
    const QString current = m_pendingView.isEmpty() ? m_views->currentText() : m_pendingView;
    m_pendingView.clear();
    const QSignalBlocker blocker(m_views);
    m_views->clear();
    m_views->addItem(tr("All transactions"));
    for (const SavedView& v : views) {
        m_views->addItem(v.name, v.id);
    }
    m_views->setCurrentIndex(std::max(0, m_views->findText(current)));
    updateActions();
}

void TransactionsPanel::applyView(int index)
{
    const QVariant id = m_views->itemData(index);
    if (!id.isValid()) {
        m_filterBar->clear();
        m_model->sort(TransactionTableModel::Date, Qt::DescendingOrder);
        m_table->horizontalHeader()->setSortIndicator(TransactionTableModel::Date, Qt::DescendingOrder);
        updateActions();
        return;
    }
    for (const SavedView& v : std::as_const(m_savedViews)) {
        if (v.id == id.toLongLong()) {
            const int column = v.sort.key == TransactionSortKey::Amount ? TransactionTableModel::Amount
                                                                        : TransactionTableModel::Date;
            const Qt::SortOrder order = v.sort.descending ? Qt::DescendingOrder : Qt::AscendingOrder;
            {
                const QSignalBlocker blocker(m_table->horizontalHeader());
                m_table->horizontalHeader()->setSortIndicator(column, order);
            }
            m_model->sort(column, order);
            m_filterBar->setFilter(v.filter);
        }
    }
    updateActions();
}

void TransactionsPanel::saveView()
{
    const auto filter = m_filterBar->currentFilter();
    if (!filter) {
        showError(tr("an amount in the filter is not a number"));
        return;
    }
    auto* dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("saveViewDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Save view"));
    dialog->setLabelText(tr("Name of the view (a view of the same name is replaced):"));
    dialog->setTextValue(m_views->currentData().isValid() ? m_views->currentText() : QString());
    const TransactionSort sort{m_model->sortColumn() == TransactionTableModel::Amount ? TransactionSortKey::Amount
                                                                                     : TransactionSortKey::OccurredAt,
                               m_model->sortOrder() == Qt::DescendingOrder};
    connect(dialog, &QInputDialog::textValueSelected, this, [this, filter = *filter, sort](const QString& name) {
        if (!name.trimmed().isEmpty()) {
            m_actions->saveView(name, filter, sort);
        }
    });
    dialog->open();
}

void TransactionsPanel::deleteView()
{
    const QVariant id = m_views->currentData();
    if (!id.isValid()) {
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete view"),
                                tr("Delete the view \"%1\"? The transactions are not affected.").arg(m_views->currentText()),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteViewConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, [this, id] {
        m_views->setCurrentIndex(0);
        m_actions->removeView(id.toLongLong());
    });
    box->open();
}

void TransactionsPanel::ruleFromRow()
{
    const QList<qint64> ids = selectedTransactionIds();
    if (ids.size() != 1 || m_categories.isEmpty()) {
        return;
    }
    // The row's own category if it has one; the user picks another in the dialog.
    const int row = m_table->selectionModel()->selectedRows().first().row();
    const QString current = m_model->index(row, TransactionTableModel::Category).data().toString();
    qint64 category = m_categories.first().id;
    for (const CategoryInfo& c : std::as_const(m_categories)) {
        if (c.name == current) {
            category = c.id;
        }
    }
    m_actions->draftRule(ids.first(), category);
}

void TransactionsPanel::openRuleDialog(const CategoryRule& draft)
{
    auto* dialog = new RuleDialog(draft, m_categories, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { m_actions->createRule(dialog->rule()); });
    dialog->open();
}

void TransactionsPanel::exportRows()
{
    const auto filter = m_filterBar->currentFilter();
    if (!filter) {
        showError(tr("an amount in the filter is not a number"));
        return;
    }
    const TransactionSort sort{m_model->sortColumn() == TransactionTableModel::Amount ? TransactionSortKey::Amount
                                                                                     : TransactionSortKey::OccurredAt,
                               m_model->sortOrder() == Qt::DescendingOrder};
    QFileDialog* dialog =
        csvSaveDialog(this, tr("Export transactions"), "exportFileDialog", QStringLiteral("transactions"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, filter = *filter, sort](const QString& path) {
        m_actions->exportCsv(path, filter, sort);
        m_status->setText(tr("Exporting…"));
        m_status->setVisible(true);
        m_cancelExport->setVisible(true);
        updateActions();
    });
    dialog->open();
}

void TransactionsPanel::fillColumnsMenu(QMenu* menu)
{
    menu->clear();
    QHeaderView* header = m_table->horizontalHeader();
    const int visible = header->count() - header->hiddenSectionCount();
    for (int column = 0; column < m_model->columnCount(); ++column) {
        QAction* a = menu->addAction(m_model->headerData(column, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(column));
        a->setEnabled(header->isSectionHidden(column) || visible > 1); // the last column stays
        a->setData(column);
        connect(a, &QAction::toggled, this, [this, column](bool shown) {
            m_table->setColumnHidden(column, !shown);
            saveHeaderState();
        });
    }
}

void TransactionsPanel::saveHeaderState()
{
    Settings().setTransactionsHeaderState(m_table->horizontalHeader()->saveState());
}

void TransactionsPanel::onCurrentRowChanged()
{
    const QModelIndex current = m_table->currentIndex();
    const qint64 id = current.isValid() ? m_model->transactionId(current.row()) : 0;
    if (id > 0) {
        m_detail->load(id);
    } else {
        m_detail->clear();
    }
}

void TransactionsPanel::showError(const QString& message)
{
    m_error->setText(tr("Could not load transactions: %1. Check the connection and try again.").arg(message));
    m_error->setVisible(true);
}

void TransactionsPanel::updatePageState()
{
    const bool loading = m_model->isLoading();
    m_first->setEnabled(!loading && m_model->hasPreviousPage());
    m_previous->setEnabled(!loading && m_model->hasPreviousPage());
    m_next->setEnabled(!loading && m_model->hasNextPage());
    m_last->setEnabled(!loading && m_model->hasNextPage());
    if (!loading) {
        m_error->setVisible(false);
    }

    const QLocale locale;
    const qint64 total = m_model->totalCount();
    const QString matching = total < 0 ? tr("counting…") : tr("%1 transactions match").arg(locale.toString(total));
    QString shown;
    if (loading) {
        shown = tr("Loading…");
    } else if (m_model->rowCount() == 0) {
        shown = tr("No transactions");
    } else {
        const QString rows = locale.toString(m_model->rowCount());
        const bool atStart = !m_model->hasPreviousPage();
        const bool atEnd = !m_model->hasNextPage();
        if (atStart && atEnd) {
            shown = tr("Showing all %1 rows").arg(rows);
        } else if (atStart) {
            shown = tr("Showing the first %1 rows").arg(rows);
        } else if (atEnd) {
            shown = tr("Showing the last %1 rows").arg(rows);
        } else {
            shown = tr("Showing %1 rows").arg(rows);
        }
    }
    m_pageInfo->setText(shown + QStringLiteral(" · ") + matching);
}

} // namespace flowlet::ui
