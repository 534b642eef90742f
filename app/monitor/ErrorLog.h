#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace flowlet {

class Database;

// One error as the log keeps it: the text already redacted, the fingerprint grouping it with its
// kind (the same message with other numbers, ids, names or paths).
struct ErrorEntry
{
    QDateTime at; // UTC; the database's time when invalid
    QString level; // "debug", "info", "warning", "critical", "fatal"
    QString category;
    QString message;
    QString context; // JSON: source location, thread, stack
    std::optional<qint64> userId;
    QString requestId;
};

// Turns messages into error-log entries and writes them: redaction of secrets, normalisation and
// fingerprints, bounded sizes, and the write itself (directly on SQLite, through
// flowlet_auth.record_error on PostgreSQL).
class ErrorLog final
{
public:
    // Bounds of what one entry may hold, the same as the server function's.
    static constexpr int kMaxCategory = 100;
    static constexpr int kMaxMessage = 2000;
    static constexpr int kMaxContext = 8000;
    static constexpr int kMaxRequestId = 64;

    // Replaces what looks like a secret: bearer tokens, password=/token=/secret=/api key values,
    // Authorization headers, and card numbers (13–19 digits passing the Luhn check).
    static QString redact(const QString& text);
    // The message with its variable parts replaced by placeholders: UUIDs, e-mail addresses,
    // quoted strings, paths, IP addresses, hex ids and numbers.
    static QString normalise(const QString& message);
    // SHA-256 (hex) of the category and the normalised message.
    static QString fingerprint(const QString& category, const QString& message);

    // Redacts and bounds the entry's text (message, context, category, request id).
    static ErrorEntry sanitised(ErrorEntry entry);
    // Writes a sanitised copy of the entry. Returns false when the server declined it (rate cap).
    static Result<bool> write(Database& db, const ErrorEntry& entry);
};

} // namespace flowlet
