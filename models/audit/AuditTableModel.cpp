#include "AuditTableModel.h"

#include "PendingWork.h"
#include "core/Logging.h"

#include <QLocale>

namespace flowlet {

AuditTableModel::AuditTableModel(DatabasePtr db, Actor actor, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(std::move(db))
    , m_actor(std::move(actor))
{
}

AuditTableModel::~AuditTableModel()
{
    waitForPendingWork(this);
}

int AuditTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AuditTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const AuditRecord& r = m_rows.at(index.row());
    const AuditEntry& e = r.entry;
    switch (role) {
    case IdRole: return r.id;
    case BeforeRole: return e.before;
    case AfterRole: return e.after;
    case Qt::TextAlignmentRole:
        return index.column() == Entry ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                       : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DisplayRole:
    case RawValueRole: break;
    default: return {};
    }
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case Entry: return raw ? QVariant(r.id) : QVariant(QLocale().toString(r.id));
    case Time:
        return raw ? QVariant(r.at)
                   : QVariant(QLocale().toString(r.at.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    case User:
        if (raw) {
            return e.actorName;
        }
        return e.actorName.isEmpty() ? tr("(workspace owner)") : e.actorName;
    case Workstation: return e.workstation;
    case ApiKey:
        if (!e.apiKeyId) {
            return raw ? QVariant() : QVariant(QString());
        }
        return raw ? QVariant(*e.apiKeyId) : QVariant(tr("key #%1").arg(*e.apiKeyId));
    case Action: return e.action;
    case Object: return e.objectType;
    case ObjectId: return e.objectId;
    default: return {};
    }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Entry: return tr("Entry");
    case Time: return tr("Time");
    case User: return tr("User");
    case Workstation: return tr("Workstation");
    case ApiKey: return tr("API key");
    case Action: return tr("Action");
    case Object: return tr("Object");
    case ObjectId: return tr("Object id");
    default: return {};
    }
}

bool AuditTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_loading && m_more && !m_rows.isEmpty() && m_rows.size() < maxRows();
}

void AuditTableModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent)) {
        request(m_rows.last().id);
    }
}

void AuditTableModel::setPageSize(int rows)
{
    m_pageSize = std::clamp(rows, 10, 2000);
}

void AuditTableModel::setFilter(const AuditFilter& filter)
{
    m_filter = filter;
    reload();
}

const AuditRecord* AuditTableModel::record(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int AuditTableModel::rowOf(qint64 id) const
{
    // Newest first: ids fall down the list.
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), id,
                                     [](const AuditRecord& r, qint64 wanted) { return r.id > wanted; });
    return it != m_rows.cend() && it->id == id ? static_cast<int>(it - m_rows.cbegin()) : -1;
}

void AuditTableModel::reload()
{
    request(std::nullopt);
}

void AuditTableModel::setLoading(bool loading)
{
    if (m_loading != loading) {
        m_loading = loading;
        Q_EMIT loadingChanged(loading);
    }
}

void AuditTableModel::request(std::optional<qint64> beforeId)
{
    const quint64 generation = ++m_generation;
    setLoading(true);
    runInPool<Result<AuditPage>>(
        this, m_db->pool(),
        [db = m_db, actor = m_actor, filter = m_filter, beforeId, limit = m_pageSize]() -> Result<AuditPage> {
            return AuditQuery(db, actor).page(filter, beforeId, limit);
        },
        [this, generation, beforeId](const Result<AuditPage>& result) {
            if (generation != m_generation) {
                return; // superseded by a newer request
            }
            if (!result) {
                setLoading(false);
                qCWarning(lcModels) << "loading the audit trail failed:" << result.error().message();
                Q_EMIT errorOccurred(result.error().message());
                return;
            }
            // Paging state first, then the change, and only then "not loading": views and testers
            // call back into canFetchMore()/fetchMore() from the change's signals.
            m_more = result->more;
            if (beforeId) {
                if (!result->rows.isEmpty()) {
                    beginInsertRows({}, static_cast<int>(m_rows.size()),
                                    static_cast<int>(m_rows.size() + result->rows.size() - 1));
                    m_rows.append(result->rows);
                    endInsertRows();
                }
            } else {
                beginResetModel();
                m_rows = result->rows;
                endResetModel();
            }
            setLoading(false);
            Q_EMIT pageLoaded();
        });
}

} // namespace flowlet
