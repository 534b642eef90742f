#include "AuditPanel.h"

#include "Widgets.h"
#include "audit/AuditActions.h"
#include "audit/AuditTableModel.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace flowlet::ui {

namespace {

// JSON as people read it; anything else as it was stored.
QString readable(const QString& json)
{
    if (json.isEmpty()) {
        return {};
    }
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    return doc.isNull() ? json : QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

} // namespace

AuditPanel::AuditPanel(const PanelContext& context, QWidget* parent)
    : QWidget(parent)
    , m_model(new AuditTableModel(context.database, context.actor(), this))
    , m_actions(new AuditActions(context.database, context.actor(), this))
    , m_user(new QLineEdit(this))
    , m_action(new QLineEdit(this))
    , m_objectType(new QLineEdit(this))
    , m_objectId(new QLineEdit(this))
    , m_fromEnabled(new QCheckBox(tr("From"), this))
    , m_from(new QDateTimeEdit(this))
    , m_toEnabled(new QCheckBox(tr("To"), this))
    , m_to(new QDateTimeEdit(this))
    , m_apply(namedButton(tr("Filter"), "auditApplyButton", this))
    , m_table(new QTableView(this))
    , m_before(new QPlainTextEdit(this))
    , m_after(new QPlainTextEdit(this))
    , m_export(namedButton(tr("Export CSV…"), "auditExportButton", this))
    , m_verify(namedButton(tr("Verify chain"), "auditVerifyButton", this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("auditPanel"));
    m_user->setObjectName(QStringLiteral("auditUserFilter"));
    m_action->setObjectName(QStringLiteral("auditActionFilter"));
    m_objectType->setObjectName(QStringLiteral("auditObjectFilter"));
    m_objectId->setObjectName(QStringLiteral("auditObjectIdFilter"));
    m_fromEnabled->setObjectName(QStringLiteral("auditFromEnabled"));
    m_from->setObjectName(QStringLiteral("auditFrom"));
    m_toEnabled->setObjectName(QStringLiteral("auditToEnabled"));
    m_to->setObjectName(QStringLiteral("auditTo"));
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_before->setObjectName(QStringLiteral("auditBefore"));
    m_after->setObjectName(QStringLiteral("auditAfter"));
    m_message->setObjectName(QStringLiteral("auditMessage"));

    m_user->setPlaceholderText(tr("User name or id"));
    m_action->setPlaceholderText(tr("Action, e.g. auth.login or auth."));
    m_action->setToolTip(tr("An exact action, or the start of one ending in a dot or * (auth. finds every "
                            "sign-in event)"));
    m_objectType->setPlaceholderText(tr("Object, e.g. transaction"));
    m_objectId->setPlaceholderText(tr("Object id"));
    for (QLineEdit* edit : {m_user, m_action, m_objectType, m_objectId}) {
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::returnPressed, this, &AuditPanel::applyFilter);
    }
    const QDateTime now = QDateTime::currentDateTime();
    m_from->setDateTime(QDateTime(now.date().addDays(-7), QTime(0, 0)));
    m_to->setDateTime(QDateTime(now.date().addDays(1), QTime(0, 0)));
    for (QDateTimeEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setEnabled(false);
    }
    connect(m_fromEnabled, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toEnabled, &QCheckBox::toggled, m_to, &QWidget::setEnabled);

    m_table->setModel(m_model);
    setupListTable(m_table, QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    for (QPlainTextEdit* pane : {m_before, m_after}) {
        pane->setReadOnly(true);
        pane->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_before->setPlaceholderText(tr("Before: nothing (not an edit)"));
    m_after->setPlaceholderText(tr("After: no details"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export->setToolTip(tr("Write every entry the filter matches to a CSV file (recorded in the trail)"));
    m_verify->setToolTip(tr("Check every entry's hash and its link to the entry before it"));

    auto* filters = new QGridLayout;
    filters->addWidget(m_user, 0, 0);
    filters->addWidget(m_action, 0, 1);
    filters->addWidget(m_objectType, 0, 2);
    filters->addWidget(m_objectId, 0, 3);
    auto* times = new QHBoxLayout;
    times->addWidget(m_fromEnabled);
    times->addWidget(m_from);
    times->addWidget(m_toEnabled);
    times->addWidget(m_to);
    times->addStretch(1);
    times->addWidget(m_apply);
    times->addSpacing(12);
    times->addWidget(m_export);
    times->addWidget(m_verify);

    auto* detail = new QSplitter(Qt::Horizontal, this);
    detail->addWidget(m_before);
    detail->addWidget(m_after);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(times);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);
    m_message->setVisible(false);

    connect(m_apply, &QPushButton::clicked, this, &AuditPanel::applyFilter);
    connect(m_export, &QPushButton::clicked, this, &AuditPanel::exportEntries);
    connect(m_verify, &QPushButton::clicked, this, [this] {
        showMessage(tr("Verifying the chain…"), false);
        m_actions->verify();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AuditPanel::showSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        showSelected();
        m_table->resizeColumnsToContents();
    });
    connect(m_model, &AuditTableModel::errorOccurred, this, [this](const QString& message) { showMessage(message, true); });
    connect(m_actions, &AuditActions::failed, this, [this](const QString& message) { showMessage(message, true); });
    connect(m_actions, &AuditActions::verified, this, &AuditPanel::showVerification);
    connect(m_actions, &AuditActions::exportFinished, this, [this](qint64 rows, const QString& path) {
        showMessage(tr("%1 entries exported to %2.").arg(QLocale().toString(rows), QDir::toNativeSeparators(path)),
                    false);
    });
    connect(m_actions, &AuditActions::busyChanged, this, &AuditPanel::updateButtons);
    m_model->reload();
}

AuditPanel::~AuditPanel() = default;

AuditFilter AuditPanel::currentFilter() const
{
    AuditFilter f;
    f.user = m_user->text().trimmed();
    f.action = m_action->text().trimmed();
    f.objectType = m_objectType->text().trimmed();
    f.objectId = m_objectId->text().trimmed();
    if (m_fromEnabled->isChecked()) {
        f.from = m_from->dateTime().toUTC();
    }
    if (m_toEnabled->isChecked()) {
        f.to = m_to->dateTime().toUTC();
    }
    return f;
}

void AuditPanel::applyFilter()
{
    m_model->setFilter(currentFilter());
}

void AuditPanel::showSelected()
{
    const auto rows = m_table->selectionModel()->selectedRows();
    const AuditRecord* r = rows.isEmpty() ? nullptr : m_model->record(rows.first().row());
    m_before->setPlainText(r ? readable(r->entry.before) : QString());
    m_after->setPlainText(r ? readable(r->entry.after) : QString());
}

void AuditPanel::exportEntries()
{
    // What the table shows: the applied filter, not what is typed and not yet applied.
    const AuditFilter filter = m_model->filter();
    if (exportPathHook) {
        const QString path = exportPathHook();
        if (!path.isEmpty()) {
            m_actions->exportCsv(path, filter);
        }
        return;
    }
    QFileDialog* dialog = csvSaveDialog(this, tr("Export audit trail"), "auditExportFileDialog", QStringLiteral("audit"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, filter](const QString& path) {
        m_actions->exportCsv(path, filter);
    });
    dialog->open();
}

void AuditPanel::showVerification(const AuditLog::Verification& result)
{
    if (!result.firstBroken) {
        showMessage(tr("Intact — %1 entries").arg(QLocale().toString(result.entries)), false);
        return;
    }
    const qint64 id = *result.firstBroken;
    const QString why = result.broken == AuditLog::Verification::Break::ContentChanged
                            ? tr("its content was changed after it was written.")
                            : tr("it does not follow the entry before it: an entry was removed or inserted before "
                                 "it, or the one before was rewritten.");
    showMessage(tr("Broken at entry #%1: %2").arg(id).arg(why), true);
    const int row = m_model->rowOf(id);
    if (row >= 0) {
        m_table->selectRow(row);
        m_table->scrollTo(m_model->index(row, 0));
    }
}

void AuditPanel::showMessage(const QString& text, bool problem)
{
    m_message->setText(text);
    m_message->setProperty("problem", problem);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #c62828; font-weight: bold;") : QString());
    m_message->setVisible(!text.isEmpty());
}

void AuditPanel::updateButtons()
{
    m_verify->setEnabled(!m_actions->isVerifying());
    m_export->setEnabled(!m_actions->isExporting());
}

} // namespace flowlet::ui
