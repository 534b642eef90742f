#include "ApiKeyCreateDialog.h"

#include "auth/Permissions.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowlet::ui {

namespace {

constexpr int kDefaultLifetimeDays = 90;
constexpr int kCodeRole = Qt::UserRole;

} // namespace

ApiKeyCreateDialog::ApiKeyCreateDialog(const QList<ApiKeyOwner>& owners, qint64 ownerId, QWidget* parent)
    : QDialog(parent)
    , m_owners(owners)
    , m_name(new QLineEdit(this))
    , m_owner(new QComboBox(this))
    , m_scopes(new QListWidget(this))
    , m_expires(new QCheckBox(tr("Expires on"), this))
    , m_expiry(new QDateTimeEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("apiKeyCreateDialog"));
    setWindowTitle(tr("New API key"));
    m_name->setObjectName(QStringLiteral("apiKeyName"));
    m_owner->setObjectName(QStringLiteral("apiKeyOwner"));
    m_scopes->setObjectName(QStringLiteral("apiKeyScopes"));
    m_expires->setObjectName(QStringLiteral("apiKeyExpires"));
    m_expiry->setObjectName(QStringLiteral("apiKeyExpiry"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create key"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("apiKeyCreateButton"));

    m_name->setPlaceholderText(tr("What the key is for, e.g. nightly export script"));
    m_name->setMaxLength(100);
    for (const ApiKeyOwner& o : owners) {
        m_owner->addItem(o.displayName.isEmpty() ? o.username : QStringLiteral("%1 (%2)").arg(o.displayName, o.username),
                         o.id);
    }
    m_owner->setCurrentIndex(std::max(0, m_owner->findData(ownerId)));
    m_expiry->setCalendarPopup(true);
    m_expiry->setMinimumDateTime(QDateTime::currentDateTime().addSecs(3600));
    m_expiry->setDateTime(QDateTime::currentDateTime().addDays(kDefaultLifetimeDays));
    m_expiry->setEnabled(false);

    auto* scopesHint = new QLabel(tr("The key can do only what is ticked here, and never more than its owner may "
                                     "do at the time it is used."),
                                  this);
    scopesHint->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Owner"), m_owner);
    auto* expiryRow = new QHBoxLayout;
    expiryRow->addWidget(m_expires);
    expiryRow->addWidget(m_expiry, 1);
    form->addRow(tr("Expiry"), expiryRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Scopes"), this));
    layout->addWidget(scopesHint);
    layout->addWidget(m_scopes, 1);
    layout->addWidget(m_buttons);
    if (owners.size() < 2) {
        form->labelForField(m_owner)->hide();
        m_owner->hide();
    }

    connect(m_owner, &QComboBox::currentIndexChanged, this, &ApiKeyCreateDialog::fillScopes);
    connect(m_name, &QLineEdit::textChanged, this, &ApiKeyCreateDialog::updateOk);
    connect(m_scopes, &QListWidget::itemChanged, this, &ApiKeyCreateDialog::updateOk);
    connect(m_expires, &QCheckBox::toggled, m_expiry, &QWidget::setEnabled);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fillScopes();
    resize(520, 560);
}

void ApiKeyCreateDialog::fillScopes()
{
    const int index = m_owner->currentIndex();
    const QSet<QString> held = index >= 0 && index < m_owners.size() ? m_owners.at(index).permissions : QSet<QString>();
    const QStringList ticked = scopes();
    m_scopes->clear();
    // In catalogue order, which groups related permissions.
    for (const PermissionInfo& p : PermissionCatalogue::permissions()) {
        if (!held.contains(p.code)) {
            continue;
        }
        auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(p.description, p.code), m_scopes);
        item->setData(kCodeRole, p.code);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(ticked.contains(p.code) ? Qt::Checked : Qt::Unchecked);
    }
    updateOk();
}

void ApiKeyCreateDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!name().isEmpty() && !scopes().isEmpty());
}

qint64 ApiKeyCreateDialog::ownerId() const
{
    return m_owner->currentData().toLongLong();
}

QString ApiKeyCreateDialog::name() const
{
    return m_name->text().trimmed();
}

QStringList ApiKeyCreateDialog::scopes() const
{
    QStringList out;
    for (int row = 0; row < m_scopes->count(); ++row) {
        if (m_scopes->item(row)->checkState() == Qt::Checked) {
            out << m_scopes->item(row)->data(kCodeRole).toString();
        }
    }
    return out;
}

std::optional<QDateTime> ApiKeyCreateDialog::expiresAt() const
{
    if (!m_expires->isChecked()) {
        return std::nullopt;
    }
    return m_expiry->dateTime().toUTC();
}

} // namespace flowlet::ui
