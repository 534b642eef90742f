#include "ApiKeysPanel.h"

#include "ApiKeyCreateDialog.h"
#include "ApiKeyTokenDialog.h"
#include "Widgets.h"
#include "apikeys/ApiKeysController.h"
#include "apikeys/ApiKeysModel.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QVBoxLayout>

namespace flowlet::ui {

ApiKeysPanel::ApiKeysPanel(const PanelContext& context, QWidget* parent)
    : QWidget(parent)
    , m_userId(context.session.userId)
    , m_controller(new ApiKeysController(context.database, context.actor(),
                                         context.access.has(Permission::ApiKeysManageAll), this))
    , m_table(new QTableView(this))
    , m_new(namedButton(tr("New key…"), "newApiKeyButton", this))
    , m_revoke(namedButton(tr("Revoke…"), "revokeApiKeyButton", this))
    , m_refresh(namedButton(tr("Refresh"), "refreshApiKeysButton", this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("apiKeysPanel"));
    m_table->setObjectName(QStringLiteral("apiKeysTable"));
    m_message->setObjectName(QStringLiteral("apiKeysMessage"));
    m_message->setWordWrap(true);
    setupListTable(m_table, QAbstractItemView::SingleSelection);
    m_table->setModel(m_controller->model());
    m_table->setColumnHidden(ApiKeysModel::Owner, !m_controller->everyone());

    auto* intro = new QLabel(tr("Scripts use API keys to work with Flowlet's local API. A key acts for its owner, "
                                "limited to the scopes chosen when it was created."),
                             this);
    intro->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_revoke);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);

    connect(m_new, &QPushButton::clicked, this, &ApiKeysPanel::newKey);
    connect(m_revoke, &QPushButton::clicked, this, &ApiKeysPanel::confirmRevoke);
    connect(m_refresh, &QPushButton::clicked, m_controller, &ApiKeysController::reload);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ApiKeysPanel::updateButtons);
    connect(m_controller->model(), &QAbstractItemModel::modelReset, this, &ApiKeysPanel::updateButtons);
    connect(m_controller, &ApiKeysController::loaded, this, [this] { m_table->resizeColumnsToContents(); });
    connect(m_controller, &ApiKeysController::ownersLoaded, this, [this](const QList<ApiKeyOwner>& owners) {
        if (!m_creating) {
            return;
        }
        m_creating = false;
        auto* dialog = new ApiKeyCreateDialog(owners, m_userId, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog] {
            m_controller->create(dialog->ownerId(), dialog->name(), dialog->scopes(), dialog->expiresAt());
        });
        dialog->open();
    });
    connect(m_controller, &ApiKeysController::created, this, &ApiKeysPanel::showToken);
    connect(m_controller, &ApiKeysController::revoked, this, [this] { report(tr("The key was revoked."), false); });
    connect(m_controller, &ApiKeysController::failed, this, [this](const QString& message) {
        m_creating = false;
        report(message, true);
    });
    updateButtons();
    m_controller->reload();
}

void ApiKeysPanel::newKey()
{
    m_creating = true;
    m_controller->loadOwners();
}

void ApiKeysPanel::showToken(const NewApiKey& key)
{
    report(tr("Key “%1” created.").arg(key.info.name), false);
    (new ApiKeyTokenDialog(key.info.name, key.token, this))->open();
}

void ApiKeysPanel::confirmRevoke()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const ApiKeyInfo* key = rows.isEmpty() ? nullptr : m_controller->model()->key(rows.first().row());
    if (!key) {
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Revoke API key"),
                                tr("Revoke the key “%1” (flk_%2_…)? Scripts using it stop working at once. This "
                                   "cannot be undone.")
                                    .arg(key->name, key->prefix),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("revokeApiKeyConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* revoke = box->addButton(tr("Revoke"), QMessageBox::DestructiveRole);
    revoke->setObjectName(QStringLiteral("confirmRevokeButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    const qint64 id = key->id;
    connect(revoke, &QPushButton::clicked, this, [this, id] { m_controller->revoke(id); });
    box->open();
}

void ApiKeysPanel::updateButtons()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    m_revoke->setEnabled(!rows.isEmpty() && rows.first().data(ApiKeysModel::ActiveRole).toBool());
}

void ApiKeysPanel::report(const QString& message, bool error)
{
    m_message->setText(message);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
}

} // namespace flowlet::ui
