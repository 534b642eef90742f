#pragma once

#include "core/Result.h"
#include "db/SqlDialect.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace flowlet {

struct AuditEntry
{
    std::optional<qint64> actorId;
    QString actorName;
    QString workstation;
    std::optional<qint64> apiKeyId;
    QString action;     // e.g. "auth.login", "user.created"
    QString objectType; // e.g. "staff_user"
    QString objectId;
    QString before;     // JSON, empty when not an edit
    QString after;      // JSON
};

// Appends to the audit trail. Each row stores the previous row's hash and a SHA-256 over its own
// content and that hash, so that a changed or removed row breaks the chain. Call it inside the
// transaction of the change it records: the entry and the change commit together or not at all.
class AuditLog final
{
public:
    static Status append(QSqlDatabase& connection, const SqlDialect& dialect, const AuditEntry& entry);

    static QString hashOf(const QString& previousHash, const QDateTime& at, const AuditEntry& entry);
    static const QString& genesisHash();

    // The name of this machine as audit entries record it.
    static QString workstationName();
};

} // namespace flowlet
