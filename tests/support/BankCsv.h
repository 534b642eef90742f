#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace flowlet::test {

// A bank CSV export the sniffer cannot read on its own, as Hungarian banks write them: account
// and period lines above a header in Hungarian, dates that end with a dot ("2018.03.02."),
// amounts in forint grouped by spaces. `seed` changes the rows, never the layout; `badRow` (0-based
// entry) gets an amount that is no number.
inline QByteArray hungarianExport(
    int rows, int seed = 0, int badRow = -1,
    const QByteArray& header = "Könyvelés dátuma;Értéknap;Összeg;Pénznem;Partner neve;Közlemény")
{
    static const char* const partners[] = {"REWE Budapest", "MOL Nyrt.", "ACME Kft.", "Spar", "BKK"};
    QByteArray out = "Számlaszám;HU42117730161111101800000000\n"
                     "Időszak;2018.03.01.-2018.03.31.\n\n"
                     + header + '\n';
    for (int i = 0; i < rows; ++i) {
        const int day = 1 + (i * 7 + seed) % 28;
        const QByteArray date = "2018.03." + QByteArray::number(day).rightJustified(2, '0') + '.';
        const int forint = ((i + 1) * 1733 + seed * 977) % 250000;
        const bool credit = (i + seed) % 5 == 0;
        QByteArray amount = QByteArray::number(forint);
        if (amount.size() > 3) {
            amount.insert(amount.size() - 3, ' ');
        }
        if (i == badRow) {
            amount = "n/a";
        }
        out += date + ';' + date + ';' + (credit || i == badRow ? "" : "-") + amount + ";HUF;"
               + partners[(i + seed) % 5] + ";Tétel " + QByteArray::number(seed * 1000 + i) + '\n';
    }
    return out;
}

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

} // namespace flowlet::test
