#include "ImportPresets.h"

#include "StatementReader.h"

#include "auth/Authorization.h"
#include "auth/Permissions.h"
#include "core/Clock.h"
#include "core/Logging.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace flowlet::ingest {

namespace {

constexpr int kMaxNameLength = 100;
// The first entry of a layout without a header must be within this many records of where the
// mapping says entries start (blank lines) for the layout to count as recognised.
constexpr int kHeaderlessLookahead = 5;

QString hashed(const QString& text)
{
    return QStringLiteral("csv1:")
           + QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

// Header cells as a signature compares them: how a bank's export renders them may change in case
// and spacing between versions of its online banking.
QString headerSignature(const QStringList& cells, QChar delimiter)
{
    QStringList normal;
    for (const QString& cell : cells) {
        normal.append(cell.simplified().toCaseFolded());
    }
    while (!normal.isEmpty() && normal.last().isEmpty()) {
        normal.removeLast();
    }
    return normal.isEmpty() ? QString() : hashed(QString(delimiter) + u'\x1f' + normal.join(u'\x1f'));
}

QString headerlessSignature(qsizetype columns, QChar delimiter)
{
    return hashed(QString(delimiter) + QStringLiteral("\x1f#columns=%1").arg(columns));
}

// The record a layout is recognised by: the header row, or without one the first entry row.
std::optional<QStringList> keyRecord(const QByteArray& data, const QString& fileName, const CsvMapping& m)
{
    const int record = m.headerLine >= 0 ? m.headerLine : m.firstDataLine;
    auto records = readCsvHead(data, fileName, m.encoding, m.delimiter, m.quote, record + 1);
    if (!records || records->size() <= record) {
        return std::nullopt;
    }
    return records->at(record);
}

QString signatureOfRecord(QStringList cells, const CsvMapping& mapping)
{
    if (mapping.headerLine >= 0) {
        return headerSignature(cells, mapping.delimiter);
    }
    // Some exports end every row with a delimiter.
    while (!cells.isEmpty() && cells.last().trimmed().isEmpty() && cells.size() > mapping.columns.size()) {
        cells.removeLast();
    }
    return headerlessSignature(cells.size(), mapping.delimiter);
}

QString toJsonText(const QJsonObject& json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

// A layout without a header is only taken for a file whose first entry it reads.
bool readsFirstEntry(const QByteArray& data, const QString& fileName, const CsvMapping& mapping)
{
    auto rows = previewCsv(data, fileName, mapping, mapping.firstDataLine + kHeaderlessLookahead);
    if (!rows) {
        return false;
    }
    for (const CsvPreviewRow& row : std::as_const(*rows)) {
        if (row.kind == CsvPreviewRow::Kind::Entry) {
            return true;
        }
        if (row.kind == CsvPreviewRow::Kind::Error || row.kind == CsvPreviewRow::Kind::Skipped) {
            return false;
        }
    }
    return false;
}

} // namespace

ImportPresets::ImportPresets(DatabasePtr db, Actor actor)
    : m_db(std::move(db))
    , m_actor(std::move(actor))
    , m_throughServer(m_db->actsThroughServer())
{
}

QString ImportPresets::signatureOf(const CsvMapping& mapping)
{
    return mapping.headerLine >= 0 ? headerSignature(mapping.headerSignature, mapping.delimiter)
                                   : headerlessSignature(mapping.columns.size(), mapping.delimiter);
}

QString ImportPresets::signatureOf(const QByteArray& data, const QString& fileName, const CsvMapping& mapping)
{
    const auto record = keyRecord(data, fileName, mapping);
    return record ? signatureOfRecord(*record, mapping) : QString();
}

Result<QList<ImportPreset>> ImportPresets::select(const QString& where, const QVariantList& bindings) const
{
    auto q = m_db->exec(QStringLiteral("SELECT id, name, signature, mapping, updated_at FROM import_presets %1 "
                                       "ORDER BY name")
                            .arg(where),
                        bindings);
    if (!q) {
        return q.error();
    }
    QList<ImportPreset> out;
    while (q->next()) {
        ImportPreset p;
        p.id = q->value(0).toLongLong();
        p.name = q->value(1).toString();
        p.signature = q->value(2).toString();
        auto mapping = CsvMapping::fromJson(QJsonDocument::fromJson(q->value(3).toString().toUtf8()).object());
        if (!mapping) {
            // One damaged preset must not stop every import: it is left out, and saving it again repairs it.
            qCWarning(lcDb) << "import preset" << p.id << "is unreadable and was skipped:" << mapping.error().message();
            continue;
        }
        p.mapping = std::move(*mapping);
        p.mapping.presetName = p.name;
        p.updatedAt = m_db->dialect().timestampFrom(q->value(4));
        out.append(std::move(p));
    }
    return out;
}

Result<QList<ImportPreset>> ImportPresets::list() const
{
    return select({}, {});
}

Result<std::optional<ImportPreset>> ImportPresets::byName(const QString& name) const
{
    auto found = select(QStringLiteral("WHERE name = ?"), {name.trimmed()});
    if (!found) {
        return found.error();
    }
    return found->isEmpty() ? std::nullopt : std::optional<ImportPreset>(found->first());
}

Result<std::optional<ImportPreset>> ImportPresets::find(const QString& signature) const
{
    auto found = select(QStringLiteral("WHERE signature = ?"), {signature});
    if (!found) {
        return found.error();
    }
    return found->isEmpty() ? std::nullopt : std::optional<ImportPreset>(found->first());
}

Result<std::optional<CsvMapping>> ImportPresets::mappingFor(const QByteArray& data, const QString& fileName,
                                                            const QString& chosen) const
{
    std::optional<ImportPreset> named;
    if (!chosen.isEmpty()) {
        auto found = byName(chosen);
        if (!found) {
            return found.error();
        }
        if (!*found) {
            return Error(ErrorCode::NotFound, QStringLiteral("there is no import preset \"%1\"").arg(chosen));
        }
        named = std::move(*found);
    }
    if (detectFormat(data.left(4096), fileName) != StatementFormat::Csv) {
        if (named) {
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("%1: the preset \"%2\" is for CSV files, and this is not one").arg(fileName, chosen));
        }
        return std::optional<CsvMapping>();
    }
    auto matched = match(data, fileName);
    if (!matched) {
        return matched.error();
    }
    // A recognised file gets the mapping adjusted to it (its header as it writes it).
    if (named && (!*matched || (*matched)->name != named->name)) {
        return std::optional<CsvMapping>(named->mapping);
    }
    return *matched ? std::optional<CsvMapping>((*matched)->mapping) : std::nullopt;
}

Result<std::optional<ImportPreset>> ImportPresets::match(const QByteArray& data, const QString& fileName) const
{
    auto presets = list();
    if (!presets) {
        return presets.error();
    }
    // A header says more than a column count: those presets are tried first.
    std::stable_sort(presets->begin(), presets->end(), [](const ImportPreset& a, const ImportPreset& b) {
        return a.mapping.headerLine >= 0 && b.mapping.headerLine < 0;
    });
    QHash<QString, std::optional<QStringList>> records; // by dialect: each is read once
    for (ImportPreset& preset : *presets) {
        const CsvMapping& m = preset.mapping;
        const QString dialect = QStringLiteral("%1|%2|%3|%4|%5")
                                    .arg(m.encoding, QString(m.delimiter), QString(m.quote))
                                    .arg(m.headerLine)
                                    .arg(m.headerLine >= 0 ? 0 : m.firstDataLine);
        auto it = records.find(dialect);
        if (it == records.end()) {
            it = records.insert(dialect, keyRecord(data, fileName, m));
        }
        if (!*it || signatureOfRecord(**it, m) != preset.signature) {
            continue;
        }
        if (m.headerLine < 0 && !readsFirstEntry(data, fileName, m)) {
            continue;
        }
        if (m.headerLine >= 0) {
            // Equal up to case and spacing: readCsv checks the header as this file writes it.
            QStringList cells;
            for (const QString& cell : **it) {
                cells.append(cell.trimmed());
            }
            cells.resize(std::max(cells.size(), m.headerSignature.size()));
            preset.mapping.headerSignature = cells;
        }
        return std::optional<ImportPreset>(std::move(preset));
    }
    return std::optional<ImportPreset>();
}

Result<ImportPreset> ImportPresets::save(const QString& name, const CsvMapping& mapping)
{
    ImportPreset preset;
    preset.name = name.simplified();
    if (preset.name.isEmpty() || preset.name.size() > kMaxNameLength) {
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("a preset needs a name of 1 to %1 characters").arg(kMaxNameLength));
    }
    CsvMapping named = mapping;
    named.presetName = preset.name;
    auto checked = CsvMapping::fromJson(named.toJson()); // refuses what readCsv could not apply
    if (!checked) {
        return checked.error();
    }
    preset.mapping = std::move(*checked);
    preset.signature = signatureOf(preset.mapping);
    if (preset.signature.isEmpty()) {
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("CSV mapping: the header row has no names to recognise the bank's files by"));
    }
    preset.updatedAt = Clock::now();
    const SqlDialect& d = m_db->dialect();
    const QString mappingText = toJsonText(preset.mapping.toJson());
    if (auto allowed = requirePermission(*m_db, m_actor, Permission::TransactionsImport); !allowed) {
        return allowed.error();
    }
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        // What a replaced preset was, for the audit entry. The write first takes SQLite's write lock
        // (and the row's lock on PostgreSQL), so the read sees what the upsert replaces.
        if (auto locked = Database::execOn(
                c, QStringLiteral("UPDATE import_presets SET row_version = row_version WHERE name = ?"), {preset.name});
            !locked) {
            return locked.error();
        }
        auto old = Database::execOn(c, QStringLiteral("SELECT signature, mapping FROM import_presets WHERE name = ?"),
                                    {preset.name});
        if (!old) {
            return old.error();
        }
        QString beforeText;
        if (old->next()) {
            beforeText = toJsonText(
                QJsonObject{{QStringLiteral("name"), preset.name},
                            {QStringLiteral("signature"), old->value(0).toString()},
                            {QStringLiteral("mapping"), QJsonDocument::fromJson(old->value(1).toByteArray()).object()}});
        }
        old->finish();
        auto q = Database::execOn(
            c,
            QStringLiteral("INSERT INTO import_presets (name, signature, mapping, created_by, updated_at) "
                           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET signature = excluded.signature, "
                           "mapping = excluded.mapping, updated_at = excluded.updated_at, "
                           "row_version = import_presets.row_version + 1 RETURNING id, row_version"),
            {preset.name, preset.signature, mappingText,
             m_actor.userId ? QVariant(*m_actor.userId) : QVariant(QMetaType(QMetaType::LongLong)),
             d.timestampValue(preset.updatedAt)});
        if (!q || !q->next()) {
            return q ? Status(Error(ErrorCode::DatabaseQuery, QStringLiteral("the preset was not saved"))) : Status(q.error());
        }
        preset.id = q->value(0).toLongLong();
        const bool replaced = q->value(1).toInt() > 1;
        q->finish();
        const QJsonObject after{{QStringLiteral("name"), preset.name},
                                {QStringLiteral("signature"), preset.signature},
                                {QStringLiteral("mapping"), preset.mapping.toJson()}};
        return AuditLog::record(c, d, m_throughServer, m_actor,
                                replaced ? QStringLiteral("import_preset.replaced") : QStringLiteral("import_preset.saved"),
                                QStringLiteral("import_preset"), QString::number(preset.id), toJsonText(after),
                                beforeText);
    });
    if (!status) {
        return status.error();
    }
    return preset;
}

Status ImportPresets::remove(const QString& name)
{
    const QString trimmed = name.simplified();
    if (auto allowed = requirePermission(*m_db, m_actor, Permission::TransactionsImport); !allowed) {
        return allowed;
    }
    return m_db->transaction([&](QSqlDatabase& c) -> Status {
        auto q = Database::execOn(
            c, QStringLiteral("DELETE FROM import_presets WHERE name = ? RETURNING id, signature, mapping"), {trimmed});
        if (!q) {
            return q.error();
        }
        if (!q->next()) {
            return Error(ErrorCode::NotFound, QStringLiteral("there is no import preset \"%1\"").arg(trimmed));
        }
        const qint64 id = q->value(0).toLongLong();
        // A removal records what was removed.
        const QJsonObject before{{QStringLiteral("name"), trimmed},
                                 {QStringLiteral("signature"), q->value(1).toString()},
                                 {QStringLiteral("mapping"), QJsonDocument::fromJson(q->value(2).toByteArray()).object()}};
        q->finish();
        return AuditLog::record(c, m_db->dialect(), m_throughServer, m_actor, QStringLiteral("import_preset.removed"),
                                QStringLiteral("import_preset"), QString::number(id), QString(), toJsonText(before));
    });
}

} // namespace flowlet::ingest
