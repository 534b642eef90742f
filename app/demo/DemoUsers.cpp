#include "DemoUsers.h"

#include "auth/AuthService.h"
#include "auth/Base32.h"
#include "crypto/SecureRandom.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace flowlet {

namespace {

struct DemoRole
{
    const char* username;
    const char* displayName;
    const char* role;
};

constexpr DemoRole kRoles[] = {
    {"admin", "Alex Admin", "admin"},
    {"compliance", "Clara Compliance", "compliance_officer"},
    {"finance", "Felix Finance", "finance_analyst"},
    {"auditor", "Ava Auditor", "auditor"},
};

// 20 random characters from an unambiguous alphabet (about 115 bits), in four groups of five.
Result<QString> randomPassword()
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    auto bytes = SecureRandom::bytes(40);
    if (!bytes) {
        return bytes.error();
    }
    QString chars;
    for (int i = 0; chars.size() < 20 && i < bytes->size(); ++i) {
        const auto b = static_cast<quint8>(bytes->at(i));
        if (b < 216) { // 216 = 4 * 54: no modulo bias
            chars += QLatin1Char(alphabet[b % 54]);
        }
    }
    if (chars.size() < 20) {
        return randomPassword(); // astronomically rare: too many bytes were rejected
    }
    return QStringLiteral("%1-%2-%3-%4").arg(chars.mid(0, 5), chars.mid(5, 5), chars.mid(10, 5), chars.mid(15, 5));
}

} // namespace

Result<QList<DemoCredential>> DemoUsers::create(const DatabasePtr& db)
{
    QList<NewStaffUser> users;
    QList<DemoCredential> credentials;
    for (const DemoRole& r : kRoles) {
        auto password = randomPassword();
        if (!password) {
            return password.error();
        }
        users << NewStaffUser{QString::fromLatin1(r.username), QString::fromLatin1(r.displayName), QString(),
                              QString::fromLatin1(r.role), *password};
        credentials << DemoCredential{QString::fromLatin1(r.username), QString::fromLatin1(r.role), *password, {}, {}};
    }
    auto secrets = AuthService(db).createEnrolledUsers(users);
    if (!secrets) {
        return secrets.error();
    }
    for (int i = 0; i < credentials.size(); ++i) {
        credentials[i].totpSecret = Base32::encode(secrets->at(i));
        OtpAuthUri uri;
        uri.issuer = QStringLiteral("Flowlet");
        uri.account = credentials[i].username;
        uri.secret = secrets->at(i);
        credentials[i].otpauthUri = uri.toString();
    }
    return credentials;
}

QString DemoUsers::format(const QList<DemoCredential>& credentials)
{
    QString out = QStringLiteral(
        "Flowlet demo workspace: staff users\n"
        "Sign in with the user name and password, then the 6-digit code from an authenticator app\n"
        "(add the secret, or the otpauth URI as a QR code) or from: oathtool --totp -b SECRET\n\n");
    for (const DemoCredential& c : credentials) {
        out += QStringLiteral("%1 (%2)\n  password:    %3\n  TOTP secret: %4\n  otpauth URI: %5\n\n")
                   .arg(c.username, c.role, c.password, c.totpSecret, c.otpauthUri);
    }
    return out;
}

Result<QString> DemoUsers::writeCredentialsFile(const QList<DemoCredential>& credentials, const DatabaseUrl& url)
{
    QString path;
    if (url.backend() == Backend::Sqlite) {
        const QFileInfo info(url.path());
        path = info.dir().filePath(info.completeBaseName() + QStringLiteral("-demo-credentials.txt"));
    } else {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
        QDir().mkpath(dir);
        const QString name = url.databaseName().isEmpty() ? QStringLiteral("postgresql") : url.databaseName();
        path = QDir(dir).filePath(name + QStringLiteral("-demo-credentials.txt"));
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return Error(ErrorCode::IoError, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(format(credentials).toUtf8());
    return path;
}

} // namespace flowlet
