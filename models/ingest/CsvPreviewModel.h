#pragma once

#include "ingest/CsvReader.h"

#include <QAbstractTableModel>

namespace flowlet {

// The import wizard's preview: the entries the first rows give with the current layout, read by
// the CSV reader itself, and for a row it cannot read, why — the same reason the import would
// stop with.
class CsvPreviewModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvPreviewModel)

public:
    enum Column { LineColumn, DateColumn, ValueDateColumn, AmountColumn, CounterpartyColumn, TextColumn, StatusColumn,
                  ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole, // dates as QDate, the amount as canonical text, the line as int
        KindRole,                    // ingest::CsvPreviewRow::Kind
        MessageRole,                 // the reader's reason for an error or a skipped row
    };

    explicit CsvPreviewModel(QObject* parent = nullptr);

    // The rows from the first entry row on (blank lines left out).
    void setRows(const QList<ingest::CsvPreviewRow>& rows, int firstDataLine);

    int entries() const { return m_entries; }
    int errors() const { return m_errors; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ingest::CsvPreviewRow& row, int column) const;

    QList<ingest::CsvPreviewRow> m_rows;
    int m_entries = 0;
    int m_errors = 0;
};

} // namespace flowlet
