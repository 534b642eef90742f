#pragma once

#include "PanelRegistry.h"
#include "auth/Permissions.h"
#include "db/Database.h"

#include <QHash>
#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace flowlet {
class ConnectionMonitor;
}

namespace flowlet::ui {

// The workstation window: a sidebar of the panels the user's permissions allow, the panel stack,
// and a status bar with the workspace, the connection state and the user.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(DatabasePtr db, AccessContext access, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Swaps the workspace: panels are rebuilt over the new database.
    void setWorkspace(DatabasePtr db);
    DatabasePtr workspace() const { return m_db; }

    QStringList panelIds() const;
    QWidget* panel(const QString& id) const;
    bool showPanel(const QString& id);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildPanels();
    void newWorkspace();
    void openWorkspace();
    void about();
    void onConnectionState(bool connected, const QString& detail);

    DatabasePtr m_db;
    AccessContext m_access;
    QListWidget* m_sidebar;
    QStackedWidget* m_stack;
    QLabel* m_workspaceLabel;
    QLabel* m_connectionLabel;
    QLabel* m_userLabel;
    ConnectionMonitor* m_monitor = nullptr;
    QList<PanelSpec> m_specs;
    QHash<QString, QWidget*> m_panels;
};

} // namespace flowlet::ui
