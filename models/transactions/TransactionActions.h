#pragma once

#include "audit/AuditLog.h"
#include "db/Database.h"
#include "ledger/Categorisation.h"
#include "ledger/SavedViews.h"
#include "ledger/TransactionQuery.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace flowlet {

// What the transactions browser does besides browsing: categories (set one or many, rules from a
// row), saved views, and export to CSV. Every call runs on the database's pool and answers by a
// signal; failures arrive as failed() with a sentence for the user. The core services decide
// and enforce (permissions, audit); this only moves the work off the UI thread.
class TransactionActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransactionActions)

public:
    TransactionActions(DatabasePtr db, Actor actor, QObject* parent = nullptr);
    ~TransactionActions() override;

    void loadCategories();
    void assignCategory(const QList<qint64>& transactionIds, std::optional<qint64> categoryId);
    // A rule draft for a transaction (its counterparty, else its MCC, else its description's start).
    void draftRule(qint64 transactionId, qint64 categoryId);
    void createRule(const CategoryRule& rule);

    void loadViews();
    void saveView(const QString& name, const TransactionFilter& filter, const TransactionSort& sort);
    void removeView(qint64 viewId);

    // Writes the rows the filter matches to `path`: the file appears only when all of it was
    // written; a failed or cancelled export leaves whatever was there before.
    void exportCsv(const QString& path, const TransactionFilter& filter, const TransactionSort& sort);
    void cancelExport() { m_cancelExport = true; }
    bool isExporting() const { return m_exporting; }

Q_SIGNALS:
    void categoriesLoaded(const QList<flowlet::CategoryInfo>& categories);
    // The transactions now carry the category (empty name: none).
    void categoryAssigned(const QList<qint64>& transactionIds, const QString& categoryName, int changed);
    void ruleDrafted(const flowlet::CategoryRule& rule);
    void ruleCreated(qint64 ruleId, const QString& name);
    void viewsLoaded(const QList<flowlet::SavedView>& views);
    void viewSaved(qint64 viewId, const QString& name);
    void exportProgress(qint64 rows);
    void exportFinished(qint64 rows, const QString& path);
    void failed(const QString& message);

private:
    template <typename T>
    void run(std::function<Result<T>()> work, std::function<void(const T&)> done, std::function<void()> always = {});

    DatabasePtr m_db;
    Actor m_actor;
    QList<CategoryInfo> m_categories;
    std::shared_ptr<std::atomic_bool> m_cancelFlag = std::make_shared<std::atomic_bool>(false);
    std::atomic_bool& m_cancelExport = *m_cancelFlag;
    bool m_exporting = false;
};

} // namespace flowlet
