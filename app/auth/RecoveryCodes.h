#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace flowlet {

// Single-use codes for when the authenticator is lost. Each has 80 random bits (16 Base32
// characters, shown as XXXX-XXXX-XXXX-XXXX) so a plain SHA-256 is a safe way to store it; they
// are shown once and only their hashes are kept.
class RecoveryCodes final
{
public:
    static constexpr int kCount = 10;

    static Result<QStringList> generate(int count = kCount);
    // Case, spaces and hyphens do not matter.
    static QString normalise(const QString& code);
    static QString hash(const QString& code);
    static bool matches(const QString& code, const QString& storedHash);
};

} // namespace flowlet
