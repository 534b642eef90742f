#include "TransactionFilterBar.h"

#include "core/Money.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QToolButton>

#include <algorithm>

namespace flowlet::ui {

QString TransactionFilterBar::searchHelp()
{
    return tr("Finds the transactions that contain every word you type, in any case. Words of three or more "
              "characters are looked up in an index; a search of only shorter words reads the table and runs "
              "when you press Enter.");
}

TransactionFilterBar::TransactionFilterBar(QWidget* parent)
    : QWidget(parent)
    , m_fromEnabled(new QCheckBox(tr("From"), this))
    , m_from(new QDateEdit(this))
    , m_toEnabled(new QCheckBox(tr("To"), this))
    , m_to(new QDateEdit(this))
    , m_minAmount(new QLineEdit(this))
    , m_maxAmount(new QLineEdit(this))
    , m_text(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_clear(new QToolButton(this))
    , m_debounce(this)
{
    m_fromEnabled->setObjectName(QStringLiteral("filterFromEnabled"));
    m_from->setObjectName(QStringLiteral("filterFrom"));
    m_toEnabled->setObjectName(QStringLiteral("filterToEnabled"));
    m_to->setObjectName(QStringLiteral("filterTo"));
    m_minAmount->setObjectName(QStringLiteral("filterMinAmount"));
    m_maxAmount->setObjectName(QStringLiteral("filterMaxAmount"));
    m_text->setObjectName(QStringLiteral("filterText"));
    m_clear->setObjectName(QStringLiteral("filterClear"));
    m_category->setObjectName(QStringLiteral("filterCategory"));
    m_category->setToolTip(tr("Only transactions of a category, or those without one"));
    setCategories({});

    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setDate(QDate::currentDate());
        edit->setEnabled(false);
    }
    m_from->setDate(QDate::currentDate().addMonths(-1));
    m_minAmount->setPlaceholderText(tr("min"));
    m_maxAmount->setPlaceholderText(tr("max"));
    m_minAmount->setToolTip(tr("Smallest amount (either sign), e.g. 9000 or 9000.50"));
    m_maxAmount->setToolTip(tr("Largest amount (either sign)"));
    for (QLineEdit* edit : {m_minAmount, m_maxAmount}) {
        edit->setMaximumWidth(110);
        edit->setClearButtonEnabled(true);
    }
    m_text->setPlaceholderText(tr("Search description, counterparty or reference (Ctrl+F)"));
    m_text->setToolTip(searchHelp());
    m_text->setClearButtonEnabled(true);
    m_clear->setText(tr("Clear filters"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fromEnabled);
    layout->addWidget(m_from);
    layout->addWidget(m_toEnabled);
    layout->addWidget(m_to);
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("Amount"), this));
    layout->addWidget(m_minAmount);
    layout->addWidget(new QLabel(QStringLiteral("–"), this));
    layout->addWidget(m_maxAmount);
    layout->addSpacing(12);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_category);
    layout->addWidget(m_clear);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &TransactionFilterBar::apply);
    connect(m_fromEnabled, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toEnabled, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_fromEnabled, &QCheckBox::toggled, this, &TransactionFilterBar::scheduleApply);
    connect(m_toEnabled, &QCheckBox::toggled, this, &TransactionFilterBar::scheduleApply);
    connect(m_from, &QDateEdit::dateChanged, this, &TransactionFilterBar::scheduleApply);
    connect(m_to, &QDateEdit::dateChanged, this, &TransactionFilterBar::scheduleApply);
    for (QLineEdit* edit : {m_minAmount, m_maxAmount, m_text}) {
        connect(edit, &QLineEdit::textChanged, this, &TransactionFilterBar::scheduleApply);
    }
    connect(m_category, &QComboBox::currentIndexChanged, this, &TransactionFilterBar::apply);
    connect(m_text, &QLineEdit::textEdited, this, [this] { m_shortWordsConfirmed = false; });
    connect(m_text, &QLineEdit::returnPressed, this, [this] {
        m_shortWordsConfirmed = true;
        apply();
    });
    connect(m_clear, &QToolButton::clicked, this, &TransactionFilterBar::clear);
    m_applied = TransactionFilter{};
}

void TransactionFilterBar::focusSearch()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

void TransactionFilterBar::clear()
{
    const QSignalBlocker blockers[] = {QSignalBlocker(m_fromEnabled), QSignalBlocker(m_toEnabled),
                                       QSignalBlocker(m_minAmount), QSignalBlocker(m_maxAmount),
                                       QSignalBlocker(m_text), QSignalBlocker(m_category)};
    m_fromEnabled->setChecked(false);
    m_toEnabled->setChecked(false);
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    m_minAmount->clear();
    m_maxAmount->clear();
    m_text->clear();
    m_category->setCurrentIndex(0);
    m_accountId.reset();
    apply();
}

namespace {

constexpr qint64 kUncategorised = -1;

QString amountText(const std::optional<qint64>& micros)
{
    return micros ? Money::fromMicros(*micros, *Currency::fromCode(u"XXX")).toString() : QString();
}

} // namespace

void TransactionFilterBar::setCategories(const QList<CategoryInfo>& categories)
{
    const QVariant current = m_category->currentData();
    const QSignalBlocker blocker(m_category);
    m_category->clear();
    m_category->addItem(tr("All categories"));
    m_category->addItem(tr("Uncategorised"), kUncategorised);
    for (const CategoryInfo& c : categories) {
        m_category->addItem(c.name, c.id);
    }
    const int again = current.isValid() ? m_category->findData(current) : 0;
    m_category->setCurrentIndex(std::max(0, again));
}

void TransactionFilterBar::setFilter(const TransactionFilter& filter)
{
    {
        const QSignalBlocker blockers[] = {QSignalBlocker(m_fromEnabled), QSignalBlocker(m_toEnabled),
                                           QSignalBlocker(m_from),        QSignalBlocker(m_to),
                                           QSignalBlocker(m_minAmount),   QSignalBlocker(m_maxAmount),
                                           QSignalBlocker(m_text),        QSignalBlocker(m_category)};
        m_fromEnabled->setChecked(filter.from.isValid());
        m_from->setEnabled(filter.from.isValid());
        if (filter.from.isValid()) {
            m_from->setDate(filter.from);
        }
        m_toEnabled->setChecked(filter.to.isValid());
        m_to->setEnabled(filter.to.isValid());
        if (filter.to.isValid()) {
            m_to->setDate(filter.to);
        }
        m_minAmount->setText(amountText(filter.minAbsMicros));
        m_maxAmount->setText(amountText(filter.maxAbsMicros));
        m_text->setText(filter.text);
        int category = 0;
        if (filter.uncategorised) {
            category = m_category->findData(kUncategorised);
        } else if (filter.categoryId) {
            category = m_category->findData(*filter.categoryId);
            if (category < 0) { // a category deleted since the view was saved
                m_category->addItem(tr("Category %1").arg(*filter.categoryId), *filter.categoryId);
                category = m_category->count() - 1;
            }
        }
        m_category->setCurrentIndex(std::max(0, category));
        m_accountId = filter.accountId;
    }
    m_shortWordsConfirmed = true; // a saved view asks for exactly this
    apply();
}

std::optional<std::optional<qint64>> TransactionFilterBar::parseAmount(QLineEdit* edit)
{
    QString text = edit->text().trimmed();
    if (text.isEmpty()) {
        edit->setStyleSheet(QString());
        edit->setToolTip(tr("Amount filter (either sign)"));
        return std::optional<qint64>();
    }
    // People type the decimal separator of their locale; grouping separators are not needed here.
    const QLocale locale;
    if (!text.contains(u'.') && text.contains(locale.decimalPoint())) {
        text.replace(locale.decimalPoint(), QStringLiteral("."));
    } else if (!text.contains(u'.')) {
        text.replace(u',', u'.');
    }
    text.remove(u'-');
    auto micros = Money::parseMicros(text);
    if (!micros) {
        edit->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
        edit->setToolTip(tr("Not an amount: %1").arg(micros.error().message()));
        return std::nullopt;
    }
    edit->setStyleSheet(QString());
    edit->setToolTip(QString());
    return std::optional<qint64>(*micros);
}

std::optional<TransactionFilter> TransactionFilterBar::currentFilter() const
{
    TransactionFilter filter;
    if (m_fromEnabled->isChecked()) {
        filter.from = m_from->date();
    }
    if (m_toEnabled->isChecked()) {
        filter.to = m_to->date();
    }
    const auto min = parseAmount(m_minAmount);
    const auto max = parseAmount(m_maxAmount);
    if (!min || !max) {
        return std::nullopt;
    }
    filter.minAbsMicros = *min;
    filter.maxAbsMicros = *max;
    filter.text = m_text->text().trimmed();
    const QVariant category = m_category->currentData();
    if (category.isValid()) {
        if (category.toLongLong() == kUncategorised) {
            filter.uncategorised = true;
        } else {
            filter.categoryId = category.toLongLong();
        }
    }
    filter.accountId = m_accountId;
    return filter;
}

void TransactionFilterBar::scheduleApply()
{
    m_debounce.start();
}

void TransactionFilterBar::apply()
{
    m_debounce.stop();
    const auto filter = currentFilter();
    if (!filter || filter == m_applied) {
        return;
    }
    // Words of one or two letters have no trigram: a search of only such words reads every
    // transaction. It runs when asked for with Enter, not a moment after typing "ab".
    const QStringList words = filter->text.split(u' ', Qt::SkipEmptyParts);
    const bool onlyShort = !words.isEmpty()
        && std::all_of(words.begin(), words.end(), [](const QString& w) { return w.size() < 3; });
    if (onlyShort && !m_shortWordsConfirmed) {
        m_text->setToolTip(tr("Words of one or two letters cannot use the search index: press Enter to "
                              "search anyway (this reads every transaction)."));
        return;
    }
    m_text->setToolTip(searchHelp());
    m_applied = filter;
    Q_EMIT filterChanged(*filter);
}

} // namespace flowlet::ui
