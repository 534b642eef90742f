#pragma once

#include "audit/AuditLog.h"
#include "db/Database.h"
#include "ingest/CsvReader.h"

#include <QObject>

namespace flowlet {

class CsvMappingModel;
class CsvPreviewModel;

// Holds the layout the import wizard edits for one CSV file: every change re-reads the file's first
// lines (the raw grid) and previews the entries they give, with the CSV reader's own rules, so the
// user sees at once what the import would make of the file. Saving the layout as a bank preset
// runs on the database's pool.
class CsvMappingController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvMappingController)

public:
    static constexpr int kRawRecords = 50;
    static constexpr int kPreviewRecords = 200;

    CsvMappingController(DatabasePtr db, Actor actor, QByteArray bytes, QString fileName, ingest::CsvMapping mapping,
                         QObject* parent = nullptr);
    ~CsvMappingController() override;

    const ingest::CsvMapping& mapping() const { return m_mapping; }
    const QString& fileName() const { return m_fileName; }
    CsvMappingModel* rawModel() const { return m_raw; }
    CsvPreviewModel* previewModel() const { return m_preview; }

    int columnCount() const { return int(m_mapping.columns.size()); }
    // A column's name in the header row (empty without one) and its first value below it.
    QString columnName(int column) const;
    QString columnSample(int column) const;

    // What keeps the layout from reading the file (no amount column, a wrong encoding), empty when
    // it reads; and whether the preview has entries and no error.
    const QString& problem() const { return m_problem; }
    bool isUsable() const;

    void setEncoding(const QString& encoding);
    void setDelimiter(QChar delimiter);
    // 0-based records; -1 for no header. The first entry row follows the header when it was above it.
    void setHeaderLine(int record);
    void setFirstDataLine(int record);
    void setDateFormat(const QString& format);
    void setDecimalSeparator(QChar separator);
    void setGroupSeparator(QChar separator); // null: amounts are not grouped
    void setCurrency(const QString& code);   // for files without a currency column; empty: the account's
    // A role only one column can have moves to `column`; a single amount and debit/credit columns
    // exclude each other, so choosing one clears the other.
    void setColumnRole(int column, ingest::CsvColumnRole role);

    // The names of the saved presets, read in the background when the controller starts.
    const QStringList& presetNames() const { return m_presetNames; }
    void savePreset(const QString& name);
    bool isSaving() const { return m_saving; }

Q_SIGNALS:
    void mappingChanged();
    void presetNamesChanged();
    void presetSaved(const QString& name);
    void saveFailed(const QString& message);

private:
    void changed();
    void refresh();
    void fitColumnsToRecords();

    DatabasePtr m_db;
    Actor m_actor;
    QByteArray m_bytes;
    QString m_fileName;
    ingest::CsvMapping m_mapping;
    CsvMappingModel* m_raw;
    CsvPreviewModel* m_preview;
    QList<QStringList> m_records;
    QList<ingest::CsvColumnRole> m_roleMemory; // the roles of the widest layout so far
    QString m_problem;
    QStringList m_presetNames;
    bool m_saving = false;
};

} // namespace flowlet
