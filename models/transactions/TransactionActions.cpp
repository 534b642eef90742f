#include "TransactionActions.h"

#include "PendingWork.h"
#include "core/CsvWriter.h"
#include "core/Logging.h"
#include "ledger/TransactionExport.h"

#include <QFutureWatcher>
#include <QMetaObject>
#include <QtConcurrent>

namespace flowlet {

TransactionActions::TransactionActions(DatabasePtr db, Actor actor, QObject* parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_actor(std::move(actor))
{
}

TransactionActions::~TransactionActions()
{
    m_cancelExport = true;
    waitForPendingWork(this);
}

template <typename T>
void TransactionActions::run(std::function<Result<T>()> work, std::function<void(const T&)> done,
                             std::function<void()> always)
{
    auto* watcher = new QFutureWatcher<Result<T>>(this);
    connect(watcher, &QFutureWatcher<Result<T>>::finished, this,
            [this, watcher, done = std::move(done), always = std::move(always)] {
        watcher->deleteLater();
        if (always) {
            always();
        }
        const Result<T> result = watcher->result();
        if (!result) {
            qCWarning(lcModels) << "transaction action failed:" << result.error().message();
            Q_EMIT failed(result.error().message());
            return;
        }
        done(*result);
    });
    watcher->setFuture(QtConcurrent::run(m_db->pool(), std::move(work)));
}

void TransactionActions::loadCategories()
{
    run<QList<CategoryInfo>>([db = m_db, actor = m_actor] { return Categorisation(db, actor).categories(); },
                             [this](const QList<CategoryInfo>& categories) {
                                 m_categories = categories;
                                 Q_EMIT categoriesLoaded(categories);
                             });
}

void TransactionActions::assignCategory(const QList<qint64>& transactionIds, std::optional<qint64> categoryId)
{
    QString name;
    for (const CategoryInfo& c : std::as_const(m_categories)) {
        if (categoryId && c.id == *categoryId) {
            name = c.name;
        }
    }
    run<int>([db = m_db, actor = m_actor, transactionIds, categoryId] {
                 return Categorisation(db, actor).assign(transactionIds, categoryId);
             },
             [this, transactionIds, name](const int& changed) {
                 Q_EMIT categoryAssigned(transactionIds, name, changed);
             });
}

void TransactionActions::draftRule(qint64 transactionId, qint64 categoryId)
{
    run<CategoryRule>(
        [db = m_db, actor = m_actor, transactionId, categoryId]() -> Result<CategoryRule> {
            auto fields = Categorisation(db, actor).fieldsOf(transactionId);
            if (!fields) {
                return fields.error();
            }
            return Categorisation::ruleFrom(*fields, categoryId);
        },
        [this](const CategoryRule& rule) { Q_EMIT ruleDrafted(rule); });
}

void TransactionActions::createRule(const CategoryRule& rule)
{
    run<qint64>([db = m_db, actor = m_actor, rule] { return Categorisation(db, actor).createRule(rule); },
                [this, name = rule.name](const qint64& id) { Q_EMIT ruleCreated(id, name); });
}

void TransactionActions::loadViews()
{
    run<QList<SavedView>>([db = m_db, actor = m_actor] { return SavedViews(db, actor).list(); },
                          [this](const QList<SavedView>& views) { Q_EMIT viewsLoaded(views); });
}

void TransactionActions::saveView(const QString& name, const TransactionFilter& filter, const TransactionSort& sort)
{
    run<qint64>([db = m_db, actor = m_actor, name, filter, sort] { return SavedViews(db, actor).save(name, filter, sort); },
                [this, name](const qint64& id) {
                    Q_EMIT viewSaved(id, name.simplified());
                    loadViews();
                });
}

void TransactionActions::removeView(qint64 viewId)
{
    run<bool>(
        [db = m_db, actor = m_actor, viewId]() -> Result<bool> {
            if (auto s = SavedViews(db, actor).remove(viewId); !s) {
                return s.error();
            }
            return true;
        },
        [this](const bool&) { loadViews(); });
}

void TransactionActions::exportCsv(const QString& path, const TransactionFilter& filter, const TransactionSort& sort)
{
    if (m_exporting) {
        Q_EMIT failed(tr("An export is already running."));
        return;
    }
    m_exporting = true;
    m_cancelExport = false;
    QPointer<TransactionActions> self(this);
    auto cancel = m_cancelFlag;
    run<qint64>(
        [db = m_db, actor = m_actor, path, filter, sort, cancel, self]() -> Result<qint64> {
            return CsvWriter::saveFile(path, [&](QIODevice& file) {
                return TransactionExport(db, actor).writeCsv(filter, sort, file, [&](qint64 rows) {
                    QMetaObject::invokeMethod(self, [self, rows] {
                        if (self) {
                            Q_EMIT self->exportProgress(rows);
                        }
                    });
                    return !cancel->load();
                });
            });
        },
        [this, path](const qint64& rows) { Q_EMIT exportFinished(rows, path); },
        [this] { m_exporting = false; });
}

} // namespace flowlet
