#include "ReconciliationPanel.h"

#include "Widgets.h"

#include "core/Clock.h"
#include "ledger/ReconciliationBookModel.h"
#include "ledger/ReconciliationController.h"
#include "ledger/ReconciliationLineModel.h"
#include "ledger/ReconciliationMatchModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace flowlet::ui {

namespace {

QLabel* label(const char* name, QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setObjectName(QString::fromLatin1(name));
    return l;
}

QTableView* table(const char* name, QWidget* parent)
{
    auto* t = new QTableView(parent);
    t->setObjectName(QString::fromLatin1(name));
    setupListTable(t, QAbstractItemView::ExtendedSelection);
    t->setWordWrap(false);
    return t;
}

// An amount as people type it: their locale's decimal separator or a point, grouping or none, a
// minus sign. Parsed exactly, never through a double.
Result<Money> typedAmount(QString text, const QString& currency)
{
    static const QRegularExpression blanks(QStringLiteral("[\\s'’]"));
    text.remove(blanks);
    text.replace(QChar(0x2212), u'-');
    const qsizetype dot = text.lastIndexOf(u'.');
    const qsizetype comma = text.lastIndexOf(u',');
    if (dot >= 0 && comma >= 0) {
        // Both: the later one separates the decimals.
        if (dot > comma) {
            text.remove(u',');
        } else {
            text.remove(u'.');
            text.replace(u',', u'.');
        }
    } else if (comma >= 0) {
        const bool decimal = QLocale().decimalPoint() == QStringLiteral(",") || text.size() - comma - 1 != 3;
        if (decimal) {
            text.replace(u',', u'.');
        } else {
            text.remove(u',');
        }
    }
    return Money::parse(text, currency);
}

QString dateText(const QDate& date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QStringLiteral("…");
}

QString statementText(const AccountStatement& st)
{
    const QDate last = st.closingDate.isValid() ? st.closingDate : st.periodTo;
    QString text = ReconciliationPanel::tr("%1 — %2 to %3").arg(st.fileName, dateText(st.periodFrom), dateText(last));
    text += st.closingBalance ? ReconciliationPanel::tr(", closing %1").arg(st.closingBalance->toDisplayString())
                              : ReconciliationPanel::tr(", no closing balance");
    if (st.finishedSessionId) {
        text += ReconciliationPanel::tr(" (reconciled)");
    } else if (st.openSessionId) {
        text += ReconciliationPanel::tr(" (being reconciled)");
    }
    return text;
}

const AccountStatement* statementOf(const QList<AccountStatement>& statements, qint64 batchId)
{
    for (const AccountStatement& st : statements) {
        if (st.batchId == batchId) {
            return &st;
        }
    }
    return nullptr;
}

} // namespace

ReconciliationPanel::ReconciliationPanel(DatabasePtr db, const Actor& actor, QWidget* parent)
    : QWidget(parent)
    , m_controller(new ReconciliationController(std::move(db), actor, this))
    , m_account(new QComboBox(this))
    , m_statement(new QComboBox(this))
    , m_start(namedButton(tr("Start"), "startButton", this))
    , m_resume(namedButton(tr("Resume"), "resumeButton", this))
    , m_paperDate(new QDateEdit(this))
    , m_closing(new QLineEdit(this))
    , m_dateTolerance(new QSpinBox(this))
    , m_amountTolerance(new QLineEdit(this))
    , m_startPaper(namedButton(tr("Start paper statement"), "startPaperButton", this))
    , m_sessionLabel(label("sessionLabel", this))
    , m_closingLabel(label("statementClosingLabel", this))
    , m_clearedLabel(label("clearedBalanceLabel", this))
    , m_differenceLabel(label("differenceLabel", this))
    , m_countsLabel(label("countsLabel", this))
    , m_message(label("reconciliationMessage", this))
    , m_autoMatch(namedButton(tr("Auto-match"), "autoMatchButton", this))
    , m_accept(namedButton(tr("Accept"), "acceptButton", this))
    , m_reject(namedButton(tr("Reject"), "rejectButton", this))
    , m_unmatch(namedButton(tr("Unmatch"), "unmatchButton", this))
    , m_match(namedButton(tr("Match selected"), "matchSelectedButton", this))
    , m_toggleCleared(namedButton(tr("Tick / untick"), "toggleClearedButton", this))
    , m_reload(namedButton(tr("Reload"), "reloadButton", this))
    , m_finish(namedButton(tr("Finish…"), "finishButton", this))
    , m_tabs(new QTabWidget(this))
    , m_matchedTable(table("matchedTable", this))
    , m_suggestedTable(table("suggestedTable", this))
    , m_linesTable(table("statementLinesTable", this))
    , m_bookTable(table("bookEntriesTable", this))
    , m_outstanding(new QCheckBox(tr("Also outstanding entries from before the statement"), this))
    , m_selection(label("selectionLabel", this))
{
    setObjectName(QStringLiteral("reconciliationPanel"));
    m_account->setObjectName(QStringLiteral("accountCombo"));
    m_statement->setObjectName(QStringLiteral("statementCombo"));
    m_paperDate->setObjectName(QStringLiteral("paperDateEdit"));
    m_closing->setObjectName(QStringLiteral("closingBalanceEdit"));
    m_dateTolerance->setObjectName(QStringLiteral("dateToleranceSpin"));
    m_amountTolerance->setObjectName(QStringLiteral("amountToleranceEdit"));
    m_tabs->setObjectName(QStringLiteral("reviewTabs"));
    m_outstanding->setObjectName(QStringLiteral("outstandingCheck"));

    m_paperDate->setCalendarPopup(true);
    m_paperDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_paperDate->setDate(Clock::now().date());
    m_closing->setPlaceholderText(tr("Closing balance"));
    m_closing->setToolTip(tr("The closing balance printed on the statement: for a paper statement, or for an "
                             "imported one whose file does not give it"));
    // A new session's tolerances for suggestions; exact matches need none. Kept with the session.
    const MatcherSettings defaults;
    m_dateTolerance->setRange(0, 31);
    m_dateTolerance->setValue(defaults.dateToleranceDays);
    m_dateTolerance->setSuffix(tr(" days"));
    m_dateTolerance->setToolTip(tr("Suggest a statement line and a book entry of the same amount booked at most this "
                                   "many days apart"));
    m_amountTolerance->setText(QStringLiteral("0") + QLocale().decimalPoint() + QStringLiteral("00"));
    m_amountTolerance->setMaximumWidth(120);
    m_amountTolerance->setToolTip(tr("Also suggest pairs whose amounts differ by at most this much (bank fees, "
                                     "rounding); 0 for equal amounts only"));
    m_account->setMinimumContentsLength(30);
    m_statement->setMinimumContentsLength(40);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sessionLabel->setWordWrap(true);
    m_finish->setToolTip(tr("Possible when the difference is zero and every suggestion is accepted or rejected"));
    m_toggleCleared->setToolTip(tr("Tick the selected book entries as cleared, or untick them"));

    m_matchedTable->setModel(m_controller->matchedModel());
    m_suggestedTable->setModel(m_controller->suggestedModel());
    m_linesTable->setModel(m_controller->lineModel());
    m_bookTable->setModel(m_controller->bookModel());
    for (QTableView* t : {m_matchedTable, m_suggestedTable}) {
        t->setColumnWidth(ReconciliationMatchModel::Date, 90);
        t->setColumnWidth(ReconciliationMatchModel::Statement, 220);
        t->setColumnWidth(ReconciliationMatchModel::StatementAmount, 110);
        t->setColumnWidth(ReconciliationMatchModel::Book, 220);
        t->setColumnWidth(ReconciliationMatchModel::BookAmount, 110);
    }
    m_linesTable->setColumnWidth(ReconciliationLineModel::Line, 50);
    m_linesTable->setColumnWidth(ReconciliationLineModel::Description, 220);
    m_bookTable->setColumnWidth(ReconciliationBookModel::Cleared, 60);
    m_bookTable->setColumnWidth(ReconciliationBookModel::Description, 220);

    auto* start = new QGridLayout;
    start->addWidget(new QLabel(tr("Account:"), this), 0, 0);
    start->addWidget(m_account, 0, 1, 1, 4);
    start->addWidget(new QLabel(tr("Imported statement:"), this), 1, 0);
    start->addWidget(m_statement, 1, 1, 1, 2);
    start->addWidget(m_start, 1, 3);
    start->addWidget(m_resume, 1, 4);
    start->addWidget(new QLabel(tr("Paper statement:"), this), 2, 0);
    start->addWidget(m_paperDate, 2, 1);
    start->addWidget(m_closing, 2, 2);
    start->addWidget(m_startPaper, 2, 3);
    start->addWidget(new QLabel(tr("Suggest matches within:"), this), 3, 0);
    auto* tolerances = new QHBoxLayout;
    tolerances->addWidget(m_dateTolerance);
    tolerances->addWidget(new QLabel(tr("and amounts differing by at most"), this));
    tolerances->addWidget(m_amountTolerance);
    tolerances->addStretch(1);
    start->addLayout(tolerances, 3, 1, 1, 4);
    start->setColumnStretch(2, 1);

    auto* figures = new QHBoxLayout;
    for (QLabel* l : {m_closingLabel, m_clearedLabel, m_differenceLabel}) {
        figures->addWidget(l);
        figures->addSpacing(16);
    }
    figures->addWidget(m_countsLabel, 1);

    auto* actions = new QHBoxLayout;
    for (QPushButton* b : {m_autoMatch, m_accept, m_reject, m_unmatch, m_match, m_toggleCleared, m_reload}) {
        actions->addWidget(b);
    }
    actions->addStretch(1);
    actions->addWidget(m_finish);

    m_tabs->addTab(m_matchedTable, tr("Matched"));
    m_tabs->addTab(m_suggestedTable, tr("Suggested"));
    m_tabs->addTab(m_linesTable, tr("Statement lines"));
    auto* bookSide = new QWidget(this);
    auto* bookLayout = new QVBoxLayout(bookSide);
    bookLayout->setContentsMargins(0, 0, 0, 0);
    auto* bookTitle = label("bookEntriesLabel", bookSide);
    bookTitle->setText(tr("Book entries not matched"));
    bookLayout->addWidget(bookTitle);
    bookLayout->addWidget(m_bookTable, 1);
    bookLayout->addWidget(m_outstanding);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(bookSide);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(start);
    layout->addWidget(m_sessionLabel);
    layout->addLayout(figures);
    layout->addLayout(actions);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_selection);

    ReconciliationController* c = m_controller;
    connect(c, &ReconciliationController::accountsChanged, this, &ReconciliationPanel::fillAccounts);
    connect(c, &ReconciliationController::statementsChanged, this, &ReconciliationPanel::fillStatements);
    connect(c, &ReconciliationController::sessionChanged, this, &ReconciliationPanel::showSession);
    connect(c, &ReconciliationController::summaryChanged, this, &ReconciliationPanel::showSummary);
    connect(c, &ReconciliationController::busyChanged, this, &ReconciliationPanel::updateActions);
    connect(c, &ReconciliationController::errorOccurred, this, [this](const QString& m) { showMessage(m, true); });
    connect(c, &ReconciliationController::noticed, this, [this](const QString& m) { showMessage(m, false); });
    connect(m_account, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) {
            m_message->clear();
            m_controller->setAccount(m_account->itemData(index).toLongLong());
        }
    });
    connect(m_statement, &QComboBox::currentIndexChanged, this, &ReconciliationPanel::updateActions);
    connect(m_start, &QPushButton::clicked, this, &ReconciliationPanel::startFromStatement);
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (const auto& open = m_controller->openSession()) {
            m_controller->open(open->id);
        }
    });
    connect(m_startPaper, &QPushButton::clicked, this, &ReconciliationPanel::startPaper);
    connect(m_autoMatch, &QPushButton::clicked, m_controller, &ReconciliationController::autoMatch);
    connect(m_accept, &QPushButton::clicked, this, [this] { acceptOrReject(true); });
    connect(m_reject, &QPushButton::clicked, this, [this] { acceptOrReject(false); });
    connect(m_unmatch, &QPushButton::clicked, this, &ReconciliationPanel::unmatchSelected);
    connect(m_match, &QPushButton::clicked, this, &ReconciliationPanel::matchSelected);
    connect(m_toggleCleared, &QPushButton::clicked, this, &ReconciliationPanel::toggleSelected);
    connect(m_reload, &QPushButton::clicked, m_controller, &ReconciliationController::reload);
    connect(m_finish, &QPushButton::clicked, this, &ReconciliationPanel::finish);
    connect(m_outstanding, &QCheckBox::toggled, c->bookModel(), &ReconciliationBookModel::setIncludeOutstanding);

    const auto counted = [this](QTableView* view, ReconciliationListModel* model, std::function<void(qint64)> show) {
        connect(model, &ReconciliationListModel::totalCountChanged, this, show);
        connect(model, &QAbstractItemModel::modelReset, this, &ReconciliationPanel::updateSelection);
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &ReconciliationPanel::updateSelection);
        show(0);
    };
    counted(m_matchedTable, c->matchedModel(),
            [this](qint64 n) { m_tabs->setTabText(0, tr("Matched (%1)").arg(n)); });
    counted(m_suggestedTable, c->suggestedModel(),
            [this](qint64 n) { m_tabs->setTabText(1, tr("Suggested (%1)").arg(n)); });
    counted(m_linesTable, c->lineModel(),
            [this](qint64 n) { m_tabs->setTabText(2, tr("Statement lines (%1)").arg(n)); });
    counted(m_bookTable, c->bookModel(),
            [bookTitle](qint64 n) { bookTitle->setText(tr("Book entries not matched (%1)").arg(n)); });

    showSession();
    showSummary();
    m_controller->loadAccounts();
}

ReconciliationPanel::~ReconciliationPanel() = default;

QString ReconciliationPanel::accountCurrency() const
{
    const auto id = m_controller->accountId();
    for (const AccountSummary& a : m_controller->accounts()) {
        if (id && a.id == *id) {
            return a.currency;
        }
    }
    return {};
}

QList<int> ReconciliationPanel::selectedRows(QTableView* view) const
{
    QList<int> rows;
    for (const QModelIndex& index : view->selectionModel()->selectedRows()) {
        rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ReconciliationPanel::fillAccounts()
{
    const auto chosen = m_controller->accountId();
    {
        const QSignalBlocker blocker(m_account);
        m_account->clear();
        for (const AccountSummary& a : m_controller->accounts()) {
            m_account->addItem(a.label(), a.id);
        }
        m_account->setCurrentIndex(chosen ? m_account->findData(*chosen) : -1);
    }
    if (m_account->currentIndex() < 0 && m_account->count() > 0) {
        m_account->setCurrentIndex(0); // reads its statements
    }
    if (m_account->count() == 0) {
        showMessage(tr("There is no own account to reconcile. Import a statement first (File → Import "
                       "statement…)."),
                    false);
    }
    updateActions();
}

void ReconciliationPanel::fillStatements()
{
    const QVariant chosen = m_statement->currentData();
    const QSignalBlocker blocker(m_statement);
    m_statement->clear();
    for (const AccountStatement& st : m_controller->statements()) {
        m_statement->addItem(statementText(st), st.batchId);
    }
    const int again = chosen.isValid() ? m_statement->findData(chosen) : -1;
    m_statement->setCurrentIndex(again >= 0 ? again : (m_statement->count() > 0 ? 0 : -1));
    const auto& open = m_controller->openSession();
    m_resume->setText(open ? tr("Resume #%1 (statement of %2)").arg(open->id).arg(dateText(open->statementDate))
                           : tr("Resume"));
    updateActions();
}

std::optional<Money> ReconciliationPanel::typedClosing(const QString& whenEmpty)
{
    if (m_closing->text().trimmed().isEmpty()) {
        showMessage(whenEmpty, true);
        m_closing->setFocus();
        return std::nullopt;
    }
    auto typed = typedAmount(m_closing->text(), accountCurrency());
    if (!typed) {
        showMessage(tr("The closing balance is not an amount: %1").arg(typed.error().message()), true);
        m_closing->setFocus();
        return std::nullopt;
    }
    m_message->clear();
    return *typed;
}

void ReconciliationPanel::startFromStatement()
{
    const AccountStatement* st = statementOf(m_controller->statements(), m_statement->currentData().toLongLong());
    if (!st) {
        return;
    }
    if (st->finishedSessionId || st->openSessionId) {
        m_controller->open(st->finishedSessionId ? *st->finishedSessionId : *st->openSessionId);
        return;
    }
    std::optional<Money> closing;
    if (!st->closingBalance) {
        closing = typedClosing(tr("%1 does not give its closing balance: enter the one printed on the statement "
                                  "under Closing balance, then Start again.")
                                   .arg(st->fileName));
        if (!closing) {
            return;
        }
    }
    const auto settings = typedSettings();
    if (!settings) {
        return;
    }
    m_message->clear();
    m_controller->start(st->batchId, closing, *settings);
}

void ReconciliationPanel::startPaper()
{
    if (const auto closing = typedClosing(tr("Enter the closing balance printed on the paper statement."))) {
        if (const auto settings = typedSettings()) {
            m_controller->startPaper(m_paperDate->date(), *closing, *settings);
        }
    }
}

std::optional<MatcherSettings> ReconciliationPanel::typedSettings()
{
    MatcherSettings settings;
    settings.dateToleranceDays = m_dateTolerance->value();
    const QString text = m_amountTolerance->text().trimmed();
    auto amount = typedAmount(text.isEmpty() ? QStringLiteral("0") : text, accountCurrency());
    if (!amount || amount->isNegative()) {
        showMessage(tr("The amount tolerance must be an amount of zero or more, such as 0.50"), true);
        m_amountTolerance->setFocus();
        return std::nullopt;
    }
    auto micros = amount->toMicros();
    if (!micros) {
        showMessage(micros.error().message(), true);
        return std::nullopt;
    }
    settings.amountToleranceMicros = *micros;
    return settings;
}

void ReconciliationPanel::showSession()
{
    const auto& s = m_controller->session();
    if (!s) {
        m_sessionLabel->setText(tr("No reconciliation shown: start one from a statement, or resume the open one."));
        m_sessionLabel->setStyleSheet(QString());
        updateActions();
        return;
    }
    const AccountStatement* st = s->batchId ? statementOf(m_controller->statements(), *s->batchId) : nullptr;
    const QString source = !s->batchId ? tr("paper statement")
        : st                           ? st->fileName
                                       : tr("import #%1").arg(*s->batchId);
    const QString what =
        tr("Reconciliation #%1 of the statement of %2 (%3)").arg(s->id).arg(dateText(s->statementDate), source);
    if (s->finished) {
        m_sessionLabel->setText(
            tr("%1 — finished %2. Locked: its entries are reconciled and nothing can be changed.")
                .arg(what, QLocale().toString(s->finishedAt.toLocalTime(), QLocale::ShortFormat)));
        m_sessionLabel->setStyleSheet(QStringLiteral("QLabel { font-weight: bold; }"));
    } else {
        const QString tolerances =
            s->settings.amountToleranceMicros > 0
            ? tr("suggestions within %n day(s) and %1", nullptr, s->settings.dateToleranceDays)
                  .arg(Money::fromMicros(s->settings.amountToleranceMicros,
                                         Currency::fromCode(accountCurrency()).value_or(Currency()))
                           .toDisplayString())
            : tr("suggestions within %n day(s), equal amounts", nullptr, s->settings.dateToleranceDays);
        m_sessionLabel->setText(tr("%1 — open; saved with every step; %2.").arg(what, tolerances));
        m_sessionLabel->setStyleSheet(QString());
    }
    updateActions();
}

void ReconciliationPanel::showSummary()
{
    const auto& s = m_controller->summary();
    if (!s) {
        for (QLabel* l : {m_closingLabel, m_clearedLabel, m_differenceLabel, m_countsLabel}) {
            l->clear();
        }
        updateActions();
        return;
    }
    m_closingLabel->setText(tr("Statement closing: %1").arg(s->statementClosing.toDisplayString()));
    m_clearedLabel->setText(tr("Cleared balance: %1").arg(s->clearedBalance.toDisplayString()));
    m_differenceLabel->setText(tr("Difference: %1").arg(s->difference.toDisplayString()));
    m_differenceLabel->setStyleSheet(s->difference.isZero()
                                         ? QStringLiteral("QLabel { color: #2e7d32; font-weight: bold; }")
                                         : QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
    m_countsLabel->setText(tr("Matched %1 · suggested %2 · statement lines unmatched %3 · book entries unmatched "
                              "%4, outstanding %5 · cleared %6")
                               .arg(s->matchesCleared)
                               .arg(s->matchesSuggested)
                               .arg(s->statementUnmatched)
                               .arg(s->bookUnmatched)
                               .arg(s->bookOutstanding)
                               .arg(s->bookCleared));
    updateActions();
}

void ReconciliationPanel::updateSelection()
{
    const ReconciliationLineModel* lines = m_controller->lineModel();
    const ReconciliationBookModel* book = m_controller->bookModel();
    const QList<int> lineRows = selectedRows(m_linesTable);
    const QList<int> bookRows = selectedRows(m_bookTable);
    if (lineRows.isEmpty() && bookRows.isEmpty()) {
        m_selection->setText(tr("Select statement lines and book entries that belong together to match them by "
                                "hand; tick entries the statement shows without a line."));
        updateActions();
        return;
    }
    std::optional<Money> lineSum, bookSum;
    const auto add = [](std::optional<Money>& sum, const Money& amount) {
        sum = sum ? sum->plus(amount).valueOr(*sum) : amount;
    };
    for (int row : lineRows) {
        add(lineSum, lines->line(row)->amount);
    }
    for (int row : bookRows) {
        add(bookSum, book->entry(row)->amount);
    }
    const auto shown = [](const std::optional<Money>& sum) {
        return sum ? sum->toDisplayString() : QStringLiteral("–");
    };
    QString text = tr("Selected: %1 · %2")
                       .arg(tr("%n statement line(s), %1", nullptr, int(lineRows.size())).arg(shown(lineSum)),
                            tr("%n book entry(ies), %1", nullptr, int(bookRows.size())).arg(shown(bookSum)));
    const auto apart = lineSum && bookSum ? lineSum->minus(*bookSum) : Result<Money>(Money());
    if (apart && apart->isValid() && !apart->isZero()) {
        text += tr(" — they differ by %1").arg(apart->abs().toDisplayString());
    }
    m_selection->setText(text);
    updateActions();
}

void ReconciliationPanel::updateActions()
{
    const ReconciliationController* c = m_controller;
    const bool idle = !c->isBusy();
    const auto& session = c->session();
    const bool editable = idle && session && !session->finished;

    const AccountStatement* st = statementOf(c->statements(), m_statement->currentData().toLongLong());
    m_start->setText(!st                      ? tr("Start")
                         : st->finishedSessionId ? tr("Show")
                         : st->openSessionId     ? tr("Resume")
                                                 : tr("Start"));
    m_start->setEnabled(idle && st != nullptr);
    m_resume->setEnabled(idle && c->openSession() && (!session || session->id != c->openSession()->id));
    m_startPaper->setEnabled(idle && c->accountId().has_value());

    m_autoMatch->setEnabled(editable && session->batchId.has_value());
    const bool suggestion = !selectedRows(m_suggestedTable).isEmpty();
    m_accept->setEnabled(editable && suggestion);
    m_reject->setEnabled(editable && suggestion);
    bool undoable = false;
    for (int row : selectedRows(m_matchedTable)) {
        const MatchView* m = c->matchedModel()->match(row);
        undoable = undoable || (m && m->state == MatchState::Cleared);
    }
    m_unmatch->setEnabled(editable && undoable);
    m_toggleCleared->setEnabled(editable && !selectedRows(m_bookTable).isEmpty());
    m_reload->setEnabled(idle && session.has_value());

    // Matching by hand needs both sides, adding up within the session's amount tolerance.
    bool addsUp = false;
    const QList<int> lineRows = selectedRows(m_linesTable);
    const QList<int> bookRows = selectedRows(m_bookTable);
    if (editable && !lineRows.isEmpty() && !bookRows.isEmpty()) {
        MoneyRaw apart = 0;
        for (int row : lineRows) {
            apart += *c->lineModel()->line(row)->amount.toMicros();
        }
        for (int row : bookRows) {
            apart -= *c->bookModel()->entry(row)->amount.toMicros();
        }
        addsUp = (apart < 0 ? -apart : apart) <= session->settings.amountToleranceMicros;
    }
    m_match->setEnabled(addsUp);
    m_finish->setEnabled(idle && c->summary() && c->summary()->canFinish());
}

void ReconciliationPanel::acceptOrReject(bool accept)
{
    for (int row : selectedRows(m_suggestedTable)) {
        if (const MatchView* m = m_controller->suggestedModel()->match(row)) {
            accept ? m_controller->accept(m->id) : m_controller->reject(m->id);
        }
    }
}

void ReconciliationPanel::unmatchSelected()
{
    for (int row : selectedRows(m_matchedTable)) {
        const MatchView* m = m_controller->matchedModel()->match(row);
        if (m && m->state == MatchState::Cleared) {
            m_controller->unmatch(m->id);
        }
    }
}

void ReconciliationPanel::matchSelected()
{
    QList<StatementLineKey> lines;
    QList<qint64> book;
    for (int row : selectedRows(m_linesTable)) {
        lines.append(m_controller->lineModel()->line(row)->key);
    }
    for (int row : selectedRows(m_bookTable)) {
        book.append(m_controller->bookModel()->entry(row)->id);
    }
    m_controller->match(lines, book);
}

void ReconciliationPanel::toggleSelected()
{
    for (int row : selectedRows(m_bookTable)) {
        const BookEntryView* e = m_controller->bookModel()->entry(row);
        if (e && e->state != ReconcileState::Reconciled) {
            m_controller->setCleared(e->id, e->state == ReconcileState::New);
        }
    }
}

void ReconciliationPanel::finish()
{
    const auto& s = m_controller->summary();
    const auto& session = m_controller->session();
    if (!s || !session || !s->canFinish()) {
        return;
    }
    const QString question =
        tr("Finish reconciliation #%1?\n\nThe cleared balance %2 equals the statement's closing balance. "
           "%n entries become reconciled and locked; this cannot be undone.",
           nullptr, int(s->bookCleared))
            .arg(session->id)
            .arg(s->clearedBalance.toDisplayString());
    const bool confirmed = confirmHook
        ? confirmHook(question)
        : QMessageBox::question(this, tr("Finish reconciliation"), question) == QMessageBox::Yes;
    if (confirmed) {
        m_controller->finish();
    }
}

void ReconciliationPanel::showMessage(const QString& text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #c62828; }") : QString());
    m_message->setText(text);
}

} // namespace flowlet::ui
