#include "audit/AuditTableModel.h"
#include "auth/AuthService.h"
#include "support/AuditTrail.h"
#include "support/TestDatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

// The audit viewer's table: pages newest first off the UI thread, filters, and refuses people
// without audit.read.
class TestAuditTableModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    static constexpr int kEntries = 95;
    const Actor m_owner{std::nullopt, QStringLiteral("owner"), std::nullopt};

    std::unique_ptr<AuditTableModel> makeModel(const Actor& actor, int pageSize)
    {
        auto model = std::make_unique<AuditTableModel>(m_db, actor);
        new QAbstractItemModelTester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, model.get());
        model->setPageSize(pageSize);
        return model;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        QVERIFY(AuthService(m_db).createEnrolledUsers({{QStringLiteral("fred"), QStringLiteral("Fred"), {},
                                                        QStringLiteral("finance_analyst"),
                                                        QStringLiteral("audit model tests 1")}}));
        QVERIFY(test::appendAuditEntries(*m_db, kEntries, [](int i) {
            AuditEntry e;
            e.actorName = i % 3 ? QStringLiteral("ana") : QStringLiteral("ben");
            e.workstation = QStringLiteral("desk-%1").arg(i % 2);
            e.action = i % 5 ? QStringLiteral("transaction.categorised") : QStringLiteral("auth.login");
            e.objectType = QStringLiteral("transaction");
            e.objectId = QString::number(i);
            e.before = QStringLiteral("{\"category\":\"Food\"}");
            e.after = QStringLiteral("{\"category\":\"Travel\"}");
            return e;
        }));
    }

    void cleanupTestCase()
    {
        m_db.reset();
        m_tdb.reset();
    }

    void pagesNewestFirstAndFetchesMore()
    {
        auto model = makeModel(m_owner, 20);
        QSignalSpy loaded(model.get(), &AuditTableModel::pageLoaded);
        model->reload();
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(model->rowCount(), 20);
        QCOMPARE(model->columnCount(), int(AuditTableModel::ColumnCount));
        QVERIFY(model->canFetchMore({}));
        // The newest entry first, with who, where, what and the before/after.
        const QModelIndex first = model->index(0, AuditTableModel::ObjectId);
        QCOMPARE(first.data().toString(), QString::number(kEntries));
        QCOMPARE(model->index(0, AuditTableModel::User).data().toString(), QStringLiteral("ana"));
        QCOMPARE(model->index(0, AuditTableModel::Workstation).data().toString(), QStringLiteral("desk-1"));
        QCOMPARE(model->index(0, AuditTableModel::Action).data().toString(), QStringLiteral("auth.login"));
        QCOMPARE(first.data(AuditTableModel::BeforeRole).toString(), QStringLiteral("{\"category\":\"Food\"}"));
        QCOMPARE(first.data(AuditTableModel::AfterRole).toString(), QStringLiteral("{\"category\":\"Travel\"}"));
        QVERIFY(model->index(0, AuditTableModel::Time).data(AuditTableModel::RawValueRole).toDateTime().isValid());

        // Scrolling on loads the older entries until there are no more.
        while (model->canFetchMore({})) {
            const int before = model->rowCount();
            model->fetchMore({});
            QTRY_VERIFY(model->rowCount() > before);
        }
        const qint64 total = [&] {
            auto q = m_db->exec(QStringLiteral("SELECT count(*) FROM audit_log"));
            return q && q->next() ? q->value(0).toLongLong() : -1;
        }();
        QCOMPARE(qint64(model->rowCount()), total);
        QVERIFY(!model->hasMore());
        qint64 previous = std::numeric_limits<qint64>::max();
        for (int row = 0; row < model->rowCount(); ++row) {
            const qint64 id = model->index(row, 0).data(AuditTableModel::IdRole).toLongLong();
            QVERIFY(id < previous);
            QCOMPARE(model->rowOf(id), row);
            previous = id;
        }
        QCOMPARE(model->rowOf(999999), -1);
    }

    void filtersBecomeQueries()
    {
        auto model = makeModel(m_owner, 50);
        QSignalSpy loaded(model.get(), &AuditTableModel::pageLoaded);
        AuditFilter f;
        f.user = QStringLiteral("ben");
        f.action = QStringLiteral("auth.");
        model->setFilter(f);
        QTRY_COMPARE(loaded.count(), 1);
        // i divisible by 3 (ben) and by 5 (auth.login): 15, 30, … 90.
        QCOMPARE(model->rowCount(), kEntries / 15);
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(model->index(row, AuditTableModel::User).data().toString(), QStringLiteral("ben"));
            QCOMPARE(model->index(row, AuditTableModel::ObjectId).data().toString().toInt() % 15, 0);
        }
        QVERIFY(!model->canFetchMore({}));

        f = {};
        f.objectId = QStringLiteral("nothing-like-this");
        model->setFilter(f);
        QTRY_COMPARE(loaded.count(), 2);
        QCOMPARE(model->rowCount(), 0);
    }

    void refusedWithoutAuditRead()
    {
        auto q = m_db->exec(QStringLiteral("SELECT id FROM staff_users WHERE username = 'fred'"));
        QVERIFY(q && q->next());
        auto model = makeModel({q->value(0).toLongLong(), QStringLiteral("fred"), std::nullopt}, 20);
        QSignalSpy failed(model.get(), &AuditTableModel::errorOccurred);
        model->reload();
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("audit.read")));
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(!model->isLoading());
    }
};

QTEST_GUILESS_MAIN(TestAuditTableModel)
#include "TestAuditTableModel.moc"
