#include "DatabaseUrl.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

namespace flowlet {

namespace {

// libpq options a URL may carry. Anything else is refused rather than silently ignored.
const QStringList kPgOptions = {
    QStringLiteral("sslmode"),         QStringLiteral("sslrootcert"),     QStringLiteral("sslcert"),
    QStringLiteral("sslkey"),          QStringLiteral("sslcrl"),          QStringLiteral("connect_timeout"),
    QStringLiteral("application_name"), QStringLiteral("target_session_attrs"), QStringLiteral("keepalives"),
    QStringLiteral("keepalives_idle"), QStringLiteral("gssencmode"),
};

const QStringList kSslModes = {QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
                               QStringLiteral("require"), QStringLiteral("verify-ca"),
                               QStringLiteral("verify-full")};

Error invalid(const QString& why)
{
    return {ErrorCode::InvalidArgument, why};
}

} // namespace

DatabaseUrl DatabaseUrl::sqlite(const QString& path)
{
    DatabaseUrl url;
    url.m_valid = true;
    url.m_backend = Backend::Sqlite;
    url.m_path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    return url;
}

Result<DatabaseUrl> DatabaseUrl::parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return invalid(QStringLiteral("the database URL is empty"));
    }

    // A bare path is a SQLite workspace: that is what people type.
    if (!trimmed.contains(QStringLiteral("://"))) {
        if (trimmed.startsWith(QStringLiteral("sqlite:"))) {
            return sqlite(trimmed.mid(7));
        }
        return sqlite(trimmed);
    }

    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid()) {
        return invalid(QStringLiteral("'%1' is not a valid URL: %2").arg(trimmed, url.errorString()));
    }

    const QString scheme = url.scheme().toLower();
    if (scheme == QStringLiteral("sqlite")) {
        // sqlite:///abs/path.db has an empty host; sqlite://rel/path.db is relative to the cwd.
        QString path = url.path(QUrl::FullyDecoded);
        if (!url.host().isEmpty()) {
            path = url.host() + path;
        }
        if (path.isEmpty()) {
            return invalid(QStringLiteral("the SQLite URL names no file"));
        }
        return sqlite(path);
    }

    if (scheme != QStringLiteral("postgresql") && scheme != QStringLiteral("postgres")) {
        return invalid(QStringLiteral("unsupported database scheme '%1' (use sqlite:// or postgresql://)").arg(scheme));
    }
    if (!url.password().isEmpty()) {
        return invalid(QStringLiteral("the URL contains a password; put it in PGPASSWORD or ~/.pgpass (or the "
                                      "keychain from the window) instead, so it never lands in a shell history"));
    }

    DatabaseUrl out;
    out.m_valid = true;
    out.m_backend = Backend::PostgreSql;
    out.m_host = url.host();
    out.m_port = url.port(-1);
    out.m_user = url.userName(QUrl::FullyDecoded);
    out.m_database = url.path(QUrl::FullyDecoded).mid(1);
    if (out.m_database.contains(u'/')) {
        return invalid(QStringLiteral("'%1' is not a database name").arg(out.m_database));
    }

    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!kPgOptions.contains(key)) {
            return invalid(QStringLiteral("unknown PostgreSQL option '%1'").arg(key));
        }
        if (key == QStringLiteral("sslmode") && !kSslModes.contains(value)) {
            return invalid(QStringLiteral("sslmode must be one of %1").arg(kSslModes.join(QStringLiteral(", "))));
        }
        if (value.contains(u';') || value.contains(u'\'') || value.contains(u' ')) {
            return invalid(QStringLiteral("option '%1' has characters libpq options cannot carry").arg(key));
        }
        out.m_options.insert(key, value);
    }
    return out;
}

QString DatabaseUrl::toString() const
{
    if (!m_valid) {
        return {};
    }
    if (m_backend == Backend::Sqlite) {
        return QUrl::fromLocalFile(m_path).toString(QUrl::FullyEncoded).replace(QStringLiteral("file://"),
                                                                               QStringLiteral("sqlite://"));
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(m_host);
    if (m_port > 0) {
        url.setPort(m_port);
    }
    url.setUserName(m_user);
    url.setPath(QStringLiteral("/") + m_database);
    if (!m_options.isEmpty()) {
        QUrlQuery query;
        for (auto it = m_options.cbegin(); it != m_options.cend(); ++it) {
            query.addQueryItem(it.key(), it.value());
        }
        url.setQuery(query);
    }
    QString s = url.toString();
    // QUrl drops the "//" when there is no authority; libpq-style URLs always have it.
    if (m_host.isEmpty() && m_user.isEmpty() && m_port < 0) {
        s.replace(QStringLiteral("postgresql:/"), QStringLiteral("postgresql:///"));
    }
    return s;
}

QString DatabaseUrl::toDisplayString() const
{
    if (!m_valid) {
        return {};
    }
    if (m_backend == Backend::Sqlite) {
        return QDir::toNativeSeparators(m_path);
    }
    QString where = m_host.isEmpty() ? QStringLiteral("local server") : m_host;
    if (m_port > 0) {
        where += u':' + QString::number(m_port);
    }
    const QString db = m_database.isEmpty() ? QStringLiteral("(default database)") : m_database;
    return QStringLiteral("%1 on %2").arg(db, where);
}

} // namespace flowlet
