#pragma once

#include "audit/AuditLog.h"
#include "db/Database.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QWidget;

namespace flowlet {
class ImportController;
class ImportPreviewModel;
namespace ingest {
struct ImportOutcome;
}
} // namespace flowlet

namespace flowlet::ui {

// Imports one statement file: shows what the file holds and what would happen to each line (new,
// duplicate, possible match, with the reasons and the balance check), lets the user choose the
// account and overrule de-duplication, and stores it as one batch — or nothing — on Import.
class ImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)

public:
    ImportDialog(DatabasePtr db, const Actor& actor, const QString& path, QWidget* parent = nullptr);
    ~ImportDialog() override;

    ImportController* controller() const { return m_controller; }

Q_SIGNALS:
    void imported(const QList<qint64>& batchIds);

protected:
    void reject() override;

private:
    void onPlanned();
    void onFailed(const QString& message);
    void onCommitted(const flowlet::ingest::ImportOutcome& outcome);
    void updateCounts();
    void replan();
    void useChosenAccount();
    void createAccount();
    void setBusy(bool busy, const QString& what);
    void adjustColumns();

    DatabasePtr m_db;
    Actor m_actor;
    ImportController* m_controller;
    ImportPreviewModel* m_model;
    QLabel* m_fileLabel;
    QLabel* m_statementsLabel;
    QLabel* m_errorLabel;
    QWidget* m_accountBox;
    QComboBox* m_accountCombo;
    QPushButton* m_useAccountButton;
    QPushButton* m_createAccountButton;
    QCheckBox* m_statementOnly;
    QCheckBox* m_acceptMismatch;
    QTableView* m_table;
    QLabel* m_countsLabel;
    QProgressBar* m_progress;
    QDialogButtonBox* m_buttons;
    QPushButton* m_importButton;
    QPushButton* m_adjustButton;
    std::optional<qint64> m_chosenAccount;
    bool m_createAccount = false;
};

} // namespace flowlet::ui
