#pragma once

#include "MonitorQuery.h"

namespace flowlet {

// Checks the enabled alert rules against the error log and records an alert for each rule and
// fingerprint that reached its threshold within the rule's window. The same rule and fingerprint
// raise again only once the new window no longer overlaps the last alert's, so evaluating often
// does not repeat an alert. Needs monitor.read.
class AlertEvaluator final
{
public:
    AlertEvaluator(DatabasePtr db, Actor actor);

    // The alerts raised by this evaluation (none when nothing new crossed a threshold).
    Result<QList<MonitorAlert>> evaluate();

private:
    DatabasePtr m_db;
    Actor m_actor;
};

} // namespace flowlet
