#include "TransactionExport.h"

#include "TransactionRepository.h"
#include "auth/Authorization.h"
#include "auth/Permissions.h"

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

QString TransactionExport::csvField(const QString& value, bool text)
{
    QString v = value;
    if (text && !v.isEmpty()) {
        const QChar first = v.front();
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r') {
            v.prepend(u'\'');
        }
    }
    if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r')) {
        v.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return u'"' + v + u'"';
    }
    return v;
}

Result<qint64> TransactionExport::writeCsv(const TransactionFilter& filter, const TransactionSort& sort,
                                           QIODevice& out, const Progress& progress) const
{
    auto write = [&out](const QString& line) -> Status {
        const QByteArray bytes = line.toUtf8();
        if (out.write(bytes) != bytes.size()) {
            return Error(ErrorCode::IoError, QStringLiteral("could not write the export: %1").arg(out.errorString()));
        }
        return {};
    };

    if (auto allowed = requirePermission(*m_db, m_actor, Permission::TransactionsExport); !allowed) {
        return allowed.error();
    }
    if (auto s = write(QStringLiteral("\uFEFF") + csvHeader().join(u',') + QStringLiteral("\r\n")); !s) {
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
        QString chunk;
        chunk.reserve(page->size() * 160);
        for (const TransactionRow& r : *page) {
            const QStringList fields{
                QString::number(r.id),
                r.occurredAt.toUTC().toString(Qt::ISODateWithMs),
                r.bookingDate.toString(Qt::ISODate),
                csvField(r.accountName),
                csvField(r.counterparty),
                csvField(r.description),
                csvField(r.amount.toString(), false),
                r.amount.currency().code(),
                csvField(r.category),
                csvField(r.channel),
                csvField(r.country),
                csvField(r.status),
            };
            chunk += fields.join(u',');
            chunk += QStringLiteral("\r\n");
        }
        if (auto s = write(chunk); !s) {
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
