#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace flowlet::test {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs the real `flowlet` binary (FLOWLET_BINARY, set for every test by tests/CMakeLists.txt) as
// a script or an administrator would, with a private home so that the default workspace and
// settings never touch the real ones.
inline Run runFlowlet(const QStringList& args, const QString& home)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.remove(QStringLiteral("FLOWLET_DB"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(FLOWLET_BINARY), args);
    p.waitForFinished(120000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace flowlet::test
