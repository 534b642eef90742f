#pragma once

#include "CsvReader.h"
#include "audit/AuditLog.h"
#include "db/Database.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace flowlet::ingest {

// One bank's CSV layout saved under a name.
struct ImportPreset
{
    qint64 id = 0;
    QString name;
    QString signature; // what recognises the bank's files (ImportPresets::signatureOf)
    CsvMapping mapping; // presetName is the preset's name
    QDateTime updatedAt;
};

// The bank presets of the CSV import wizard: a named CsvMapping, recognised again by its signature —
// the bank's header row (each cell trimmed, spaces collapsed, case folded, empty trailing cells
// dropped) and the delimiter, so that a renamed file or other rows of the same export still match.
// A layout without a header row is recognised by delimiter and column count, and only when its
// first entry reads. Changes are audited; on PostgreSQL the server allows them only with
// transactions.import (as it does reading them).
class ImportPresets final
{
public:
    ImportPresets(DatabasePtr db, Actor actor);

    Result<QList<ImportPreset>> list() const;
    Result<std::optional<ImportPreset>> byName(const QString& name) const;
    Result<std::optional<ImportPreset>> find(const QString& signature) const;

    // The preset whose bank exported `data`: the file's header, read with each preset's encoding,
    // delimiter and header row, compared with the preset's signature. The preset's mapping comes
    // back ready for readCsv on this file.
    Result<std::optional<ImportPreset>> match(const QByteArray& data, const QString& fileName) const;

    // The CSV mapping to read a statement file with: the preset named `chosen` (the user's
    // choice; readCsv then says where the file differs from it), else the preset that recognises
    // the file, else none (the sniffer decides). Not a CSV file: none, and an error if a preset
    // was named. An unknown name is NotFound.
    Result<std::optional<CsvMapping>> mappingFor(const QByteArray& data, const QString& fileName,
                                                 const QString& chosen = {}) const;

    // Saves `mapping` as `name`, replacing a preset of that name. Refuses a mapping readCsv could
    // not apply.
    Result<ImportPreset> save(const QString& name, const CsvMapping& mapping);
    Status remove(const QString& name);

    static QString signatureOf(const CsvMapping& mapping);
    // `data`'s signature read with `mapping`'s dialect and header row (empty when unreadable).
    static QString signatureOf(const QByteArray& data, const QString& fileName, const CsvMapping& mapping);

private:
    Result<QList<ImportPreset>> select(const QString& where, const QVariantList& bindings) const;

    DatabasePtr m_db;
    Actor m_actor;
    bool m_throughServer = false;
};

} // namespace flowlet::ingest
