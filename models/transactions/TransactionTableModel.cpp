#include "TransactionTableModel.h"

#include "core/Logging.h"

#include <QBrush>
#include <QColor>
#include "PendingWork.h"

#include <QFutureWatcher>
#include <QLocale>
#include <QSet>
#include <QtConcurrent>

namespace flowlet {

namespace {

struct PageResult
{
    QList<TransactionRow> rows;
    std::optional<Error> error;
};

struct CountResult
{
    qint64 count = -1;
    std::optional<Error> error;
};

} // namespace

TransactionTableModel::TransactionTableModel(DatabasePtr db, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_repository(std::move(db))
{
}

TransactionTableModel::~TransactionTableModel()
{
    waitForPendingWork(this);
}

int TransactionTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TransactionTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransactionTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const TransactionRow& r = m_rows.at(index.row());
    if (role == IdRole) {
        return r.id;
    }
    if (role == Qt::TextAlignmentRole) {
        return index.column() == Amount ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                        : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ForegroundRole && index.column() == Amount && r.amount.isNegative()) {
        return QBrush(QColor(0xc6, 0x28, 0x28));
    }
    if (role == Qt::ToolTipRole && index.column() == Description) {
        return r.description;
    }
    if (role != Qt::DisplayRole && role != RawValueRole) {
        return {};
    }
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case Date:
        return raw ? QVariant(r.occurredAt)
                   : QVariant(QLocale().toString(r.occurredAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm")));
    case Account: return r.accountName;
    case Counterparty: return r.counterparty;
    case Description: return r.description;
    case Amount: return raw ? r.amount.toString() : r.amount.toDisplayString();
    case Category: return r.category;
    case Channel: return r.channel;
    case Country: return r.country;
    case Status: return r.status;
    default: return {};
    }
}

QVariant TransactionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Date: return tr("Date");
    case Account: return tr("Account");
    case Counterparty: return tr("Counterparty");
    case Description: return tr("Description");
    case Amount: return tr("Amount");
    case Category: return tr("Category");
    case Channel: return tr("Channel");
    case Country: return tr("Country");
    case Status: return tr("Status");
    default: return {};
    }
}

bool TransactionTableModel::isSortable(int column)
{
    // Only orderings with a (key, id) index can be paged by keyset without sorting the table.
    return column == Date || column == Amount;
}

int TransactionTableModel::sortColumn() const
{
    return m_sort.key == TransactionSortKey::Amount ? Amount : Date;
}

void TransactionTableModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column)) {
        return;
    }
    const TransactionSort wanted{column == Amount ? TransactionSortKey::Amount : TransactionSortKey::OccurredAt,
                                 order == Qt::DescendingOrder};
    if (wanted == m_sort && (m_loading || !m_rows.isEmpty())) {
        return;
    }
    m_sort = wanted;
    firstPage();
}

void TransactionTableModel::setPageSize(int rows)
{
    m_pageSize = std::clamp(rows, 20, 5000);
}

void TransactionTableModel::setFilter(const TransactionFilter& filter)
{
    m_filter = filter;
    reload();
}

qint64 TransactionTableModel::transactionId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

Qt::ItemFlags TransactionTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (m_categoryEditable && index.isValid() && index.column() == Category) {
        f |= Qt::ItemIsEditable;
    }
    return f;
}

void TransactionTableModel::showCategory(const QList<qint64>& transactionIds, const QString& categoryName)
{
    const QSet<qint64> ids(transactionIds.begin(), transactionIds.end());
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (ids.contains(m_rows.at(row).id)) {
            m_rows[row].category = categoryName;
            first = first < 0 ? row : first;
            last = row;
        }
    }
    if (first >= 0) {
        Q_EMIT dataChanged(index(first, Category), index(last, Category), {Qt::DisplayRole, RawValueRole});
    }
}

bool TransactionTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_loading && !m_atEnd && !m_rows.isEmpty() && m_rows.size() < maxRows();
}

void TransactionTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    request(Load::Append, PageDirection::Forward, m_rows.last().cursor);
}

void TransactionTableModel::reload()
{
    requestCount();
    firstPage();
}

void TransactionTableModel::firstPage()
{
    request(Load::Replace, PageDirection::Forward, std::nullopt);
}

void TransactionTableModel::nextPage()
{
    if (m_rows.isEmpty() || m_atEnd) {
        return;
    }
    request(Load::Replace, PageDirection::Forward, m_rows.last().cursor);
}

void TransactionTableModel::previousPage()
{
    if (m_rows.isEmpty() || m_atStart) {
        return;
    }
    request(Load::Replace, PageDirection::Backward, m_rows.first().cursor);
}

void TransactionTableModel::lastPage()
{
    request(Load::Replace, PageDirection::Backward, std::nullopt);
}

void TransactionTableModel::setLoading(bool loading)
{
    if (m_loading != loading) {
        m_loading = loading;
        Q_EMIT loadingChanged(loading);
    }
}

void TransactionTableModel::request(Load mode, PageDirection direction, std::optional<TransactionCursor> cursor)
{
    const quint64 generation = ++m_generation;
    setLoading(true);
    // One row more than a page tells whether another page follows, without counting.
    const int limit = m_pageSize + 1;
    const TransactionRepository repository = m_repository;
    const TransactionFilter filter = m_filter;
    const TransactionSort sort = m_sort;
    auto* watcher = new QFutureWatcher<PageResult>(this);
    connect(watcher, &QFutureWatcher<PageResult>::finished, this, [=, this] {
        watcher->deleteLater();
        if (generation != m_generation) {
            return; // superseded by a newer request
        }
        PageResult result = watcher->result();
        if (result.error) {
            setLoading(false);
            qCWarning(lcModels) << "loading transactions failed:" << result.error->message();
            Q_EMIT errorOccurred(result.error->message());
            return;
        }
        QList<TransactionRow>& rows = result.rows;
        const bool more = rows.size() > m_pageSize;
        if (more) {
            // The extra row lies beyond the page: after it going forward, before it going backward.
            if (direction == PageDirection::Forward) {
                rows.removeLast();
            } else {
                rows.removeFirst();
            }
        }
        // Paging state first, then the change, and only then "not loading": views and testers call
        // back into canFetchMore()/fetchMore() from the change's signals, and must not start a
        // second load from a half-applied state.
        if (mode == Load::Append) {
            m_atEnd = !more;
            if (!rows.isEmpty()) {
                beginInsertRows({}, static_cast<int>(m_rows.size()), static_cast<int>(m_rows.size() + rows.size() - 1));
                m_rows.append(rows);
                endInsertRows();
            }
        } else {
            if (direction == PageDirection::Forward) {
                m_atStart = !cursor.has_value();
                m_atEnd = !more;
            } else {
                m_atEnd = !cursor.has_value();
                m_atStart = !more;
            }
            beginResetModel();
            m_rows = std::move(rows);
            endResetModel();
        }
        setLoading(false);
        Q_EMIT pageStateChanged();
    });
    watcher->setFuture(QtConcurrent::run(m_db->pool(), [=]() {
        PageResult result;
        auto page = repository.page(filter, sort, direction, cursor, limit);
        if (page) {
            result.rows = std::move(page).value();
        } else {
            result.error = page.error();
        }
        return result;
    }));
}

void TransactionTableModel::requestCount()
{
    const quint64 generation = ++m_countGeneration;
    if (m_totalCount != -1) {
        m_totalCount = -1;
        Q_EMIT totalCountChanged(-1);
    }
    const TransactionRepository repository = m_repository;
    const TransactionFilter filter = m_filter;
    auto* watcher = new QFutureWatcher<CountResult>(this);
    connect(watcher, &QFutureWatcher<CountResult>::finished, this, [=, this] {
        watcher->deleteLater();
        if (generation != m_countGeneration) {
            return;
        }
        const CountResult result = watcher->result();
        if (result.error) {
            Q_EMIT errorOccurred(result.error->message());
            return;
        }
        m_totalCount = result.count;
        Q_EMIT totalCountChanged(m_totalCount);
    });
    watcher->setFuture(QtConcurrent::run(m_db->pool(), [=]() {
        CountResult result;
        auto count = repository.count(filter);
        if (count) {
            result.count = *count;
        } else {
            result.error = count.error();
        }
        return result;
    }));
}

} // namespace flowlet
