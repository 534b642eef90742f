#include "Totp.h"

#include "Base32.h"
#include "crypto/SecureRandom.h"

#include <QUrl>
#include <QUrlQuery>

#include <openssl/crypto.h>
#include <algorithm>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace flowlet {

namespace {

const EVP_MD* digestFor(Totp::Algorithm algorithm)
{
    switch (algorithm) {
    case Totp::Algorithm::Sha256: return EVP_sha256();
    case Totp::Algorithm::Sha512: return EVP_sha512();
    case Totp::Algorithm::Sha1: break;
    }
    return EVP_sha1();
}

QString algorithmName(Totp::Algorithm algorithm)
{
    switch (algorithm) {
    case Totp::Algorithm::Sha256: return QStringLiteral("SHA256");
    case Totp::Algorithm::Sha512: return QStringLiteral("SHA512");
    case Totp::Algorithm::Sha1: break;
    }
    return QStringLiteral("SHA1");
}

bool equalConstantTime(const QString& a, const QString& b)
{
    const QByteArray x = a.toLatin1();
    const QByteArray y = b.toLatin1();
    return x.size() == y.size() && CRYPTO_memcmp(x.constData(), y.constData(), static_cast<size_t>(x.size())) == 0;
}

} // namespace

QString Totp::hotp(const QByteArray& key, quint64 counter, int digits, Algorithm algorithm)
{
    unsigned char message[8];
    for (int i = 7; i >= 0; --i) {
        message[i] = static_cast<unsigned char>(counter & 0xff);
        counter >>= 8;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int macLength = 0;
    HMAC(digestFor(algorithm), key.constData(), static_cast<int>(key.size()), message, sizeof message, mac, &macLength);
    // Dynamic truncation (RFC 4226 §5.3).
    const int offset = mac[macLength - 1] & 0x0f;
    const quint32 binary = (quint32(mac[offset] & 0x7f) << 24) | (quint32(mac[offset + 1]) << 16)
        | (quint32(mac[offset + 2]) << 8) | quint32(mac[offset + 3]);
    quint64 modulus = 1;
    for (int i = 0; i < digits; ++i) {
        modulus *= 10;
    }
    return QString::number(binary % modulus).rightJustified(digits, u'0');
}

qint64 Totp::stepAt(const QDateTime& time, int period)
{
    return time.toSecsSinceEpoch() / period;
}

QString Totp::codeAt(const QByteArray& key, const QDateTime& time, const Parameters& p)
{
    return hotp(key, static_cast<quint64>(stepAt(time, p.period)), p.digits, p.algorithm);
}

Totp::Verdict Totp::verify(const QByteArray& key, const QString& code, const QDateTime& now,
                           std::optional<qint64> lastUsedStep, const Parameters& p, int window)
{
    Verdict verdict;
    const QString given = code.trimmed().remove(u' ');
    if (given.size() != p.digits || !std::all_of(given.begin(), given.end(), [](QChar c) { return c.isDigit(); })) {
        verdict.rejection = Rejection::Malformed;
        return verdict;
    }
    const qint64 current = stepAt(now, p.period);
    bool reused = false;
    // Every step in the window is computed, so that timing says nothing about which one matched.
    std::optional<qint64> matched;
    for (qint64 step = current - window; step <= current + window; ++step) {
        if (step < 0) {
            continue;
        }
        if (equalConstantTime(hotp(key, static_cast<quint64>(step), p.digits, p.algorithm), given)) {
            if (lastUsedStep && step <= *lastUsedStep) {
                reused = true;
            } else if (!matched) {
                matched = step;
            }
        }
    }
    if (matched) {
        verdict.step = matched;
    } else {
        verdict.rejection = reused ? Rejection::Reused : Rejection::WrongCode;
    }
    return verdict;
}

Result<QByteArray> Totp::generateSecret()
{
    return SecureRandom::bytes(20);
}

QString OtpAuthUri::toString() const
{
    QUrl url;
    url.setScheme(QStringLiteral("otpauth"));
    url.setHost(QStringLiteral("totp"));
    url.setPath(QStringLiteral("/") + issuer + u':' + account);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("secret"), Base32::encode(secret));
    query.addQueryItem(QStringLiteral("issuer"), issuer);
    query.addQueryItem(QStringLiteral("algorithm"), algorithmName(parameters.algorithm));
    query.addQueryItem(QStringLiteral("digits"), QString::number(parameters.digits));
    query.addQueryItem(QStringLiteral("period"), QString::number(parameters.period));
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

Result<OtpAuthUri> OtpAuthUri::parse(const QString& text)
{
    auto fail = [](const QString& why) { return Error(ErrorCode::ParseError, QStringLiteral("not a TOTP URI: ") + why); };
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QStringLiteral("otpauth")) {
        return fail(QStringLiteral("it must start with otpauth://"));
    }
    if (url.host() != QStringLiteral("totp")) {
        return fail(QStringLiteral("only time-based codes (otpauth://totp/…) are supported"));
    }
    OtpAuthUri out;
    const QString label = url.path(QUrl::FullyDecoded).mid(1);
    const qsizetype colon = label.indexOf(u':');
    out.account = colon >= 0 ? label.mid(colon + 1) : label;
    out.issuer = colon >= 0 ? label.left(colon) : QString();
    const QUrlQuery query(url);
    const QString secret = query.queryItemValue(QStringLiteral("secret"), QUrl::FullyDecoded);
    if (secret.isEmpty()) {
        return fail(QStringLiteral("it has no secret"));
    }
    auto decoded = Base32::decode(secret);
    if (!decoded) {
        return fail(decoded.error().message());
    }
    if (decoded->size() < 10) {
        return fail(QStringLiteral("the secret is shorter than 80 bits"));
    }
    out.secret = *decoded;
    if (query.hasQueryItem(QStringLiteral("issuer"))) {
        out.issuer = query.queryItemValue(QStringLiteral("issuer"), QUrl::FullyDecoded);
    }
    const QString algorithm = query.queryItemValue(QStringLiteral("algorithm")).toUpper();
    if (algorithm == QStringLiteral("SHA256")) {
        out.parameters.algorithm = Totp::Algorithm::Sha256;
    } else if (algorithm == QStringLiteral("SHA512")) {
        out.parameters.algorithm = Totp::Algorithm::Sha512;
    } else if (!algorithm.isEmpty() && algorithm != QStringLiteral("SHA1")) {
        return fail(QStringLiteral("unknown algorithm %1").arg(algorithm));
    }
    bool ok = true;
    if (query.hasQueryItem(QStringLiteral("digits"))) {
        out.parameters.digits = query.queryItemValue(QStringLiteral("digits")).toInt(&ok);
        if (!ok || out.parameters.digits < 6 || out.parameters.digits > 8) {
            return fail(QStringLiteral("digits must be 6 to 8"));
        }
    }
    if (query.hasQueryItem(QStringLiteral("period"))) {
        out.parameters.period = query.queryItemValue(QStringLiteral("period")).toInt(&ok);
        if (!ok || out.parameters.period < 15 || out.parameters.period > 300) {
            return fail(QStringLiteral("period must be 15 to 300 seconds"));
        }
    }
    return out;
}

} // namespace flowlet
