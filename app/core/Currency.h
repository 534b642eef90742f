#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace flowlet {

// An ISO 4217 currency: its alphabetic code and the number of minor-unit digits it is shown with.
class Currency final
{
public:
    Currency() = default;

    // Only active ISO 4217 codes are accepted (plus the precious-metal and fund codes that banks use).
    static std::optional<Currency> fromCode(QStringView code);

    bool isValid() const { return m_code[0] != 0; }
    QString code() const;
    int minorUnits() const { return m_minorUnits; }

    friend bool operator==(const Currency& a, const Currency& b)
    {
        return a.m_code[0] == b.m_code[0] && a.m_code[1] == b.m_code[1] && a.m_code[2] == b.m_code[2];
    }

private:
    char m_code[3] = {0, 0, 0};
    int m_minorUnits = 2;
};

} // namespace flowlet
