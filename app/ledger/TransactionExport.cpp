#include "TransactionExport.h"

#include "TransactionRepository.h"
#include "auth/Authorization.h"
#include "auth/Permissions.h"
#include "core/CsvWriter.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace flowlet {

namespace {

constexpr int kPageRows = 5000;

} // namespace

TransactionExport::TransactionExport(DatabasePtr db, Actor actor)
    : m_db(std::move(db))
    , m_actor(std::move(actor))
{
}

QStringList TransactionExport::csvHeader()
{
    return {QStringLiteral("id"),         QStringLiteral("occurred_at"), QStringLiteral("booking_date"),
            QStringLiteral("account"),    QStringLiteral("counterparty"), QStringLiteral("description"),
            QStringLiteral("amount"),     QStringLiteral("currency"),     QStringLiteral("category"),
            QStringLiteral("channel"),    QStringLiteral("country"),      QStringLiteral("status")};
}

Result<qint64> TransactionExport::writeCsv(const TransactionFilter& filter, const TransactionSort& sort,
                                           QIODevice& out, const Progress& progress) const
{
    if (auto allowed = requirePermission(*m_db, m_actor, Permission::TransactionsExport); !allowed) {
        return allowed.error();
    }
    CsvWriter csv(out);
    if (auto s = csv.writeHeader(csvHeader()); !s) {
        return s.error();
    }
    const TransactionRepository repository(m_db);
    std::optional<TransactionCursor> cursor;
    qint64 written = 0;
    for (;;) {
        auto page = repository.page(filter, sort, PageDirection::Forward, cursor, kPageRows);
        if (!page) {
            return page.error();
        }
        for (const TransactionRow& r : *page) {
            csv.addRow({
                QString::number(r.id),
                r.occurredAt.toUTC().toString(Qt::ISODateWithMs),
                r.bookingDate.toString(Qt::ISODate),
                CsvWriter::field(r.accountName),
                CsvWriter::field(r.counterparty),
                CsvWriter::field(r.description),
                CsvWriter::field(r.amount.toString(), false),
                r.amount.currency().code(),
                CsvWriter::field(r.category),
                CsvWriter::field(r.channel),
                CsvWriter::field(r.country),
                CsvWriter::field(r.status),
            });
        }
        if (auto s = csv.flush(); !s) {
            return s.error();
        }
        written += page->size();
        if (progress && !progress(written)) {
            return Error(ErrorCode::Cancelled, QStringLiteral("the export was cancelled"));
        }
        if (page->size() < kPageRows) {
            break;
        }
        cursor = page->last().cursor;
    }

    // The record of what left the workstation: which rows (the filter) and how many.
    QJsonObject after{{QStringLiteral("filter"), filterToJson(filter)},
                      {QStringLiteral("rows"), QString::number(written)},
                      {QStringLiteral("format"), QStringLiteral("csv")}};
    const QString afterJson = QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact));
    const bool throughServer = m_db->actsThroughServer();
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        return AuditLog::record(c, m_db->dialect(), throughServer, m_actor, QStringLiteral("transactions.exported"),
                                QStringLiteral("transactions"), QString(), afterJson);
    });
    if (!status) {
        return status.error();
    }
    return written;
}

} // namespace flowlet
