// The `flowlet` executable: sub-commands for scripts, the workstation window otherwise.

#include "cli/CommandLine.h"
#include "core/Version.h"
#include "ui/GuiMain.h"

#include <QCoreApplication>

namespace {
void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral(FLOWLET_ORG_NAME));
    QCoreApplication::setOrganizationDomain(QStringLiteral(FLOWLET_ORG_DOMAIN));
    QCoreApplication::setApplicationName(QStringLiteral("flowlet"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWLET_VERSION));
}
} // namespace

int main(int argc, char* argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments << QString::fromLocal8Bit(argv[i]);
    }
    if (flowlet::CommandLine::wantsCli(arguments)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        return flowlet::CommandLine::run(QCoreApplication::arguments());
    }
    setIdentity();
    return flowlet::ui::runGui(argc, argv);
}
