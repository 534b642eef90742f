#pragma once

#include "monitor/MonitorQuery.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace flowlet::ui {

// Adds or edits an alert rule: what it matches (a category, a fingerprint, a lowest level) and
// how many errors within how many minutes raise it.
class AlertRuleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertRuleDialog)

public:
    explicit AlertRuleDialog(const AlertRule& rule, QWidget* parent = nullptr);

    // The rule as edited (id and row version kept from the one passed in).
    AlertRule rule() const;

private:
    void check();

    AlertRule m_original;
    QLineEdit* m_name;
    QLineEdit* m_category;
    QLineEdit* m_fingerprint;
    QComboBox* m_level;
    QSpinBox* m_threshold;
    QSpinBox* m_window;
    QCheckBox* m_enabled;
    QLabel* m_problem;
};

} // namespace flowlet::ui
