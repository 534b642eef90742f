#include "CsvMappingDialog.h"

#include "ingest/CsvMappingController.h"
#include "ingest/CsvMappingModel.h"
#include "ingest/CsvPreviewModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace flowlet::ui {

using ingest::CsvColumnRole;

namespace {

QTableView* gridView(QAbstractItemModel* model, const QString& name, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setWordWrap(false);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

QLabel* problemLabel(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b01c1c;"));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

// Selects the item whose data is `value`; an editable combo shows a value it does not list as text.
void selectData(QComboBox* combo, const QVariant& value)
{
    const int at = combo->findData(value);
    if (at >= 0) {
        combo->setCurrentIndex(at);
    } else if (combo->isEditable()) {
        combo->setEditText(value.toString());
    }
}

QChar charOf(const QVariant& data)
{
    const QString text = data.toString();
    return text.isEmpty() ? QChar() : text.at(0);
}

} // namespace

CsvMappingDialog::CsvMappingDialog(DatabasePtr db, const Actor& actor, const QByteArray& bytes,
                                   const QString& fileName, const ingest::CsvMapping& mapping, QWidget* parent)
    : QWizard(parent)
    , m_controller(new CsvMappingController(std::move(db), actor, bytes, fileName, mapping, this))
{
    setObjectName(QStringLiteral("csvMappingDialog"));
    setWindowTitle(tr("CSV columns — %1").arg(fileName));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setPage(FilePage, createFilePage());
    setPage(ColumnsPage, createColumnsPage());
    setPage(PreviewPage, createPreviewPage());
    setPage(PresetPage, createPresetPage());
    button(QWizard::NextButton)->setObjectName(QStringLiteral("nextButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("finishButton"));
    resize(1000, 640);

    connect(m_controller, &CsvMappingController::mappingChanged, this, &CsvMappingDialog::showMapping);
    connect(m_controller, &CsvMappingController::presetNamesChanged, this, &CsvMappingDialog::showPresetNote);
    connect(m_controller, &CsvMappingController::presetSaved, this, &CsvMappingDialog::onSaved);
    connect(m_controller, &CsvMappingController::saveFailed, this, &CsvMappingDialog::onSaveFailed);
    showMapping();
}

CsvMappingDialog::~CsvMappingDialog() = default;

const ingest::CsvMapping& CsvMappingDialog::mapping() const
{
    return m_controller->mapping();
}

QWizardPage* CsvMappingDialog::createFilePage()
{
    auto* page = new QWizardPage(this);
    page->setTitle(tr("How the file is written"));
    page->setSubTitle(tr("Check that the lines below split into the right columns, that the header row is "
                        "highlighted and that the grey preamble lines end where the entries begin."));
    m_encoding = new QComboBox(page);
    m_encoding->setObjectName(QStringLiteral("encodingCombo"));
    for (const QString& encoding : ingest::csvEncodings()) {
        m_encoding->addItem(encoding, encoding);
    }
    m_delimiter = new QComboBox(page);
    m_delimiter->setObjectName(QStringLiteral("delimiterCombo"));
    m_delimiter->addItem(tr("Comma ( , )"), QStringLiteral(","));
    m_delimiter->addItem(tr("Semicolon ( ; )"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("Vertical bar ( | )"), QStringLiteral("|"));
    m_headerRow = new QSpinBox(page);
    m_headerRow->setObjectName(QStringLiteral("headerRowSpin"));
    m_headerRow->setRange(0, CsvMappingController::kRawRecords);
    m_headerRow->setSpecialValueText(tr("No header row"));
    m_firstRow = new QSpinBox(page);
    m_firstRow->setObjectName(QStringLiteral("firstRowSpin"));
    m_firstRow->setRange(1, CsvMappingController::kRawRecords);
    m_decimal = new QComboBox(page);
    m_decimal->setObjectName(QStringLiteral("decimalCombo"));
    m_decimal->addItem(tr("Point (1234.56)"), QStringLiteral("."));
    m_decimal->addItem(tr("Comma (1234,56)"), QStringLiteral(","));
    m_group = new QComboBox(page);
    m_group->setObjectName(QStringLiteral("groupCombo"));
    m_group->addItem(tr("None or spaces"), QString());
    m_group->addItem(tr("Point (1.234)"), QStringLiteral("."));
    m_group->addItem(tr("Comma (1,234)"), QStringLiteral(","));
    m_group->addItem(tr("Apostrophe (1'234)"), QStringLiteral("'"));
    m_dateFormat = new QComboBox(page);
    m_dateFormat->setObjectName(QStringLiteral("dateFormatCombo"));
    m_dateFormat->setEditable(true);
    m_dateFormat->setInsertPolicy(QComboBox::NoInsert);
    for (const QString& format : ingest::csvDateFormats()) {
        m_dateFormat->addItem(format, format);
    }
    m_dateFormat->setToolTip(tr("dd day, MM month, MMM month name, yyyy or yy year; times (HH:mm) are read and dropped"));
    m_currency = new QLineEdit(page);
    m_currency->setObjectName(QStringLiteral("currencyEdit"));
    m_currency->setMaxLength(3);
    m_currency->setPlaceholderText(tr("the account's, when the file has no currency column"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Encoding:"), m_encoding);
    form->addRow(tr("&Delimiter:"), m_delimiter);
    form->addRow(tr("&Header row:"), m_headerRow);
    form->addRow(tr("&First entry row:"), m_firstRow);
    form->addRow(tr("Decimal &separator:"), m_decimal);
    form->addRow(tr("&Thousands separator:"), m_group);
    form->addRow(tr("D&ate format:"), m_dateFormat);
    form->addRow(tr("&Currency:"), m_currency);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(form);
    m_problemLabels.append(problemLabel(QStringLiteral("fileProblemLabel"), page));
    layout->addWidget(m_problemLabels.last());
    layout->addWidget(gridView(m_controller->rawModel(), QStringLiteral("rawTable"), page), 1);

    // What the user changes goes into the layout; what showMapping() sets does not come back.
    const auto byUser = [this](auto* widget, auto signal, auto apply) {
        connect(widget, signal, this, [this, apply] {
            if (!m_showing) {
                apply();
            }
        });
    };
    byUser(m_encoding, &QComboBox::currentIndexChanged,
           [this] { m_controller->setEncoding(m_encoding->currentData().toString()); });
    byUser(m_delimiter, &QComboBox::currentIndexChanged,
           [this] { m_controller->setDelimiter(charOf(m_delimiter->currentData())); });
    byUser(m_headerRow, &QSpinBox::valueChanged, [this] { m_controller->setHeaderLine(m_headerRow->value() - 1); });
    byUser(m_firstRow, &QSpinBox::valueChanged, [this] { m_controller->setFirstDataLine(m_firstRow->value() - 1); });
    byUser(m_decimal, &QComboBox::currentIndexChanged,
           [this] { m_controller->setDecimalSeparator(charOf(m_decimal->currentData())); });
    byUser(m_group, &QComboBox::currentIndexChanged,
           [this] { m_controller->setGroupSeparator(charOf(m_group->currentData())); });
    byUser(m_dateFormat, &QComboBox::currentTextChanged,
           [this] { m_controller->setDateFormat(m_dateFormat->currentText()); });
    connect(m_currency, &QLineEdit::textEdited, this, [this](const QString& code) {
        if (code.isEmpty() || code.size() == 3) {
            m_controller->setCurrency(code);
        }
    });
    return page;
}

QWizardPage* CsvMappingDialog::createColumnsPage()
{
    auto* page = new QWizardPage(this);
    page->setTitle(tr("What each column holds"));
    page->setSubTitle(tr("An entry needs a booking date and either one signed amount, or a debit and a credit "
                         "column. An unsigned amount takes its sign from a debit/credit mark column."));
    auto* roles = new QWidget(page);
    m_roleGrid = new QGridLayout(roles);
    auto* scroll = new QScrollArea(page);
    scroll->setWidget(roles);
    scroll->setWidgetResizable(true);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(scroll, 2);
    m_problemLabels.append(problemLabel(QStringLiteral("columnsProblemLabel"), page));
    layout->addWidget(m_problemLabels.last());
    layout->addWidget(gridView(m_controller->rawModel(), QStringLiteral("columnsTable"), page), 1);
    return page;
}

QWizardPage* CsvMappingDialog::createPreviewPage()
{
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Preview"));
    page->setSubTitle(tr("The entries the first rows give. Rows in red would stop the import: change the settings "
                         "until every row reads."));
    m_summary = new QLabel(page);
    m_summary->setObjectName(QStringLiteral("previewSummaryLabel"));
    auto* table = gridView(m_controller->previewModel(), QStringLiteral("previewTable"), page);
    table->verticalHeader()->hide();
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_summary);
    m_problemLabels.append(problemLabel(QStringLiteral("previewProblemLabel"), page));
    layout->addWidget(m_problemLabels.last());
    layout->addWidget(table, 1);
    connect(m_controller->previewModel(), &QAbstractItemModel::modelReset, table, [table] {
        table->resizeColumnsToContents();
    });
    return page;
}

QWizardPage* CsvMappingDialog::createPresetPage()
{
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Bank preset"));
    page->setSubTitle(tr("Saved as a preset, this layout is used by itself for the next file from the same bank: "
                         "it is recognised by its header row, whatever the file is called."));
    m_savePreset = new QCheckBox(tr("&Save as a bank preset"), page);
    m_savePreset->setObjectName(QStringLiteral("savePresetCheck"));
    m_presetName = new QLineEdit(page);
    m_presetName->setObjectName(QStringLiteral("presetNameEdit"));
    m_presetName->setPlaceholderText(tr("e.g. Commerzbank current account"));
    m_presetName->setMaxLength(100);
    m_presetName->setEnabled(false);
    m_presetName->setText(m_controller->mapping().presetName);
    m_presetNote = new QLabel(page);
    m_presetNote->setObjectName(QStringLiteral("presetNoteLabel"));
    m_presetNote->setWordWrap(true);
    m_problemLabels.append(problemLabel(QStringLiteral("presetProblemLabel"), page));
    auto* form = new QFormLayout;
    form->addRow(m_savePreset);
    form->addRow(tr("&Name:"), m_presetName);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(m_presetNote);
    layout->addWidget(m_problemLabels.last());
    layout->addStretch(1);
    connect(m_savePreset, &QCheckBox::toggled, m_presetName, &QWidget::setEnabled);
    connect(m_presetName, &QLineEdit::textChanged, this, &CsvMappingDialog::showPresetNote);
    return page;
}

void CsvMappingDialog::showMapping()
{
    const ingest::CsvMapping& m = m_controller->mapping();
    m_showing = true;
    selectData(m_encoding, m.encoding);
    selectData(m_delimiter, QString(m.delimiter));
    m_headerRow->setValue(m.headerLine + 1);
    m_firstRow->setValue(m.firstDataLine + 1);
    selectData(m_decimal, QString(m.decimalSeparator));
    selectData(m_group, m.groupSeparator.isNull() || m.groupSeparator.isSpace() ? QString() : QString(m.groupSeparator));
    if (m_dateFormat->currentText() != m.dateFormat) {
        selectData(m_dateFormat, m.dateFormat);
    }
    if (m_currency->text().toUpper() != m.currency) {
        m_currency->setText(m.currency);
    }
    showRoles();
    m_showing = false;
    for (const int page : {FilePage, ColumnsPage, PreviewPage}) {
        m_problemLabels.at(page)->setText(m_controller->problem());
        m_problemLabels.at(page)->setVisible(!m_controller->problem().isEmpty());
    }
    showPreviewSummary();
}

// One combo per column, named after the header cell, with a sample value to recognise it by.
void CsvMappingDialog::showRoles()
{
    const int columns = m_controller->columnCount();
    while (m_roleCombos.size() > columns) {
        delete m_roleCombos.takeLast();
        delete m_roleLabels.takeLast();
    }
    while (m_roleCombos.size() < columns) {
        const int column = int(m_roleCombos.size());
        auto* label = new QLabel(m_roleGrid->parentWidget());
        auto* combo = new QComboBox(m_roleGrid->parentWidget());
        combo->setObjectName(QStringLiteral("roleCombo%1").arg(column));
        for (const CsvColumnRole role : CsvMappingModel::roles()) {
            combo->addItem(CsvMappingModel::roleText(role), ingest::csvColumnRoleKey(role));
        }
        connect(combo, &QComboBox::currentIndexChanged, this, [this, combo, column] {
            const auto role = ingest::csvColumnRoleFromKey(combo->currentData().toString());
            if (!m_showing && role) {
                m_controller->setColumnRole(column, *role);
            }
        });
        m_roleGrid->addWidget(label, column, 0);
        m_roleGrid->addWidget(combo, column, 1);
        m_roleLabels.append(label);
        m_roleCombos.append(combo);
    }
    const ingest::CsvMapping& m = m_controller->mapping();
    for (int c = 0; c < columns; ++c) {
        const QString name = m_controller->columnName(c);
        const QString sample = m_controller->columnSample(c);
        QString text = name.isEmpty() ? tr("Column %1").arg(c + 1) : tr("%1. %2").arg(c + 1).arg(name);
        if (!sample.isEmpty()) {
            text += u' ' + tr("(e.g. %1)").arg(sample.left(40));
        }
        m_roleLabels[c]->setText(text);
        selectData(m_roleCombos[c], ingest::csvColumnRoleKey(m.columns.at(c)));
    }
}

void CsvMappingDialog::showPreviewSummary()
{
    const CsvPreviewModel* preview = m_controller->previewModel();
    const QString entries = tr("%n entries read", nullptr, preview->entries());
    const QString errors = tr("%n rows with errors", nullptr, preview->errors());
    m_summary->setText(tr("%1, %2.").arg(entries, errors));
    m_summary->setToolTip(tr("The preview reads the first %1 rows of the file.").arg(CsvMappingController::kPreviewRecords));
}

void CsvMappingDialog::showPresetNote()
{
    const QString name = m_presetName->text().simplified();
    m_presetNote->setText(!name.isEmpty() && m_controller->presetNames().contains(name)
                              ? tr("A preset called “%1” exists: saving replaces it.").arg(name)
                              : QString());
}

bool CsvMappingDialog::validateCurrentPage()
{
    if (currentId() == PreviewPage && !m_controller->isUsable()) {
        // The import would stop at the first of these rows: nothing to go on with yet.
        m_problemLabels.at(PreviewPage)->setText(
            m_controller->problem().isEmpty()
                ? tr("Every row must read before the file can be imported with this layout.")
                : m_controller->problem());
        m_problemLabels.at(PreviewPage)->show();
        return false;
    }
    if (currentId() == PresetPage && m_savePreset->isChecked() && m_presetName->text().simplified().isEmpty()) {
        m_problemLabels.at(PresetPage)->setText(tr("Name the preset, or import without saving one."));
        m_problemLabels.at(PresetPage)->show();
        return false;
    }
    return QWizard::validateCurrentPage();
}

void CsvMappingDialog::accept()
{
    const QString name = m_presetName->text().simplified();
    if (!m_savePreset->isChecked() || m_controller->mapping().presetName == name) {
        QWizard::accept();
        return;
    }
    button(QWizard::FinishButton)->setEnabled(false);
    button(QWizard::BackButton)->setEnabled(false);
    m_problemLabels.at(PresetPage)->hide();
    m_controller->savePreset(name);
}

void CsvMappingDialog::onSaved()
{
    QWizard::accept();
}

void CsvMappingDialog::onSaveFailed(const QString& message)
{
    button(QWizard::FinishButton)->setEnabled(true);
    button(QWizard::BackButton)->setEnabled(true);
    m_problemLabels.at(PresetPage)->setText(tr("The preset was not saved: %1").arg(message));
    m_problemLabels.at(PresetPage)->show();
}

} // namespace flowlet::ui
