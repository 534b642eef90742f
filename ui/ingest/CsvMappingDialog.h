#pragma once

#include "audit/AuditLog.h"
#include "db/Database.h"
#include "ingest/CsvReader.h"

#include <QWizard>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace flowlet {
class CsvMappingController;
}

namespace flowlet::ui {

// The CSV import wizard: how the file is written (encoding, delimiter, header and first entry row,
// decimals, date format, currency), what each column is, a preview of the entries with the reason
// for every row that does not read, and optionally saving the layout as a bank preset that later
// imports of the bank's files apply by themselves.
class CsvMappingDialog final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvMappingDialog)

public:
    enum PageId { FilePage, ColumnsPage, PreviewPage, PresetPage };

    CsvMappingDialog(DatabasePtr db, const Actor& actor, const QByteArray& bytes, const QString& fileName,
                     const ingest::CsvMapping& mapping, QWidget* parent = nullptr);
    ~CsvMappingDialog() override;

    CsvMappingController* controller() const { return m_controller; }
    // The layout to import with; named after the preset when it was saved as one.
    const ingest::CsvMapping& mapping() const;

protected:
    bool validateCurrentPage() override;
    void accept() override;

private:
    QWizardPage* createFilePage();
    QWizardPage* createColumnsPage();
    QWizardPage* createPreviewPage();
    QWizardPage* createPresetPage();
    void showMapping();
    void showRoles();
    void showPreviewSummary();
    void showPresetNote();
    void onSaved();
    void onSaveFailed(const QString& message);

    CsvMappingController* m_controller;
    QComboBox* m_encoding = nullptr;
    QComboBox* m_delimiter = nullptr;
    QSpinBox* m_headerRow = nullptr;
    QSpinBox* m_firstRow = nullptr;
    QComboBox* m_decimal = nullptr;
    QComboBox* m_group = nullptr;
    QComboBox* m_dateFormat = nullptr;
    QLineEdit* m_currency = nullptr;
    QGridLayout* m_roleGrid = nullptr;
    QList<QComboBox*> m_roleCombos;
    QList<QLabel*> m_roleLabels;
    QLabel* m_summary = nullptr;
    QList<QLabel*> m_problemLabels;
    QCheckBox* m_savePreset = nullptr;
    QLineEdit* m_presetName = nullptr;
    QLabel* m_presetNote = nullptr;
    bool m_showing = false; // widgets are being set from the mapping: no feedback into it
};

} // namespace flowlet::ui
