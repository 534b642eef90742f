#include "Settings.h"

#include <algorithm>

namespace flowlet {

namespace {
const QString kLastWorkspace = QStringLiteral("workspace/lastUrl");
const QString kPageSize = QStringLiteral("transactions/pageSize");
const QString kGeometry = QStringLiteral("mainWindow/geometry");
const QString kState = QStringLiteral("mainWindow/state");
const QString kLanguage = QStringLiteral("ui/language");
constexpr int kDefaultPageSize = 200;
} // namespace

Settings::Settings() = default;

QString Settings::lastWorkspaceUrl() const
{
    return m_settings.value(kLastWorkspace).toString();
}

void Settings::setLastWorkspaceUrl(const QString& url)
{
    m_settings.setValue(kLastWorkspace, url);
}

int Settings::transactionsPageSize() const
{
    return std::clamp(m_settings.value(kPageSize, kDefaultPageSize).toInt(), 20, 5000);
}

void Settings::setTransactionsPageSize(int rows)
{
    m_settings.setValue(kPageSize, std::clamp(rows, 20, 5000));
}

QByteArray Settings::mainWindowGeometry() const
{
    return m_settings.value(kGeometry).toByteArray();
}

void Settings::setMainWindowGeometry(const QByteArray& geometry)
{
    m_settings.setValue(kGeometry, geometry);
}

QByteArray Settings::transactionsHeaderState() const
{
    return m_settings.value(QStringLiteral("transactions/headerState")).toByteArray();
}

void Settings::setTransactionsHeaderState(const QByteArray& state)
{
    m_settings.setValue(QStringLiteral("transactions/headerState"), state);
}

QByteArray Settings::mainWindowState() const
{
    return m_settings.value(kState).toByteArray();
}

void Settings::setMainWindowState(const QByteArray& state)
{
    m_settings.setValue(kState, state);
}

Settings::SharedConnection Settings::sharedConnection() const
{
    SharedConnection c;
    c.host = m_settings.value(QStringLiteral("shared/host")).toString();
    c.port = m_settings.value(QStringLiteral("shared/port"), 5432).toInt();
    c.database = m_settings.value(QStringLiteral("shared/database")).toString();
    c.user = m_settings.value(QStringLiteral("shared/user")).toString();
    c.sslMode = m_settings.value(QStringLiteral("shared/sslmode"), QStringLiteral("verify-full")).toString();
    c.sslRootCert = m_settings.value(QStringLiteral("shared/sslrootcert")).toString();
    return c;
}

void Settings::setSharedConnection(const SharedConnection& c)
{
    m_settings.setValue(QStringLiteral("shared/host"), c.host);
    m_settings.setValue(QStringLiteral("shared/port"), c.port);
    m_settings.setValue(QStringLiteral("shared/database"), c.database);
    m_settings.setValue(QStringLiteral("shared/user"), c.user);
    m_settings.setValue(QStringLiteral("shared/sslmode"), c.sslMode);
    m_settings.setValue(QStringLiteral("shared/sslrootcert"), c.sslRootCert);
}

int Settings::idleLockMinutes() const
{
    return std::clamp(m_settings.value(QStringLiteral("security/idleLockMinutes"), 10).toInt(), 1, 120);
}

void Settings::setIdleLockMinutes(int minutes)
{
    m_settings.setValue(QStringLiteral("security/idleLockMinutes"), std::clamp(minutes, 1, 120));
}

bool Settings::apiEnabled() const
{
    return m_settings.value(QStringLiteral("api/enabled"), true).toBool();
}

void Settings::setApiEnabled(bool enabled)
{
    m_settings.setValue(QStringLiteral("api/enabled"), enabled);
}

quint16 Settings::apiPort() const
{
    const int port = m_settings.value(QStringLiteral("api/port"), 8765).toInt();
    return port >= 0 && port <= 65535 ? quint16(port) : quint16(8765);
}

void Settings::setApiPort(quint16 port)
{
    m_settings.setValue(QStringLiteral("api/port"), port);
}

QString Settings::uiLanguage() const
{
    return m_settings.value(kLanguage).toString();
}

void Settings::setUiLanguage(const QString& language)
{
    m_settings.setValue(kLanguage, language);
}

} // namespace flowlet
