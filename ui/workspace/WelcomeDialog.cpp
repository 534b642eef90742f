#include "WelcomeDialog.h"

#include "core/Settings.h"
#include "db/Workspace.h"
#include "workspace/WorkspaceCreator.h"
#include "ConnectDialog.h"
#include "OpenWorkspace.h"
#include "auth/AdminAccountForm.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace flowlet::ui {

namespace {
// The generator names its phases in English for logs; people read them in their language.
QString phaseLabel(const QString& phase)
{
    static const QHash<QString, QString> labels = {
        {QStringLiteral("categories"), WelcomeDialog::tr("categories")},
        {QStringLiteral("ledger accounts"), WelcomeDialog::tr("ledger accounts")},
        {QStringLiteral("customers"), WelcomeDialog::tr("customers")},
        {QStringLiteral("accounts and cards"), WelcomeDialog::tr("accounts and cards")},
        {QStringLiteral("KYC and risk"), WelcomeDialog::tr("KYC records and risk assessments")},
        {QStringLiteral("transactions"), WelcomeDialog::tr("transactions")},
        {QStringLiteral("indexes"), WelcomeDialog::tr("indexes")},
        {QStringLiteral("ground truth"), WelcomeDialog::tr("planted patterns")},
        {QStringLiteral("ledger"), WelcomeDialog::tr("ledger")},
        {QStringLiteral("balances"), WelcomeDialog::tr("balances")},
        {QStringLiteral("staff users"), WelcomeDialog::tr("staff users")},
    };
    return labels.value(phase, phase);
}
} // namespace

WelcomeDialog::WelcomeDialog(QWidget* parent)
    : QDialog(parent)
    , m_path(new QLineEdit(this))
    , m_empty(new QRadioButton(tr("An empty workspace"), this))
    , m_demoSmall(new QRadioButton(tr("A demo workspace with 50,000 transactions (about a minute)"), this))
    , m_demoMedium(new QRadioButton(tr("A larger demo workspace with 1,000,000 transactions (a few minutes)"), this))
    , m_admin(new AdminAccountForm(this))
    , m_progress(new QProgressBar(this))
    , m_progressLabel(new QLabel(this))
    , m_error(new QLabel(this))
    , m_create(new QPushButton(tr("Create workspace"), this))
    , m_open(new QPushButton(tr("Open existing…"), this))
    , m_connectShared(new QPushButton(tr("Connect to a shared database…"), this))
    , m_cancelCreate(new QPushButton(tr("Cancel"), this))
    , m_quit(new QPushButton(tr("Quit"), this))
    , m_creator(new WorkspaceCreator(this))
{
    setObjectName(QStringLiteral("welcomeDialog"));
    m_path->setObjectName(QStringLiteral("workspacePath"));
    m_empty->setObjectName(QStringLiteral("emptyOption"));
    m_demoSmall->setObjectName(QStringLiteral("demoSmallOption"));
    m_demoMedium->setObjectName(QStringLiteral("demoMediumOption"));
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_create->setObjectName(QStringLiteral("createButton"));
    m_open->setObjectName(QStringLiteral("openButton"));
    m_connectShared->setObjectName(QStringLiteral("connectSharedButton"));
    m_cancelCreate->setObjectName(QStringLiteral("cancelCreateButton"));
    m_quit->setObjectName(QStringLiteral("quitButton"));

    setWindowTitle(tr("Welcome to Flowlet Workstation"));
    auto* intro = new QLabel(tr("<h2>Welcome to Flowlet Workstation</h2>"
                                "<p>Flowlet keeps its data in a <b>workspace</b>. To start on this computer, "
                                "create a local workspace file. A shared PostgreSQL database can be connected "
                                "later.</p>"),
                             this);
    intro->setWordWrap(true);

    auto* what = new QGroupBox(tr("Create"), this);
    auto* whatLayout = new QVBoxLayout(what);
    whatLayout->addWidget(m_demoSmall);
    whatLayout->addWidget(m_demoMedium);
    whatLayout->addWidget(m_empty);
    m_demoSmall->setChecked(true);
    // An empty workspace starts with its administrator; a demo one brings one user per role.
    auto* adminBox = new QGroupBox(tr("Administrator account for the new workspace"), this);
    adminBox->setObjectName(QStringLiteral("adminBox"));
    auto* adminLayout = new QVBoxLayout(adminBox);
    adminLayout->addWidget(m_admin);
    whatLayout->addWidget(adminBox);
    adminBox->setVisible(false);
    connect(m_empty, &QRadioButton::toggled, adminBox, &QWidget::setVisible);

    auto* where = new QHBoxLayout;
    auto* browse = new QToolButton(this);
    browse->setObjectName(QStringLiteral("browseButton"));
    browse->setText(tr("Browse…"));
    where->addWidget(new QLabel(tr("Workspace file:"), this));
    where->addWidget(m_path, 1);
    where->addWidget(browse);
    m_path->setText(QDir::toNativeSeparators(Workspace::defaultPath()));

    m_progress->setVisible(false);
    m_progressLabel->setVisible(false);
    m_cancelCreate->setVisible(false);
    m_error->setVisible(false);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_connectShared);
    buttons->addStretch(1);
    buttons->addWidget(m_cancelCreate);
    buttons->addWidget(m_quit);
    buttons->addWidget(m_create);
    m_create->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(what);
    layout->addLayout(where);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_progress);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addLayout(buttons);
    resize(620, 380);

    connect(browse, &QToolButton::clicked, this, &WelcomeDialog::browse);
    connect(m_create, &QPushButton::clicked, this, &WelcomeDialog::create);
    connect(m_open, &QPushButton::clicked, this, &WelcomeDialog::openExisting);
    connect(m_connectShared, &QPushButton::clicked, this, &WelcomeDialog::connectShared);
    connect(m_quit, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_cancelCreate, &QPushButton::clicked, m_creator, &WorkspaceCreator::cancel);
    connect(m_creator, &WorkspaceCreator::progress, this, [this](const QString& phase, qint64 done, qint64 total) {
        const QLocale locale;
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(static_cast<int>(done * 1000 / total));
            m_progressLabel->setText(
                tr("Writing %1: %2 of %3").arg(phaseLabel(phase), locale.toString(done), locale.toString(total)));
        } else {
            m_progress->setRange(0, 0);
            m_progressLabel->setText(tr("Writing %1…").arg(phaseLabel(phase)));
        }
    });
    connect(m_creator, &WorkspaceCreator::finished, this, [this](bool ok, const QString& message) {
        setBusy(false);
        if (!ok) {
            showError(message);
            return;
        }
        m_database = m_creator->database();
        Settings().setLastWorkspaceUrl(m_database->url().toString());
        accept();
    });
}

WelcomeDialog::~WelcomeDialog() = default;

const CreatedWorkspace& WelcomeDialog::created() const
{
    return m_creator->created();
}

void WelcomeDialog::setWorkspacePath(const QString& path)
{
    m_path->setText(QDir::toNativeSeparators(path));
}

void WelcomeDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New workspace file"), m_path->text(),
                                                      tr("Flowlet workspaces (*.db)"));
    if (!path.isEmpty()) {
        setWorkspacePath(path.endsWith(QStringLiteral(".db")) ? path : path + QStringLiteral(".db"));
    }
}

void WelcomeDialog::setBusy(bool busy)
{
    for (QWidget* w : std::initializer_list<QWidget*>{m_path, m_empty, m_demoSmall, m_demoMedium, m_create, m_open,
                                                      m_connectShared, m_quit}) {
        w->setEnabled(!busy);
    }
    m_progress->setVisible(busy);
    m_progressLabel->setVisible(busy);
    m_cancelCreate->setVisible(busy);
    if (busy) {
        m_error->setVisible(false);
        m_progress->setRange(0, 0);
        m_progressLabel->setText(tr("Creating the workspace…"));
    }
}

void WelcomeDialog::showError(const QString& message)
{
    m_error->setText(tr("The workspace was not created: %1").arg(message));
    m_error->setVisible(true);
}

void WelcomeDialog::create()
{
    const QString path = QDir::fromNativeSeparators(m_path->text().trimmed());
    if (path.isEmpty()) {
        showError(tr("choose where the workspace file should go"));
        return;
    }
    if (QFileInfo::exists(path)) {
        showError(tr("%1 already exists. Open it with “Open existing…”, or choose another file name.")
                      .arg(QDir::toNativeSeparators(path)));
        return;
    }
    std::optional<DemoSize> demo;
    std::optional<NewStaffUser> admin;
    if (m_demoSmall->isChecked()) {
        demo = DemoSize::Small;
    } else if (m_demoMedium->isChecked()) {
        demo = DemoSize::Medium;
    } else {
        auto account = m_admin->account();
        if (!account) {
            showError(account.error().message());
            return;
        }
        admin = *account;
    }
    setBusy(true);
    m_creator->start(DatabaseUrl::sqlite(path), demo, admin);
}

void WelcomeDialog::openExisting()
{
    auto db = chooseAndOpenWorkspace(this);
    if (!db && db.error().code() == ErrorCode::Cancelled) {
        return;
    }
    if (!db) {
        m_error->setText(tr("Cannot open the workspace: %1").arg(db.error().message()));
        m_error->setVisible(true);
        return;
    }
    m_database = *db;
    Settings().setLastWorkspaceUrl(m_database->url().toString());
    accept();
}

void WelcomeDialog::connectShared()
{
    ConnectDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted && dialog.database()) {
        m_database = dialog.database();
        accept();
    }
}

void WelcomeDialog::reject()
{
    if (m_creator->isRunning()) {
        m_creator->cancel(); // Escape while creating cancels the creation, not the dialog
        return;
    }
    QDialog::reject();
}

} // namespace flowlet::ui
