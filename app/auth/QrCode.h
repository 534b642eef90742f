#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace flowlet {

// A QR code as a square matrix of dark/light modules (libqrencode, error correction level M).
// The core stays free of QtGui: the window paints the matrix, tests write it as a PGM for zbarimg.
class QrCode final
{
public:
    static Result<QrCode> encode(const QString& text);

    int size() const { return m_size; }
    bool isDark(int x, int y) const { return m_modules.at(y * m_size + x) != 0; }

    // Netpbm greyscale image with a quiet zone, `scale` pixels per module.
    QByteArray toPgm(int scale = 8, int border = 4) const;

private:
    int m_size = 0;
    QByteArray m_modules;
};

} // namespace flowlet
