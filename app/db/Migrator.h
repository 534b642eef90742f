#pragma once

#include "Database.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace flowlet {

struct Migration
{
    int version = 0;
    QString name;
    QString sql;
    QByteArray checksum; // SHA-256 of the script as shipped
};

struct SchemaStatus
{
    bool initialised = false; // schema_migrations exists
    int current = 0;
    int latest = 0;
    QList<Migration> pending;
    QStringList modified; // applied migrations whose script changed since (a packaging mistake)
    QString workspaceId;
};

// Applies the SQL migrations embedded under :/migrations (NNNN_name.sql) in one transaction and
// records them in schema_migrations. A database that is newer than this build is refused
// untouched; a database with foreign tables is not adopted.
class Migrator final
{
public:
    static QList<Migration> available(const QString& directory = kBuiltin);
    static int latestVersion();

    static Result<SchemaStatus> status(Database& db, const QString& directory = kBuiltin);
    // Returns how many migrations were applied (0 when already current).
    static Result<int> migrate(Database& db, const QString& directory = kBuiltin);

    // The scripts compiled into the binary. Tests may point at a folder of their own.
    static inline const QString kBuiltin = QStringLiteral(":/migrations");
};

} // namespace flowlet
