#pragma once

#include "ledger/CategoryRules.h"

namespace flowlet::test {

// A card payment as the categoriser sees it: "Card payment <merchant> <city>", the merchant as
// counterparty, its merchant category code, the amount in (negative) cents.
inline CategorisableFields cardPayment(const QString& merchant, const QString& city, const char* mcc, qint64 cents)
{
    CategorisableFields f;
    f.description = QStringLiteral("Card payment %1 %2").arg(merchant, city).trimmed();
    f.counterparty = merchant;
    f.merchantCategory = QString::fromLatin1(mcc);
    f.amountMicros = -cents * 10'000;
    f.channel = QStringLiteral("card");
    return f;
}

} // namespace flowlet::test
