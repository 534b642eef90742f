#pragma once

#include "core/Money.h"
#include "core/Result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVariant>

#include <optional>

namespace flowlet {

// What the transactions browser (and later the API) asks for. Every field narrows; an empty
// filter matches everything.
struct TransactionFilter
{
    QDate from;                        // booking date, inclusive
    QDate to;                          // booking date, inclusive
    std::optional<qint64> minAbsMicros; // |amount| >= this
    std::optional<qint64> maxAbsMicros; // |amount| <= this
    QString text;                      // in description, counterparty or reference
    std::optional<qint64> accountId;
    std::optional<qint64> categoryId; // transactions of this category
    bool uncategorised = false;        // only transactions without a category (categoryId is then ignored)

    bool operator==(const TransactionFilter&) const = default;
};

// The filter as JSON (saved views, audit entries, the API): absent keys are unset; amounts are
// decimal text. fromJson refuses unknown keys and values that do not parse, naming the key.
QJsonObject filterToJson(const TransactionFilter& filter);
Result<TransactionFilter> filterFromJson(const QJsonObject& json);

enum class TransactionSortKey { OccurredAt, Amount, Id };

struct TransactionSort
{
    TransactionSortKey key = TransactionSortKey::OccurredAt;
    bool descending = true; // newest first is what people expect of a statement

    bool operator==(const TransactionSort&) const = default;
};

// Where a keyset page starts: the sort key and id of the row it continues after (or before).
struct TransactionCursor
{
    QVariant key;
    qint64 id = 0;
};

enum class PageDirection {
    Forward,  // rows after the cursor in sort order (from the start without one)
    Backward, // rows before the cursor (from the end without one), returned in sort order
};

// One row as the browser lists it.
struct TransactionRow
{
    qint64 id = 0;
    qint64 accountId = 0;
    QString accountName;
    QDateTime occurredAt;
    QDate bookingDate;
    Money amount;
    QString counterparty;
    QString description;
    QString category;
    QString channel;
    QString country;
    QString status;
    TransactionCursor cursor;
};

// Everything about one transaction, for the detail pane.
struct TransactionDetail
{
    TransactionRow row;
    QString accountIban;
    QDate valueDate;
    QString counterpartyAccount;
    QString reference;
    QString endToEndId;
    QString bankTxCode;
    QString merchantCategory;
    QString deviceId;
    QString ipAddress;
    QString source;
    QString externalId;
    QString fingerprint;
    std::optional<qint64> importBatchId;
    QDateTime createdAt;
};

} // namespace flowlet
