#include "ImportPreviewModel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace flowlet {

using ingest::LineDecision;

ImportPreviewModel::ImportPreviewModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ImportPreviewModel::setPlan(ingest::ImportPlan* plan)
{
    beginResetModel();
    m_plan = plan;
    m_proposed.clear();
    if (m_plan) {
        for (const auto& line : std::as_const(m_plan->lines)) {
            m_proposed.append(line.decision);
        }
    }
    endResetModel();
}

int ImportPreviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_plan ? 0 : int(m_plan->lines.size());
}

int ImportPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ImportPreviewModel::decisionText(LineDecision decision)
{
    switch (decision) {
    case LineDecision::New:
        return tr("New");
    case LineDecision::Duplicate:
        return tr("Duplicate");
    case LineDecision::Match:
        return tr("Possible match");
    case LineDecision::Statement:
        return tr("Statement line");
    }
    return {};
}

QVariant ImportPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!m_plan || !checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const ingest::PlannedLine& line = m_plan->lines.at(index.row());
    const ingest::StatementEntry& e = m_plan->entryOf(line);
    if (role == DecisionRole) {
        return static_cast<int>(line.decision);
    }
    if (index.column() == AddColumn) {
        if (role == Qt::CheckStateRole) {
            const bool adds = line.decision == LineDecision::New || line.decision == LineDecision::Statement;
            return adds ? Qt::Checked : Qt::Unchecked;
        }
        return {};
    }
    if (role == Qt::ForegroundRole && index.column() == AmountColumn && e.amount.isNegative()) {
        return QBrush(QColor(0xb0, 0x1c, 0x1c));
    }
    if (role == Qt::TextAlignmentRole && index.column() == AmountColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && (index.column() == ReasonColumn || index.column() == TextColumn)) {
        return index.column() == ReasonColumn ? reasonText(line) : e.remittanceText;
    }
    if (role == RawValueRole) {
        switch (index.column()) {
        case DateColumn:
            return e.bookingDate;
        case AmountColumn:
            return e.amount.toString();
        default:
            break;
        }
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case DateColumn:
        return QLocale().toString(e.bookingDate, QLocale::ShortFormat);
    case AmountColumn:
        return e.amount.toDisplayString();
    case CounterpartyColumn:
        return e.counterpartyName;
    case TextColumn:
        return e.remittanceText;
    case StatusColumn:
        return decisionText(line.decision);
    case ReasonColumn:
        return reasonText(line);
    default:
        return {};
    }
}

QString ImportPreviewModel::reasonText(const ingest::PlannedLine& line)
{
    // A new line has no de-duplication reason; its category proposal says what will happen to it.
    if (line.decision != LineDecision::New || !line.categoryId) {
        return line.reason;
    }
    if (line.categorySource == u"rule") {
        return tr("Category %1 (by rule)").arg(line.categoryName);
    }
    return tr("Category %1 (learned, %2 % sure)").arg(line.categoryName).arg(line.categoryConfidence);
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case AddColumn:
        return tr("Add");
    case DateColumn:
        return tr("Booked");
    case AmountColumn:
        return tr("Amount");
    case CounterpartyColumn:
        return tr("Counterparty");
    case TextColumn:
        return tr("Text");
    case StatusColumn:
        return tr("Status");
    case ReasonColumn:
        return tr("Why");
    default:
        return {};
    }
}

Qt::ItemFlags ImportPreviewModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (m_plan && index.isValid() && index.column() == AddColumn) {
        // Only a line the pipeline held back can be added anyway (and taken back again).
        const LineDecision proposed = m_proposed.at(index.row());
        if (proposed == LineDecision::Duplicate || proposed == LineDecision::Match) {
            f |= Qt::ItemIsUserCheckable;
        }
    }
    return f;
}

bool ImportPreviewModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!m_plan || role != Qt::CheckStateRole || index.column() != AddColumn ||
        !(flags(index) & Qt::ItemIsUserCheckable)) {
        return false;
    }
    const bool add = value.toInt() == Qt::Checked;
    ingest::PlannedLine& line = m_plan->lines[index.row()];
    const LineDecision wanted = add ? (m_plan->statementOnly ? LineDecision::Statement : LineDecision::New)
                                    : m_proposed.at(index.row());
    if (line.decision == wanted) {
        return true;
    }
    line.decision = wanted;
    Q_EMIT dataChanged(this->index(index.row(), AddColumn), this->index(index.row(), ReasonColumn));
    Q_EMIT decisionsChanged();
    return true;
}

} // namespace flowlet
