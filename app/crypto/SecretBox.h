#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace flowlet {

// Authenticated encryption (AES-256-GCM, OpenSSL) of small secrets, under a raw 256-bit key or
// under a key derived from a password (PBKDF2-HMAC-SHA256). A sealed box carries its format
// version, salt, iteration count and nonce; tampering or a wrong key fails to open.
class SecretBox final
{
public:
    static constexpr int kPasswordIterations = 600'000; // OWASP 2023 for PBKDF2-HMAC-SHA256

    static Result<QByteArray> seal(const QByteArray& plain, const QByteArray& key32);
    static Result<QByteArray> open(const QByteArray& sealed, const QByteArray& key32);

    static Result<QByteArray> sealWithPassword(const QByteArray& plain, const QString& password,
                                               int iterations = kPasswordIterations);
    static Result<QByteArray> openWithPassword(const QByteArray& sealed, const QString& password);
};

} // namespace flowlet
