#include "PasswordHasher.h"

#include "crypto/SecureRandom.h"

#include <crypt.h>
#include <openssl/crypto.h>

#include <cstring>
#include <memory>

namespace flowlet {

Result<QString> PasswordHasher::hash(const QString& password, int cost)
{
    const QByteArray utf8 = password.toUtf8();
    if (utf8.size() > 72) {
        // bcrypt reads 72 bytes; refusing is better than silently ignoring the rest.
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the password is longer than 72 bytes"));
    }
    auto salt = SecureRandom::bytes(16);
    if (!salt) {
        return salt.error();
    }
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$2a$", static_cast<unsigned long>(cost), salt->constData(), static_cast<int>(salt->size()),
                          setting, sizeof setting)) {
        return Error(ErrorCode::Unknown, QStringLiteral("bcrypt salt generation failed"));
    }
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    const char* result = crypt_rn(utf8.constData(), setting, data.get(), sizeof(crypt_data));
    if (!result || result[0] == '*') {
        return Error(ErrorCode::Unknown, QStringLiteral("bcrypt hashing failed"));
    }
    return QString::fromLatin1(result);
}

bool PasswordHasher::verify(const QString& password, const QString& hash)
{
    if (!hash.startsWith(QStringLiteral("$2a$")) && !hash.startsWith(QStringLiteral("$2b$"))) {
        return false;
    }
    const QByteArray setting = hash.toLatin1();
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    const char* result = crypt_rn(password.toUtf8().constData(), setting.constData(), data.get(), sizeof(crypt_data));
    if (!result || result[0] == '*') {
        return false;
    }
    const size_t length = std::strlen(result);
    return length == static_cast<size_t>(setting.size())
        && CRYPTO_memcmp(result, setting.constData(), length) == 0;
}

} // namespace flowlet
