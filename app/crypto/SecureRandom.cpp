#include "SecureRandom.h"

#include <openssl/rand.h>

namespace flowlet {

Result<QByteArray> SecureRandom::bytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), count) != 1) {
        return Error(ErrorCode::Unknown, QStringLiteral("the system random generator failed"));
    }
    return out;
}

} // namespace flowlet
