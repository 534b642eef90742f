#include "Workspace.h"

#include <QDir>
#include <QStandardPaths>

namespace flowlet {

QString Workspace::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return QDir(dir).filePath(QStringLiteral("workspace.db"));
}

Result<DatabaseUrl> Workspace::resolve(const QString& commandLineValue)
{
    if (!commandLineValue.isEmpty()) {
        return DatabaseUrl::parse(commandLineValue);
    }
    const QString env = qEnvironmentVariable("FLOWLET_DB");
    if (!env.isEmpty()) {
        auto url = DatabaseUrl::parse(env);
        if (!url) {
            return url.error().wrapped(QStringLiteral("FLOWLET_DB"));
        }
        return url;
    }
    return defaultUrl();
}

} // namespace flowlet
