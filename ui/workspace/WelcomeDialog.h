#pragma once

#include "db/Database.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace flowlet {
class WorkspaceCreator;
struct CreatedWorkspace;
}

namespace flowlet::ui {

class AdminAccountForm;

// First run: create a local workspace (empty or with demo data), or open an existing one.
// Creation runs in the background with progress and cancel; a failed or cancelled creation
// leaves no file behind and says why.
class WelcomeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomeDialog)

public:
    explicit WelcomeDialog(QWidget* parent = nullptr);
    ~WelcomeDialog() override;

    DatabasePtr database() const { return m_database; }
    // What was created (a demo workspace's users and their credentials file), if anything.
    const CreatedWorkspace& created() const;
    void setWorkspacePath(const QString& path);

protected:
    void reject() override;

private:
    void create();
    void openExisting();
    void connectShared();
    void browse();
    void setBusy(bool busy);
    void showError(const QString& message);

    QLineEdit* m_path;
    QRadioButton* m_empty;
    QRadioButton* m_demoSmall;
    QRadioButton* m_demoMedium;
    AdminAccountForm* m_admin;
    QProgressBar* m_progress;
    QLabel* m_progressLabel;
    QLabel* m_error;
    QPushButton* m_create;
    QPushButton* m_open;
    QPushButton* m_connectShared;
    QPushButton* m_cancelCreate;
    QPushButton* m_quit;
    WorkspaceCreator* m_creator;
    DatabasePtr m_database;
};

} // namespace flowlet::ui
