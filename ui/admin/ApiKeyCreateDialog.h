#pragma once

#include "api/ApiKeys.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLineEdit;
class QListWidget;

namespace flowlet::ui {

// Asks for a new API key: its name, its owner (administrators only), the scopes — offered only
// from what the owner holds, each with its description — and an optional expiry.
class ApiKeyCreateDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeyCreateDialog)

public:
    // `owners` must hold `ownerId`; with more than one the owner can be chosen.
    ApiKeyCreateDialog(const QList<ApiKeyOwner>& owners, qint64 ownerId, QWidget* parent = nullptr);

    qint64 ownerId() const;
    QString name() const;
    QStringList scopes() const;
    std::optional<QDateTime> expiresAt() const;

private:
    void fillScopes();
    void updateOk();

    QList<ApiKeyOwner> m_owners;
    QLineEdit* m_name;
    QComboBox* m_owner;
    QListWidget* m_scopes;
    QCheckBox* m_expires;
    QDateTimeEdit* m_expiry;
    QDialogButtonBox* m_buttons;
};

} // namespace flowlet::ui
