#include "RecoveryCodes.h"

#include "Base32.h"
#include "crypto/SecureRandom.h"

#include <QCryptographicHash>

#include <openssl/crypto.h>

namespace flowlet {

Result<QStringList> RecoveryCodes::generate(int count)
{
    QStringList codes;
    for (int i = 0; i < count; ++i) {
        auto bytes = SecureRandom::bytes(10);
        if (!bytes) {
            return bytes.error();
        }
        const QString raw = Base32::encode(*bytes); // 16 characters
        codes << QStringLiteral("%1-%2-%3-%4").arg(raw.mid(0, 4), raw.mid(4, 4), raw.mid(8, 4), raw.mid(12, 4));
    }
    return codes;
}

QString RecoveryCodes::normalise(const QString& code)
{
    QString s = code.toUpper();
    s.remove(u'-');
    s.remove(u' ');
    return s;
}

QString RecoveryCodes::hash(const QString& code)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(normalise(code).toLatin1(), QCryptographicHash::Sha256).toHex());
}

bool RecoveryCodes::matches(const QString& code, const QString& storedHash)
{
    const QByteArray a = hash(code).toLatin1();
    const QByteArray b = storedHash.toLatin1();
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

} // namespace flowlet
