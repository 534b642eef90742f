#include "ApiEndpoints.h"
#include "ApiJson.h"
#include "PendingImports.h"
#include "ingest/ImportPresets.h"
#include "ingest/ImportService.h"
#include "ingest/StatementReader.h"
#include "ledger/AccountRepository.h"

#include <QJsonArray>

namespace flowlet::api::endpoints {

namespace {

struct UploadedFile
{
    QByteArray bytes;
    QString fileName;
};

QByteArray headerParameter(const QByteArray& header, const QByteArray& name)
{
    for (QByteArray part : header.split(';')) {
        part = part.trimmed();
        if (part.toLower().startsWith(name + '=')) {
            QByteArray value = part.mid(name.size() + 1).trimmed();
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"')) {
                value = value.mid(1, value.size() - 2);
            }
            return value;
        }
    }
    return {};
}

// The part named "file" of a multipart/form-data body (curl -F file=@statement.xml).
Result<UploadedFile> multipartFile(const QByteArray& body, const QByteArray& contentType)
{
    const QByteArray boundary = headerParameter(contentType, "boundary");
    if (boundary.isEmpty() || boundary.size() > 200) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("multipart body without a boundary"));
    }
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        const qsizetype partStart = pos + delimiter.size();
        if (body.mid(partStart, 2) == "--") {
            break; // the closing delimiter
        }
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", partStart);
        const qsizetype next = body.indexOf("\r\n" + delimiter, partStart);
        if (headersEnd < 0 || next < 0 || headersEnd > next) {
            break;
        }
        const QByteArray headers = body.mid(partStart, headersEnd - partStart);
        QByteArray disposition;
        for (const QByteArray& line : headers.split('\n')) {
            if (line.trimmed().toLower().startsWith("content-disposition:")) {
                disposition = line.trimmed().mid(int(sizeof("content-disposition:")) - 1);
            }
        }
        if (headerParameter(disposition, "name") == "file") {
            return UploadedFile{body.mid(headersEnd + 4, next - headersEnd - 4),
                                QString::fromUtf8(headerParameter(disposition, "filename"))};
        }
        pos = next + 2;
    }
    return Error(ErrorCode::InvalidArgument, QStringLiteral("the multipart body has no part named \"file\""));
}

QJsonObject countsJson(const ingest::LineCounts& counts)
{
    return QJsonObject{{QStringLiteral("new"), counts.added},
                       {QStringLiteral("duplicate"), counts.duplicate},
                       {QStringLiteral("possible_match"), counts.matched}};
}

QJsonObject previewJson(const ingest::ImportPlan& plan)
{
    QJsonArray statements;
    for (int i = 0; i < plan.statements.size(); ++i) {
        const ingest::PlannedStatement& s = plan.statements.at(i);
        statements.append(QJsonObject{
            {QStringLiteral("account_id"), s.accountId > 0 ? QJsonValue(s.accountId) : QJsonValue()},
            {QStringLiteral("account"), s.accountLabel},
            {QStringLiteral("currency"), s.accountCurrency},
            {QStringLiteral("balance_checked"), s.balanceChecked},
            {QStringLiteral("balance_matches"), s.balanceMatches},
            {QStringLiteral("balance_note"), s.balanceNote},
            {QStringLiteral("counts"), countsJson(plan.countsOf(i))},
        });
    }
    QJsonArray lines;
    for (const ingest::PlannedLine& l : plan.lines) {
        const ingest::StatementEntry& e = plan.entryOf(l);
        QJsonObject line{
            {QStringLiteral("statement"), l.statement},
            {QStringLiteral("source_line"), e.sourceLine},
            {QStringLiteral("booking_date"), dateText(e.bookingDate)},
            {QStringLiteral("amount"), amountText(e.amount)},
            {QStringLiteral("currency"), e.amount.currency().code()},
            {QStringLiteral("counterparty"), e.counterpartyName},
            {QStringLiteral("text"), e.remittanceText},
            {QStringLiteral("decision"), ingest::lineDecisionKey(l.decision)},
            {QStringLiteral("reason"), l.reason},
            {QStringLiteral("existing_transaction_id"),
             l.existingTransactionId > 0 ? QJsonValue(l.existingTransactionId) : QJsonValue()},
            {QStringLiteral("category"), l.categoryName.isEmpty() ? QJsonValue() : QJsonValue(l.categoryName)},
        };
        if (l.decision == ingest::LineDecision::Match) {
            line.insert(QStringLiteral("score"), l.score);
        }
        lines.append(line);
    }
    QJsonArray earlier;
    for (qint64 id : plan.earlierBatchesOfSameFile) {
        earlier.append(id);
    }
    return QJsonObject{
        {QStringLiteral("format"), plan.file.variant},
        {QStringLiteral("counts"), countsJson(plan.counts())},
        {QStringLiteral("balances_match"), plan.balancesMatch()},
        {QStringLiteral("earlier_imports_of_this_file"), earlier},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(plan.file.warnings)},
        {QStringLiteral("statements"), statements},
        {QStringLiteral("lines"), lines},
    };
}

Result<ApiResponse> committed(ingest::ImportService& service, const ingest::ImportPlan& plan)
{
    auto outcome = service.commit(plan);
    if (!outcome) {
        return outcome.error();
    }
    QJsonArray batches;
    for (qint64 id : outcome->batchIds) {
        batches.append(id);
    }
    return jsonResponse(QJsonObject{
                            {QStringLiteral("committed"), true},
                            {QStringLiteral("batch_ids"), batches},
                            {QStringLiteral("new"), outcome->rowsNew},
                            {QStringLiteral("duplicate"), outcome->rowsDuplicate},
                            {QStringLiteral("possible_match"), outcome->rowsMatched},
                            {QStringLiteral("transfers_linked"), outcome->transfersLinked},
                        },
                        201);
}

} // namespace

Result<ApiResponse> upload(ApiContext& c)
{
    const QUrlQuery& q = c.request.query;
    static const QSet<QString> allowed = {
        QStringLiteral("filename"),       QStringLiteral("account_id"),     QStringLiteral("create_account"),
        QStringLiteral("statement_only"), QStringLiteral("currency"),       QStringLiteral("accept_balance_mismatch"),
        QStringLiteral("commit"),         QStringLiteral("date_window"),    QStringLiteral("match_threshold"),
        QStringLiteral("preset"),
    };
    if (auto s = checkQueryKeys(q, allowed); !s) {
        return s.error();
    }
    UploadedFile file{c.request.body, q.queryItemValue(QStringLiteral("filename"), QUrl::FullyDecoded)};
    const QByteArray contentType = c.request.header("content-type");
    if (contentType.toLower().startsWith("multipart/form-data")) {
        auto part = multipartFile(c.request.body, contentType);
        if (!part) {
            return part.error();
        }
        if (file.fileName.isEmpty()) {
            file.fileName = part->fileName;
        }
        file.bytes = std::move(part->bytes);
    }
    if (file.bytes.isEmpty()) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the upload is empty: send the statement file as the body"));
    }
    if (file.fileName.isEmpty()) {
        file.fileName = QStringLiteral("upload");
    }
    // Only the name counts (a tie-breaker for the format); never a path on this machine.
    file.fileName = file.fileName.section(u'/', -1).section(u'\\', -1).left(200);

    ingest::ImportOptions options;
    auto account = optionalId(q, QStringLiteral("account_id"));
    auto create = boolParameter(q, QStringLiteral("create_account"), false);
    auto statementOnly = boolParameter(q, QStringLiteral("statement_only"), false);
    auto acceptMismatch = boolParameter(q, QStringLiteral("accept_balance_mismatch"), false);
    auto commit = boolParameter(q, QStringLiteral("commit"), false);
    auto window = intParameter(q, QStringLiteral("date_window"), options.matching.dateWindowDays, 0, 60);
    auto threshold = intParameter(q, QStringLiteral("match_threshold"), options.matching.matchThreshold, 1, 101);
    for (const Status& s : {account ? Status() : Status(account.error()), create ? Status() : Status(create.error()),
                            statementOnly ? Status() : Status(statementOnly.error()),
                            acceptMismatch ? Status() : Status(acceptMismatch.error()),
                            commit ? Status() : Status(commit.error()), window ? Status() : Status(window.error()),
                            threshold ? Status() : Status(threshold.error())}) {
        if (!s) {
            return s.error();
        }
    }
    options.accountId = *account;
    options.createMissingAccounts = *create;
    options.statementOnly = *statementOnly;
    options.matching.dateWindowDays = *window;
    options.matching.matchThreshold = *threshold;

    QString currency = q.queryItemValue(QStringLiteral("currency"), QUrl::FullyDecoded).toUpper();
    if (!currency.isEmpty() && !Currency::fromCode(currency)) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("\"currency\" must be an ISO 4217 code"));
    }
    if (currency.isEmpty() && options.accountId) {
        auto found = AccountRepository(c.db).byId(*options.accountId);
        if (!found) {
            return found.error();
        }
        if (!*found) {
            return Error(ErrorCode::NotFound, QStringLiteral("account %1 does not exist").arg(*options.accountId));
        }
        currency = (*found)->currency;
    }
    // A CSV file is read with the bank preset named, else with the one that recognises its header,
    // as in the window.
    auto mapping = ingest::ImportPresets(c.db, c.principal.actor())
                       .mappingFor(file.bytes, file.fileName, q.queryItemValue(QStringLiteral("preset"), QUrl::FullyDecoded));
    if (!mapping) {
        return mapping.error();
    }
    auto statement = ingest::readStatement(file.bytes, file.fileName, *mapping, currency);
    if (!statement) {
        return statement.error();
    }
    ingest::ImportService service(c.db, c.principal.actor());
    auto plan = service.plan(std::move(*statement), ingest::ImportService::fileHash(file.bytes), options);
    if (!plan) {
        return plan.error();
    }
    plan->balanceMismatchAccepted = *acceptMismatch;
    if (*commit) {
        return committed(service, *plan);
    }
    QJsonObject preview = previewJson(*plan);
    auto pending = c.imports.keep(c.principal.keyId, std::move(*plan));
    if (!pending) {
        return pending.error();
    }
    preview.insert(QStringLiteral("committed"), false);
    preview.insert(QStringLiteral("import_token"), pending->token);
    preview.insert(QStringLiteral("expires_at"), timestampText(pending->expiresAt));
    preview.insert(QStringLiteral("commit_path"),
                   QStringLiteral("/api/transactions/upload/%1/commit").arg(pending->token));
    return jsonResponse(preview);
}

Result<ApiResponse> commitUpload(ApiContext& c)
{
    if (auto s = checkQueryKeys(c.request.query, {}); !s) {
        return s.error();
    }
    if (!c.request.body.trimmed().isEmpty()) {
        if (auto body = jsonBody(c.request, {}); !body) {
            return body.error();
        }
    }
    auto plan = c.imports.take(c.principal.keyId, c.request.pathParameters.value(QStringLiteral("token")));
    if (!plan) {
        return plan.error();
    }
    ingest::ImportService service(c.db, c.principal.actor());
    return committed(service, **plan);
}

} // namespace flowlet::api::endpoints
