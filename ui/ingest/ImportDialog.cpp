#include "ImportDialog.h"

#include "CsvMappingDialog.h"
#include "ingest/ImportController.h"
#include "ingest/ImportPreviewModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace flowlet::ui {


ImportDialog::ImportDialog(DatabasePtr db, const Actor& actor, const QString& path, QWidget* parent)
    : QDialog(parent)
    , m_db(db)
    , m_actor(actor)
    , m_controller(new ImportController(std::move(db), actor, this))
    , m_model(new ImportPreviewModel(this))
    , m_fileLabel(new QLabel(this))
    , m_statementsLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_accountBox(new QWidget(this))
    , m_accountCombo(new QComboBox(m_accountBox))
    , m_useAccountButton(new QPushButton(tr("Import into this account"), m_accountBox))
    , m_createAccountButton(new QPushButton(tr("Create an account for this statement"), m_accountBox))
    , m_statementOnly(new QCheckBox(tr("Statement only: keep the lines for reconciliation, add nothing to the book"), this))
    , m_acceptMismatch(new QCheckBox(tr("I have checked the entries: import although the balances do not add up"), this))
    , m_table(new QTableView(this))
    , m_countsLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_importButton(m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole))
    , m_adjustButton(m_buttons->addButton(tr("Adjust &columns…"), QDialogButtonBox::ActionRole))
{
    setWindowTitle(tr("Import statement — %1").arg(QFileInfo(path).fileName()));
    setObjectName(QStringLiteral("importDialog"));
    m_fileLabel->setObjectName(QStringLiteral("fileLabel"));
    m_statementsLabel->setObjectName(QStringLiteral("statementsLabel"));
    m_statementsLabel->setWordWrap(true);
    m_statementsLabel->setTextFormat(Qt::RichText);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b01c1c;"));
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->hide();
    m_accountCombo->setObjectName(QStringLiteral("accountCombo"));
    m_useAccountButton->setObjectName(QStringLiteral("useAccountButton"));
    m_createAccountButton->setObjectName(QStringLiteral("createAccountButton"));
    m_statementOnly->setObjectName(QStringLiteral("statementOnlyCheck"));
    m_table->setObjectName(QStringLiteral("previewTable"));
    m_acceptMismatch->setObjectName(QStringLiteral("acceptMismatchCheck"));
    m_acceptMismatch->hide();
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_importButton->setEnabled(false);
    m_adjustButton->setObjectName(QStringLiteral("adjustColumnsButton"));
    m_adjustButton->hide();

    auto* accountLayout = new QHBoxLayout(m_accountBox);
    accountLayout->setContentsMargins(0, 0, 0, 0);
    accountLayout->addWidget(new QLabel(tr("Account:"), m_accountBox));
    accountLayout->addWidget(m_accountCombo, 1);
    accountLayout->addWidget(m_useAccountButton);
    accountLayout->addWidget(m_createAccountButton);
    m_accountBox->hide();

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_progress->setRange(0, 0);
    m_progress->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_fileLabel);
    layout->addWidget(m_statementsLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_accountBox);
    layout->addWidget(m_statementOnly);
    layout->addWidget(m_acceptMismatch);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_countsLabel);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    resize(1000, 600);

    connect(m_controller, &ImportController::planned, this, &ImportDialog::onPlanned);
    connect(m_controller, &ImportController::failed, this, &ImportDialog::onFailed);
    connect(m_controller, &ImportController::committed, this, &ImportDialog::onCommitted);
    connect(m_controller, &ImportController::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
    });
    connect(m_model, &ImportPreviewModel::decisionsChanged, this, &ImportDialog::updateCounts);
    connect(m_statementOnly, &QCheckBox::toggled, this, &ImportDialog::replan);
    connect(m_acceptMismatch, &QCheckBox::toggled, this, [this](bool accepted) {
        if (m_controller->hasPlan()) {
            m_controller->plan().balanceMismatchAccepted = accepted;
        }
        updateCounts();
    });
    connect(m_useAccountButton, &QPushButton::clicked, this, &ImportDialog::useChosenAccount);
    connect(m_createAccountButton, &QPushButton::clicked, this, &ImportDialog::createAccount);
    connect(m_importButton, &QPushButton::clicked, this, [this] {
        setBusy(true, tr("Storing the import…"));
        m_controller->commit();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    connect(m_adjustButton, &QPushButton::clicked, this, &ImportDialog::adjustColumns);

    m_fileLabel->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    setBusy(true, {});
    m_controller->load(path);
}

ImportDialog::~ImportDialog()
{
    // The model points into the controller's plan: detach before the controller goes.
    m_model->setPlan(nullptr);
}

void ImportDialog::setBusy(bool busy, const QString& what)
{
    m_progress->setVisible(busy);
    if (busy) {
        m_progress->setRange(0, 0);
        if (!what.isEmpty()) {
            m_countsLabel->setText(what);
        }
    }
    m_importButton->setEnabled(!busy && m_controller->hasPlan() &&
                               (m_controller->plan().balancesMatch() || m_controller->plan().balanceMismatchAccepted));
    m_statementOnly->setEnabled(!busy);
    m_accountBox->setEnabled(!busy);
    m_adjustButton->setVisible(m_controller->isCsv());
    m_adjustButton->setEnabled(!busy);
}

void ImportDialog::onPlanned()
{
    setBusy(false, {});
    m_errorLabel->hide();
    m_accountBox->hide();
    ingest::ImportPlan& plan = m_controller->plan();
    plan.balanceMismatchAccepted = m_acceptMismatch->isChecked();
    m_model->setPlan(&plan);
    m_table->resizeColumnsToContents();
    m_fileLabel->setText(tr("<b>%1</b> — %2, %n entries", nullptr, int(plan.lines.size()))
                             .arg(plan.file.fileName.toHtmlEscaped(), plan.file.variant.toHtmlEscaped()));
    QStringList parts;
    for (int i = 0; i < plan.statements.size(); ++i) {
        const auto& ps = plan.statements.at(i);
        const QString colour = ps.balanceMatches ? QStringLiteral("inherit") : QStringLiteral("#b01c1c");
        parts << tr("Statement %1 for %2: <span style=\"color:%3\">%4</span>")
                     .arg(i + 1)
                     .arg(ps.accountLabel.toHtmlEscaped(), colour, ps.balanceNote.toHtmlEscaped());
    }
    for (const QString& w : std::as_const(plan.file.warnings)) {
        parts << tr("Note: %1").arg(w.toHtmlEscaped());
    }
    if (!m_controller->csvPreset().isEmpty()) {
        parts << tr("Columns from the bank preset “%1”.").arg(m_controller->csvPreset().toHtmlEscaped());
    }
    if (!plan.earlierBatchesOfSameFile.isEmpty()) {
        parts << tr("This exact file was imported before; its lines show as duplicates.");
    }
    m_statementsLabel->setText(parts.join(QStringLiteral("<br>")));
    updateCounts();
}

void ImportDialog::updateCounts()
{
    if (!m_controller->hasPlan()) {
        return;
    }
    const ingest::ImportPlan& plan = m_controller->plan();
    const ingest::LineCounts counts = plan.counts();
    m_countsLabel->setText(
        tr("%1 new, %2 duplicate, %3 possible match").arg(counts.added).arg(counts.duplicate).arg(counts.matched));
    m_acceptMismatch->setVisible(!plan.balancesMatch());
    m_importButton->setEnabled(!m_controller->isBusy() && (plan.balancesMatch() || plan.balanceMismatchAccepted));
    if (!plan.balancesMatch() && !plan.balanceMismatchAccepted) {
        m_countsLabel->setText(m_countsLabel->text() + u' ' +
                               tr("— the balances in the file do not add up: check the entries before importing."));
    }
}

void ImportDialog::onFailed(const QString& message)
{
    setBusy(false, {});
    m_importButton->setEnabled(false);
    m_adjustButton->setObjectName(QStringLiteral("adjustColumnsButton"));
    m_adjustButton->hide();
    m_errorLabel->setText(message);
    m_errorLabel->show();
    m_countsLabel->clear();
    if (m_controller->needsAccount()) {
        m_accountCombo->clear();
        for (const AccountSummary& a : m_controller->accountChoices()) {
            m_accountCombo->addItem(a.label(), a.id);
        }
        m_useAccountButton->setEnabled(m_accountCombo->count() > 0);
        m_createAccountButton->setVisible(m_controller->canCreateAccount());
        m_accountBox->show();
    }
    if (m_controller->needsCsvMapping()) {
        // The columns could not be recognised: the wizard asks instead of leaving only the error.
        adjustColumns();
    }
}

void ImportDialog::adjustColumns()
{
    if (!m_controller->isCsv() || m_controller->isBusy()) {
        return;
    }
    ingest::CsvMapping mapping = *m_controller->csvMapping();
    if (mapping.currency.isEmpty() && m_controller->hasPlan()) {
        // The file names no currency: the preview reads it in the account's it goes to.
        mapping.currency = m_controller->plan().statements.value(0).accountCurrency;
    } else if (mapping.currency.isEmpty() && m_accountBox->isVisible()) {
        const qint64 account = m_accountCombo->currentData().toLongLong();
        for (const AccountSummary& a : m_controller->accountChoices()) {
            if (a.id == account) {
                mapping.currency = a.currency;
            }
        }
    }
    auto* wizard = new CsvMappingDialog(m_db, m_actor, m_controller->bytes(), QFileInfo(m_controller->path()).fileName(),
                                        mapping, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &QDialog::accepted, this, [this, wizard] {
        m_model->setPlan(nullptr);
        m_errorLabel->hide();
        setBusy(true, tr("Reading the file with the new columns…"));
        m_controller->applyCsvMapping(wizard->mapping());
    });
    wizard->open();
}

void ImportDialog::onCommitted(const ingest::ImportOutcome& outcome)
{
    setBusy(false, {});
    Q_EMIT imported(outcome.batchIds);
    accept();
}

void ImportDialog::replan()
{
    ingest::ImportOptions options = m_controller->options();
    options.statementOnly = m_statementOnly->isChecked();
    options.accountId = m_chosenAccount;
    options.createMissingAccounts = m_createAccount;
    m_model->setPlan(nullptr);
    setBusy(true, tr("Checking the lines against the workspace…"));
    m_controller->replan(options);
}

void ImportDialog::useChosenAccount()
{
    if (m_accountCombo->currentIndex() < 0) {
        return;
    }
    m_chosenAccount = m_accountCombo->currentData().toLongLong();
    m_createAccount = false;
    replan();
}

void ImportDialog::createAccount()
{
    if (!m_controller->fileNamesAccounts()) {
        bool ok = false;
        const QString identifier = QInputDialog::getText(
            this, tr("New account"), tr("The file does not say which account it is for. Its IBAN or account number:"),
            QLineEdit::Normal, {}, &ok);
        if (!ok || identifier.trimmed().isEmpty()) {
            return;
        }
        m_controller->setStatementAccount(identifier);
    }
    m_chosenAccount.reset();
    m_createAccount = true;
    replan();
}

void ImportDialog::reject()
{
    if (m_controller->isBusy()) {
        // Cancelling a commit rolls it back; the dialog closes when the controller reports.
        m_controller->cancel();
    }
    QDialog::reject();
}

} // namespace flowlet::ui
