#include "SecretBox.h"

#include "SecureRandom.h"

#include <QtEndian>

#include <openssl/evp.h>

#include <memory>

namespace flowlet {

namespace {

constexpr char kRawVersion = 1;
constexpr char kPasswordVersion = 2;
constexpr int kNonce = 12;
constexpr int kTag = 16;
constexpr int kSalt = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

Error openFailed()
{
    return {ErrorCode::PermissionDenied, QStringLiteral("the secret cannot be opened (wrong key or damaged data)")};
}

// AES-256-GCM with `header` as associated data, so the version and parameters cannot be swapped.
Result<QByteArray> gcmSeal(const QByteArray& plain, const QByteArray& key, const QByteArray& header)
{
    auto nonce = SecureRandom::bytes(kNonce);
    if (!nonce) {
        return nonce.error();
    }
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray out = header + *nonce;
    QByteArray cipher(plain.size() + 16, Qt::Uninitialized);
    int len = 0;
    int total = 0;
    auto* k = reinterpret_cast<const unsigned char*>(key.constData());
    auto* n = reinterpret_cast<const unsigned char*>(nonce->constData());
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, k, n) != 1
        || EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(header.constData()),
                             static_cast<int>(header.size())) != 1
        || EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(cipher.data()), &len,
                             reinterpret_cast<const unsigned char*>(plain.constData()), static_cast<int>(plain.size())) != 1) {
        return Error(ErrorCode::Unknown, QStringLiteral("encryption failed"));
    }
    total = len;
    if (EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(cipher.data()) + total, &len) != 1) {
        return Error(ErrorCode::Unknown, QStringLiteral("encryption failed"));
    }
    total += len;
    cipher.truncate(total);
    QByteArray tag(kTag, Qt::Uninitialized);
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, tag.data()) != 1) {
        return Error(ErrorCode::Unknown, QStringLiteral("encryption failed"));
    }
    return out + cipher + tag;
}

Result<QByteArray> gcmOpen(const QByteArray& sealed, qsizetype headerSize, const QByteArray& key)
{
    if (sealed.size() < headerSize + kNonce + kTag) {
        return openFailed();
    }
    const QByteArray header = sealed.left(headerSize);
    const QByteArray nonce = sealed.mid(headerSize, kNonce);
    const QByteArray cipher = sealed.mid(headerSize + kNonce, sealed.size() - headerSize - kNonce - kTag);
    QByteArray tag = sealed.right(kTag);
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray plain(cipher.size() + 16, Qt::Uninitialized);
    int len = 0;
    int total = 0;
    if (!ctx
        || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, reinterpret_cast<const unsigned char*>(key.constData()),
                              reinterpret_cast<const unsigned char*>(nonce.constData())) != 1
        || EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(header.constData()),
                             static_cast<int>(header.size())) != 1
        || EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len,
                             reinterpret_cast<const unsigned char*>(cipher.constData()), static_cast<int>(cipher.size())) != 1) {
        return openFailed();
    }
    total = len;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) != 1
        || EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + total, &len) != 1) {
        return openFailed();
    }
    plain.truncate(total + len);
    return plain;
}

Result<QByteArray> deriveKey(const QString& password, const QByteArray& salt, int iterations)
{
    const QByteArray utf8 = password.toUtf8();
    QByteArray key(32, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(utf8.constData(), static_cast<int>(utf8.size()),
                          reinterpret_cast<const unsigned char*>(salt.constData()), static_cast<int>(salt.size()),
                          iterations, EVP_sha256(), 32, reinterpret_cast<unsigned char*>(key.data())) != 1) {
        return Error(ErrorCode::Unknown, QStringLiteral("key derivation failed"));
    }
    return key;
}

} // namespace

Result<QByteArray> SecretBox::seal(const QByteArray& plain, const QByteArray& key32)
{
    if (key32.size() != 32) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the key must be 256 bits"));
    }
    return gcmSeal(plain, key32, QByteArray(1, kRawVersion));
}

Result<QByteArray> SecretBox::open(const QByteArray& sealed, const QByteArray& key32)
{
    if (key32.size() != 32 || sealed.isEmpty() || sealed.at(0) != kRawVersion) {
        return openFailed();
    }
    return gcmOpen(sealed, 1, key32);
}

Result<QByteArray> SecretBox::sealWithPassword(const QByteArray& plain, const QString& password, int iterations)
{
    auto salt = SecureRandom::bytes(kSalt);
    if (!salt) {
        return salt.error();
    }
    auto key = deriveKey(password, *salt, iterations);
    if (!key) {
        return key.error();
    }
    QByteArray header(1, kPasswordVersion);
    char iter[4];
    qToBigEndian<quint32>(static_cast<quint32>(iterations), iter);
    header.append(iter, 4);
    header.append(*salt);
    return gcmSeal(plain, *key, header);
}

Result<QByteArray> SecretBox::openWithPassword(const QByteArray& sealed, const QString& password)
{
    constexpr qsizetype headerSize = 1 + 4 + kSalt;
    if (sealed.size() < headerSize || sealed.at(0) != kPasswordVersion) {
        return openFailed();
    }
    const auto iterations = qFromBigEndian<quint32>(sealed.constData() + 1);
    if (iterations < 10'000 || iterations > 10'000'000) {
        return openFailed();
    }
    auto key = deriveKey(password, sealed.mid(5, kSalt), static_cast<int>(iterations));
    if (!key) {
        return key.error();
    }
    return gcmOpen(sealed, headerSize, *key);
}

} // namespace flowlet
