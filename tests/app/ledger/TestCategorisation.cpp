#include "audit/AuditLog.h"
#include "ingest/ImportPreviewModel.h"
#include "ingest/ImportService.h"
#include "ledger/Categorisation.h"
#include "support/CardPayments.h"
#include "support/Statements.h"
#include "support/TestDatabase.h"
#include "support/Workstation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QtTest>

using namespace flowlet;
using flowlet::test::TestDatabase;

namespace {

const QString kIban = QStringLiteral("DE89370400440532013000");
const QString kPassword = QStringLiteral("categorise it all");

template <typename T>
QString why(const Result<T>& r)
{
    return r ? QString() : r.error().message();
}

// Nothing the history knows: other words, an incoming band never seen, another channel.
CategorisableFields strangeFields()
{
    CategorisableFields f;
    f.description = QStringLiteral("Zyxw qwrt");
    f.amountMicros = 7'000'000'000'000;
    f.channel = QStringLiteral("other");
    return f;
}

} // namespace

class TestCategorisation : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_tdb;
    DatabasePtr m_db;
    const Actor m_owner{std::nullopt, QStringLiteral("tester"), std::nullopt};
    QString m_role;
    qint64 m_account = 0;
    qint64 m_otherAccount = 0;
    QList<qint64> m_rewe; // the user's grocery history at REWE

    QVariant value(const QString& sql, const QVariantList& bindings = {})
    {
        auto q = m_db->exec(sql, bindings);
        return q && q->next() ? q->value(0) : QVariant();
    }
    qint64 scalar(const QString& sql, const QVariantList& bindings = {}) { return value(sql, bindings).toLongLong(); }
    QString text(const QString& sql, const QVariantList& bindings = {}) { return value(sql, bindings).toString(); }

    qint64 category(const char* name)
    {
        return scalar(QStringLiteral("SELECT id FROM categories WHERE name = ? AND parent_id IS NULL"),
                      {QString::fromLatin1(name)});
    }

    qint64 add(const CategorisableFields& f, const char* categoryName = nullptr, qint64 account = 0)
    {
        const SqlDialect& d = m_db->dialect();
        const QDate day(2026, 3, 2);
        const auto none = QVariant(QMetaType(QMetaType::QString));
        auto q = m_db->exec(
            QStringLiteral("INSERT INTO transactions (account_id, occurred_at, booking_date, amount_micros, currency, "
                           "description, counterparty, merchant_category, channel, category_id, category_source, "
                           "source) VALUES (?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?, ?, 'manual') RETURNING id"),
            {account ? account : m_account, d.timestampValue(QDateTime(day, QTime(12, 0), Qt::UTC)), d.dateValue(day),
             f.amountMicros, f.description, f.counterparty.isEmpty() ? none : QVariant(f.counterparty),
             f.merchantCategory.isEmpty() ? none : QVariant(f.merchantCategory), f.channel,
             categoryName ? QVariant(category(categoryName)) : QVariant(QMetaType(QMetaType::LongLong)),
             categoryName ? QVariant(QStringLiteral("user")) : none});
        const qint64 id = q && q->next() ? q->value(0).toLongLong() : -1;
        if (q) {
            q->finish();
        } else {
            qWarning() << q.error().message();
        }
        return id;
    }

    // The user's own categorisations so far: the classifier's training data.
    void addHistory()
    {
        for (int i = 0; i < 6; ++i) {
            m_rewe << add(
                test::cardPayment(QStringLiteral("REWE Markt"), QStringLiteral("Berlin"), "5411", 3000 + 100 * i),
                "Groceries");
            add(test::cardPayment(QStringLiteral("Pizzeria Napoli"), QStringLiteral("Köln"), "5812", 2500 + 50 * i),
                "Restaurants");
        }
        for (int i = 0; i < 3; ++i) {
            CategorisableFields rent;
            rent.description = QStringLiteral("Rent Vonovia SE March");
            rent.counterparty = QStringLiteral("Vonovia SE");
            rent.amountMicros = -950'000'000;
            rent.channel = QStringLiteral("sepa");
            add(rent, "Rent");
        }
    }

    QJsonObject lastAudit(const QString& action)
    {
        return QJsonDocument::fromJson(
                   text(QStringLiteral("SELECT after FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1"),
                        {action})
                       .toUtf8())
            .object();
    }

    qint64 audits(const QString& action)
    {
        return scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ?"), {action});
    }

    Actor userActor(const QString& username)
    {
        return Actor{scalar(QStringLiteral("SELECT id FROM staff_users WHERE username = ?"), {username}), username,
                     std::nullopt};
    }

    // Staff users (username, role) with kPassword, the categorisation history, and one
    // uncategorised REWE payment, whose id is returned.
    qint64 peopleAndHistory(std::initializer_list<std::pair<const char*, const char*>> people)
    {
        QList<NewStaffUser> users;
        for (const auto& [username, role] : people) {
            users.append({QString::fromLatin1(username),
                          QString::fromLatin1(username),
                          {},
                          QString::fromLatin1(role),
                          kPassword});
        }
        if (!AuthService(m_db).createEnrolledUsers(users)) {
            return -1;
        }
        addHistory();
        return add(test::cardPayment(QStringLiteral("REWE Markt"), QStringLiteral("Köln"), "5411", 1900));
    }

private Q_SLOTS:
    void init()
    {
        m_tdb = std::make_unique<TestDatabase>();
        m_db = m_tdb->open(true);
        QVERIFY(m_db);
        m_rewe.clear();
        auto q = m_db->exec(QStringLiteral("INSERT INTO accounts (kind, name, iban, currency) VALUES "
                                           "('own', 'Current', ?, 'EUR') RETURNING id"),
                            {kIban});
        QVERIFY(q && q->next());
        m_account = q->value(0).toLongLong();
        q->finish();
        auto other = m_db->exec(QStringLiteral("INSERT INTO accounts (kind, name, currency) VALUES "
                                               "('own', 'Card', 'EUR') RETURNING id"));
        QVERIFY(other && other->next());
        m_otherAccount = other->value(0).toLongLong();
        other->finish();
    }
    void cleanup()
    {
        m_db.reset();
        test::dropWorkstationRole(*m_tdb, m_role);
        m_role.clear();
        m_tdb.reset();
    }

    void assignsOneAndManyWithOneAuditEntryEach()
    {
        const CategorisableFields lunch =
            test::cardPayment(QStringLiteral("Café Central"), QStringLiteral("Wien"), "5812", 1400);
        const qint64 a = add(lunch);
        const qint64 b = add(lunch);
        const qint64 c = add(lunch, "Shopping");
        Categorisation cat(m_db, m_owner);

        auto one = cat.assign({a}, category("Groceries"));
        QVERIFY2(one, qPrintable(why(one)));
        QCOMPARE(*one, 1);
        QCOMPARE(scalar(QStringLiteral("SELECT category_id FROM transactions WHERE id = ?"), {a}),
                 category("Groceries"));
        QCOMPARE(text(QStringLiteral("SELECT category_source FROM transactions WHERE id = ?"), {a}),
                 QStringLiteral("user"));
        QCOMPARE(scalar(QStringLiteral("SELECT row_version FROM transactions WHERE id = ?"), {a}), 2);
        QCOMPARE(audits(QStringLiteral("transaction.categorised")), 1);
        QCOMPARE(text(QStringLiteral("SELECT object_id FROM audit_log WHERE action = 'transaction.categorised'")),
                 QString::number(a));

        // A correction of all three at once: one entry that says what each had before.
        auto many = cat.assign({c, b, a, b}, category("Restaurants"));
        QVERIFY2(many, qPrintable(why(many)));
        QCOMPARE(*many, 3);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE category_id = ? AND "
                                       "category_source = 'user'"),
                        {category("Restaurants")}),
                 3);
        QCOMPARE(scalar(QStringLiteral("SELECT row_version FROM transactions WHERE id = ?"), {a}), 3);
        QCOMPARE(scalar(QStringLiteral("SELECT row_version FROM transactions WHERE id = ?"), {b}), 2);
        QCOMPARE(audits(QStringLiteral("transaction.categorised")), 2);
        const QJsonObject after = lastAudit(QStringLiteral("transaction.categorised"));
        QCOMPARE(after.value(QStringLiteral("count")).toInt(), 3);
        QCOMPARE(after.value(QStringLiteral("ids")).toString(), QStringLiteral("%1-%2").arg(a).arg(c));
        QCOMPARE(after.value(QStringLiteral("category")).toString(), QStringLiteral("Restaurants"));
        // What each row had before is in the entry's before.
        const QJsonArray was = QJsonDocument::fromJson(text(QStringLiteral("SELECT before FROM audit_log WHERE action = "
                                                                           "'transaction.categorised' ORDER BY id DESC "
                                                                           "LIMIT 1"))
                                                           .toUtf8())
                                   .array();
        QStringList before;
        for (const QJsonValue& group : was) {
            const QJsonObject o = group.toObject();
            before << QStringLiteral("%1/%2:%3")
                          .arg(o.value(QStringLiteral("category_id")).toString(),
                               o.value(QStringLiteral("source")).toString(), o.value(QStringLiteral("ids")).toString());
        }
        before.sort();
        QStringList expected{QStringLiteral("/:%1").arg(b),
                             QStringLiteral("%1/user:%2").arg(category("Groceries")).arg(a),
                             QStringLiteral("%1/user:%2").arg(category("Shopping")).arg(c)};
        expected.sort();
        QCOMPARE(before, expected);

        // Nothing to change: no write, no entry.
        QCOMPARE(*cat.assign({a, b}, category("Restaurants")), 0);
        QCOMPARE(audits(QStringLiteral("transaction.categorised")), 2);

        // Clearing.
        QCOMPARE(*cat.assign({b}, std::nullopt), 1);
        QCOMPARE(text(QStringLiteral("SELECT COALESCE(category_source, 'none') FROM transactions WHERE id = ?"), {b}),
                 QStringLiteral("none"));
        QVERIFY(
            m_db->exec(QStringLiteral("SELECT 1 FROM transactions WHERE id = ? AND category_id IS NULL"), {b})->next());

        // An unknown transaction or category changes nothing at all.
        auto unknown = cat.assign({a, 999'999}, category("Groceries"));
        QCOMPARE(unknown.error().code(), ErrorCode::NotFound);
        QCOMPARE(scalar(QStringLiteral("SELECT category_id FROM transactions WHERE id = ?"), {a}),
                 category("Restaurants"));
        QCOMPARE(cat.assign({a}, 999'999).error().code(), ErrorCode::NotFound);

        QList<qint64> tooMany;
        for (qint64 i = 1; i <= Categorisation::kMaxAssign + 1; ++i) {
            tooMany << i;
        }
        QCOMPARE(cat.assign(tooMany, category("Groceries")).error().code(), ErrorCode::InvalidArgument);
        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified && !verified->firstBroken);
    }

    void aCorrectionChangesTheNextProposal()
    {
        addHistory();
        Categorisation cat(m_db, m_owner);
        const CategorisableFields shopping =
            test::cardPayment(QStringLiteral("REWE Markt"), QStringLiteral("Hamburg"), "5411", 4100);
        auto first = cat.propose(shopping);
        QVERIFY2(first, qPrintable(why(first)));
        QVERIFY(first->has_value());
        QCOMPARE((*first)->categoryId, category("Groceries"));
        QCOMPARE((*first)->categoryName, QStringLiteral("Groceries"));
        QCOMPARE((*first)->source, QStringLiteral("model"));
        QVERIFY2((*first)->confidence >= cat.minimumConfidence(), qPrintable(QString::number((*first)->confidence)));
        QVERIFY2((*first)->reason.contains(QStringLiteral("rewe")), qPrintable((*first)->reason));

        // The user says their REWE receipts are household shopping: the model, already trained and
        // shared, learns it from the correction without reading the table again.
        auto corrected = cat.assign(m_rewe, category("Shopping"));
        QVERIFY2(corrected, qPrintable(why(corrected)));
        QCOMPARE(qsizetype(*corrected), m_rewe.size());
        auto second = Categorisation(m_db, m_owner).propose(shopping);
        QVERIFY2(second && second->has_value(), qPrintable(why(second)));
        QCOMPARE((*second)->categoryId, category("Shopping"));

        // Nothing known: no proposal rather than a guess.
        auto nothing = cat.propose(strangeFields());
        QVERIFY(nothing && !nothing->has_value());
    }

    void rulesComeFirstAndAreManaged()
    {
        addHistory();
        Categorisation cat(m_db, m_owner);
        auto fields = cat.fieldsOf(m_rewe.first());
        QVERIFY2(fields, qPrintable(why(fields)));
        QCOMPARE(fields->counterparty, QStringLiteral("REWE Markt"));
        QCOMPARE(fields->merchantCategory, QStringLiteral("5411"));

        // "Rule from the selected row": its counterparty.
        const CategoryRule suggested = Categorisation::ruleFrom(*fields, category("Shopping"));
        QCOMPARE(suggested.field, QStringLiteral("counterparty"));
        QCOMPARE(suggested.condition, QStringLiteral("contains"));
        QCOMPARE(suggested.value, QStringLiteral("REWE Markt"));
        auto id = cat.createRule(suggested);
        QVERIFY2(id, qPrintable(why(id)));
        QCOMPARE(audits(QStringLiteral("category_rule.created")), 1);
        QCOMPARE(lastAudit(QStringLiteral("category_rule.created")).value(QStringLiteral("value")).toString(),
                 QStringLiteral("REWE Markt"));

        auto listed = cat.rules();
        QVERIFY2(listed, qPrintable(why(listed)));
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().id, *id);
        QCOMPARE(listed->first().categoryId, category("Shopping"));

        const CategorisableFields again =
            test::cardPayment(QStringLiteral("REWE Markt"), QStringLiteral("Köln"), "5411", 1200);
        auto byRule = cat.propose(again);
        QVERIFY(byRule && byRule->has_value());
        QCOMPARE((*byRule)->categoryId, category("Shopping"));
        QCOMPARE((*byRule)->confidence, 100);
        QCOMPARE((*byRule)->source, QStringLiteral("rule"));
        QVERIFY2((*byRule)->reason.contains(suggested.name), qPrintable((*byRule)->reason));

        CategoryRule broken = suggested;
        broken.condition = QStringLiteral("regex");
        broken.value = QStringLiteral("(unclosed");
        QCOMPARE(cat.createRule(broken).error().code(), ErrorCode::InvalidArgument);
        CategoryRule nowhere = suggested;
        nowhere.categoryId = 999'999;
        QCOMPARE(cat.createRule(nowhere).error().code(), ErrorCode::NotFound);
        QCOMPARE(cat.rules()->size(), 1);

        QVERIFY(cat.deleteRule(*id));
        QCOMPARE(audits(QStringLiteral("category_rule.deleted")), 1);
        // A deletion records what was there.
        QVERIFY(text(QStringLiteral("SELECT before FROM audit_log WHERE action = 'category_rule.deleted'"))
                    .contains(QStringLiteral("REWE Markt")));
        QCOMPARE(cat.rules()->size(), 0);
        QCOMPARE((*cat.propose(again))->source, QStringLiteral("model"));
        QCOMPARE(cat.deleteRule(*id).error().code(), ErrorCode::NotFound);

        // Without a counterparty, the merchant code; without that, the description's start.
        CategorisableFields atm;
        atm.description = QStringLiteral("ATM withdrawal Berlin Mitte");
        const CategoryRule fromText = Categorisation::ruleFrom(atm, category("Cash withdrawal"));
        QCOMPARE(fromText.field, QStringLiteral("description"));
        QCOMPARE(fromText.condition, QStringLiteral("starts_with"));
        QCOMPARE(fromText.value, QStringLiteral("ATM withdrawal"));
        QVERIFY(cat.createRule(fromText));
        atm.description = QStringLiteral("atm withdrawal Hamburg");
        QCOMPARE((*cat.propose(atm))->categoryId, category("Cash withdrawal"));
    }

    void uncategorisedProposalsPageByIdAndSparePeoplesChoices()
    {
        addHistory();
        const qint64 u1 = add(test::cardPayment(QStringLiteral("REWE Markt"), QStringLiteral("Hamburg"), "5411", 2200));
        const qint64 u2 =
            add(test::cardPayment(QStringLiteral("Pizzeria Napoli"), QStringLiteral("Berlin"), "5812", 3100), nullptr,
                m_otherAccount);
        const qint64 u3 = add(strangeFields());
        const qint64 u4 = add(test::cardPayment(QStringLiteral("REWE Markt"), QStringLiteral("Köln"), "5411", 1900));
        QVERIFY(u1 > 0 && u2 > u1 && u3 > u2 && u4 > u3);
        Categorisation cat(m_db, m_owner);

        auto page = cat.proposeUncategorised({}, 0, 2);
        QVERIFY2(page, qPrintable(why(page)));
        QCOMPARE(page->size(), 2);
        QCOMPARE(page->at(0).transactionId, u1);
        QCOMPARE(page->at(0).proposal.categoryId, category("Groceries"));
        QCOMPARE(page->at(1).transactionId, u2);
        QCOMPARE(page->at(1).proposal.categoryId, category("Restaurants"));
        // After u2: u3 has nothing to go on and is passed over.
        auto rest = cat.proposeUncategorised({}, u2, 10);
        QVERIFY2(rest, qPrintable(why(rest)));
        QCOMPARE(rest->size(), 1);
        QCOMPARE(rest->first().transactionId, u4);
        // The browser's filter narrows.
        TransactionFilter cardAccount;
        cardAccount.accountId = m_otherAccount;
        auto filtered = cat.proposeUncategorised(cardAccount, 0, 10);
        QVERIFY2(filtered, qPrintable(why(filtered)));
        QCOMPARE(filtered->size(), 1);
        QCOMPARE(filtered->first().transactionId, u2);

        // Meanwhile someone decides u1 themselves: applying the proposals leaves it alone.
        QCOMPARE(*cat.assign({u1}, category("Travel")), 1);
        QList<TransactionProposal> all = *page;
        all << *rest;
        auto applied = cat.applyProposals(all);
        QVERIFY2(applied, qPrintable(why(applied)));
        QCOMPARE(*applied, 2);
        QCOMPARE(scalar(QStringLiteral("SELECT category_id FROM transactions WHERE id = ?"), {u1}), category("Travel"));
        QCOMPARE(text(QStringLiteral("SELECT category_source FROM transactions WHERE id = ?"), {u1}),
                 QStringLiteral("user"));
        QCOMPARE(scalar(QStringLiteral("SELECT category_id FROM transactions WHERE id = ?"), {u2}),
                 category("Restaurants"));
        QCOMPARE(text(QStringLiteral("SELECT category_source FROM transactions WHERE id = ?"), {u2}),
                 QStringLiteral("model"));
        QCOMPARE(scalar(QStringLiteral("SELECT row_version FROM transactions WHERE id = ?"), {u4}), 2);
        QCOMPARE(lastAudit(QStringLiteral("transaction.categorised")).value(QStringLiteral("count")).toInt(), 2);
        // Applied twice, nothing more happens.
        QCOMPARE(*cat.applyProposals(all), 0);
        auto none = cat.proposeUncategorised({}, 0, 10);
        QVERIFY(none && none->isEmpty());
    }

    void importCategorisesByModelAndRule()
    {
        addHistory();
        Categorisation cat(m_db, m_owner);
        CategoryRule taxes;
        taxes.name = QStringLiteral("Tax office");
        taxes.field = QStringLiteral("description");
        taxes.condition = QStringLiteral("contains");
        taxes.value = QStringLiteral("finanzamt");
        taxes.categoryId = category("Taxes");
        QVERIFY(cat.createRule(taxes));

        ingest::StatementEntry shop =
            test::statementEntry(QDate(2026, 3, 9), "-23.40", QStringLiteral("REWE Markt Köln"));
        shop.counterpartyName = QStringLiteral("REWE Markt");
        shop.merchantCategory = QStringLiteral("5411");
        const ingest::StatementEntry tax =
            test::statementEntry(QDate(2026, 3, 9), "-812.00", QStringLiteral("Finanzamt Mitte Steuer"));
        const ingest::StatementEntry odd =
            test::statementEntry(QDate(2026, 3, 9), "7000000.00", QStringLiteral("Zyxw qwrt"));
        ingest::ImportService importer(m_db, m_owner);
        ingest::ImportOptions options;
        options.accountId = m_account;
        auto plan =
            importer.plan(test::statementFile(kIban, {shop, tax, odd}), ingest::ImportService::fileHash("x"), options);
        QVERIFY2(plan, qPrintable(why(plan)));
        QCOMPARE(plan->lines.size(), 3);
        const ingest::PlannedLine& byModel = plan->lines.at(0);
        QCOMPARE(byModel.categoryId.value_or(0), category("Groceries"));
        QCOMPARE(byModel.categorySource, QStringLiteral("model"));
        QVERIFY(byModel.categoryConfidence >= cat.minimumConfidence() && byModel.categoryConfidence < 100);
        QCOMPARE(ImportPreviewModel::reasonText(byModel),
                 QStringLiteral("Category Groceries (learned, %1 % sure)").arg(byModel.categoryConfidence));
        QCOMPARE(plan->lines.at(1).categorySource, QStringLiteral("rule"));
        QCOMPARE(plan->lines.at(1).categoryId.value_or(0), category("Taxes"));
        QCOMPARE(ImportPreviewModel::reasonText(plan->lines.at(1)), QStringLiteral("Category Taxes (by rule)"));
        QVERIFY(!plan->lines.at(2).categoryId);
        QVERIFY(ImportPreviewModel::reasonText(plan->lines.at(2)).isEmpty());

        auto done = importer.commit(*plan);
        QVERIFY2(done, qPrintable(why(done)));
        const qint64 batch = done->batchIds.first();
        QCOMPARE(text(QStringLiteral("SELECT category_source FROM transactions WHERE import_batch_id = ? AND "
                                     "category_id = ?"),
                      {batch, category("Groceries")}),
                 QStringLiteral("model"));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM transactions WHERE import_batch_id = ? AND "
                                       "category_id IS NULL"),
                        {batch}),
                 1);
    }

    void refusedWithoutThePermission()
    {
        // A signed-in auditor may read transactions but not categorise them or manage rules.
        const qint64 open = peopleAndHistory({{"audrey", "auditor"}, {"felix", "finance_analyst"}});
        QVERIFY(open > 0);
        Categorisation auditor(m_db, userActor(QStringLiteral("audrey")));
        QCOMPARE(auditor.assign({open}, category("Groceries")).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(auditor.applyProposals({{open, {category("Groceries"), {}, 90, {}, {}}}}).error().code(),
                 ErrorCode::PermissionDenied);
        CategoryRule rule = Categorisation::ruleFrom(*auditor.fieldsOf(open), category("Groceries"));
        QCOMPARE(auditor.createRule(rule).error().code(), ErrorCode::PermissionDenied);
        QVERIFY(m_db->exec(QStringLiteral("SELECT 1 FROM transactions WHERE id = ? AND category_id IS NULL"), {open})
                    ->next());
        QCOMPARE(audits(QStringLiteral("transaction.categorised")), 0);

        Categorisation analyst(m_db, userActor(QStringLiteral("felix")));
        QCOMPARE(*analyst.assign({open}, category("Groceries")), 1);
        auto ruleId = analyst.createRule(rule);
        QVERIFY2(ruleId, qPrintable(why(ruleId)));
        QCOMPARE(auditor.deleteRule(*ruleId).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(auditor.rules()->size(), 1);
    }

    void theServerRefusesToo()
    {
        if (TestDatabase::backend() != Backend::PostgreSql) {
            QSKIP("row-level security is PostgreSQL's");
        }
        // A custom role that may import but not categorise: the row policies let it write
        // transactions, the category guard (migration 0007) does not let it recategorise them.
        QVERIFY(m_tdb->ownerExec(QStringLiteral("INSERT INTO roles (code, name) VALUES ('importer', 'Importer')")));
        QVERIFY(m_tdb->ownerExec(
            QStringLiteral("INSERT INTO role_permissions (role_id, permission_code) SELECT id, p FROM roles, "
                           "(VALUES ('transactions.read'), ('transactions.import')) v(p) WHERE code = 'importer'")));
        const qint64 open =
            peopleAndHistory({{"ivan", "importer"}, {"audrey", "auditor"}, {"felix", "finance_analyst"}});
        QVERIFY(open > 0);
        const qint64 groceries = category("Groceries");

        test::Workstation ws = test::openWorkstation(*m_tdb, *m_db);
        m_role = ws.role;
        QVERIFY2(ws.db, qPrintable(ws.error));
        const auto rawUpdate = [&]() -> Result<int> {
            auto q = ws.db->exec(QStringLiteral("UPDATE transactions SET category_id = ?, category_source = 'user' "
                                                "WHERE id = ?"),
                                 {groceries, open});
            if (!q) {
                return q.error();
            }
            return q->numRowsAffected();
        };

        auto ivan = test::signInAtWorkstation(ws.db, QStringLiteral("ivan"), kPassword);
        QVERIFY2(ivan, qPrintable(why(ivan)));
        Categorisation asIvan(ws.db, Actor{ivan->userId, ivan->username, std::nullopt});
        QCOMPARE(asIvan.assign({open}, groceries).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(rawUpdate().error().code(), ErrorCode::PermissionDenied); // past the app: the server's guard

        auto audrey = test::signInAtWorkstation(ws.db, QStringLiteral("audrey"), kPassword);
        QVERIFY2(audrey, qPrintable(why(audrey)));
        Categorisation asAudrey(ws.db, Actor{audrey->userId, audrey->username, std::nullopt});
        QCOMPARE(asAudrey.assign({open}, groceries).error().code(), ErrorCode::PermissionDenied);
        auto skipped = rawUpdate();
        QVERIFY2(skipped, qPrintable(why(skipped)));
        QCOMPARE(*skipped, 0); // row-level security: the row is not there to update
        QVERIFY(m_db->exec(QStringLiteral("SELECT 1 FROM transactions WHERE id = ? AND category_id IS NULL"), {open})
                    ->next());

        auto felix = test::signInAtWorkstation(ws.db, QStringLiteral("felix"), kPassword);
        QVERIFY2(felix, qPrintable(why(felix)));
        Categorisation asFelix(ws.db, Actor{felix->userId, felix->username, std::nullopt});
        auto proposal = asFelix.propose(*asFelix.fieldsOf(open));
        QVERIFY2(proposal && proposal->has_value(), qPrintable(why(proposal)));
        QCOMPARE((*proposal)->categoryId, groceries);
        QCOMPARE(*asFelix.assign({open}, groceries), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT actor_id FROM audit_log WHERE action = 'transaction.categorised'")),
                 felix->userId);
        auto verified = AuditLog::verify(*m_db);
        QVERIFY(verified && !verified->firstBroken);
    }
};

QTEST_GUILESS_MAIN(TestCategorisation)
#include "TestCategorisation.moc"
