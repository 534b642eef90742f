#include "TransactionDetailModel.h"

#include "PendingWork.h"

#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent>

namespace flowlet {

namespace {
struct DetailResult
{
    std::optional<TransactionDetail> detail;
    std::optional<Error> error;
};
} // namespace

TransactionDetailModel::TransactionDetailModel(DatabasePtr db, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_repository(std::move(db))
{
}

int TransactionDetailModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_fields.size());
}

int TransactionDetailModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransactionDetailModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    const auto& [field, value] = m_fields.at(index.row());
    return index.column() == Field ? field : value;
}

QVariant TransactionDetailModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
        return section == Field ? tr("Field") : tr("Value");
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

QString TransactionDetailModel::valueOf(const QString& field) const
{
    for (const auto& [f, v] : m_fields) {
        if (f == field) {
            return v;
        }
    }
    return {};
}

void TransactionDetailModel::clear()
{
    ++m_generation;
    beginResetModel();
    m_fields.clear();
    m_id = 0;
    endResetModel();
}

void TransactionDetailModel::load(qint64 transactionId)
{
    const quint64 generation = ++m_generation;
    const TransactionRepository repository = m_repository;
    auto* watcher = new QFutureWatcher<DetailResult>(this);
    connect(watcher, &QFutureWatcher<DetailResult>::finished, this, [=, this] {
        watcher->deleteLater();
        if (generation != m_generation) {
            return;
        }
        const DetailResult result = watcher->result();
        if (result.error) {
            Q_EMIT errorOccurred(result.error->message());
            return;
        }
        show(*result.detail);
        Q_EMIT loaded(m_id);
    });
    watcher->setFuture(QtConcurrent::run(m_db->pool(), [=]() {
        DetailResult result;
        auto detail = repository.byId(transactionId);
        if (detail) {
            result.detail = std::move(detail).value();
        } else {
            result.error = detail.error();
        }
        return result;
    }));
}

void TransactionDetailModel::show(const TransactionDetail& d)
{
    const QLocale locale;
    const TransactionRow& r = d.row;
    auto date = [&](const QDate& v) { return v.isValid() ? v.toString(Qt::ISODate) : QString(); };
    QList<std::pair<QString, QString>> fields = {
        {tr("Transaction"), QString::number(r.id)},
        {tr("Amount"), r.amount.toDisplayString(locale)},
        {tr("Occurred"), locale.toString(r.occurredAt.toLocalTime(), QLocale::LongFormat)},
        {tr("Booking date"), date(r.bookingDate)},
        {tr("Value date"), date(d.valueDate)},
        {tr("Status"), r.status},
        {tr("Account"), r.accountName},
        {tr("Account IBAN"), d.accountIban},
        {tr("Counterparty"), r.counterparty},
        {tr("Counterparty account"), d.counterpartyAccount},
        {tr("Description"), r.description},
        {tr("Reference"), d.reference},
        {tr("End-to-end id"), d.endToEndId},
        {tr("Bank transaction code"), d.bankTxCode},
        {tr("Category"), r.category},
        {tr("Merchant category"), d.merchantCategory},
        {tr("Channel"), r.channel},
        {tr("Country"), r.country},
        {tr("Device"), d.deviceId},
        {tr("IP address"), d.ipAddress},
        {tr("Source"), d.source},
        {tr("External id"), d.externalId},
        {tr("Import batch"), d.importBatchId ? QString::number(*d.importBatchId) : QString()},
        {tr("Recorded"), locale.toString(d.createdAt.toLocalTime(), QLocale::ShortFormat)},
    };
    beginResetModel();
    m_fields = std::move(fields);
    m_id = r.id;
    endResetModel();
}

TransactionDetailModel::~TransactionDetailModel()
{
    waitForPendingWork(this);
}

} // namespace flowlet
