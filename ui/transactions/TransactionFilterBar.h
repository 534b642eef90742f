#pragma once

#include "ledger/Categorisation.h"
#include "ledger/TransactionQuery.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QToolButton;

namespace flowlet::ui {

// Date range, amount range and free text above the transactions table. Emits the filter a
// moment after the user stops typing; an amount that does not parse is marked and not applied.
class TransactionFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransactionFilterBar)

public:
    explicit TransactionFilterBar(QWidget* parent = nullptr);

    // The filter as currently entered, or nullopt when an entry is invalid.
    std::optional<TransactionFilter> currentFilter() const;
    void focusSearch();
    // Shows a filter (a saved view) in the widgets and applies it at once. Parts the bar has no
    // widget for (the account) are kept as they are.
    void setFilter(const TransactionFilter& filter);
    // The categories the category filter offers, besides "All" and "Uncategorised".
    void setCategories(const QList<flowlet::CategoryInfo>& categories);

public Q_SLOTS:
    void clear();

Q_SIGNALS:
    void filterChanged(const flowlet::TransactionFilter& filter);

private:
    void scheduleApply();
    void apply();
    static std::optional<std::optional<qint64>> parseAmount(QLineEdit* edit);
    static QString searchHelp();

    QCheckBox* m_fromEnabled;
    QDateEdit* m_from;
    QCheckBox* m_toEnabled;
    QDateEdit* m_to;
    QLineEdit* m_minAmount;
    QLineEdit* m_maxAmount;
    QLineEdit* m_text;
    QComboBox* m_category;
    QToolButton* m_clear;
    QTimer m_debounce;
    std::optional<TransactionFilter> m_applied;
    std::optional<qint64> m_accountId; // from a saved view; no widget of its own
    bool m_shortWordsConfirmed = false; // Enter pressed: search even for words without a trigram
};

} // namespace flowlet::ui
