#include "TransactionQuery.h"

#include <QJsonValue>
#include <QSet>

namespace flowlet {

namespace {

const QString kFrom = QStringLiteral("from");
const QString kTo = QStringLiteral("to");
const QString kMinAbs = QStringLiteral("min_abs_amount");
const QString kMaxAbs = QStringLiteral("max_abs_amount");
const QString kText = QStringLiteral("text");
const QString kAccount = QStringLiteral("account_id");
const QString kCategory = QStringLiteral("category_id");
const QString kUncategorised = QStringLiteral("uncategorised");

Error badKey(const QString& key, const QString& expected)
{
    return Error(ErrorCode::InvalidArgument, QStringLiteral("filter \"%1\": expected %2").arg(key, expected));
}

// Ids travel as JSON numbers or as decimal text (a script may quote them); both must be whole and positive.
Result<qint64> idFrom(const QJsonValue& value, const QString& key)
{
    qint64 id = 0;
    if (value.isDouble()) {
        const double d = value.toDouble();
        id = static_cast<qint64>(d);
        if (static_cast<double>(id) != d) {
            return badKey(key, QStringLiteral("a whole number"));
        }
    } else if (value.isString()) {
        bool ok = false;
        id = value.toString().toLongLong(&ok);
        if (!ok) {
            return badKey(key, QStringLiteral("a whole number"));
        }
    } else {
        return badKey(key, QStringLiteral("a whole number"));
    }
    if (id <= 0) {
        return badKey(key, QStringLiteral("a positive id"));
    }
    return id;
}

Result<QDate> dateFrom(const QJsonValue& value, const QString& key)
{
    const QDate date = QDate::fromString(value.toString(), Qt::ISODate);
    if (!value.isString() || !date.isValid()) {
        return badKey(key, QStringLiteral("a date as YYYY-MM-DD"));
    }
    return date;
}

// Amounts are decimal text, never JSON numbers: a binary fraction is not an amount.
Result<qint64> amountFrom(const QJsonValue& value, const QString& key)
{
    if (!value.isString()) {
        return badKey(key, QStringLiteral("an amount as decimal text, e.g. \"12.50\""));
    }
    auto micros = Money::parseMicros(value.toString());
    if (!micros || *micros < 0) {
        return badKey(key, QStringLiteral("a non-negative amount as decimal text, e.g. \"12.50\""));
    }
    return *micros;
}

QString microsText(qint64 micros)
{
    // Money's canonical text without a currency: the same digits for every currency.
    return Money::fromMicros(micros, *Currency::fromCode(u"XXX")).toString();
}

} // namespace

QJsonObject filterToJson(const TransactionFilter& filter)
{
    QJsonObject json;
    if (filter.from.isValid()) {
        json.insert(kFrom, filter.from.toString(Qt::ISODate));
    }
    if (filter.to.isValid()) {
        json.insert(kTo, filter.to.toString(Qt::ISODate));
    }
    if (filter.minAbsMicros) {
        json.insert(kMinAbs, microsText(*filter.minAbsMicros));
    }
    if (filter.maxAbsMicros) {
        json.insert(kMaxAbs, microsText(*filter.maxAbsMicros));
    }
    if (!filter.text.isEmpty()) {
        json.insert(kText, filter.text);
    }
    if (filter.accountId) {
        json.insert(kAccount, QString::number(*filter.accountId));
    }
    if (filter.uncategorised) {
        json.insert(kUncategorised, true);
    } else if (filter.categoryId) {
        json.insert(kCategory, QString::number(*filter.categoryId));
    }
    return json;
}

Result<TransactionFilter> filterFromJson(const QJsonObject& json)
{
    static const QSet<QString> known{kFrom, kTo, kMinAbs, kMaxAbs, kText, kAccount, kCategory, kUncategorised};
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key())) {
            return Error(ErrorCode::InvalidArgument, QStringLiteral("filter: unknown key \"%1\"").arg(it.key()));
        }
    }
    TransactionFilter f;
    if (json.contains(kFrom)) {
        auto d = dateFrom(json.value(kFrom), kFrom);
        if (!d) {
            return d.error();
        }
        f.from = *d;
    }
    if (json.contains(kTo)) {
        auto d = dateFrom(json.value(kTo), kTo);
        if (!d) {
            return d.error();
        }
        f.to = *d;
    }
    if (json.contains(kMinAbs)) {
        auto a = amountFrom(json.value(kMinAbs), kMinAbs);
        if (!a) {
            return a.error();
        }
        f.minAbsMicros = *a;
    }
    if (json.contains(kMaxAbs)) {
        auto a = amountFrom(json.value(kMaxAbs), kMaxAbs);
        if (!a) {
            return a.error();
        }
        f.maxAbsMicros = *a;
    }
    if (json.contains(kText)) {
        if (!json.value(kText).isString()) {
            return badKey(kText, QStringLiteral("text"));
        }
        f.text = json.value(kText).toString();
    }
    if (json.contains(kAccount)) {
        auto id = idFrom(json.value(kAccount), kAccount);
        if (!id) {
            return id.error();
        }
        f.accountId = *id;
    }
    if (json.contains(kCategory)) {
        auto id = idFrom(json.value(kCategory), kCategory);
        if (!id) {
            return id.error();
        }
        f.categoryId = *id;
    }
    if (json.contains(kUncategorised)) {
        if (!json.value(kUncategorised).isBool()) {
            return badKey(kUncategorised, QStringLiteral("true or false"));
        }
        f.uncategorised = json.value(kUncategorised).toBool();
    }
    return f;
}

} // namespace flowlet
