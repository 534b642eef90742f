#pragma once

#include "core/Result.h"

#include <QString>

namespace flowlet {

// What a staff password must be: long enough, not the user name, not one of the passwords every
// attacker tries first. Length beats composition rules (NIST SP 800-63B).
class PasswordPolicy final
{
public:
    static constexpr int kMinimumLength = 12;

    // InvalidArgument with the reason, in words a user can act on.
    static Status check(const QString& password, const QString& userName);
};

} // namespace flowlet
