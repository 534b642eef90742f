#include "QrCode.h"

#include <qrencode.h>

#include <memory>

namespace flowlet {

Result<QrCode> QrCode::encode(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M),
                                                         &QRcode_free);
    if (!code) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the text cannot be encoded as a QR code"));
    }
    QrCode out;
    out.m_size = code->width;
    out.m_modules.resize(code->width * code->width);
    for (int i = 0; i < code->width * code->width; ++i) {
        out.m_modules[i] = static_cast<char>(code->data[i] & 0x01);
    }
    return out;
}

QByteArray QrCode::toPgm(int scale, int border) const
{
    const int pixels = (m_size + 2 * border) * scale;
    QByteArray out = "P5\n" + QByteArray::number(pixels) + ' ' + QByteArray::number(pixels) + "\n255\n";
    for (int py = 0; py < pixels; ++py) {
        const int y = py / scale - border;
        for (int px = 0; px < pixels; ++px) {
            const int x = px / scale - border;
            const bool dark = x >= 0 && y >= 0 && x < m_size && y < m_size && isDark(x, y);
            out.append(dark ? '\0' : '\xff');
        }
    }
    return out;
}

} // namespace flowlet
