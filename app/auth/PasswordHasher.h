#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace flowlet {

// bcrypt through libxcrypt. Hashes carry the `$2a$` prefix because PostgreSQL's pgcrypto
// verifies only that one (a `$2b$` hash silently falls back to DES there), so the server can
// check the same hashes the client writes.
class PasswordHasher final
{
public:
    static constexpr int kCost = 12;

    static Result<QString> hash(const QString& password, int cost = kCost);
    // Constant-time comparison; false for anything that is not a bcrypt hash.
    static bool verify(const QString& password, const QString& hash);
};

} // namespace flowlet
