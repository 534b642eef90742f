#pragma once

#include "PanelRegistry.h"
#include "audit/AuditLog.h"
#include "audit/AuditQuery.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace flowlet {
class AuditActions;
class AuditTableModel;
} // namespace flowlet

namespace flowlet::ui {

// The audit trail for those who may read it (audit.read): filter by user, action, object and time;
// the entries newest first, an entry's before and after side by side; export what the filter
// matches to CSV; and verify the hash chain, which names the first entry that was tampered with.
class AuditPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditPanel)

public:
    AuditPanel(const PanelContext& context, QWidget* parent = nullptr);
    ~AuditPanel() override;

    AuditTableModel* model() const { return m_model; }
    AuditActions* actions() const { return m_actions; }
    AuditFilter currentFilter() const;

    // Asks where to export; tests answer here instead of a file dialog.
    std::function<QString()> exportPathHook;

private:
    void applyFilter();
    void showSelected();
    void exportEntries();
    void showVerification(const AuditLog::Verification& result);
    void showMessage(const QString& text, bool problem);
    void updateButtons();

    AuditTableModel* m_model;
    AuditActions* m_actions;
    QLineEdit* m_user;
    QLineEdit* m_action;
    QLineEdit* m_objectType;
    QLineEdit* m_objectId;
    QCheckBox* m_fromEnabled;
    QDateTimeEdit* m_from;
    QCheckBox* m_toEnabled;
    QDateTimeEdit* m_to;
    QPushButton* m_apply;
    QTableView* m_table;
    QPlainTextEdit* m_before;
    QPlainTextEdit* m_after;
    QPushButton* m_export;
    QPushButton* m_verify;
    QLabel* m_message;
};

} // namespace flowlet::ui
