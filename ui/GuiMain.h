#pragma once

namespace flowlet::ui {

// Starts the workstation window: resolves the workspace (--db, FLOWLET_DB, the last one used,
// or the welcome dialog on first run), opens it, and runs the event loop.
int runGui(int& argc, char** argv);

} // namespace flowlet::ui
