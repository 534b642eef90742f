#include "CsvMappingController.h"

#include "CsvMappingModel.h"
#include "CsvPreviewModel.h"
#include "PendingWork.h"
#include "core/Logging.h"
#include "ingest/ImportPresets.h"

#include <QFutureWatcher>
#include <QtConcurrent>

#include <algorithm>

namespace flowlet {

using ingest::CsvColumnRole;

namespace {

struct SaveOutcome
{
    std::optional<ingest::ImportPreset> preset;
    std::optional<Error> error;
};

} // namespace

CsvMappingController::CsvMappingController(DatabasePtr db, Actor actor, QByteArray bytes, QString fileName,
                                           ingest::CsvMapping mapping, QObject* parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_actor(std::move(actor))
    , m_bytes(std::move(bytes))
    , m_fileName(std::move(fileName))
    , m_mapping(std::move(mapping))
    , m_raw(new CsvMappingModel(this))
    , m_preview(new CsvPreviewModel(this))
{
    refresh();

    auto* watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcher<QStringList>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_presetNames = watcher->result();
        Q_EMIT presetNamesChanged();
    });
    watcher->setFuture(QtConcurrent::run(m_db->pool(), [db = m_db, actor = m_actor]() {
        QStringList names;
        auto presets = ingest::ImportPresets(db, actor).list();
        if (!presets) {
            qCWarning(lcModels) << "bank presets not read:" << presets.error().message();
            return names;
        }
        for (const ingest::ImportPreset& p : std::as_const(*presets)) {
            names.append(p.name);
        }
        return names;
    }));
}

CsvMappingController::~CsvMappingController()
{
    waitForPendingWork(this);
}

QString CsvMappingController::columnName(int column) const
{
    return m_mapping.headerLine >= 0 ? m_mapping.headerSignature.value(column) : QString();
}

QString CsvMappingController::columnSample(int column) const
{
    for (qsizetype r = std::max(0, m_mapping.firstDataLine); r < m_records.size(); ++r) {
        const QString value = m_records.at(r).value(column).trimmed();
        if (!value.isEmpty()) {
            return value;
        }
    }
    return {};
}

bool CsvMappingController::isUsable() const
{
    return m_problem.isEmpty() && m_preview->entries() > 0 && m_preview->errors() == 0;
}

// The layout's columns follow the file: as many as the widest record from the header on, and the
// header's cells as the file writes them (readCsv checks them).
void CsvMappingController::fitColumnsToRecords()
{
    const int from = std::max(0, m_mapping.headerLine >= 0 ? m_mapping.headerLine : m_mapping.firstDataLine);
    qsizetype width = 0;
    for (qsizetype r = from; r < m_records.size(); ++r) {
        width = std::max(width, m_records.at(r).size());
    }
    if (width == 0) {
        return;
    }
    // Roles of columns that another delimiter or header row hides come back with them.
    QList<CsvColumnRole>& columns = m_mapping.columns;
    if (m_roleMemory.size() < columns.size()) {
        m_roleMemory.resize(columns.size(), CsvColumnRole::Ignore);
    }
    std::copy(columns.cbegin(), columns.cend(), m_roleMemory.begin());
    const qsizetype shown = columns.size();
    columns.resize(width, CsvColumnRole::Ignore);
    for (qsizetype c = shown; c < width; ++c) {
        const CsvColumnRole role = m_roleMemory.value(c, CsvColumnRole::Ignore);
        const bool taken = role != CsvColumnRole::Description && columns.contains(role);
        columns[c] = taken ? CsvColumnRole::Ignore : role;
    }
    if (m_mapping.headerLine < 0) {
        m_mapping.headerSignature.clear();
    } else if (m_mapping.headerLine < m_records.size()) {
        QStringList cells;
        for (const QString& cell : m_records.at(m_mapping.headerLine)) {
            cells.append(cell.trimmed());
        }
        cells.resize(width);
        m_mapping.headerSignature = cells;
    }
}

void CsvMappingController::refresh()
{
    m_problem.clear();
    QList<int> lines;
    auto records = ingest::readCsvHead(m_bytes, m_fileName, m_mapping.encoding, m_mapping.delimiter, m_mapping.quote,
                                       kRawRecords, &lines);
    m_records = records ? *records : QList<QStringList>();
    fitColumnsToRecords();
    m_raw->setRecords(m_records, lines, m_mapping);
    if (!records) {
        m_problem = records.error().message();
        m_preview->setRows({}, m_mapping.firstDataLine);
        return;
    }
    auto rows = ingest::previewCsv(m_bytes, m_fileName, m_mapping, kPreviewRecords);
    if (!rows) {
        m_problem = rows.error().message();
    }
    m_preview->setRows(rows ? *rows : QList<ingest::CsvPreviewRow>(), m_mapping.firstDataLine);
}

void CsvMappingController::changed()
{
    m_mapping.presetName.clear(); // no longer the saved preset's layout
    refresh();
    Q_EMIT mappingChanged();
}

void CsvMappingController::setEncoding(const QString& encoding)
{
    if (encoding != m_mapping.encoding) {
        m_mapping.encoding = encoding;
        changed();
    }
}

void CsvMappingController::setDelimiter(QChar delimiter)
{
    if (delimiter != m_mapping.delimiter && !delimiter.isNull()) {
        m_mapping.delimiter = delimiter;
        changed();
    }
}

void CsvMappingController::setHeaderLine(int record)
{
    record = std::max(-1, record);
    if (record == m_mapping.headerLine) {
        return;
    }
    m_mapping.headerLine = record;
    m_mapping.firstDataLine = std::max(m_mapping.firstDataLine, record + 1);
    changed();
}

void CsvMappingController::setFirstDataLine(int record)
{
    record = std::max(record, m_mapping.headerLine + 1);
    if (record != m_mapping.firstDataLine) {
        m_mapping.firstDataLine = record;
        changed();
    }
}

void CsvMappingController::setDateFormat(const QString& format)
{
    if (format != m_mapping.dateFormat) {
        m_mapping.dateFormat = format;
        changed();
    }
}

void CsvMappingController::setDecimalSeparator(QChar separator)
{
    if (separator != m_mapping.decimalSeparator) {
        m_mapping.decimalSeparator = separator;
        changed();
    }
}

void CsvMappingController::setGroupSeparator(QChar separator)
{
    if (separator != m_mapping.groupSeparator) {
        m_mapping.groupSeparator = separator;
        changed();
    }
}

void CsvMappingController::setCurrency(const QString& code)
{
    const QString normal = code.trimmed().toUpper();
    if (normal != m_mapping.currency) {
        m_mapping.currency = normal;
        changed();
    }
}

void CsvMappingController::setColumnRole(int column, CsvColumnRole role)
{
    QList<CsvColumnRole>& columns = m_mapping.columns;
    if (column < 0 || column >= columns.size() || columns.at(column) == role) {
        return;
    }
    auto clear = [&](std::initializer_list<CsvColumnRole> roles) {
        for (CsvColumnRole& r : columns) {
            if (std::find(roles.begin(), roles.end(), r) != roles.end()) {
                r = CsvColumnRole::Ignore;
            }
        }
    };
    if (role != CsvColumnRole::Ignore && role != CsvColumnRole::Description) {
        clear({role});
    }
    if (role == CsvColumnRole::Amount) {
        clear({CsvColumnRole::Debit, CsvColumnRole::Credit});
    } else if (role == CsvColumnRole::Debit || role == CsvColumnRole::Credit) {
        clear({CsvColumnRole::Amount, CsvColumnRole::DebitCreditMark});
    }
    columns[column] = role;
    changed();
}

void CsvMappingController::savePreset(const QString& name)
{
    if (m_saving) {
        return;
    }
    m_saving = true;
    auto* watcher = new QFutureWatcher<SaveOutcome>(this);
    connect(watcher, &QFutureWatcher<SaveOutcome>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_saving = false;
        const SaveOutcome outcome = watcher->result();
        if (outcome.error) {
            Q_EMIT saveFailed(outcome.error->message());
            return;
        }
        m_mapping = outcome.preset->mapping;
        if (!m_presetNames.contains(outcome.preset->name)) {
            m_presetNames.append(outcome.preset->name);
            Q_EMIT presetNamesChanged();
        }
        Q_EMIT presetSaved(outcome.preset->name);
    });
    watcher->setFuture(QtConcurrent::run(m_db->pool(), [db = m_db, actor = m_actor, name, mapping = m_mapping]() {
        SaveOutcome out;
        auto saved = ingest::ImportPresets(db, actor).save(name, mapping);
        if (saved) {
            out.preset = std::move(*saved);
        } else {
            out.error = saved.error();
        }
        return out;
    }));
}

} // namespace flowlet
