#include "PasswordPolicy.h"

#include <QRegularExpression>
#include <QSet>

namespace flowlet {

namespace {

// A small list of the most common passwords (and their usual decorations are caught by the
// normalisation below: case, trailing digits and punctuation).
const QSet<QString>& commonPasswords()
{
    static const QSet<QString> list = {
        QStringLiteral("password"), QStringLiteral("passwort"), QStringLiteral("qwertyuiop"),
        QStringLiteral("qwertzuiop"), QStringLiteral("letmein"), QStringLiteral("welcome"),
        QStringLiteral("willkommen"), QStringLiteral("iloveyou"), QStringLiteral("admin"),
        QStringLiteral("administrator"), QStringLiteral("changeme"), QStringLiteral("secret"),
        QStringLiteral("geheim"), QStringLiteral("sommer"), QStringLiteral("summer"), QStringLiteral("winter"),
        QStringLiteral("football"), QStringLiteral("baseball"), QStringLiteral("dragon"), QStringLiteral("monkey"),
        QStringLiteral("sunshine"), QStringLiteral("princess"), QStringLiteral("master"), QStringLiteral("shadow"),
        QStringLiteral("superman"), QStringLiteral("trustno"), QStringLiteral("abcdef"), QStringLiteral("abcdefgh"),
        QStringLiteral("qwerty"), QStringLiteral("asdfgh"), QStringLiteral("asdfghjkl"), QStringLiteral("zxcvbnm"),
        QStringLiteral("flowlet"), QStringLiteral("compliance"), QStringLiteral("finance"), QStringLiteral("banking"),
        QStringLiteral("correcthorsebatterystaple"), QStringLiteral("passw0rd"), QStringLiteral("p@ssw0rd"),
        QStringLiteral("p@ssword"), QStringLiteral("hallo"), QStringLiteral("hello"), QStringLiteral("login"),
        QStringLiteral("access"), QStringLiteral("starwars"), QStringLiteral("whatever"), QStringLiteral("freedom"),
    };
    return list;
}

QString normalised(const QString& password)
{
    QString s = password.toLower();
    // Strip what people add to satisfy rules: trailing digits and symbols.
    while (!s.isEmpty() && !s.back().isLetter()) {
        s.chop(1);
    }
    return s;
}

} // namespace

Status PasswordPolicy::check(const QString& password, const QString& userName)
{
    auto refuse = [](const QString& why) { return Error(ErrorCode::InvalidArgument, why); };
    if (password.size() < kMinimumLength) {
        return refuse(QStringLiteral("the password must have at least %1 characters").arg(kMinimumLength));
    }
    if (password.toUtf8().size() > 72) {
        return refuse(QStringLiteral("the password must not be longer than 72 bytes"));
    }
    if (!userName.isEmpty() && password.toLower().contains(userName.toLower())) {
        return refuse(QStringLiteral("the password must not contain the user name"));
    }
    const QString base = normalised(password);
    if (commonPasswords().contains(base) || commonPasswords().contains(password.toLower())) {
        return refuse(QStringLiteral("this password is too common; choose another"));
    }
    QSet<QChar> distinct(password.begin(), password.end());
    if (distinct.size() < 5) {
        return refuse(QStringLiteral("the password repeats too few characters; choose another"));
    }
    const QString digitsOnly = QString(password).remove(QRegularExpression(QStringLiteral("\\D")));
    if (digitsOnly.size() == password.size()) {
        return refuse(QStringLiteral("the password must not be digits only"));
    }
    return {};
}

} // namespace flowlet
