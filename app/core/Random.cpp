#include "Random.h"

namespace flowlet {

namespace {
std::uint64_t splitmix64(std::uint64_t& x)
{
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}
} // namespace

Random::Random(std::uint64_t seed)
{
    for (auto& s : m_s) {
        s = splitmix64(seed);
    }
}

std::uint64_t Random::next()
{
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

std::uint64_t Random::below(std::uint64_t bound)
{
    if (bound <= 1) {
        return 0;
    }
    // Lemire's nearly divisionless method.
    __extension__ typedef unsigned __int128 u128;
    u128 m = u128(next()) * u128(bound);
    auto low = static_cast<std::uint64_t>(m);
    if (low < bound) {
        const std::uint64_t threshold = (0 - bound) % bound;
        while (low < threshold) {
            m = u128(next()) * u128(bound);
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

qint64 Random::skewed(qint64 median, int spread)
{
    // Sum of uniforms approximates a normal in the exponent; scale in per-mille steps.
    qint64 exponentPerMille = 0;
    for (int i = 0; i < 4; ++i) {
        exponentPerMille += between(-spread * 250, spread * 250);
    }
    // 2^(e/1000) by repeated multiplication in fixed point.
    qint64 value = median * 1000;
    qint64 e = exponentPerMille;
    while (e >= 1000) {
        value *= 2;
        e -= 1000;
    }
    while (e <= -1000) {
        value /= 2;
        e += 1000;
    }
    // Linear interpolation for the fractional part of the exponent is close enough for demo data.
    value = e >= 0 ? value + value * e / 1000 : value + value * e / 2000;
    return std::max<qint64>(1, value / 1000);
}

} // namespace flowlet
