#pragma once

#include "core/Result.h"

#include <QByteArray>

namespace flowlet {

// Cryptographically strong random bytes (OpenSSL's DRBG). For keys, tokens and salts.
class SecureRandom final
{
public:
    static Result<QByteArray> bytes(int count);
};

} // namespace flowlet
