#include "PanelRegistry.h"
#include "admin/AuditPanel.h"
#include "audit/AuditTableModel.h"
#include "support/AuditTrail.h"
#include "support/TestDatabase.h"

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// The Audit trail panel as an administrator uses it: filter, read an edit's before and after,
// export, and verify the chain — intact, then broken after the owner tampered with an entry.
class TestAuditPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    QTemporaryDir m_dir;

    ui::PanelContext owner() const { return {m_db, AccessContext::localOwner(QStringLiteral("owner")), {}}; }

    template <typename T>
    static T* find(QWidget* parent, const QString& name)
    {
        T* w = parent->findChild<T*>(name);
        if (!w) {
            qWarning("no widget %s", qPrintable(name));
        }
        return w;
    }

    static int rowOfObject(QTableView* table, const QString& objectId)
    {
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            if (table->model()->index(r, AuditTableModel::ObjectId).data().toString() == objectId) {
                return r;
            }
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        QVERIFY(test::appendAuditEntries(*m_db, 12, [](int i) {
            AuditEntry e;
            e.actorName = i % 2 ? QStringLiteral("ana") : QStringLiteral("ben");
            e.workstation = QStringLiteral("desk-1");
            e.action = i % 4 ? QStringLiteral("transaction.categorised") : QStringLiteral("auth.login");
            e.objectType = QStringLiteral("transaction");
            e.objectId = QString::number(100 + i);
            e.before = QStringLiteral("{\"category\":\"Food %1\"}").arg(i);
            e.after = QStringLiteral("{\"category\":\"Travel %1\"}").arg(i);
            return e;
        }));
    }

    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void registeredForAuditReaders()
    {
        bool found = false;
        for (const ui::PanelSpec& spec : ui::PanelRegistry::all()) {
            if (spec.id == QStringLiteral("audit")) {
                found = true;
                QCOMPARE(spec.permission, Permission::AuditRead);
                QCOMPARE(spec.title, QStringLiteral("Audit trail"));
            }
        }
        QVERIFY(found);
        QStringList ids;
        for (const ui::PanelSpec& spec : ui::PanelRegistry::visibleTo(AccessContext(QStringLiteral("x"), {Permission::UsersRead}))) {
            ids << spec.id;
        }
        QVERIFY(!ids.contains(QStringLiteral("audit")));
    }

    void filterAndReadBeforeAndAfter()
    {
        ui::AuditPanel panel(owner());
        panel.show();
        auto* table = find<QTableView>(&panel, QStringLiteral("auditTable"));
        QTRY_COMPARE(table->model()->rowCount(), 12);

        find<QLineEdit>(&panel, QStringLiteral("auditUserFilter"))->setText(QStringLiteral("ben"));
        find<QLineEdit>(&panel, QStringLiteral("auditActionFilter"))->setText(QStringLiteral("auth."));
        QTest::mouseClick(find<QPushButton>(&panel, QStringLiteral("auditApplyButton")), Qt::LeftButton);
        QTRY_COMPARE(table->model()->rowCount(), 3); // entries 4, 8, 12
        QCOMPARE(table->model()->index(0, AuditTableModel::ObjectId).data().toString(), QStringLiteral("112"));

        table->selectRow(1);
        QTRY_VERIFY(find<QPlainTextEdit>(&panel, QStringLiteral("auditBefore"))->toPlainText().contains(QStringLiteral("Food 8")));
        QVERIFY(find<QPlainTextEdit>(&panel, QStringLiteral("auditAfter"))->toPlainText().contains(QStringLiteral("Travel 8")));
    }

    void exportWritesWhatTheFilterShows()
    {
        ui::AuditPanel panel(owner());
        const QString path = m_dir.filePath(QStringLiteral("audit.csv"));
        panel.exportPathHook = [path] { return path; };
        auto* table = find<QTableView>(&panel, QStringLiteral("auditTable"));
        auto* user = find<QLineEdit>(&panel, QStringLiteral("auditUserFilter"));
        auto* message = find<QLabel>(&panel, QStringLiteral("auditMessage"));
        const auto exported = [&]() -> QList<QByteArray> {
            message->clear();
            QTest::mouseClick(find<QPushButton>(&panel, QStringLiteral("auditExportButton")), Qt::LeftButton);
            if (!QTest::qWaitFor([&] { return message->text().contains(QStringLiteral("exported")); })) {
                return {};
            }
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll().split('\n') : QList<QByteArray>();
        };
        user->setText(QStringLiteral("ana"));
        QTest::mouseClick(find<QPushButton>(&panel, QStringLiteral("auditApplyButton")), Qt::LeftButton);
        QTRY_COMPARE(table->model()->rowCount(), 6);
        QList<QByteArray> lines = exported();
        QCOMPARE(lines.size() - 2, 6); // header, six of ana's entries, the empty piece after the last CRLF
        for (int i = 1; i <= 6; ++i) {
            QVERIFY2(lines.at(i).contains(",ana,") && !lines.at(i).contains(",ben,"), lines.at(i).constData());
        }
        // Typed but not applied: the export still writes what the table shows.
        user->setText(QStringLiteral("ben"));
        lines = exported();
        QCOMPARE(lines.size() - 2, 6);
        QVERIFY2(lines.at(1).contains(",ana,"), lines.at(1).constData());
    }

    void verifyShowsIntactThenTheBrokenEntry()
    {
        ui::AuditPanel panel(owner());
        panel.show();
        auto* table = find<QTableView>(&panel, QStringLiteral("auditTable"));
        QTRY_VERIFY(table->model()->rowCount() > 0);
        auto* message = find<QLabel>(&panel, QStringLiteral("auditMessage"));
        auto* verify = find<QPushButton>(&panel, QStringLiteral("auditVerifyButton"));
        auto entries = m_db->exec(QStringLiteral("SELECT count(*) FROM audit_log"));
        QVERIFY(entries && entries->next());

        QTest::mouseClick(verify, Qt::LeftButton);
        QTRY_VERIFY2(message->text().startsWith(QStringLiteral("Intact")), qPrintable(message->text()));
        QCOMPARE(message->text(),
                 QStringLiteral("Intact — %1 entries").arg(QLocale().toString(entries->value(0).toLongLong())));

        // The owner switches the triggers off and rewrites what entry 106 says was there before.
        auto victim = m_db->exec(QStringLiteral("SELECT id FROM audit_log WHERE object_id = '106'"));
        QVERIFY(victim && victim->next());
        const qint64 id = victim->value(0).toLongLong();
        QVERIFY(test::tamperWithAuditLog(*m_tdb, QStringLiteral("UPDATE audit_log SET before = '{}' WHERE id = %1").arg(id)));

        QTest::mouseClick(verify, Qt::LeftButton);
        QTRY_VERIFY2(message->text().startsWith(QStringLiteral("Broken")), qPrintable(message->text()));
        QVERIFY2(message->text().contains(QStringLiteral("Broken at entry #%1").arg(id)), qPrintable(message->text()));
        QVERIFY(message->text().contains(QStringLiteral("changed")));
        // The broken entry is selected, so its content is in front of the administrator.
        const auto selected = table->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().row(), rowOfObject(table, QStringLiteral("106")));
        QVERIFY(verify->isEnabled());
    }
};

QTEST_MAIN(TestAuditPanel)
#include "TestAuditPanel.moc"
