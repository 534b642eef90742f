#pragma once

#include "PanelRegistry.h"
#include "monitor/MonitorQuery.h"

#include <QWidget>

#include <functional>
#include <optional>

class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace flowlet {
class MonitorController;
} // namespace flowlet

namespace flowlet::ui {

// Errors and system health for those who may see them (monitor.read): the error rate over the
// last hour, day or week, errors grouped by fingerprint with the latest one's context, API
// requests and latency per route, who is signed in, and alert rules with the alerts they raised.
// Refreshes every 30 seconds while visible; each refresh evaluates the alert rules, and a new
// alert becomes a desktop notification (the main window's tray icon, else its status bar).
class MonitorPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MonitorPanel)

public:
    MonitorPanel(const PanelContext& context, QWidget* parent = nullptr);
    ~MonitorPanel() override;

    MonitorController* controller() const { return m_controller; }
    QChartView* chartView() const { return m_chart; }

    // Tests answer the rule editor and the delete question here instead of in a dialog.
    std::function<std::optional<AlertRule>(const AlertRule& proposed)> editRuleHook;
    std::function<bool(const QString& question)> confirmHook;
    // The last notification shown (title and text), for tests and the status line.
    const QString& lastNotification() const { return m_lastNotification; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QWidget* buildErrorsTab();
    QWidget* buildAlertsTab();
    void updateChart();
    void showSelectedGroup();
    void editRule(const AlertRule& proposed);
    void addRule();
    void addRuleForGroup();
    void editSelectedRule();
    void toggleSelectedRule();
    void deleteSelectedRule();
    void acknowledgeSelected();
    void notify(const QList<MonitorAlert>& alerts);
    void showMessage(const QString& text, bool problem);
    void updateButtons();
    const AlertRule* selectedRule() const;

    MonitorController* m_controller;
    bool m_canManage;
    QComboBox* m_range;
    QPushButton* m_refresh;
    QLabel* m_message;
    QChartView* m_chart;
    QLineSeries* m_errors;
    QLineSeries* m_critical;
    QTableView* m_groups;
    QPlainTextEdit* m_detail;
    QPushButton* m_alertOnGroup;
    QTableView* m_routes;
    QTableView* m_sessions;
    QTableView* m_rules;
    QPushButton* m_addRule;
    QPushButton* m_editRule;
    QPushButton* m_toggleRule;
    QPushButton* m_deleteRule;
    QTableView* m_alerts;
    QPushButton* m_acknowledge;
    QTimer* m_timer;
    QString m_lastNotification;
};

} // namespace flowlet::ui
