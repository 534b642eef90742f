#pragma once

#include <QString>
#include <QStringView>

namespace flowlet::Iban {

// ISO 13616 account numbers, as every statement format and the import pipeline see them.

// Upper case without any whitespace: "nl91 abna 0417 1643 00" -> "NL91ABNA0417164300".
QString compact(QStringView text);

// Country letters, check digits and 11 to 30 letters or digits, whatever the check digits say
// (anonymised test files, typing errors): worth a warning, not a refusal.
bool isShaped(QStringView compactIban);

// Shape and ISO 7064 mod-97 check digits of a compact IBAN.
bool hasValidCheckDigits(QStringView compactIban);

// The same for text as people write it (spaces, lower case).
inline bool isValid(QStringView text)
{
    return hasValidCheckDigits(compact(text));
}

} // namespace flowlet::Iban
