#pragma once

#include "db/Database.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace flowlet::test {

// A fresh, private database for one test on the backend this test run is for
// (FLOWLET_TEST_BACKEND=sqlite|postgresql). PostgreSQL comes from libpq's environment, as
// pg_virtualenv sets it up; each TestDatabase creates its own database there and drops it after.
class TestDatabase final
{
public:
    TestDatabase();
    ~TestDatabase();
    Q_DISABLE_COPY_MOVE(TestDatabase)

    static Backend backend();
    static QString backendName();

    // The URL of this test's (not yet created) database.
    const DatabaseUrl& url() const { return m_url; }
    // Creates (and by default migrates) the database; fails the test on error.
    DatabasePtr open(bool migrate = true);
    // Runs a statement as the database owner on a separate connection (to tamper or to inspect).
    bool ownerExec(const QString& sql);
    QString lastError() const { return m_lastError; }

private:
    QTemporaryDir m_dir;
    DatabaseUrl m_url;
    QString m_pgName;
    QString m_lastError;
};

} // namespace flowlet::test
