#include "ReconciliationListModel.h"

#include "PendingWork.h"
#include "core/Logging.h"

#include <QBrush>
#include <QColor>

namespace flowlet {

namespace {

struct PageResult
{
    ReviewItems items;
    std::optional<Error> error;
};

qint64 totalOf(const ReviewItems& page, ReviewList list)
{
    switch (list) {
    case ReviewList::Matched: return page.matchedTotal;
    case ReviewList::Suggested: return page.suggestedTotal;
    case ReviewList::UnmatchedStatement: return page.unmatchedStatementTotal;
    case ReviewList::UnmatchedBook: return page.unmatchedBookTotal;
    }
    return 0;
}

} // namespace

ReconciliationListModel::ReconciliationListModel(DatabasePtr db, ReviewList list, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(std::move(db))
    , m_list(list)
{
}

ReconciliationListModel::~ReconciliationListModel()
{
    waitForPendingWork(this);
}

int ReconciliationListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(loadedRows());
}

bool ReconciliationListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_sessionId && !m_loading && loadedRows() > 0 && loadedRows() < m_total;
}

void ReconciliationListModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent)) {
        request(Load::Append);
    }
}

void ReconciliationListModel::setSession(std::optional<qint64> sessionId)
{
    m_sessionId = sessionId;
    reload();
}

void ReconciliationListModel::setPageSize(int rows)
{
    m_pageSize = std::clamp(rows, 1, 5000);
}

void ReconciliationListModel::reload()
{
    if (!m_sessionId) {
        ++m_generation; // whatever is under way is for a session no longer shown
        if (loadedRows() > 0) {
            beginResetModel();
            clearRows();
            endResetModel();
        }
        setTotal(0);
        setLoading(false);
        return;
    }
    request(Load::Replace);
}

void ReconciliationListModel::adjustQuery(ReviewQuery&) const
{
}

QVariant ReconciliationListModel::amountData(const Money& amount, int role)
{
    switch (role) {
    case Qt::DisplayRole: return amount.isValid() ? amount.toDisplayString() : QString();
    case RawValueRole: return amount.isValid() ? amount.toString() : QString();
    case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole: return amount.isNegative() ? QVariant(QBrush(QColor(0xc6, 0x28, 0x28))) : QVariant();
    default: return {};
    }
}

QVariant ReconciliationListModel::textData(const QString& text, int role)
{
    return role == Qt::DisplayRole || role == RawValueRole || role == Qt::ToolTipRole ? QVariant(text) : QVariant();
}

QString ReconciliationListModel::entryHeader(EntryField field)
{
    switch (field) {
    case EntryField::Date: return tr("Date");
    case EntryField::Counterparty: return tr("Counterparty");
    case EntryField::Description: return tr("Description");
    case EntryField::Reference: return tr("Reference");
    case EntryField::Amount: return tr("Amount");
    }
    return {};
}

QVariant ReconciliationListModel::dateData(const QDate& date, int role)
{
    switch (role) {
    case Qt::DisplayRole: return date.toString(Qt::ISODate);
    case RawValueRole: return date;
    default: return {};
    }
}

void ReconciliationListModel::setLoading(bool loading)
{
    if (m_loading != loading) {
        m_loading = loading;
        Q_EMIT loadingChanged(loading);
    }
}

void ReconciliationListModel::setTotal(qint64 total)
{
    if (m_total != total) {
        m_total = total;
        Q_EMIT totalCountChanged(total);
    }
}

void ReconciliationListModel::request(Load mode)
{
    const quint64 generation = ++m_generation;
    setLoading(true);
    ReviewQuery query;
    query.only = m_list;
    query.limit = m_pageSize;
    query.offset = mode == Load::Append ? static_cast<int>(loadedRows()) : 0;
    adjustQuery(query);
    const qint64 session = *m_sessionId;
    const auto read = [db = m_db, session, query]() {
        PageResult result;
        // A reader of its own: the controller's Reconciliation remembers which version of the
        // session the user saw, and a page read must not move that on.
        auto page = Reconciliation(db, Actor {}).items(session, query);
        if (page) {
            result.items = std::move(page).value();
        } else {
            result.error = page.error();
        }
        return result;
    };
    runInPool<PageResult>(this, m_db->pool(), read, [this, generation, mode](PageResult result) {
        if (generation != m_generation) {
            return; // superseded by a newer request
        }
        if (result.error) {
            setLoading(false);
            qCWarning(lcModels) << "loading a reconciliation list failed:" << result.error->message();
            Q_EMIT errorOccurred(result.error->message());
            return;
        }
        // The total first, then the rows, and only then "not loading": views and testers call back
        // into canFetchMore()/fetchMore() from the change's signals.
        m_total = totalOf(result.items, m_list);
        const qsizetype n = rowsIn(result.items);
        if (mode == Load::Append) {
            if (n > 0) {
                const int first = static_cast<int>(loadedRows());
                beginInsertRows({}, first, first + static_cast<int>(n) - 1);
                take(result.items);
                endInsertRows();
            }
        } else {
            beginResetModel();
            clearRows();
            take(result.items);
            endResetModel();
        }
        Q_EMIT totalCountChanged(m_total);
        setLoading(false);
    });
}

} // namespace flowlet
