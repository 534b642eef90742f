#pragma once

#include "core/Result.h"
#include "db/Database.h"

namespace flowlet {

// Keeps the monitoring tables from growing without end: deletes error-log entries, request
// statistics and alerts older than a number of days, in one transaction, and records what it
// removed in the audit trail. The database owner's task (`flowlet monitor prune`, for cron): a
// workstation's role may read these tables but never delete from them.
class MonitorRetention final
{
public:
    static constexpr int kDefaultDays = 90;
    static constexpr int kMinimumDays = 1;

    struct Pruned
    {
        qint64 errors = 0;
        qint64 statistics = 0;
        qint64 alerts = 0;
    };

    static Result<Pruned> prune(Database& db, int olderThanDays);
};

} // namespace flowlet
