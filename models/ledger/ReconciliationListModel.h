#pragma once

#include "db/Database.h"
#include "ledger/Reconciliation.h"

#include <QAbstractTableModel>

#include <optional>

namespace flowlet {

// One list of a reconciliation's review (matched, suggested, unmatched statement lines or
// unmatched book entries), paged through Reconciliation::items(): reload() reads the first page,
// a view scrolling to the end reads the next (canFetchMore/fetchMore); never the whole list. Every
// page is read off the UI thread on the database's pool. Subclasses keep the rows and show them.
class ReconciliationListModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationListModel)

public:
    enum Role {
        RawValueRole = Qt::UserRole, // exact values: QDate, canonical amount text, plain text, numbers
        IdRole,                      // the match id, statement line number or transaction id (qint64)
    };

    ~ReconciliationListModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    ReviewList list() const { return m_list; }
    // The session whose list this is; none empties the model. Reloads.
    void setSession(std::optional<qint64> sessionId);
    std::optional<qint64> sessionId() const { return m_sessionId; }
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    // All rows of the list, of which rowCount() are loaded so far.
    qint64 totalCount() const { return m_total; }
    bool isLoading() const { return m_loading; }

public Q_SLOTS:
    // The first page again, after anything changed the session.
    void reload();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void totalCountChanged(qint64 total);
    void errorOccurred(const QString& message);

protected:
    ReconciliationListModel(DatabasePtr db, ReviewList list, QObject* parent);

    // Lets a subclass widen the query (outstanding entries, ticked ones).
    virtual void adjustQuery(ReviewQuery& query) const;
    // This list's rows in a page; take() moves them to the end of the model's rows.
    virtual qsizetype rowsIn(const ReviewItems& page) const = 0;
    virtual void take(ReviewItems& page) = 0;
    virtual void clearRows() = 0;
    virtual qsizetype loadedRows() const = 0;

    // How every list shows an amount and a date, for the role asked (text, exact value,
    // alignment, red for negative amounts); an invalid QVariant for other roles.
    static QVariant amountData(const Money& amount, int role);
    static QVariant dateData(const QDate& date, int role);

    // The columns a statement line and a book entry have in common, in this order.
    enum class EntryField { Date, Counterparty, Description, Reference, Amount };
    template <typename T>
    static QVariant entryData(const T& item, EntryField field, int role)
    {
        switch (field) {
        case EntryField::Date: return dateData(item.bookingDate, role);
        case EntryField::Amount: return amountData(item.amount, role);
        case EntryField::Counterparty: return textData(item.counterparty, role);
        case EntryField::Description: return textData(item.description, role);
        case EntryField::Reference: return textData(item.reference, role);
        }
        return {};
    }
    static QVariant textData(const QString& text, int role);
    static QString entryHeader(EntryField field);

private:
    enum class Load { Replace, Append };
    void request(Load mode);
    void setLoading(bool loading);
    void setTotal(qint64 total);

    DatabasePtr m_db;
    ReviewList m_list;
    std::optional<qint64> m_sessionId;
    int m_pageSize = 200;
    qint64 m_total = 0;
    bool m_loading = false;
    quint64 m_generation = 0; // results of older requests are dropped
};

} // namespace flowlet
