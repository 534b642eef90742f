#include "PanelRegistry.h"
#include "admin/MonitorPanel.h"
#include "monitor/AlertsModel.h"
#include "monitor/ErrorGroupsModel.h"
#include "monitor/ErrorLog.h"
#include "monitor/MessageHandler.h"
#include "monitor/MonitorController.h"
#include "support/TestDatabase.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

Q_LOGGING_CATEGORY(lcPayments, "flowlet.payments", QtInfoMsg)

// The Monitor panel as an administrator uses it: errors raised with qWarning end up grouped with
// their count, the chart shows them, an alert rule added in the panel fires, is listed and can be
// acknowledged.
class TestMonitorPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    QTemporaryDir m_logs;

    ui::PanelContext owner() const { return {m_db, AccessContext::localOwner(QStringLiteral("owner")), {}}; }

    static QList<int> rowsOfCategory(QTableView* table, const QString& category)
    {
        QList<int> rows;
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            if (table->model()->index(r, ErrorGroupsModel::Category).data().toString() == category) {
                rows << r;
            }
        }
        return rows;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        MessageHandler::Options o;
        o.logDirectory = m_logs.path();
        MessageHandler::install(o);
        MessageHandler::setDatabase(m_db);
    }

    void cleanupTestCase()
    {
        MessageHandler::uninstall();
        m_db.reset();
        m_tdb.reset();
    }

    void registeredForMonitorReaders()
    {
        bool found = false;
        for (const ui::PanelSpec& spec : ui::PanelRegistry::all()) {
            if (spec.id == QStringLiteral("monitor")) {
                found = true;
                QCOMPARE(spec.title, QStringLiteral("Monitor"));
                QCOMPARE(spec.permission, Permission::MonitorRead);
            }
        }
        QVERIFY(found);
        const AccessContext analyst(QStringLiteral("fred"), {Permission::TransactionsRead});
        for (const ui::PanelSpec& spec : ui::PanelRegistry::visibleTo(analyst)) {
            QVERIFY(spec.id != QStringLiteral("monitor"));
        }
    }

    void errorsAreGroupedChartedAndAlerted()
    {
        qCWarning(lcPayments) << "payment 4711 failed after 31 ms on 10.0.0.7";
        qCWarning(lcPayments) << "payment 4712 failed after 5 ms on 10.0.0.9";
        qCWarning(lcPayments) << "payment 99 failed after 250 ms on 10.0.0.9";
        qCInfo(lcPayments) << "payment 100 went through"; // the file only
        QVERIFY(MessageHandler::waitUntilIdle(30000));

        ui::MonitorPanel panel(owner());
        panel.resize(1100, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto* timer = panel.findChild<QTimer*>(QStringLiteral("monitorTimer"));
        QVERIFY(timer && timer->isActive());
        QCOMPARE(timer->interval(), 30000);

        auto* groups = panel.findChild<QTableView*>(QStringLiteral("monitorGroupsTable"));
        QVERIFY(groups);
        QTRY_COMPARE_WITH_TIMEOUT(rowsOfCategory(groups, QStringLiteral("flowlet.payments")).size(), 1, 30000);
        const int row = rowsOfCategory(groups, QStringLiteral("flowlet.payments")).first();
        QCOMPARE(groups->model()->index(row, ErrorGroupsModel::Count).data().toString(), QStringLiteral("3"));
        QVERIFY(groups->model()->index(row, ErrorGroupsModel::Message).data().toString().startsWith(
            QStringLiteral("payment 99 failed")));

        // The chart has a point per minute of the last hour, the three errors among them.
        QLineSeries* series = nullptr;
        for (QAbstractSeries* s : panel.chartView()->chart()->series()) {
            if (s->objectName() == QStringLiteral("monitorErrorSeries")) {
                series = qobject_cast<QLineSeries*>(s);
            }
        }
        QVERIFY(series);
        QCOMPARE(series->count(), 60);
        double plotted = 0;
        for (const QPointF& p : series->points()) {
            plotted += p.y();
        }
        QVERIFY(plotted >= 3);

        // The group's detail: fingerprint and where it came from.
        groups->selectRow(row);
        auto* detail = panel.findChild<QPlainTextEdit*>(QStringLiteral("monitorErrorDetail"));
        QVERIFY(detail);
        const QString print = ErrorLog::fingerprint(QStringLiteral("flowlet.payments"),
                                                    QStringLiteral("payment 1 failed after 1 ms on 10.0.0.1"));
        QTRY_VERIFY(detail->toPlainText().contains(print));
        QVERIFY(detail->toPlainText().contains(QStringLiteral("thread")));

        // "Alert on this error": a rule for the fingerprint, three within ten minutes.
        panel.editRuleHook = [](const AlertRule& proposed) -> std::optional<AlertRule> {
            AlertRule r = proposed;
            r.name = QStringLiteral("payments failing");
            r.threshold = 3;
            return r;
        };
        auto* alertOn = panel.findChild<QPushButton*>(QStringLiteral("monitorAlertOnGroupButton"));
        QVERIFY(alertOn && alertOn->isEnabled());
        QTest::mouseClick(alertOn, Qt::LeftButton);
        auto* rules = panel.findChild<QTableView*>(QStringLiteral("monitorRulesTable"));
        auto* alerts = panel.findChild<QTableView*>(QStringLiteral("monitorAlertsTable"));
        QTRY_COMPARE_WITH_TIMEOUT(rules->model()->rowCount(), 1, 30000);
        QCOMPARE(rules->model()->index(0, 0).data().toString(), QStringLiteral("payments failing"));
        QTRY_COMPARE_WITH_TIMEOUT(alerts->model()->rowCount(), 1, 30000);
        QCOMPARE(alerts->model()->index(0, 1).data().toString(), QStringLiteral("payments failing"));
        QCOMPARE(alerts->model()->index(0, 2).data().toString(), QStringLiteral("3"));
        QVERIFY(panel.lastNotification().contains(QStringLiteral("payments failing")));
        QVERIFY(panel.findChild<QLabel*>(QStringLiteral("monitorMessage"))->text().contains(QStringLiteral("alert")));

        // A manual refresh does not raise it again.
        QSignalSpy refreshed(panel.controller(), &MonitorController::refreshed);
        QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("monitorRefreshButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, 30000);
        QCOMPARE(alerts->model()->rowCount(), 1);

        // Acknowledge it.
        alerts->selectRow(0);
        auto* acknowledge = panel.findChild<QPushButton*>(QStringLiteral("monitorAcknowledgeButton"));
        QVERIFY(acknowledge->isEnabled());
        QTest::mouseClick(acknowledge, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(alerts->model()->index(0, 0).data(AlertsModel::AcknowledgedRole).toBool(), 30000);
        QVERIFY(!acknowledge->isEnabled());

        // Disable, then delete the rule.
        rules->selectRow(0);
        QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("monitorToggleRuleButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rules->model()->index(0, 5).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked),
                                  30000);
        panel.confirmHook = [](const QString&) { return true; };
        rules->selectRow(0);
        QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("monitorDeleteRuleButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rules->model()->rowCount(), 0, 30000);
        QCOMPARE(alerts->model()->rowCount(), 1); // the alert outlives its rule

        panel.hide();
        QVERIFY(!timer->isActive());
    }

    void anAuditorOnlyReads()
    {
        const AccessContext auditor(QStringLiteral("aude"), {Permission::MonitorRead});
        ui::MonitorPanel panel({m_db, auditor, {}});
        QVERIFY(!panel.findChild<QPushButton*>(QStringLiteral("monitorAddRuleButton"))->isEnabled());
        QVERIFY(!panel.findChild<QPushButton*>(QStringLiteral("monitorAcknowledgeButton"))->isEnabled());
        QSignalSpy refreshed(panel.controller(), &MonitorController::refreshed);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, 30000);
    }
};

QTEST_MAIN(TestMonitorPanel)
#include "TestMonitorPanel.moc"
