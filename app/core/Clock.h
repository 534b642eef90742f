#pragma once

#include <QDateTime>

#include <memory>

namespace flowlet {

// Where "now" comes from. Production code asks Clock::instance(); tests install a ManualClock so
// that lockouts, idle locks and TOTP windows can be moved without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;

    virtual QDateTime nowUtc() const = 0;

    static const Clock& instance();
    // Takes ownership; passing nullptr restores the system clock.
    static void setInstance(std::unique_ptr<Clock> clock);

    static QDateTime now() { return instance().nowUtc(); }
};

class SystemClock final : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start)
        : m_now(start.toUTC())
    {
    }
    QDateTime nowUtc() const override { return m_now; }
    void set(const QDateTime& now) { m_now = now.toUTC(); }
    void advanceSeconds(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

} // namespace flowlet
