#pragma once

#include "ledger/Categorisation.h"
#include "ledger/CategoryRules.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace flowlet::ui {

// A categorisation rule, drafted from a transaction and adjusted by the user: which field, how it
// compares, the value, the category it gives and its priority. OK stays disabled until the rule
// compiles (a regular expression that does not parse, an amount range that is not one).
class RuleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuleDialog)

public:
    RuleDialog(const CategoryRule& draft, const QList<CategoryInfo>& categories, QWidget* parent = nullptr);

    CategoryRule rule() const;

private:
    void validate();

    QLineEdit* m_name;
    QComboBox* m_field;
    QComboBox* m_condition;
    QLineEdit* m_value;
    QComboBox* m_category;
    QSpinBox* m_priority;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
    qint64 m_id = 0;
};

} // namespace flowlet::ui
