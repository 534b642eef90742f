#pragma once

#include <QtGlobal>

#include <array>
#include <cstdint>

namespace flowlet {

// xoshiro256** seeded through splitmix64: fast, and the same sequence on every machine and build,
// which is what a deterministic demo data set needs. Not for secrets (use OpenSSL's RAND_bytes).
class Random final
{
public:
    explicit Random(std::uint64_t seed);

    std::uint64_t next();
    // Uniform in [0, bound) without modulo bias.
    std::uint64_t below(std::uint64_t bound);
    // Uniform in [lo, hi] inclusive.
    qint64 between(qint64 lo, qint64 hi) { return lo + static_cast<qint64>(below(static_cast<std::uint64_t>(hi - lo) + 1)); }
    // True with probability perMille / 1000.
    bool chance(int perMille) { return below(1000) < static_cast<std::uint64_t>(perMille); }
    // Picks an index from integer weights.
    template <typename Container>
    int weighted(const Container& weights)
    {
        std::uint64_t total = 0;
        for (auto w : weights) {
            total += static_cast<std::uint64_t>(w);
        }
        std::uint64_t r = below(total);
        int i = 0;
        for (auto w : weights) {
            if (r < static_cast<std::uint64_t>(w)) {
                return i;
            }
            r -= static_cast<std::uint64_t>(w);
            ++i;
        }
        return i - 1;
    }
    // A roughly log-normal positive integer around `median` (spread 1..4), from integer maths only.
    qint64 skewed(qint64 median, int spread);

private:
    std::array<std::uint64_t, 4> m_s{};
};

} // namespace flowlet
