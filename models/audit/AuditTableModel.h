#pragma once

#include "audit/AuditQuery.h"
#include "db/Database.h"

#include <QAbstractTableModel>
#include <QList>

namespace flowlet {

// The audit viewer's table: the trail newest first, in keyset pages loaded off the UI thread.
// Scrolling to the bottom appends the next page (fetchMore) up to maxRows(); past that, filter.
// The filter becomes SQL (AuditQuery); reading needs audit.read.
class AuditTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditTableModel)

public:
    enum Column { Entry, Time, User, Workstation, ApiKey, Action, Object, ObjectId, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole, // exact value: the id, QDateTime, plain strings
        IdRole,                      // the entry's id (qint64)
        BeforeRole,                  // the object before an edit (JSON text, empty if none)
        AfterRole,                   // the object after it, or the event's details (JSON text)
    };
    Q_ENUM(Column)

    AuditTableModel(DatabasePtr db, Actor actor, QObject* parent = nullptr);
    ~AuditTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    int maxRows() const { return m_pageSize * kMaxPagesInWindow; }

    void setFilter(const AuditFilter& filter);
    const AuditFilter& filter() const { return m_filter; }
    bool isLoading() const { return m_loading; }
    bool hasMore() const { return m_more; }

    const AuditRecord* record(int row) const;
    // The row showing entry `id`, or -1 when it is not loaded.
    int rowOf(qint64 id) const;

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void pageLoaded();
    void errorOccurred(const QString& message);

private:
    static constexpr int kMaxPagesInWindow = 50;

    void request(std::optional<qint64> beforeId);
    void setLoading(bool loading);

    DatabasePtr m_db;
    Actor m_actor;
    AuditFilter m_filter;
    int m_pageSize = 200;
    QList<AuditRecord> m_rows;
    bool m_more = false;
    bool m_loading = false;
    quint64 m_generation = 0; // results of older requests are dropped
};

} // namespace flowlet
