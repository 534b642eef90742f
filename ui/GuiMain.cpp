#include "GuiMain.h"

#include "MainWindow.h"
#include "auth/AdminAccountForm.h"
#include "auth/LoginDialog.h"
#include "Theme.h"
#include "cli/CommandLine.h"
#include "core/Logging.h"
#include "core/Settings.h"
#include "crypto/KeyStore.h"
#include "db/Workspace.h"
#include "monitor/MessageHandler.h"
#include "workspace/ConnectDialog.h"
#include "workspace/OpenWorkspace.h"
#include "workspace/WelcomeDialog.h"
#include "workspace/WorkspaceCreator.h"
#include "workspace/WorkspaceSetup.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QTranslator>

namespace flowlet::ui {

namespace {

void installTranslators(QApplication& app)
{
    const QString language = Settings().uiLanguage();
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(qt);
    }
    auto* own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("flowlet"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(own);
    }
}

// PostgreSQL passwords: libpq's own PGPASSWORD/~/.pgpass first, then the keychain; otherwise the
// connection dialog asks (and offers to keep the password in the keychain).
Result<DatabasePtr> openShared(const DatabaseUrl& url)
{
    auto db = WorkspaceSetup::open(url);
    if (db || db.error().code() != ErrorCode::DatabaseOpen) {
        return db;
    }
    if (auto stored = KeyStore().read(KeyStore::databasePasswordKey(url.toString()))) {
        db = WorkspaceSetup::open(url, QString::fromUtf8(*stored));
        if (db) {
            return db;
        }
    }
    ConnectDialog dialog;
    dialog.setUrl(url, db.error().message());
    if (dialog.exec() != QDialog::Accepted || !dialog.database()) {
        return Error(ErrorCode::Cancelled, QObject::tr("no connection was made"));
    }
    return dialog.database();
}

Result<DatabasePtr> openUrl(const DatabaseUrl& url)
{
    return url.backend() == Backend::PostgreSql ? openShared(url) : WorkspaceSetup::open(url);
}

void showDemoCredentials(const CreatedWorkspace& created)
{
    if (created.demoCredentials.isEmpty()) {
        return;
    }
    QString rows;
    for (const DemoCredential& c : created.demoCredentials) {
        rows += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td><tt>%3</tt></td><td><tt>%4</tt></td></tr>")
                    .arg(c.username.toHtmlEscaped(), c.role.toHtmlEscaped(), c.password.toHtmlEscaped(),
                         c.totpSecret.toHtmlEscaped());
    }
    QMessageBox box(QMessageBox::Information, QObject::tr("Demo users"),
                    QObject::tr("<p>The demo workspace has one user per role. Sign in with a user name and password, "
                                "then the code from an authenticator app set up with the TOTP secret (or from "
                                "<tt>oathtool --totp -b SECRET</tt>).</p>"
                                "<table cellspacing=6><tr><th>User</th><th>Role</th><th>Password</th>"
                                "<th>TOTP secret</th></tr>%1</table>"
                                "<p>These are also in %2, readable only by you.</p>")
                        .arg(rows, created.credentialsFile.toHtmlEscaped()));
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    box.exec();
}

DatabasePtr runWelcome()
{
    WelcomeDialog dialog;
    if (dialog.exec() != QDialog::Accepted) {
        return {};
    }
    showDemoCredentials(dialog.created());
    return dialog.database();
}

// A workspace made by `flowlet db init` has no users yet: its first administrator is created here.
bool ensureFirstAdmin(const DatabasePtr& db)
{
    AuthService auth(db);
    auto any = auth.hasUsers();
    if (any && *any) {
        return true;
    }
    QDialog dialog;
    dialog.setWindowTitle(QObject::tr("Create the administrator"));
    auto* form = new AdminAccountForm(&dialog);
    auto* intro = new QLabel(QObject::tr("This workspace has no users yet. Create its first administrator; you will "
                                         "set up two-step sign-in right after."),
                             &dialog);
    intro->setWordWrap(true);
    auto* error = new QLabel(&dialog);
    error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    error->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(intro);
    layout->addWidget(form);
    layout->addWidget(error);
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        auto account = form->account();
        if (!account) {
            error->setText(account.error().message());
            return;
        }
        if (auto created = auth.createFirstAdmin(*account); !created) {
            error->setText(created.error().message());
            return;
        }
        dialog.accept();
    });
    return dialog.exec() == QDialog::Accepted;
}

// When a workspace cannot be opened: say why and what can be done.
DatabasePtr recover(const Error& error)
{
    for (;;) {
        QMessageBox box(QMessageBox::Critical, QObject::tr("Cannot open the workspace"), error.message());
        box.setInformativeText(QObject::tr("Open another workspace file, create a new workspace, or quit."));
        QPushButton* open = box.addButton(QObject::tr("Open another…"), QMessageBox::AcceptRole);
        QPushButton* create = box.addButton(QObject::tr("Create new…"), QMessageBox::ActionRole);
        box.addButton(QObject::tr("Quit"), QMessageBox::RejectRole);
        box.exec();
        if (box.clickedButton() == open) {
            auto db = chooseAndOpenWorkspace(nullptr);
            if (db) {
                return *db;
            }
            if (db.error().code() == ErrorCode::Cancelled) {
                continue;
            }
            QMessageBox::warning(nullptr, QObject::tr("Cannot open the workspace"), db.error().message());
            continue;
        }
        if (box.clickedButton() == create) {
            if (DatabasePtr db = runWelcome()) {
                return db;
            }
            continue;
        }
        return {};
    }
}

} // namespace

int runGui(int& argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Flowlet Workstation"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/flowlet.svg")));
    QApplication::setDesktopFileName(QStringLiteral("org.flowlet.Workstation"));
    Theme::apply(app);
    installTranslators(app);
    // Until someone signs in, messages go only to the log file (on PostgreSQL the connection is the
    // signed-in user's); a local workspace file takes them from the start.
    installErrorMonitoring(nullptr);

    Settings settings;
    const QString dbOption = CommandLine::databaseOption(QApplication::arguments());
    const bool explicitChoice = !dbOption.isEmpty() || !qEnvironmentVariableIsEmpty("FLOWLET_DB");

    DatabasePtr db;
    Result<DatabaseUrl> url = Workspace::resolve(dbOption);
    if (!explicitChoice && !settings.lastWorkspaceUrl().isEmpty()) {
        url = DatabaseUrl::parse(settings.lastWorkspaceUrl());
    }
    if (!url) {
        db = recover(url.error());
    } else if (!explicitChoice && url->backend() == Backend::Sqlite && !QFileInfo::exists(url->path())) {
        // First run (or the last workspace was deleted): offer to create one.
        db = runWelcome();
    } else {
        auto opened = openUrl(*url);
        if (opened) {
            db = *opened;
        } else if (opened.error().code() != ErrorCode::Cancelled) {
            db = recover(opened.error());
        }
    }
    if (!db) {
        return 0;
    }
    settings.setLastWorkspaceUrl(db->url().toString());
    const auto monitorBeforeSignIn = [&db] {
        MessageHandler::setDefaultUser(std::nullopt);
        MessageHandler::setDatabase(db->backend() == Backend::Sqlite ? db : nullptr);
    };
    monitorBeforeSignIn();

    // Sign in, work, sign out, sign in again: the window lives only while someone is signed in.
    std::unique_ptr<MainWindow> window;
    std::function<void()> signIn = [&] {
        if (!ensureFirstAdmin(db)) {
            QCoreApplication::quit();
            return;
        }
        LoginDialog login(db);
        if (login.exec() != QDialog::Accepted) {
            QCoreApplication::quit();
            return;
        }
        MessageHandler::setDatabase(db);
        MessageHandler::setDefaultUser(login.session().userId);
        window = std::make_unique<MainWindow>(db, login.session());
        window->setIdleLimit(std::chrono::minutes(Settings().idleLockMinutes()));
        QObject::connect(window.get(), &MainWindow::signedOut, &app, [&] {
            monitorBeforeSignIn();
            window.release()->deleteLater();
            QTimer::singleShot(0, &app, signIn);
        });
        QObject::connect(window.get(), &MainWindow::workspaceChosen, &app, [&](DatabasePtr chosen) {
            db = std::move(chosen);
            monitorBeforeSignIn();
            window.release()->deleteLater();
            QTimer::singleShot(0, &app, signIn);
        });
        window->show();
    };
    QTimer::singleShot(0, &app, signIn);
    return app.exec();
}

} // namespace flowlet::ui
