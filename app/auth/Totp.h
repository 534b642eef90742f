#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace flowlet {

enum class TotpAlgorithm { Sha1, Sha256, Sha512 };

struct TotpParameters
{
    TotpAlgorithm algorithm = TotpAlgorithm::Sha1;
    int digits = 6;
    int period = 30;
};

// One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238). Flowlet enrols SHA-1, 6 digits,
// 30-second steps — what every authenticator app supports — and accepts the neighbouring step on
// either side for clock drift. A step once accepted is never accepted again (replay guard).
class Totp final
{
public:
    using Algorithm = TotpAlgorithm;
    using Parameters = TotpParameters;

    static QString hotp(const QByteArray& key, quint64 counter, int digits = 6, Algorithm algorithm = Algorithm::Sha1);
    static qint64 stepAt(const QDateTime& time, int period = 30);
    static QString codeAt(const QByteArray& key, const QDateTime& time, const Parameters& p = Parameters());

    enum class Rejection { WrongCode, Reused, Malformed };

    // The step the code belongs to (to be stored as last used), or why it is refused. A code for
    // a step at or before lastUsedStep is Reused even when it is otherwise right.
    struct Verdict
    {
        std::optional<qint64> step;
        Rejection rejection = Rejection::WrongCode;
        bool accepted() const { return step.has_value(); }
    };
    static Verdict verify(const QByteArray& key, const QString& code, const QDateTime& now,
                          std::optional<qint64> lastUsedStep, const Parameters& p = Parameters(), int window = 1);

    // A new random secret (20 bytes, the RFC 4226 recommendation for SHA-1).
    static Result<QByteArray> generateSecret();
};

// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
struct OtpAuthUri
{
    QString issuer;
    QString account;
    QByteArray secret;
    Totp::Parameters parameters;

    QString toString() const;
    static Result<OtpAuthUri> parse(const QString& uri);
};

} // namespace flowlet
