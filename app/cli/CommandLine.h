#pragma once

#include <QStringList>

namespace flowlet {

// The `flowlet` sub-commands for scripts (DESIGN §5). No sub-command starts the GUI.
class CommandLine final
{
public:
    enum ExitCode { Ok = 0, Failure = 1, Usage = 2, Cancelled = 130 };

    // True when the arguments ask for a sub-command, --version or --help rather than the window.
    static bool wantsCli(const QStringList& arguments);
    // The value of a global --db option given before or after the sub-command (empty if none).
    static QString databaseOption(const QStringList& arguments);

    // Runs inside an existing QCoreApplication; prints to stdout, errors to stderr.
    static int run(const QStringList& arguments);
};

} // namespace flowlet
