#pragma once

#include "db/Database.h"

class QWidget;

namespace flowlet::ui {

// Asks for a workspace file and opens it (bringing its schema up to date). A cancelled file
// dialog answers ErrorCode::Cancelled; any other error carries the reason to show.
Result<DatabasePtr> chooseAndOpenWorkspace(QWidget* parent);

} // namespace flowlet::ui
