#include "Categorisation.h"

#include "CategoryClassifier.h"
#include "TransactionRepository.h"
#include "auth/Authorization.h"
#include "auth/Permissions.h"
#include "core/Clock.h"
#include "core/Logging.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QWaitCondition>

#include <algorithm>
#include <limits>
#include <memory>

namespace flowlet {

namespace {

// Ids go into statements as literal lists of this many (our own integers, never user text).
constexpr qsizetype kIdsPerStatement = 500;
// Training reads this many rows per query: bounded memory whatever the backend's driver buffers.
constexpr int kTrainingChunk = 20'000;
constexpr int kMaxProposals = 5'000;

// The columns fieldsFrom() reads, in its order.
const QString kFieldColumns = QStringLiteral(
    "t.description, t.counterparty, t.counterparty_account, t.reference, t.bank_tx_code, t.merchant_category, "
    "t.amount_micros, t.channel");

CategorisableFields fieldsFrom(const QSqlQuery& q, int first)
{
    CategorisableFields f;
    f.description = q.value(first).toString();
    f.counterparty = q.value(first + 1).toString();
    f.counterpartyAccount = q.value(first + 2).toString();
    f.reference = q.value(first + 3).toString();
    f.bankTxCode = q.value(first + 4).toString();
    f.merchantCategory = q.value(first + 5).toString();
    f.amountMicros = q.value(first + 6).toLongLong();
    f.channel = q.value(first + 7).toString();
    return f;
}

QString inList(QList<qint64>::const_iterator from, QList<qint64>::const_iterator to)
{
    QStringList parts;
    parts.reserve(to - from);
    for (auto it = from; it != to; ++it) {
        parts.append(QString::number(*it));
    }
    return parts.join(u',');
}

// Calls work(idList) for each statement-sized slice of ids.
Status forEachSlice(const QList<qint64>& ids, const std::function<Status(const QString&)>& work)
{
    for (qsizetype at = 0; at < ids.size(); at += kIdsPerStatement) {
        const qsizetype end = std::min(ids.size(), at + kIdsPerStatement);
        if (auto s = work(inList(ids.cbegin() + at, ids.cbegin() + end)); !s) {
            return s;
        }
    }
    return {};
}

QString json(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonValue idOrNull(const std::optional<qint64>& id)
{
    return id ? QJsonValue(QString::number(*id)) : QJsonValue();
}

QJsonObject ruleJson(const CategoryRule& r)
{
    return {{QStringLiteral("name"), r.name},
            {QStringLiteral("field"), r.field},
            {QStringLiteral("condition"), r.condition},
            {QStringLiteral("value"), r.value},
            {QStringLiteral("category_id"), QString::number(r.categoryId)},
            {QStringLiteral("priority"), r.priority}};
}

// ----------------------------------------------------------------------------- the shared model

// What one change of a transaction's user category teaches the model.
struct Correction
{
    qint64 transactionId = 0;
    CategorisableFields fields;
    qint64 forget = 0; // the user's earlier category, taken back
    qint64 learn = 0; // the user's new category
};

// learnedFrom: the oldest transaction the model was trained on when training stopped at its
// bound; older rows were never learned, so their old category is not taken back.
void applyTo(CategoryClassifier& model, qint64 learnedFrom, const Correction& c)
{
    if (c.forget > 0 && c.transactionId >= learnedFrom) {
        model.forget(c.fields, c.forget);
    }
    if (c.learn > 0) {
        model.learn(c.fields, c.learn);
    }
}

struct SharedModel
{
    QMutex mutex; // guards everything below
    QWaitCondition trained;
    CategoryClassifier classifier;
    qint64 learnedFrom = 0; // see applyTo()
    QDateTime trainedAt; // invalid until a training finished
    bool training = false; // a thread is (re)training; the current classifier serves meanwhile
    QList<Correction> duringTraining; // replayed onto the model being trained
    std::weak_ptr<const Database> owner;
};

class ModelCache final
{
public:
    // The model of a database, created (untrained) when asked to.
    std::shared_ptr<SharedModel> of(const Database& db, bool create)
    {
        QMutexLocker lock(&m_mutex);
        // A Database that is gone takes its model with it (and a new one at the same address
        // does not inherit it).
        for (auto it = m_models.begin(); it != m_models.end();) {
            it = it.value()->owner.expired() ? m_models.erase(it) : std::next(it);
        }
        if (auto it = m_models.constFind(&db); it != m_models.constEnd()) {
            return it.value();
        }
        if (!create) {
            return nullptr;
        }
        auto model = std::make_shared<SharedModel>();
        model->owner = db.weak_from_this();
        m_models.insert(&db, model);
        return model;
    }

    void drop(const Database& db)
    {
        QMutexLocker lock(&m_mutex);
        m_models.remove(&db);
    }

private:
    QMutex m_mutex;
    QHash<const Database*, std::shared_ptr<SharedModel>> m_models;
};

ModelCache& modelCache()
{
    static ModelCache cache;
    return cache;
}

// The database's model, trained: the first caller trains while later ones wait for it; a model
// older than kRetrainSeconds is retrained by the caller who notices, the others go on with it.
Result<std::shared_ptr<SharedModel>> readyModel(Database& db)
{
    auto model = modelCache().of(db, true);
    QMutexLocker lock(&model->mutex);
    while (!model->trainedAt.isValid() && model->training) {
        model->trained.wait(&model->mutex);
    }
    const QDateTime now = Clock::now();
    if (model->trainedAt.isValid() &&
        (model->training || model->trainedAt.secsTo(now) < Categorisation::kRetrainSeconds)) {
        return model;
    }
    const bool first = !model->trainedAt.isValid();
    model->training = true;
    model->duringTraining.clear();
    lock.unlock();

    QElapsedTimer timer;
    timer.start();
    CategoryClassifier fresh;
    qint64 oldest = 0;
    int rows = 0;
    const Status read = Categorisation::readTrainingRows(
        db, Categorisation::kTrainingRows, [&](qint64 id, const CategorisableFields& fields, qint64 category) {
            fresh.learn(fields, category);
            oldest = id;
            ++rows;
        });
    const qint64 learnedFrom = rows < Categorisation::kTrainingRows ? 0 : oldest;

    lock.relock();
    model->training = false;
    if (read) {
        // A correction that committed before its row was read counts twice until the next
        // retraining: rare, and far better than losing corrections made during training.
        for (const Correction& c : std::as_const(model->duringTraining)) {
            applyTo(fresh, learnedFrom, c);
        }
        model->classifier = std::move(fresh);
        model->learnedFrom = learnedFrom;
        qCInfo(lcLedger) << "categoriser trained on" << model->classifier.examples() << "transactions,"
                         << model->classifier.vocabularySize() << "features, in" << timer.elapsed() << "ms";
    } else {
        qCWarning(lcLedger) << "categoriser training failed:" << read.error().message();
    }
    model->duringTraining.clear();
    if (read || !first) {
        model->trainedAt = now; // a failed retraining keeps the old model for another interval
    }
    model->trained.wakeAll();
    if (!read && first) {
        return read.error();
    }
    return model;
}

Result<QHash<qint64, QString>> categoryNamesOn(QSqlDatabase& c)
{
    auto q = Database::execOn(c, QStringLiteral("SELECT id, name FROM categories"));
    if (!q) {
        return q.error();
    }
    QHash<qint64, QString> out;
    while (q->next()) {
        out.insert(q->value(0).toLongLong(), q->value(1).toString());
    }
    return out;
}

// What proposing needs, read once per call however many rows it then proposes for: the rules,
// the category names and the trained model.
struct Proposer
{
    CategoryRules rules;
    QHash<qint64, QString> names;
    std::shared_ptr<SharedModel> model;

    static Result<Proposer> prepare(Database& db, QSqlDatabase& c)
    {
        auto rules = CategoryRules::load(db);
        if (!rules) {
            return rules.error();
        }
        auto names = categoryNamesOn(c);
        if (!names) {
            return names.error();
        }
        auto model = readyModel(db);
        if (!model) {
            return model.error();
        }
        return Proposer{std::move(*rules), std::move(*names), *model};
    }

    QList<std::optional<CategoryProposal>> propose(const QList<CategorisableFields>& fields) const
    {
        QList<std::optional<CategoryProposal>> out;
        out.reserve(fields.size());
        QMutexLocker lock(&model->mutex);
        for (const CategorisableFields& f : fields) {
            if (const CategoryRule* rule = rules.match(f)) {
                out.append(CategoryProposal{rule->categoryId, names.value(rule->categoryId), 100,
                                            QStringLiteral("rule \"%1\"").arg(rule->name), QStringLiteral("rule")});
                continue;
            }
            const auto guess = model->classifier.propose(f);
            if (!guess || !names.contains(guess->categoryId)) {
                out.append(std::nullopt); // nothing known, or a category deleted since
                continue;
            }
            out.append(CategoryProposal{
                guess->categoryId, names.value(guess->categoryId), guess->confidence,
                QStringLiteral("learned from your categorisations: %1").arg(guess->evidence.join(QStringLiteral(", "))),
                QStringLiteral("model")});
        }
        return out;
    }
};

} // namespace

// ----------------------------------------------------------------------------- Categorisation

Categorisation::Categorisation(DatabasePtr db, Actor actor)
    : m_db(std::move(db))
    , m_actor(std::move(actor))
    , m_throughServer(m_db->actsThroughServer())
{
}

void Categorisation::setMinimumConfidence(int percent)
{
    m_minimumConfidence = std::clamp(percent, 0, 100);
}

Status Categorisation::readTrainingRows(Database& db, int maxRows, const TrainingRow& row)
{
    qint64 before = std::numeric_limits<qint64>::max();
    int read = 0;
    while (read < maxRows) {
        const int chunk = std::min(kTrainingChunk, maxRows - read);
        auto q = db.exec(QStringLiteral("SELECT t.id, t.category_id, %1 FROM transactions t "
                                        "WHERE t.category_source = 'user' AND t.category_id IS NOT NULL AND t.id < ? "
                                        "ORDER BY t.id DESC LIMIT ?")
                             .arg(kFieldColumns),
                         {before, chunk});
        if (!q) {
            return q.error();
        }
        int rows = 0;
        while (q->next()) {
            ++rows;
            before = q->value(0).toLongLong();
            row(before, fieldsFrom(*q, 2), q->value(1).toLongLong());
        }
        read += rows;
        if (rows < chunk) {
            break;
        }
    }
    return {};
}

void Categorisation::resetModel(const Database& db)
{
    modelCache().drop(db);
}

Status Categorisation::require(QSqlDatabase& c, const QString& permission) const
{
    return requirePermission(c, m_throughServer, m_actor, permission);
}

Status Categorisation::audit(QSqlDatabase& c, const QString& action, const QString& objectType, const QString& objectId,
                             const QString& afterJson, const QString& beforeJson) const
{
    return AuditLog::record(c, m_db->dialect(), m_throughServer, m_actor, action, objectType, objectId, afterJson,
                            beforeJson);
}

Result<QList<CategoryInfo>> Categorisation::categories() const
{
    auto q = m_db->exec(QStringLiteral("SELECT id, parent_id, name, kind FROM categories ORDER BY name, id"));
    if (!q) {
        return q.error();
    }
    QList<CategoryInfo> out;
    while (q->next()) {
        CategoryInfo info;
        info.id = q->value(0).toLongLong();
        if (!q->value(1).isNull()) {
            info.parentId = q->value(1).toLongLong();
        }
        info.name = q->value(2).toString();
        info.kind = q->value(3).toString();
        out.append(info);
    }
    return out;
}

Result<int> Categorisation::assign(const QList<qint64>& transactionIds, std::optional<qint64> categoryId)
{
    QList<qint64> ids = transactionIds;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids.isEmpty()) {
        return 0;
    }
    if (ids.size() > kMaxAssign) {
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("at most %1 transactions can be categorised at once, not %2")
                         .arg(kMaxAssign)
                         .arg(ids.size()));
    }
    QList<Correction> corrections;
    QList<qint64> changed;
    const auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        corrections.clear();
        changed.clear();
        if (auto s = require(c, Permission::TransactionsCategorize); !s) {
            return s;
        }
        QString categoryName;
        if (categoryId) {
            auto names = categoryNamesOn(c);
            if (!names) {
                return names.error();
            }
            if (!names->contains(*categoryId)) {
                return Error(ErrorCode::NotFound, QStringLiteral("there is no category #%1").arg(*categoryId));
            }
            categoryName = names->value(*categoryId);
        }
        // Before: which category and source each row had, grouped for the audit entry.
        QMap<QPair<QString, QString>, QList<qint64>> before;
        qsizetype found = 0;
        auto read = forEachSlice(ids, [&](const QString& list) -> Status {
            auto q = Database::execOn(c,
                                      QStringLiteral("SELECT t.id, t.category_id, t.category_source, %1 "
                                                     "FROM transactions t WHERE t.id IN (%2)")
                                          .arg(kFieldColumns, list));
            if (!q) {
                return q.error();
            }
            while (q->next()) {
                ++found;
                const std::optional<qint64> was =
                    q->value(1).isNull() ? std::nullopt : std::optional<qint64>(q->value(1).toLongLong());
                const QString source = q->value(2).toString();
                if (categoryId ? (was == categoryId && source == u"user") : !was) {
                    continue; // already so
                }
                const qint64 id = q->value(0).toLongLong();
                changed.append(id);
                before[{was ? QString::number(*was) : QString(), source}].append(id);
                corrections.append(
                    {id, fieldsFrom(*q, 3), was && source == u"user" ? *was : 0, categoryId.value_or(0)});
            }
            return {};
        });
        if (!read) {
            return read;
        }
        if (found < ids.size()) {
            return Error(ErrorCode::NotFound,
                         QStringLiteral("%1 of the %2 transactions do not exist (or are not visible to you); nothing "
                                        "was changed")
                             .arg(ids.size() - found)
                             .arg(ids.size()));
        }
        if (changed.isEmpty()) {
            return {};
        }
        std::sort(changed.begin(), changed.end());
        const QVariant category = categoryId ? QVariant(*categoryId) : QVariant(QMetaType(QMetaType::LongLong));
        const QVariant source = categoryId ? QVariant(QStringLiteral("user")) : QVariant(QMetaType(QMetaType::QString));
        auto written = forEachSlice(changed, [&](const QString& list) -> Status {
            auto q = Database::execOn(c,
                                      QStringLiteral("UPDATE transactions SET category_id = ?, category_source = ?, "
                                                     "row_version = row_version + 1 WHERE id IN (%1)")
                                          .arg(list),
                                      {category, source});
            if (!q) {
                return q.error();
            }
            if (q->numRowsAffected() != list.count(u',') + 1) {
                // Row-level security skips rows silently where a policy says no.
                return permissionDenied(Permission::TransactionsCategorize);
            }
            return {};
        });
        if (!written) {
            return written;
        }
        QJsonArray beforeJson;
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            beforeJson.append(QJsonObject{
                {QStringLiteral("category_id"), it.key().first.isEmpty() ? QJsonValue() : QJsonValue(it.key().first)},
                {QStringLiteral("source"), it.key().second.isEmpty() ? QJsonValue() : QJsonValue(it.key().second)},
                {QStringLiteral("ids"), AuditLog::idRanges(it.value())}});
        }
        // Before: what each group of rows had; after: what they all have now.
        const QJsonObject after{
            {QStringLiteral("count"), int(changed.size())},
            {QStringLiteral("ids"), AuditLog::idRanges(changed)},
            {QStringLiteral("category_id"), idOrNull(categoryId)},
            {QStringLiteral("category"), categoryId ? QJsonValue(categoryName) : QJsonValue()},
            {QStringLiteral("source"), categoryId ? QJsonValue(QStringLiteral("user")) : QJsonValue()},
        };
        return audit(c, QStringLiteral("transaction.categorised"), QStringLiteral("transaction"),
                     changed.size() == 1 ? QString::number(changed.first()) : QStringLiteral("bulk"), json(after),
                     QString::fromUtf8(QJsonDocument(beforeJson).toJson(QJsonDocument::Compact)));
    });
    if (!status) {
        return status.error();
    }
    // Taught after the commit: a rolled-back change teaches nothing. A model not trained yet will
    // read the change from the table.
    if (auto model = modelCache().of(*m_db, false)) {
        QMutexLocker lock(&model->mutex);
        if (model->trainedAt.isValid() || model->training) {
            for (const Correction& c : std::as_const(corrections)) {
                applyTo(model->classifier, model->learnedFrom, c);
                if (model->training) {
                    model->duringTraining.append(c);
                }
            }
        }
    }
    return int(changed.size());
}

Result<QList<std::optional<CategoryProposal>>>
Categorisation::proposeAll(const QList<CategorisableFields>& fields) const
{
    auto c = m_db->connection();
    if (!c) {
        return c.error();
    }
    auto proposer = Proposer::prepare(*m_db, *c);
    if (!proposer) {
        return proposer.error();
    }
    return proposer->propose(fields);
}

Result<std::optional<CategoryProposal>> Categorisation::propose(const CategorisableFields& fields) const
{
    auto all = proposeAll({fields});
    if (!all) {
        return all.error();
    }
    return all->first();
}

Result<CategorisableFields> Categorisation::fieldsOf(qint64 transactionId) const
{
    auto q =
        m_db->exec(QStringLiteral("SELECT %1 FROM transactions t WHERE t.id = ?").arg(kFieldColumns), {transactionId});
    if (!q) {
        return q.error();
    }
    if (!q->next()) {
        return Error(ErrorCode::NotFound, QStringLiteral("there is no transaction #%1").arg(transactionId));
    }
    return fieldsFrom(*q, 0);
}

Result<QList<TransactionProposal>> Categorisation::proposeUncategorised(const TransactionFilter& filter, qint64 afterId,
                                                                        int limit) const
{
    limit = std::clamp(limit, 1, kMaxProposals);
    TransactionFilter uncategorised = filter;
    uncategorised.uncategorised = true;
    const TransactionRepository repository(m_db);
    const TransactionSort byId{TransactionSortKey::Id, false};
    TransactionCursor cursor{afterId, afterId};
    auto c = m_db->connection();
    if (!c) {
        return c.error();
    }
    auto proposer = Proposer::prepare(*m_db, *c);
    if (!proposer) {
        return proposer.error();
    }
    QList<TransactionProposal> out;
    while (out.size() < limit) {
        // Pages of the browser's own query (the same filter), then the fields the classifier needs.
        const int want = std::max(100, int(limit - out.size()));
        auto page = repository.page(uncategorised, byId, PageDirection::Forward, cursor, want);
        if (!page) {
            return page.error();
        }
        if (page->isEmpty()) {
            break;
        }
        QList<qint64> ids;
        for (const TransactionRow& row : std::as_const(*page)) {
            ids.append(row.id);
        }
        QHash<qint64, CategorisableFields> fieldsById;
        auto read = forEachSlice(ids, [&](const QString& list) -> Status {
            auto q = Database::execOn(
                *c, QStringLiteral("SELECT t.id, %1 FROM transactions t WHERE t.id IN (%2)").arg(kFieldColumns, list));
            if (!q) {
                return q.error();
            }
            while (q->next()) {
                fieldsById.insert(q->value(0).toLongLong(), fieldsFrom(*q, 1));
            }
            return {};
        });
        if (!read) {
            return read.error();
        }
        QList<CategorisableFields> fields;
        for (qint64 id : std::as_const(ids)) {
            fields.append(fieldsById.value(id));
        }
        const auto proposals = proposer->propose(fields);
        for (qsizetype i = 0; i < ids.size() && out.size() < limit; ++i) {
            if (const auto& p = proposals.at(i)) {
                out.append({ids.at(i), *p});
            }
        }
        cursor = {ids.last(), ids.last()};
        if (page->size() < want) {
            break;
        }
    }
    return out;
}

Result<int> Categorisation::applyProposals(const QList<TransactionProposal>& proposals)
{
    // One UPDATE per category (and slice of ids); the last proposal for a row wins.
    QHash<qint64, qint64> categoryOf;
    for (const TransactionProposal& p : proposals) {
        categoryOf.insert(p.transactionId, p.proposal.categoryId);
    }
    QMap<qint64, QList<qint64>> byCategory;
    for (auto it = categoryOf.cbegin(); it != categoryOf.cend(); ++it) {
        byCategory[it.value()].append(it.key());
    }
    if (byCategory.isEmpty()) {
        return 0;
    }
    int changed = 0;
    const auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        changed = 0;
        if (auto s = require(c, Permission::TransactionsCategorize); !s) {
            return s;
        }
        auto names = categoryNamesOn(c);
        if (!names) {
            return names.error();
        }
        QJsonArray applied;
        for (auto it = byCategory.begin(); it != byCategory.end(); ++it) {
            if (!names->contains(it.key())) {
                return Error(ErrorCode::NotFound, QStringLiteral("there is no category #%1").arg(it.key()));
            }
            std::sort(it.value().begin(), it.value().end());
            QList<qint64> done;
            auto written = forEachSlice(it.value(), [&](const QString& list) -> Status {
                // Only rows nobody categorised meanwhile: a person's decision is never overwritten.
                auto q = Database::execOn(c,
                                          QStringLiteral("UPDATE transactions SET category_id = ?, "
                                                         "category_source = 'model', row_version = row_version + 1 "
                                                         "WHERE id IN (%1) AND category_id IS NULL RETURNING id")
                                              .arg(list),
                                          {it.key()});
                if (!q) {
                    return q.error();
                }
                while (q->next()) {
                    done.append(q->value(0).toLongLong());
                }
                return {};
            });
            if (!written) {
                return written;
            }
            if (!done.isEmpty()) {
                changed += int(done.size());
                applied.append(QJsonObject{{QStringLiteral("category_id"), QString::number(it.key())},
                                           {QStringLiteral("category"), names->value(it.key())},
                                           {QStringLiteral("ids"), AuditLog::idRanges(done)}});
            }
        }
        if (changed == 0) {
            return {};
        }
        const QJsonObject after{{QStringLiteral("count"), changed},
                                {QStringLiteral("source"), QStringLiteral("model")},
                                {QStringLiteral("categories"), applied}};
        // Only rows without a category were touched.
        const QJsonObject before{{QStringLiteral("category_id"), QJsonValue()}};
        return audit(c, QStringLiteral("transaction.categorised"), QStringLiteral("transaction"),
                     QStringLiteral("bulk"), json(after), json(before));
    });
    if (!status) {
        return status.error();
    }
    return changed;
}

CategoryRule Categorisation::ruleFrom(const CategorisableFields& fields, qint64 categoryId)
{
    // Text fields take contains / starts_with / regex (CategoryRules); "contains" also catches the
    // "REWE Markt GmbH" of another bank's rendering.
    CategoryRule rule;
    rule.categoryId = categoryId;
    rule.condition = QStringLiteral("contains");
    if (const QString party = fields.counterparty.simplified(); !party.isEmpty()) {
        rule.field = QStringLiteral("counterparty");
        rule.value = party;
    } else if (const QString mcc = fields.merchantCategory.trimmed(); !mcc.isEmpty()) {
        rule.field = QStringLiteral("merchant_category");
        rule.value = mcc;
    } else {
        // The first two words: "ATM withdrawal Berlin" becomes "starts with ATM withdrawal".
        const QStringList words = fields.description.simplified().split(u' ', Qt::SkipEmptyParts);
        rule.field = QStringLiteral("description");
        rule.condition = QStringLiteral("starts_with");
        rule.value = words.mid(0, 2).join(u' ');
    }
    rule.name = QStringLiteral("%1 %2").arg(rule.field, rule.value);
    return rule;
}

Result<qint64> Categorisation::createRule(const CategoryRule& rule)
{
    CategoryRule r = rule;
    r.name =
        r.name.trimmed().isEmpty() ? QStringLiteral("%1 %2 %3").arg(r.field, r.condition, r.value) : r.name.trimmed();
    if (r.value.trimmed().isEmpty()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("rule \"%1\": the value is empty").arg(r.name));
    }
    if (auto valid = CategoryRules::fromRules({r}); !valid) {
        return valid.error();
    }
    qint64 id = 0;
    const auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        if (auto s = require(c, Permission::RulesManage); !s) {
            return s;
        }
        auto names = categoryNamesOn(c);
        if (!names) {
            return names.error();
        }
        if (!names->contains(r.categoryId)) {
            return Error(ErrorCode::NotFound, QStringLiteral("there is no category #%1").arg(r.categoryId));
        }
        auto q =
            Database::execOn(c,
                             QStringLiteral("INSERT INTO category_rules (name, field, condition, value, "
                                            "category_id, priority, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                            "RETURNING id"),
                             {r.name, r.field, r.condition, r.value, r.categoryId, r.priority,
                              m_actor.userId ? QVariant(*m_actor.userId) : QVariant(QMetaType(QMetaType::LongLong))});
        if (!q) {
            return q.error();
        }
        if (!q->next()) {
            return permissionDenied(Permission::RulesManage);
        }
        id = q->value(0).toLongLong();
        q->finish();
        QJsonObject after = ruleJson(r);
        after.insert(QStringLiteral("category"), names->value(r.categoryId));
        return audit(c, QStringLiteral("category_rule.created"), QStringLiteral("category_rule"), QString::number(id),
                     json(after));
    });
    if (!status) {
        return status.error();
    }
    return id;
}

Result<QList<CategoryRule>> Categorisation::rules() const
{
    return CategoryRules::list(*m_db);
}

Status Categorisation::deleteRule(qint64 ruleId)
{
    return m_db->transaction([&](QSqlDatabase& c) -> Status {
        if (auto s = require(c, Permission::RulesManage); !s) {
            return s;
        }
        auto q = Database::execOn(c,
                                  QStringLiteral("SELECT name, field, condition, value, category_id, priority "
                                                 "FROM category_rules WHERE id = ?"),
                                  {ruleId});
        if (!q) {
            return q.error();
        }
        if (!q->next()) {
            return Error(ErrorCode::NotFound, QStringLiteral("there is no rule #%1").arg(ruleId));
        }
        const CategoryRule rule{ruleId,
                                q->value(0).toString(),
                                q->value(1).toString(),
                                q->value(2).toString(),
                                q->value(3).toString(),
                                q->value(4).toLongLong(),
                                q->value(5).toInt()};
        q->finish();
        auto deleted = Database::execOn(c, QStringLiteral("DELETE FROM category_rules WHERE id = ?"), {ruleId});
        if (!deleted) {
            return deleted.error();
        }
        if (deleted->numRowsAffected() != 1) {
            return permissionDenied(Permission::RulesManage);
        }
        return audit(c, QStringLiteral("category_rule.deleted"), QStringLiteral("category_rule"),
                     QString::number(ruleId), QString(), json(ruleJson(rule)));
    });
}

} // namespace flowlet
