#pragma once

#include "audit/AuditLog.h"
#include "core/Money.h"
#include "db/Database.h"
#include "ledger/ReconciliationMatcher.h"

#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace flowlet {
class ReconciliationController;
} // namespace flowlet

namespace flowlet::ui {

// Reconciling an own account against a bank statement: choose the account, start from one of its
// imported statements or from a paper statement (date and closing balance), or resume the open
// session; auto-match; decide on the suggestions; match lines and entries by hand or tick entries;
// finish when the cleared balance equals the statement's closing balance. A finished
// reconciliation is shown read-only and locked.
class ReconciliationPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconciliationPanel)

public:
    ReconciliationPanel(DatabasePtr db, const Actor& actor, QWidget* parent = nullptr);
    ~ReconciliationPanel() override;

    ReconciliationController* controller() const { return m_controller; }

    // Asks before finishing; tests answer here instead of a message box.
    std::function<bool(const QString& question)> confirmHook;

private:
    void fillAccounts();
    void fillStatements();
    void startFromStatement();
    void startPaper();
    // The amount in Closing balance; none, with `whenEmpty` or the parse error shown, if there is none.
    std::optional<Money> typedClosing(const QString& whenEmpty);
    // The tolerances typed for a new session; nullopt (and a message) when the amount is not one.
    std::optional<MatcherSettings> typedSettings();
    void showSession();
    void showSummary();
    void updateActions();
    void updateSelection();
    void acceptOrReject(bool accept);
    void unmatchSelected();
    void matchSelected();
    void toggleSelected();
    void finish();
    void showMessage(const QString& text, bool error);
    QString accountCurrency() const;
    QList<int> selectedRows(QTableView* table) const;

    ReconciliationController* m_controller;
    QComboBox* m_account;
    QComboBox* m_statement;
    QPushButton* m_start;
    QPushButton* m_resume;
    QDateEdit* m_paperDate;
    QLineEdit* m_closing;
    QSpinBox* m_dateTolerance;
    QLineEdit* m_amountTolerance;
    QPushButton* m_startPaper;
    QLabel* m_sessionLabel;
    QLabel* m_closingLabel;
    QLabel* m_clearedLabel;
    QLabel* m_differenceLabel;
    QLabel* m_countsLabel;
    QLabel* m_message;
    QPushButton* m_autoMatch;
    QPushButton* m_accept;
    QPushButton* m_reject;
    QPushButton* m_unmatch;
    QPushButton* m_match;
    QPushButton* m_toggleCleared;
    QPushButton* m_reload;
    QPushButton* m_finish;
    QTabWidget* m_tabs;
    QTableView* m_matchedTable;
    QTableView* m_suggestedTable;
    QTableView* m_linesTable;
    QTableView* m_bookTable;
    QCheckBox* m_outstanding;
    QLabel* m_selection;
};

} // namespace flowlet::ui
