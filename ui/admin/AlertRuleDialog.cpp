#include "AlertRuleDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace flowlet::ui {

AlertRuleDialog::AlertRuleDialog(const AlertRule& rule, QWidget* parent)
    : QDialog(parent)
    , m_original(rule)
    , m_name(new QLineEdit(rule.name, this))
    , m_category(new QLineEdit(rule.category, this))
    , m_fingerprint(new QLineEdit(rule.fingerprint, this))
    , m_level(new QComboBox(this))
    , m_threshold(new QSpinBox(this))
    , m_window(new QSpinBox(this))
    , m_enabled(new QCheckBox(tr("Enabled"), this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("alertRuleDialog"));
    setWindowTitle(rule.id == 0 ? tr("New alert rule") : tr("Edit alert rule"));
    m_name->setObjectName(QStringLiteral("alertRuleName"));
    m_category->setObjectName(QStringLiteral("alertRuleCategory"));
    m_fingerprint->setObjectName(QStringLiteral("alertRuleFingerprint"));
    m_level->setObjectName(QStringLiteral("alertRuleLevel"));
    m_threshold->setObjectName(QStringLiteral("alertRuleThreshold"));
    m_window->setObjectName(QStringLiteral("alertRuleWindow"));
    m_enabled->setObjectName(QStringLiteral("alertRuleEnabled"));

    m_category->setPlaceholderText(tr("any, or e.g. flowlet.db or flowlet.api*"));
    m_fingerprint->setPlaceholderText(tr("any (each fingerprint counts on its own)"));
    const std::pair<const char*, const char*> levels[] = {
        {"info", QT_TR_NOOP("Info")}, {"warning", QT_TR_NOOP("Warning")},
        {"critical", QT_TR_NOOP("Critical")}, {"fatal", QT_TR_NOOP("Fatal")}};
    for (const auto& [code, label] : levels) {
        m_level->addItem(tr(label), QString::fromLatin1(code));
    }
    m_level->setCurrentIndex(std::max(0, m_level->findData(rule.minLevel)));
    m_threshold->setRange(1, 1000000);
    m_threshold->setValue(rule.threshold);
    m_threshold->setSuffix(tr(" errors"));
    m_window->setRange(1, 10080);
    m_window->setValue(rule.windowMinutes);
    m_window->setSuffix(tr(" min"));
    m_enabled->setChecked(rule.enabled);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_problem->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Category"), m_category);
    form->addRow(tr("Fingerprint"), m_fingerprint);
    form->addRow(tr("From level"), m_level);
    form->addRow(tr("At least"), m_threshold);
    form->addRow(tr("Within"), m_window);
    form->addRow(QString(), m_enabled);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    QPushButton* ok = buttons->button(QDialogButtonBox::Ok);
    const auto recheck = [this, ok] {
        check();
        ok->setEnabled(m_problem->text().isEmpty());
    };
    connect(m_name, &QLineEdit::textChanged, this, recheck);
    connect(m_fingerprint, &QLineEdit::textChanged, this, recheck);
    connect(m_category, &QLineEdit::textChanged, this, recheck);
    recheck();
}

AlertRule AlertRuleDialog::rule() const
{
    AlertRule r = m_original;
    r.name = m_name->text().trimmed();
    r.category = m_category->text().trimmed();
    r.fingerprint = m_fingerprint->text().trimmed().toLower();
    r.minLevel = m_level->currentData().toString();
    r.threshold = m_threshold->value();
    r.windowMinutes = m_window->value();
    r.enabled = m_enabled->isChecked();
    return r;
}

void AlertRuleDialog::check()
{
    const auto valid = MonitorQuery::validate(rule());
    if (valid) {
        m_problem->clear();
    } else if (m_name->text().trimmed().isEmpty()) {
        m_problem->setText(tr("Give the rule a name."));
    } else if (!rule().fingerprint.isEmpty()) {
        m_problem->setText(tr("A fingerprint is the 64 hex digits shown with an error group."));
    } else {
        m_problem->setText(tr("Check the rule's values."));
    }
}

} // namespace flowlet::ui
