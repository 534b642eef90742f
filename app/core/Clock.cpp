#include "Clock.h"

namespace flowlet {

namespace {
std::unique_ptr<Clock>& storage()
{
    static std::unique_ptr<Clock> clock = std::make_unique<SystemClock>();
    return clock;
}
} // namespace

const Clock& Clock::instance()
{
    return *storage();
}

void Clock::setInstance(std::unique_ptr<Clock> clock)
{
    storage() = clock ? std::move(clock) : std::make_unique<SystemClock>();
}

} // namespace flowlet
