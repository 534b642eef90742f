#include "ReconciliationMatchModel.h"

namespace flowlet {

namespace {

// "Counterparty — text" of a statement line or a book entry.
template <typename T>
QString labelOf(const T& item)
{
    if (item.counterparty.isEmpty()) {
        return item.description;
    }
    if (item.description.isEmpty()) {
        return item.counterparty;
    }
    return QStringLiteral("%1 — %2").arg(item.counterparty, item.description);
}

template <typename T>
QString labelsOf(const QList<T>& items, const QString& separator)
{
    QStringList labels;
    for (const T& item : items) {
        labels.append(labelOf(item));
    }
    return labels.join(separator);
}

// The lines' or entries' amounts added up (all of one currency: the session's).
template <typename T>
Money sumOf(const QList<T>& items)
{
    if (items.isEmpty()) {
        return {};
    }
    Money sum = items.first().amount;
    for (qsizetype i = 1; i < items.size(); ++i) {
        sum = sum.plus(items.at(i).amount).valueOr(sum);
    }
    return sum;
}

// With the date and the amount of each line or entry, for the tool tip.
template <typename T>
QString detailsOf(const QList<T>& items)
{
    QStringList rows;
    for (const T& item : items) {
        rows.append(QStringLiteral("%1  %2  %3")
                        .arg(item.bookingDate.toString(Qt::ISODate), item.amount.toDisplayString(), labelOf(item)));
    }
    return rows.join(u'\n');
}

} // namespace

ReconciliationMatchModel::ReconciliationMatchModel(DatabasePtr db, ReviewList list, QObject* parent)
    : ReconciliationListModel(std::move(db), list, parent)
{
    Q_ASSERT(list == ReviewList::Matched || list == ReviewList::Suggested);
}

int ReconciliationMatchModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const MatchView* ReconciliationMatchModel::match(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).match : nullptr;
}

QVariant ReconciliationMatchModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& r = m_rows.at(index.row());
    const MatchView& m = r.match;
    if (role == IdRole) {
        return m.id;
    }
    switch (index.column()) {
    case Date: {
        const QDate date = !m.statement.isEmpty() ? m.statement.first().bookingDate
            : !m.book.isEmpty()                   ? m.book.first().bookingDate
                                                  : QDate();
        return dateData(date, role);
    }
    case StatementAmount: return amountData(r.statementSum, role);
    case BookAmount: return amountData(r.bookSum, role);
    case Statement:
    case Book: {
        const bool statement = index.column() == Statement;
        if (role == Qt::ToolTipRole) {
            return statement ? detailsOf(m.statement) : detailsOf(m.book);
        }
        if (role == Qt::DisplayRole || role == RawValueRole) {
            return statement ? labelsOf(m.statement, QStringLiteral("; ")) : labelsOf(m.book, QStringLiteral("; "));
        }
        return {};
    }
    case Kind:
        if (role == RawValueRole) {
            return matchKindKey(m.kind);
        }
        return role == Qt::DisplayRole ? QVariant(kindName(m.kind)) : QVariant();
    case Score:
        if (role == Qt::TextAlignmentRole) {
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return role == Qt::DisplayRole || role == RawValueRole ? QVariant(m.score) : QVariant();
    case State:
        if (role == RawValueRole) {
            return matchStateKey(m.state);
        }
        return role == Qt::DisplayRole ? QVariant(stateName(m.state)) : QVariant();
    default: return {};
    }
}

QVariant ReconciliationMatchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Date: return tr("Date");
    case Statement: return tr("Statement");
    case StatementAmount: return tr("Statement amount");
    case Book: return tr("Book");
    case BookAmount: return tr("Book amount");
    case Kind: return tr("Match");
    case Score: return tr("Score");
    case State: return tr("State");
    default: return {};
    }
}

QString ReconciliationMatchModel::kindName(MatchKind kind)
{
    switch (kind) {
    case MatchKind::Exact: return tr("Exact");
    case MatchKind::Tolerance: return tr("Within tolerance");
    case MatchKind::OneToMany: return tr("One line, several entries");
    case MatchKind::ManyToOne: return tr("Several lines, one entry");
    case MatchKind::Manual: return tr("By hand");
    }
    return {};
}

QString ReconciliationMatchModel::stateName(MatchState state)
{
    switch (state) {
    case MatchState::Suggested: return tr("Suggested");
    case MatchState::Cleared: return tr("Cleared");
    case MatchState::Reconciled: return tr("Reconciled");
    }
    return {};
}

qsizetype ReconciliationMatchModel::rowsIn(const ReviewItems& page) const
{
    return list() == ReviewList::Matched ? page.matched.size() : page.suggested.size();
}

void ReconciliationMatchModel::take(ReviewItems& page)
{
    QList<MatchView>& matches = list() == ReviewList::Matched ? page.matched : page.suggested;
    for (MatchView& m : matches) {
        Row row;
        row.statementSum = sumOf(m.statement);
        row.bookSum = sumOf(m.book);
        row.match = std::move(m);
        m_rows.append(std::move(row));
    }
    matches.clear();
}

void ReconciliationMatchModel::clearRows()
{
    m_rows.clear();
}

} // namespace flowlet
