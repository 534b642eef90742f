#include "RuleDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace flowlet::ui {

RuleDialog::RuleDialog(const CategoryRule& draft, const QList<CategoryInfo>& categories, QWidget* parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_field(new QComboBox(this))
    , m_condition(new QComboBox(this))
    , m_value(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_priority(new QSpinBox(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_id(draft.id)
{
    setObjectName(QStringLiteral("ruleDialog"));
    setWindowTitle(tr("New categorisation rule"));
    m_name->setObjectName(QStringLiteral("ruleName"));
    m_field->setObjectName(QStringLiteral("ruleField"));
    m_condition->setObjectName(QStringLiteral("ruleCondition"));
    m_value->setObjectName(QStringLiteral("ruleValue"));
    m_category->setObjectName(QStringLiteral("ruleCategory"));
    m_priority->setObjectName(QStringLiteral("rulePriority"));
    m_problem->setObjectName(QStringLiteral("ruleProblem"));

    const std::pair<const char*, QString> fields[] = {
        {QT_TR_NOOP("Counterparty"), QStringLiteral("counterparty")},
        {QT_TR_NOOP("Description"), QStringLiteral("description")},
        {QT_TR_NOOP("Counterparty account"), QStringLiteral("counterparty_account")},
        {QT_TR_NOOP("Reference"), QStringLiteral("reference")},
        {QT_TR_NOOP("Bank transaction code"), QStringLiteral("bank_tx_code")},
        {QT_TR_NOOP("Merchant category (MCC)"), QStringLiteral("merchant_category")},
        {QT_TR_NOOP("Amount"), QStringLiteral("amount")},
    };
    for (const auto& [label, key] : fields) {
        m_field->addItem(tr(label), key);
    }
    const std::pair<const char*, QString> conditions[] = {
        {QT_TR_NOOP("contains"), QStringLiteral("contains")},
        {QT_TR_NOOP("is"), QStringLiteral("equals")},
        {QT_TR_NOOP("starts with"), QStringLiteral("starts_with")},
        {QT_TR_NOOP("matches the regular expression"), QStringLiteral("regex")},
        {QT_TR_NOOP("is between (low..high)"), QStringLiteral("between")},
    };
    for (const auto& [label, key] : conditions) {
        m_condition->addItem(tr(label), key);
    }
    for (const CategoryInfo& c : categories) {
        m_category->addItem(c.name, c.id);
    }
    m_priority->setRange(1, 10000);
    m_priority->setToolTip(tr("Rules with a lower number are tried first"));

    m_name->setText(draft.name);
    m_field->setCurrentIndex(std::max(0, m_field->findData(draft.field)));
    m_condition->setCurrentIndex(std::max(0, m_condition->findData(draft.condition)));
    m_value->setText(draft.value);
    m_category->setCurrentIndex(std::max(0, m_category->findData(draft.categoryId)));
    m_priority->setValue(draft.priority);

    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("When"), m_field);
    form->addRow(QString(), m_condition);
    form->addRow(tr("Value"), m_value);
    form->addRow(tr("Set the category"), m_category);
    form->addRow(tr("Priority"), m_priority);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Imported transactions that match get this category, unless a rule with a "
                                    "lower priority number matches first."),
                                 this));
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit* edit : {m_name, m_value}) {
        connect(edit, &QLineEdit::textChanged, this, &RuleDialog::validate);
    }
    for (QComboBox* combo : {m_field, m_condition, m_category}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &RuleDialog::validate);
    }
    validate();
}

CategoryRule RuleDialog::rule() const
{
    CategoryRule r;
    r.id = m_id;
    r.name = m_name->text().simplified();
    r.field = m_field->currentData().toString();
    r.condition = m_condition->currentData().toString();
    r.value = m_value->text().trimmed();
    r.categoryId = m_category->currentData().toLongLong();
    r.priority = m_priority->value();
    return r;
}

void RuleDialog::validate()
{
    const CategoryRule r = rule();
    QString problem;
    if (r.name.isEmpty()) {
        problem = tr("Give the rule a name.");
    } else if (r.value.isEmpty()) {
        problem = tr("Enter the value to compare with.");
    } else if (r.categoryId <= 0) {
        problem = tr("Choose a category.");
    } else if (auto compiled = CategoryRules::fromRules({r}); !compiled) {
        problem = compiled.error().message();
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace flowlet::ui
