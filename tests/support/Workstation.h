#pragma once

#include "TestDatabase.h"
#include "auth/AuthService.h"
#include "auth/Totp.h"
#include "db/ServerSecurity.h"

#include <QSqlError>
#include <QSqlQuery>

namespace flowlet::test {

// PostgreSQL: the database as a workstation reaches it, through the low-privilege role, so that
// row-level security and the server's functions apply. Drop the role after the test
// (dropWorkstationRole): roles outlive databases.
struct Workstation
{
    DatabasePtr db;
    QString role;
    QString error;
};

inline Workstation openWorkstation(TestDatabase& tdb, Database& owner)
{
    Workstation out;
    auto installed = ServerSecurity::installWorkstationRole(owner);
    if (!installed) {
        out.error = installed.error().message();
        return out;
    }
    out.role = installed->role;
    auto url = DatabaseUrl::parse(QStringLiteral("postgresql://%1@127.0.0.1:%2/%3?sslmode=disable")
                                      .arg(out.role, qEnvironmentVariable("PGPORT"), tdb.url().databaseName()));
    if (!url) {
        out.error = url.error().message();
        return out;
    }
    auto db = Database::open(*url, Database::OpenMode::MustExist, installed->password);
    if (!db) {
        out.error = db.error().message();
        return out;
    }
    out.db = *db;
    return out;
}

inline void dropWorkstationRole(TestDatabase& tdb, const QString& role)
{
    if (role.isEmpty()) {
        return;
    }
    tdb.ownerExec(QStringLiteral("DROP OWNED BY \"%1\"").arg(role));
    QSqlDatabase admin = QSqlDatabase::database(QStringLiteral("flowlet-test-admin-"), false);
    QSqlQuery(admin).exec(QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(role));
}

// Signs a user made with AuthService::createEnrolledUsers in at the workstation: enrols an
// authenticator on the server (which seals it under the password) and completes the login.
inline Result<StaffSession> signInAtWorkstation(const DatabasePtr& workstation, const QString& username,
                                                const QString& password)
{
    const QByteArray secret = *Totp::generateSecret();
    const qint64 step = Totp::stepAt(QDateTime::currentDateTimeUtc());
    auto c = workstation->connection();
    if (!c) {
        return c.error();
    }
    QSqlQuery enrol(*c);
    enrol.prepare(QStringLiteral("SELECT flowlet_auth.enrol_totp(?, ?, ?, ?)"));
    enrol.addBindValue(username);
    enrol.addBindValue(password);
    enrol.addBindValue(secret);
    enrol.addBindValue(Totp::hotp(secret, quint64(step)));
    if (!enrol.exec() || !enrol.next() || !enrol.value(0).toBool()) {
        return Error(ErrorCode::InvalidCredentials,
                     QStringLiteral("enrolment failed: %1").arg(enrol.lastError().text()));
    }
    AuthService auth(workstation);
    auto attempt = auth.beginLogin(username, password);
    if (!attempt) {
        return attempt.error();
    }
    return auth.completeLogin(*attempt, Totp::hotp(secret, quint64(step + 1)));
}

} // namespace flowlet::test
