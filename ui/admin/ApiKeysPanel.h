#pragma once

#include "PanelRegistry.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace flowlet {
class ApiKeysController;
struct NewApiKey;
} // namespace flowlet

namespace flowlet::ui {

// API keys for the local REST API: one's own, or with apikeys.manage_all everyone's (with an
// Owner column, and keys can be made for others). New keys are shown once in ApiKeyTokenDialog.
class ApiKeysPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeysPanel)

public:
    ApiKeysPanel(const PanelContext& context, QWidget* parent = nullptr);

    ApiKeysController* controller() const { return m_controller; }

private:
    void newKey();
    void showToken(const NewApiKey& key);
    void confirmRevoke();
    void updateButtons();
    void report(const QString& message, bool error);

    qint64 m_userId;
    ApiKeysController* m_controller;
    QTableView* m_table;
    QPushButton* m_new;
    QPushButton* m_revoke;
    QPushButton* m_refresh;
    QLabel* m_message;
    bool m_creating = false;
};

} // namespace flowlet::ui
