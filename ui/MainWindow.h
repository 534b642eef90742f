#pragma once

#include "PanelRegistry.h"
#include "audit/AuditLog.h"
#include "auth/AuthService.h"
#include "auth/Permissions.h"
#include "db/Database.h"

#include <QHash>

#include <functional>
#include <QMainWindow>

class QDialog;
class QLabel;
class QListWidget;
class QStackedWidget;
class QTimer;

namespace flowlet {
class ConnectionMonitor;
namespace api {
class ApiServer;
}
}

namespace flowlet::ui {

// The workstation window: a sidebar of the panels the user's permissions allow, the panel stack,
// and a status bar with the workspace, the connection state and the user.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // A signed-in user's window: panels of their role, idle lock, sign-out.
    MainWindow(DatabasePtr db, const StaffSession& session, QWidget* parent = nullptr);
    // Panels for an access context alone (no sign-in: benchmarks and panel tests).
    MainWindow(DatabasePtr db, const AccessContext& access, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Swaps the workspace: panels are rebuilt over the new database.
    void setWorkspace(DatabasePtr db);
    void setIdleLimit(std::chrono::seconds limit);
    const std::optional<StaffSession>& session() const { return m_session; }
    bool isLocked() const { return m_locked; }
    // Checks the idle guard now (the timer does this every few seconds).
    void checkIdle();
    DatabasePtr workspace() const { return m_db; }

    QStringList panelIds() const;
    QWidget* panel(const QString& id) const;
    bool showPanel(const QString& id);
    // Opens the import dialog for a statement file (File → Import, or a file dropped on the window).
    void importStatement(const QString& path);
    // Set by tests: called with each import dialog right after it opens, instead of running it
    // modally (a test drives it and closes it).
    std::function<void(QDialog*)> importDialogHook;

Q_SIGNALS:
    void signedOut();
    // File → New/Open: the chosen workspace, to be signed into afresh.
    void workspaceChosen(flowlet::DatabasePtr db);

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void buildPanels();
    void newWorkspace();
    void openWorkspace();
    void about();
    void onConnectionState(bool connected, const QString& detail);
    void signOut();
    void endSession();
    void lock();
    void chooseStatementFile();
    void startApi();
    Actor actor() const;

    DatabasePtr m_db;
    AccessContext m_access;
    StaffSession m_staff; // who the panels act for
    QListWidget* m_sidebar;
    QStackedWidget* m_stack;
    QLabel* m_workspaceLabel;
    QLabel* m_connectionLabel;
    QLabel* m_userLabel;
    ConnectionMonitor* m_monitor = nullptr;
    QList<PanelSpec> m_specs;
    std::optional<StaffSession> m_session;
    IdleGuard m_idle;
    QTimer* m_idleTimer = nullptr;
    bool m_locked = false;
    QAction* m_importAction = nullptr;
    QHash<QString, QWidget*> m_panels;
    api::ApiServer* m_api = nullptr; // the local REST API, served while someone is signed in
    QLabel* m_apiLabel = nullptr;
};

} // namespace flowlet::ui
