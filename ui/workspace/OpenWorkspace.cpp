#include "OpenWorkspace.h"

#include "workspace/WorkspaceSetup.h"

#include <QApplication>
#include <QFileDialog>

namespace flowlet::ui {

Result<DatabasePtr> chooseAndOpenWorkspace(QWidget* parent)
{
    const QString path = QFileDialog::getOpenFileName(
        parent, QApplication::translate("OpenWorkspace", "Open workspace"), QString(),
        QApplication::translate("OpenWorkspace", "Flowlet workspaces (*.db *.sqlite);;All files (*)"));
    if (path.isEmpty()) {
        return Error(ErrorCode::Cancelled, QStringLiteral("no file was chosen"));
    }
    return WorkspaceSetup::open(DatabaseUrl::sqlite(path));
}

} // namespace flowlet::ui
