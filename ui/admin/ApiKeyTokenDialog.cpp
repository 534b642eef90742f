#include "ApiKeyTokenDialog.h"

#include "Widgets.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace flowlet::ui {

ApiKeyTokenDialog::ApiKeyTokenDialog(const QString& keyName, const QString& token, QWidget* parent)
    : QDialog(parent)
    , m_token(new QLineEdit(token, this))
{
    setObjectName(QStringLiteral("apiKeyTokenDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("API key created"));
    m_token->setObjectName(QStringLiteral("apiKeyToken"));
    m_token->setReadOnly(true);
    m_token->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_token->setMinimumWidth(m_token->fontMetrics().horizontalAdvance(token) + 24);

    auto* warning = new QLabel(
        tr("<b>Copy the key “%1” now: it is shown only this once.</b><br>Flowlet keeps only a fingerprint of it and "
           "cannot show it again. Store it where your script reads secrets (not in the script itself). If it is "
           "lost or leaked, revoke it and create a new one.")
            .arg(keyName.toHtmlEscaped()),
        this);
    warning->setObjectName(QStringLiteral("apiKeyTokenWarning"));
    warning->setWordWrap(true);
    auto* copy = namedButton(tr("Copy"), "copyApiKeyButton", this);
    auto* copied = new QLabel(this);
    copied->setObjectName(QStringLiteral("apiKeyCopied"));
    connect(copy, &QPushButton::clicked, this, [this, copied] {
        QGuiApplication::clipboard()->setText(m_token->text());
        copied->setText(tr("Copied to the clipboard."));
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // The text goes with the dialog; clearing it first leaves no copy in a widget that lingers.
    connect(this, &QDialog::finished, m_token, &QLineEdit::clear);

    auto* row = new QHBoxLayout;
    row->addWidget(m_token, 1);
    row->addWidget(copy);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(warning);
    layout->addLayout(row);
    layout->addWidget(copied);
    layout->addWidget(buttons);
}

} // namespace flowlet::ui
