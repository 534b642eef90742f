#include "MainWindow.h"

#include "api/ApiServer.h"
#include "core/Logging.h"
#include "core/Settings.h"
#include "core/Version.h"
#include "auth/UnlockDialog.h"
#include "ingest/ImportDialog.h"
#include "transactions/TransactionTableModel.h"
#include "transactions/TransactionsPanel.h"
#include "workspace/ConnectDialog.h"
#include "workspace/ConnectionMonitor.h"
#include "workspace/WelcomeDialog.h"
#include "workspace/OpenWorkspace.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QMimeData>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>

namespace flowlet::ui {

namespace {
StaffSession sessionFor(const AccessContext& access)
{
    StaffSession s;
    s.username = access.userName();
    s.permissions = access.permissions();
    return s;
}
} // namespace

MainWindow::MainWindow(DatabasePtr db, const AccessContext& access, QWidget* parent)
    : MainWindow(std::move(db), sessionFor(access), parent)
{
}

MainWindow::MainWindow(DatabasePtr db, const StaffSession& session, QWidget* parent)
    : QMainWindow(parent)
    , m_access(session.access())
    , m_staff(session)
    , m_sidebar(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_workspaceLabel(new QLabel(this))
    , m_connectionLabel(new QLabel(this))
    , m_userLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_stack->setObjectName(QStringLiteral("panelStack"));
    m_workspaceLabel->setObjectName(QStringLiteral("workspaceLabel"));
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    m_userLabel->setObjectName(QStringLiteral("userLabel"));

    m_sidebar->setIconSize(QSize(20, 20));
    m_sidebar->setMaximumWidth(200);
    m_sidebar->setMinimumWidth(140);
    m_sidebar->setSpacing(2);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_sidebar);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({170, 1200});
    setCentralWidget(splitter);

    statusBar()->addWidget(m_workspaceLabel, 1);
    statusBar()->addPermanentWidget(m_userLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);
    // Panels raise desktop notifications (the Monitor's alerts) through this icon where there is a tray.
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        auto* tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        tray->setObjectName(QStringLiteral("trayIcon"));
        tray->setToolTip(QStringLiteral("Flowlet Workstation"));
        tray->show();
    }

    connect(m_sidebar, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    buildMenus();
    if (session.sessionId != 0) {
        m_session = session;
    }
    setWorkspace(std::move(db));
    if (m_session) {
        m_userLabel->setText(tr("%1 (%2)").arg(session.displayName, session.roleCode));
        qApp->installEventFilter(this);
        m_idleTimer = new QTimer(this);
        m_idleTimer->setInterval(5000);
        connect(m_idleTimer, &QTimer::timeout, this, &MainWindow::checkIdle);
        m_idleTimer->start();
    }

    const Settings settings;
    if (!restoreGeometry(settings.mainWindowGeometry())) {
        resize(1280, 800);
    }
    restoreState(settings.mainWindowState());
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* signOutAction = file->addAction(tr("Sign &out"), this, &MainWindow::signOut);
    signOutAction->setObjectName(QStringLiteral("signOutAction"));
    QAction* lockAction = file->addAction(tr("&Lock"), this, &MainWindow::lock);
    lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L));
    file->addSeparator();
    m_importAction = file->addAction(tr("&Import statement…"), this, &MainWindow::chooseStatementFile);
    m_importAction->setObjectName(QStringLiteral("importAction"));
    m_importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addSeparator();
    QAction* newAction = file->addAction(tr("&New workspace…"), this, &MainWindow::newWorkspace);
    newAction->setShortcut(QKeySequence::New);
    QAction* openAction = file->addAction(tr("&Open workspace…"), this, &MainWindow::openWorkspace);
    openAction->setShortcut(QKeySequence::Open);
    file->addAction(tr("&Connect to a shared database…"), this, [this] {
        ConnectDialog dialog(this);
        if (dialog.exec() == QDialog::Accepted && dialog.database()) {
            endSession();
            Q_EMIT workspaceChosen(dialog.database());
        }
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Flowlet Workstation"), this, &MainWindow::about);
}

void MainWindow::setWorkspace(DatabasePtr db)
{
    m_db = std::move(db);
    buildPanels();

    const DatabaseUrl& url = m_db->url();
    m_workspaceLabel->setText(url.backend() == Backend::Sqlite
                                  ? tr("Local workspace: %1").arg(url.toDisplayString())
                                  : tr("Shared database: %1").arg(url.toDisplayString()));
    if (!m_session) {
        m_userLabel->setText(m_access.userName());
    }
    setWindowTitle(tr("%1 — %2").arg(QStringLiteral(FLOWLET_APP_NAME), url.toDisplayString()));

    delete m_monitor;
    m_monitor = new ConnectionMonitor(m_db, 15000, this);
    connect(m_monitor, &ConnectionMonitor::stateChanged, this, &MainWindow::onConnectionState);
    onConnectionState(true, {});
    m_monitor->check();
    startApi();
}

void MainWindow::startApi()
{
    delete m_api; // a workspace changed: serve the new one
    m_api = nullptr;
    const Settings settings;
    if (!m_session || !settings.apiEnabled()) {
        return;
    }
    if (!m_apiLabel) {
        m_apiLabel = new QLabel(this);
        m_apiLabel->setObjectName(QStringLiteral("apiLabel"));
        statusBar()->addPermanentWidget(m_apiLabel);
    }
    api::ApiConfig config;
    config.port = settings.apiPort();
    m_api = new api::ApiServer(this);
    connect(m_api, &api::ApiServer::started, m_apiLabel,
            [this](quint16 port) { m_apiLabel->setText(tr("API: 127.0.0.1:%1").arg(port)); });
    // A port in use is worth a note, not a failure: the window works without the API.
    connect(m_api, &api::ApiServer::failed, m_apiLabel, [this](const QString& message) {
        m_apiLabel->setText(tr("API off"));
        m_apiLabel->setToolTip(message);
        statusBar()->showMessage(tr("The local API could not start: %1").arg(message), 15000);
    });
    m_api->startInBackground(m_db, config);
}

void MainWindow::buildPanels()
{
    const bool mayImport = m_access.has(Permission::TransactionsImport);
    m_importAction->setEnabled(mayImport);
    setAcceptDrops(mayImport);
    m_sidebar->clear();
    while (m_stack->count() > 0) {
        QWidget* w = m_stack->widget(0);
        m_stack->removeWidget(w);
        delete w;
    }
    m_panels.clear();

    m_specs = PanelRegistry::visibleTo(m_access);
    const PanelContext context{m_db, m_access, m_staff};
    for (const PanelSpec& spec : std::as_const(m_specs)) {
        QWidget* w = spec.create(context, m_stack);
        m_stack->addWidget(w);
        m_panels.insert(spec.id, w);
        auto* item = new QListWidgetItem(spec.icon, spec.title, m_sidebar);
        item->setData(Qt::UserRole, spec.id);
    }
    if (m_sidebar->count() > 0) {
        m_sidebar->setCurrentRow(0);
    }
}

QStringList MainWindow::panelIds() const
{
    QStringList ids;
    for (const PanelSpec& spec : m_specs) {
        ids << spec.id;
    }
    return ids;
}

QWidget* MainWindow::panel(const QString& id) const
{
    return m_panels.value(id);
}

bool MainWindow::showPanel(const QString& id)
{
    for (int i = 0; i < m_sidebar->count(); ++i) {
        if (m_sidebar->item(i)->data(Qt::UserRole).toString() == id) {
            m_sidebar->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

void MainWindow::onConnectionState(bool connected, const QString& detail)
{
    if (connected) {
        m_connectionLabel->setText(tr("● Connected"));
        m_connectionLabel->setStyleSheet(QStringLiteral("QLabel { color: #2e7d32; }"));
        m_connectionLabel->setToolTip(m_db->dialect().isPostgres() ? tr("Connected to the shared database")
                                                                   : tr("Local workspace file is open"));
    } else {
        m_connectionLabel->setText(tr("● Disconnected"));
        m_connectionLabel->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
        m_connectionLabel->setToolTip(tr("%1\nFlowlet reconnects by itself when the database is back.").arg(detail));
    }
}

void MainWindow::newWorkspace()
{
    WelcomeDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted && dialog.database()) {
        Settings().setLastWorkspaceUrl(dialog.database()->url().toString());
        endSession();
        Q_EMIT workspaceChosen(dialog.database());
    }
}

void MainWindow::openWorkspace()
{
    auto db = chooseAndOpenWorkspace(this);
    if (!db && db.error().code() == ErrorCode::Cancelled) {
        return;
    }
    if (!db) {
        QMessageBox::warning(this, tr("Cannot open workspace"),
                             tr("%1\n\nChoose a Flowlet workspace file, or create a new workspace.")
                                 .arg(db.error().message()));
        return;
    }
    Settings().setLastWorkspaceUrl((*db)->url().toString());
    endSession();
    Q_EMIT workspaceChosen(*db);
}

Actor MainWindow::actor() const
{
    return PanelContext{m_db, m_access, m_staff}.actor();
}

void MainWindow::chooseStatementFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import a bank statement"), {},
        tr("Bank statements (*.ofx *.qfx *.xml *.053 *.052 *.054 *.sta *.mt940 *.940 *.txt *.csv);;All files (*)"));
    if (!path.isEmpty()) {
        importStatement(path);
    }
}

void MainWindow::importStatement(const QString& path)
{
    if (!m_access.has(Permission::TransactionsImport) || m_locked) {
        return;
    }
    auto* dialog = new ImportDialog(m_db, actor(), path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::imported, this, [this](const QList<qint64>& batches) {
        statusBar()->showMessage(tr("Statement imported (import %1).").arg(batches.value(0)), 10000);
        if (auto* panel = qobject_cast<TransactionsPanel*>(m_panels.value(QStringLiteral("transactions")))) {
            panel->tableModel()->reload();
        }
    });
    if (importDialogHook) {
        dialog->show();
        importDialogHook(dialog);
        return;
    }
    dialog->open();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (m_access.has(Permission::TransactionsImport) && event->mimeData()->hasUrls()) {
        const QList<QUrl> urls = event->mimeData()->urls();
        if (std::any_of(urls.cbegin(), urls.cend(), [](const QUrl& u) { return u.isLocalFile(); })) {
            event->acceptProposedAction();
            return;
        }
    }
    event->ignore();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            importStatement(url.toLocalFile());
        }
    }
    event->acceptProposedAction();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Flowlet Workstation"),
                       tr("<h3>Flowlet Workstation %1</h3>"
                          "<p>Compliance and finance analyst workstation.</p>"
                          "<p>Workspace: %2</p>")
                           .arg(QStringLiteral(FLOWLET_VERSION), m_db->url().toDisplayString().toHtmlEscaped()));
}

void MainWindow::setIdleLimit(std::chrono::seconds limit)
{
    m_idle.setLimit(limit);
    m_idle.recordActivity();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
        if (!m_locked) {
            m_idle.recordActivity();
        }
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::checkIdle()
{
    if (m_session && !m_locked && m_idle.isIdle()) {
        lock();
    }
}

void MainWindow::lock()
{
    if (!m_session || m_locked) {
        return;
    }
    m_locked = true;
    centralWidget()->setVisible(false); // nothing readable behind the lock
    UnlockDialog dialog(m_db, *m_session, static_cast<int>(m_idle.limit().count() / 60), this);
    const int outcome = dialog.exec();
    m_locked = false;
    if (outcome == UnlockDialog::Unlocked) {
        centralWidget()->setVisible(true);
        m_idle.recordActivity();
        return;
    }
    signOut();
}

void MainWindow::endSession()
{
    if (!m_session) {
        return;
    }
    // Nobody signed in: nobody serves. Stopped first, while the session still stands: its last
    // request statistics are written through it (on PostgreSQL the server refuses them after).
    delete m_api;
    m_api = nullptr;
    if (auto s = AuthService(m_db).logout(*m_session); !s) {
        qCWarning(lcUi) << "sign-out was not recorded:" << s.error().message();
    }
    m_session.reset();
    qApp->removeEventFilter(this);
    if (m_idleTimer) {
        m_idleTimer->stop();
    }
}

void MainWindow::signOut()
{
    if (!m_session) {
        return;
    }
    endSession();
    Q_EMIT signedOut();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    endSession();
    Settings settings;
    settings.setMainWindowGeometry(saveGeometry());
    settings.setMainWindowState(saveState());
    QMainWindow::closeEvent(event);
}

} // namespace flowlet::ui
