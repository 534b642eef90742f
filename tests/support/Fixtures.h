#pragma once

#include "db/BulkWriter.h"
#include "db/Database.h"

namespace flowlet::test {

// A small, exactly known transactions table: `count` rows on two accounts, timestamps that repeat
// (so that keyset paging must break ties by id), amounts alternating in sign, and a few rows
// whose text contains LIKE's special characters.
//   row i (1-based): account 1 + i % 2, occurred at 2026-01-01 + (i / 3) hours,
//   amount (i * 1.25) EUR, negative for even i; description "Payment i", counterparty "Party i % 7".
// Rows 5 and 6 say "50% off" and "under_score".
inline Status insertFixtureTransactions(Database& db, int count)
{
    return db.transaction([&](QSqlDatabase& conn) -> Status {
        QSqlQuery q(conn);
        if (!q.exec(QStringLiteral("INSERT INTO customers (id, external_ref, full_name) VALUES (1, 'C1', 'Ada Lovelace')"))
            || !q.exec(QStringLiteral("INSERT INTO accounts (id, customer_id, kind, name, iban, currency) VALUES "
                                      "(1, 1, 'current', 'Main', 'DE89370400440532013000', 'EUR'), "
                                      "(2, 1, 'wallet', 'Wallet', NULL, 'EUR')"))) {
            return Database::queryError(q);
        }
        auto w = BulkWriter::create(db.dialect(), conn, QStringLiteral("transactions"),
                                    {QStringLiteral("id"), QStringLiteral("account_id"), QStringLiteral("occurred_at"),
                                     QStringLiteral("booking_date"), QStringLiteral("amount_micros"),
                                     QStringLiteral("currency"), QStringLiteral("description"),
                                     QStringLiteral("counterparty"), QStringLiteral("reference"),
                                     QStringLiteral("channel"), QStringLiteral("source")});
        if (!w) {
            return w.error();
        }
        const qint64 base = daysFromCivil(2026, 1, 1) * 86400;
        for (int i = 1; i <= count; ++i) {
            const qint64 ts = base + (i / 3) * 3600;
            (*w)->addInt(i);
            (*w)->addInt(1 + i % 2);
            (*w)->addTimestamp(ts);
            (*w)->addDate(ts / 86400);
            (*w)->addInt((i % 2 == 0 ? -1 : 1) * i * 1'250'000LL);
            (*w)->addText("EUR");
            QByteArray description = "Payment " + QByteArray::number(i);
            if (i == 5) {
                description = "50% off";
            } else if (i == 6) {
                description = "under_score";
            }
            (*w)->addText(description);
            (*w)->addText("Party " + QByteArray::number(i % 7));
            (*w)->addText("REF-" + QByteArray::number(i));
            (*w)->addText("sepa");
            (*w)->addText("manual");
            if (auto s = (*w)->endRow(); !s) {
                return s;
            }
        }
        if (auto s = (*w)->finish(); !s) {
            return s;
        }
        const QString reset = db.dialect().resetIdentitySql(QStringLiteral("transactions"));
        if (!reset.isEmpty() && !q.exec(reset)) {
            return Database::queryError(q);
        }
        return {};
    });
}

} // namespace flowlet::test
