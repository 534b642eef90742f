#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace flowlet {

// RFC 4648 Base32, the alphabet authenticator apps use for TOTP secrets.
class Base32 final
{
public:
    // Upper case, no padding (what otpauth:// URIs carry).
    static QString encode(const QByteArray& data);
    // Accepts lower case, spaces and hyphens between groups, and optional '=' padding; refuses
    // anything else with ParseError.
    static Result<QByteArray> decode(QStringView text);
};

} // namespace flowlet
