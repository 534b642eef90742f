#include "TransactionsPanel.h"

#include "TransactionFilterBar.h"
#include "core/Settings.h"
#include "transactions/TransactionDetailModel.h"
#include "transactions/TransactionTableModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace flowlet::ui {

TransactionsPanel::TransactionsPanel(DatabasePtr db, QWidget* parent)
    : QWidget(parent)
    , m_model(new TransactionTableModel(db, this))
    , m_detail(new TransactionDetailModel(db, this))
    , m_filterBar(new TransactionFilterBar(this))
    , m_table(new QTableView(this))
    , m_detailView(new QTableView(this))
    , m_first(new QPushButton(tr("First"), this))
    , m_previous(new QPushButton(tr("Previous"), this))
    , m_next(new QPushButton(tr("Next"), this))
    , m_last(new QPushButton(tr("Last"), this))
    , m_pageInfo(new QLabel(this))
    , m_error(new QLabel(this))
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

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filterBar);
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
    m_model->reload();
}

TransactionsPanel::~TransactionsPanel() = default;

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
