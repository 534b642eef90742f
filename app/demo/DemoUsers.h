#pragma once

#include "core/Result.h"
#include "db/Database.h"

#include <QList>
#include <QString>

namespace flowlet {

struct DemoCredential
{
    QString username;
    QString role;
    QString password;
    QString totpSecret; // Base32
    QString otpauthUri;
};

// One staff user per built-in role for a demo workspace, each with a random password and an
// enrolled authenticator, so that a new user can sign in straight away (with an authenticator
// app, or `oathtool --totp -b SECRET`). The credentials are written to a file only the user can
// read and printed once; they are random, unlike the demo data.
class DemoUsers final
{
public:
    static Result<QList<DemoCredential>> create(const DatabasePtr& db);
    // Writes the credentials as text (mode 0600); returns the file's path.
    static Result<QString> writeCredentialsFile(const QList<DemoCredential>& credentials, const DatabaseUrl& url);
    static QString format(const QList<DemoCredential>& credentials);
};

} // namespace flowlet
