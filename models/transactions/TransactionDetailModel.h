#pragma once

#include "db/Database.h"
#include "ledger/TransactionRepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace flowlet {

// Field / value pairs of one transaction for the detail pane, loaded off the UI thread.
class TransactionDetailModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransactionDetailModel)

public:
    enum Column { Field, Value, ColumnCount };

    explicit TransactionDetailModel(DatabasePtr db, QObject* parent = nullptr);
    ~TransactionDetailModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    qint64 transactionId() const { return m_id; }
    // The value shown for a field label, or an empty string (for tests and copy actions).
    QString valueOf(const QString& field) const;

public Q_SLOTS:
    void load(qint64 transactionId);
    void clear();

Q_SIGNALS:
    void loaded(qint64 transactionId);
    void errorOccurred(const QString& message);

private:
    void show(const TransactionDetail& detail);

    DatabasePtr m_db;
    TransactionRepository m_repository;
    QList<std::pair<QString, QString>> m_fields;
    qint64 m_id = 0;
    quint64 m_generation = 0;
};

} // namespace flowlet
