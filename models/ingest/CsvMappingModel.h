#pragma once

#include "ingest/CsvReader.h"

#include <QAbstractTableModel>

namespace flowlet {

// The first lines of a CSV file as the current layout splits them, for the import wizard: one row
// per record (preamble, header, entries), one column per field, and each column's role in the
// horizontal header. Read-only; the CsvMappingController changes the layout.
class CsvMappingModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvMappingModel)

public:
    enum class RecordKind { Preamble, Header, Data };
    enum Role {
        RecordKindRole = Qt::UserRole, // RecordKind of the row
        ColumnRoleRole,                 // horizontal header: the column's role key ("booking_date", …)
        LineRole,                       // vertical header: the 1-based line the record starts on
    };

    explicit CsvMappingModel(QObject* parent = nullptr);

    // Replaces the grid (records as split, the line each starts on) and the layout it is shown with.
    void setRecords(QList<QStringList> records, QList<int> lines, const ingest::CsvMapping& mapping);
    // Only the roles or header/entry rows changed: repaints the header and the rows' kinds.
    void setMapping(const ingest::CsvMapping& mapping);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const QList<QStringList>& records() const { return m_records; }
    RecordKind kindOf(int row) const;

    // Every role a column can have, in the order the wizard offers them, and their names.
    static const QList<ingest::CsvColumnRole>& roles();
    static QString roleText(ingest::CsvColumnRole role);

private:
    QList<QStringList> m_records;
    QList<int> m_lines;
    ingest::CsvMapping m_mapping;
    int m_columns = 0;
};

} // namespace flowlet
