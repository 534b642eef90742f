#include "MonitorPanel.h"

#include "AlertRuleDialog.h"
#include "Widgets.h"
#include "monitor/MonitorController.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineSeries>
#include <QMainWindow>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

namespace flowlet::ui {

namespace {

constexpr int kRefreshMs = 30 * 1000;

QTableView* listTable(const char* objectName, QAbstractItemModel* model, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setObjectName(QString::fromLatin1(objectName));
    setupListTable(table, QAbstractItemView::SingleSelection);
    table->setModel(model);
    return table;
}

int selectedRow(const QTableView* table)
{
    const QModelIndexList rows = table->selectionModel() ? table->selectionModel()->selectedRows() : QModelIndexList();
    return rows.isEmpty() ? -1 : rows.first().row();
}

} // namespace

MonitorPanel::MonitorPanel(const PanelContext& context, QWidget* parent)
    : QWidget(parent)
    , m_controller(new MonitorController(context.database, context.actor(), this))
    , m_canManage(context.access.has(Permission::SettingsManage))
    , m_range(new QComboBox(this))
    , m_refresh(namedButton(tr("Refresh"), "monitorRefreshButton", this))
    , m_message(new QLabel(this))
    , m_chart(new QChartView(this))
    , m_errors(new QLineSeries(this))
    , m_critical(new QLineSeries(this))
    , m_groups(listTable("monitorGroupsTable", m_controller->errorGroups(), this))
    , m_detail(new QPlainTextEdit(this))
    , m_alertOnGroup(namedButton(tr("Alert on this error…"), "monitorAlertOnGroupButton", this))
    , m_routes(listTable("monitorRoutesTable", m_controller->routes(), this))
    , m_sessions(listTable("monitorSessionsTable", m_controller->sessions(), this))
    , m_rules(listTable("monitorRulesTable", m_controller->rules(), this))
    , m_addRule(namedButton(tr("Add rule…"), "monitorAddRuleButton", this))
    , m_editRule(namedButton(tr("Edit…"), "monitorEditRuleButton", this))
    , m_toggleRule(namedButton(tr("Enable/disable"), "monitorToggleRuleButton", this))
    , m_deleteRule(namedButton(tr("Delete"), "monitorDeleteRuleButton", this))
    , m_alerts(listTable("monitorAlertsTable", m_controller->alerts(), this))
    , m_acknowledge(namedButton(tr("Acknowledge"), "monitorAcknowledgeButton", this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("monitorPanel"));
    m_range->setObjectName(QStringLiteral("monitorRange"));
    m_message->setObjectName(QStringLiteral("monitorMessage"));
    m_chart->setObjectName(QStringLiteral("monitorChart"));
    m_detail->setObjectName(QStringLiteral("monitorErrorDetail"));
    m_timer->setObjectName(QStringLiteral("monitorTimer"));
    m_range->addItem(tr("Last hour"), int(MonitorRange::LastHour));
    m_range->addItem(tr("Last 24 hours"), int(MonitorRange::LastDay));
    m_range->addItem(tr("Last 7 days"), int(MonitorRange::LastWeek));
    m_message->setWordWrap(true);
    m_timer->setInterval(kRefreshMs);

    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("monitorTabs"));
    tabs->addTab(buildErrorsTab(), tr("Errors"));
    tabs->addTab(m_routes, tr("API routes"));
    tabs->addTab(m_sessions, tr("Active sessions"));
    tabs->addTab(buildAlertsTab(), tr("Alerts"));

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Range"), this));
    top->addWidget(m_range);
    top->addWidget(m_refresh);
    top->addWidget(m_message, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(tabs, 1);

    connect(m_range, &QComboBox::currentIndexChanged, this,
            [this] { m_controller->setRange(MonitorRange(m_range->currentData().toInt())); });
    connect(m_refresh, &QPushButton::clicked, m_controller, &MonitorController::refresh);
    connect(m_timer, &QTimer::timeout, m_controller, &MonitorController::refresh);
    connect(m_controller, &MonitorController::loadingChanged, m_refresh, [this](bool loading) {
        m_refresh->setEnabled(!loading);
    });
    connect(m_controller, &MonitorController::refreshed, this, [this] {
        updateChart();
        showSelectedGroup();
        updateButtons();
        showMessage(tr("Updated %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)), false);
    });
    connect(m_controller, &MonitorController::errorOccurred, this, [this](const QString& text) {
        showMessage(tr("Could not read the monitor: %1").arg(text), true);
    });
    connect(m_controller, &MonitorController::changeFailed, this, [this](const QString& text) {
        showMessage(tr("The change was not made: %1").arg(text), true);
    });
    connect(m_controller, &MonitorController::alertsRaised, this, &MonitorPanel::notify);
    connect(m_groups->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showSelectedGroup();
        updateButtons();
    });
    connect(m_rules->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MonitorPanel::updateButtons);
    connect(m_alerts->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MonitorPanel::updateButtons);
    connect(m_rules, &QTableView::doubleClicked, this, &MonitorPanel::editSelectedRule);
    connect(m_alertOnGroup, &QPushButton::clicked, this, &MonitorPanel::addRuleForGroup);
    connect(m_addRule, &QPushButton::clicked, this, &MonitorPanel::addRule);
    connect(m_editRule, &QPushButton::clicked, this, &MonitorPanel::editSelectedRule);
    connect(m_toggleRule, &QPushButton::clicked, this, &MonitorPanel::toggleSelectedRule);
    connect(m_deleteRule, &QPushButton::clicked, this, &MonitorPanel::deleteSelectedRule);
    connect(m_acknowledge, &QPushButton::clicked, this, &MonitorPanel::acknowledgeSelected);
    updateButtons();
    m_controller->refresh();
}

MonitorPanel::~MonitorPanel() = default;

QWidget* MonitorPanel::buildErrorsTab()
{
    auto* chart = new QChart;
    chart->setTitle(tr("Errors per interval"));
    m_errors->setName(tr("All errors"));
    m_errors->setObjectName(QStringLiteral("monitorErrorSeries"));
    m_critical->setName(tr("Critical"));
    m_critical->setObjectName(QStringLiteral("monitorCriticalSeries"));
    chart->addSeries(m_errors);
    chart->addSeries(m_critical);
    auto* x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("HH:mm"));
    auto* y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%d"));
    y->setMin(0);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries* s : {m_errors, m_critical}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setChart(chart); // the view owns the chart, the chart its series and axes
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(180);

    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select an error group to see its latest entry."));
    auto* lower = new QWidget(this);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_groups, 2);
    auto* detailRow = new QHBoxLayout;
    detailRow->addWidget(m_detail, 1);
    detailRow->addWidget(m_alertOnGroup, 0, Qt::AlignTop);
    lowerLayout->addLayout(detailRow, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chart);
    split->addWidget(lower);
    split->setStretchFactor(1, 2);
    return split;
}

QWidget* MonitorPanel::buildAlertsTab()
{
    auto* page = new QWidget(this);
    auto* ruleButtons = new QHBoxLayout;
    for (QPushButton* b : {m_addRule, m_editRule, m_toggleRule, m_deleteRule}) {
        ruleButtons->addWidget(b);
    }
    ruleButtons->addStretch(1);
    auto* alertButtons = new QHBoxLayout;
    alertButtons->addWidget(m_acknowledge);
    alertButtons->addStretch(1);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(new QLabel(tr("Rules"), page));
    layout->addWidget(m_rules, 1);
    layout->addLayout(ruleButtons);
    layout->addWidget(new QLabel(tr("Raised alerts"), page));
    layout->addWidget(m_alerts, 2);
    layout->addLayout(alertButtons);
    return page;
}

void MonitorPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_timer->start();
}

void MonitorPanel::hideEvent(QHideEvent* event)
{
    m_timer->stop();
    QWidget::hideEvent(event);
}

void MonitorPanel::updateChart()
{
    const QList<ErrorRatePoint>& rate = m_controller->errorRate();
    QList<QPointF> errors;
    QList<QPointF> critical;
    qint64 highest = 0;
    for (const ErrorRatePoint& p : rate) {
        const auto x = double(p.start.toMSecsSinceEpoch());
        errors.append({x, double(p.errors)});
        critical.append({x, double(p.critical)});
        highest = std::max(highest, p.errors);
    }
    m_errors->replace(errors);
    m_critical->replace(critical);
    if (rate.isEmpty()) {
        return;
    }
    QChart* chart = m_chart->chart();
    const auto xAxes = chart->axes(Qt::Horizontal);
    const auto yAxes = chart->axes(Qt::Vertical);
    if (auto* x = xAxes.isEmpty() ? nullptr : qobject_cast<QDateTimeAxis*>(xAxes.first())) {
        x->setRange(rate.first().start.toLocalTime(), rate.last().start.toLocalTime());
        x->setFormat(m_controller->range() == MonitorRange::LastHour ? QStringLiteral("HH:mm")
                                                                     : QStringLiteral("dd.MM. HH:mm"));
    }
    if (auto* y = yAxes.isEmpty() ? nullptr : qobject_cast<QValueAxis*>(yAxes.first())) {
        y->setRange(0, double(std::max<qint64>(highest, 1)) * 1.1);
    }
}

void MonitorPanel::showSelectedGroup()
{
    const int row = selectedRow(m_groups);
    const ErrorGroup* g = m_controller->errorGroups()->record(row);
    if (!g) {
        m_detail->clear();
        return;
    }
    QString context = g->latestContext;
    const QJsonDocument doc = QJsonDocument::fromJson(context.toUtf8());
    if (!doc.isNull()) {
        context = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    }
    m_detail->setPlainText(tr("%1 · %2\n%3\n\nFingerprint: %4\nLast request id: %5\n\n%6")
                               .arg(g->level, g->category, g->sampleMessage, g->fingerprint,
                                    g->latestRequestId.isEmpty() ? tr("(none)") : g->latestRequestId, context));
}

const AlertRule* MonitorPanel::selectedRule() const
{
    return m_controller->rules()->record(selectedRow(m_rules));
}

void MonitorPanel::editRule(const AlertRule& proposed)
{
    std::optional<AlertRule> edited;
    if (editRuleHook) {
        edited = editRuleHook(proposed);
    } else {
        AlertRuleDialog dialog(proposed, this);
        if (dialog.exec() == QDialog::Accepted) {
            edited = dialog.rule();
        }
    }
    if (edited) {
        m_controller->saveRule(*edited);
    }
}

void MonitorPanel::addRule()
{
    AlertRule r;
    r.name = tr("New rule");
    editRule(r);
}

void MonitorPanel::addRuleForGroup()
{
    const ErrorGroup* g = m_controller->errorGroups()->record(selectedRow(m_groups));
    if (!g) {
        return;
    }
    AlertRule r;
    r.name = g->sampleMessage.left(60);
    r.fingerprint = g->fingerprint;
    r.threshold = 5;
    r.windowMinutes = 10;
    editRule(r);
}

void MonitorPanel::editSelectedRule()
{
    if (const AlertRule* r = selectedRule(); r && m_canManage) {
        editRule(*r);
    }
}

void MonitorPanel::toggleSelectedRule()
{
    if (const AlertRule* r = selectedRule()) {
        AlertRule changed = *r;
        changed.enabled = !changed.enabled;
        m_controller->saveRule(changed);
    }
}

void MonitorPanel::deleteSelectedRule()
{
    const AlertRule* r = selectedRule();
    if (!r) {
        return;
    }
    const QString question = tr("Delete the alert rule “%1”? Alerts it raised stay in the list.").arg(r->name);
    const bool yes = confirmHook ? confirmHook(question)
                                 : QMessageBox::question(this, tr("Delete alert rule"), question) == QMessageBox::Yes;
    if (yes) {
        m_controller->deleteRule(r->id);
    }
}

void MonitorPanel::acknowledgeSelected()
{
    const MonitorAlert* a = m_controller->alerts()->record(selectedRow(m_alerts));
    if (a && !a->acknowledgedAt.isValid()) {
        m_controller->acknowledge(a->id);
    }
}

void MonitorPanel::notify(const QList<MonitorAlert>& alerts)
{
    const QString title = tr("Flowlet alert: %n rule(s) fired", nullptr, int(alerts.size()));
    QStringList lines;
    for (const MonitorAlert& a : alerts) {
        lines << tr("%1: %n error(s) – %2", nullptr, int(a.count)).arg(a.ruleName, a.sampleMessage.left(120));
    }
    m_lastNotification = title + u'\n' + lines.join(u'\n');
    QWidget* top = window();
    auto* tray = top ? top->findChild<QSystemTrayIcon*>() : nullptr;
    if (tray && tray->isVisible() && QSystemTrayIcon::supportsMessages()) {
        tray->showMessage(title, lines.join(u'\n'), QSystemTrayIcon::Warning);
    } else if (auto* main = qobject_cast<QMainWindow*>(top)) {
        main->statusBar()->showMessage(title + QStringLiteral(" — ") + lines.value(0), 30000);
    }
    showMessage(title, true);
}

void MonitorPanel::showMessage(const QString& text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("QLabel { color: #c62828; }") : QString());
}

void MonitorPanel::updateButtons()
{
    const bool rule = selectedRule() != nullptr;
    m_addRule->setEnabled(m_canManage);
    m_alertOnGroup->setEnabled(m_canManage && selectedRow(m_groups) >= 0);
    m_editRule->setEnabled(m_canManage && rule);
    m_toggleRule->setEnabled(m_canManage && rule);
    m_deleteRule->setEnabled(m_canManage && rule);
    const MonitorAlert* a = m_controller->alerts()->record(selectedRow(m_alerts));
    m_acknowledge->setEnabled(m_canManage && a && !a->acknowledgedAt.isValid());
}

} // namespace flowlet::ui
