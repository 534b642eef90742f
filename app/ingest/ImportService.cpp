#include "ImportService.h"

#include "auth/Authorization.h"
#include "auth/Permissions.h"
#include "core/Clock.h"
#include "core/Iban.h"
#include "core/Logging.h"
#include "db/BulkWriter.h"
#include "ledger/AccountRepository.h"
#include "ledger/Categorisation.h"
#include "ledger/ReconciliationMatcher.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace flowlet::ingest {

namespace {

constexpr qint64 kProgressEvery = 4096;

qint64 epochDays(const QDate& date)
{
    static const QDate epoch(1970, 1, 1);
    return epoch.daysTo(date);
}

QVariant nullableText(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

QVariant nullableInt(const std::optional<qint64>& v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
}

// Lower case, one space between words, no punctuation at the edges: how two renderings of the
// same bank text compare equal ("AMAZON  EU S.a.r.L" vs "amazon eu s.a.r.l").
QString normalised(QStringView text)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (QChar ch : text) {
        if (ch.isSpace() || ch == u'\u00AD') {
            space = !out.isEmpty();
            continue;
        }
        if (space) {
            out += u' ';
            space = false;
        }
        out += ch.toCaseFolded();
    }
    return out;
}

// 0..30 by the share of words two texts have in common (the reconciliation matcher's measure).
int textScore(const QStringList& a, const QStringList& b)
{
    return 30 * ReconciliationMatcher::wordOverlapPercent(a, b) / 100;
}

int dateScore(qint64 daysApart, int window)
{
    if (daysApart == 0) {
        return 40;
    }
    if (daysApart == 1) {
        return 30;
    }
    if (window <= 1) {
        return 0;
    }
    // Linearly from 30 at one day to 10 at the window's edge.
    return int(30 - 20 * (daysApart - 1) / std::max(1, window - 1));
}

QString channelFor(const StatementEntry& e)
{
    const QString code = e.bankTransactionCode.toUpper();
    if (code == u"POS" || code.contains(QStringLiteral("CCRD")) || code.contains(QStringLiteral("POSD")) ||
        !e.merchantCategory.isEmpty()) {
        return QStringLiteral("card");
    }
    if (code == u"ATM" || code.contains(QStringLiteral("CWDL"))) {
        return QStringLiteral("atm");
    }
    if (code.startsWith(QStringLiteral("PMNT")) || code.startsWith(u'N') || !e.endToEndId.isEmpty()) {
        return QStringLiteral("sepa");
    }
    return QStringLiteral("other");
}

QString descriptionOf(const StatementEntry& e)
{
    if (!e.remittanceText.isEmpty()) {
        return e.remittanceText;
    }
    if (!e.counterpartyName.isEmpty()) {
        return e.counterpartyName;
    }
    return e.bankTransactionCode;
}

// The columns transactions and statement_lines share, in this order, and their values.
const QStringList kStatementColumns = {
    QStringLiteral("booking_date"), QStringLiteral("value_date"),           QStringLiteral("amount_micros"),
    QStringLiteral("currency"),     QStringLiteral("description"),          QStringLiteral("counterparty"),
    QStringLiteral("counterparty_account"), QStringLiteral("reference"),    QStringLiteral("end_to_end_id"),
    QStringLiteral("bank_tx_code"),
};

void addStatementFields(BulkWriter& w, const StatementEntry& e, qint64 micros)
{
    w.addDate(epochDays(e.bookingDate));
    if (e.valueDate.isValid()) {
        w.addDate(epochDays(e.valueDate));
    } else {
        w.addNull();
    }
    w.addInt(micros);
    w.addText(e.amount.currency().code());
    w.addText(descriptionOf(e));
    w.addOptionalText(e.counterpartyName);
    w.addOptionalText(e.counterpartyAccount);
    w.addOptionalText(e.reference);
    w.addOptionalText(e.endToEndId);
    w.addOptionalText(e.bankTransactionCode);
}

struct Candidate
{
    qint64 id = 0;
    qint64 day = 0;
    QString reference;
    QString endToEndId;
    QStringList words;
};

} // namespace

// What earlier imports already stored for one account, in the date range of the new lines.
struct ImportService::Existing
{
    QHash<QString, qint64> bankIds;              // bank id -> transaction (0 for statement-only lines)
    QHash<QString, QList<qint64>> fingerprints;  // fingerprint -> transactions, one per stored line
    QMultiHash<qint64, Candidate> candidates;    // amount -> book transactions that no line has claimed
};

QString lineDecisionKey(LineDecision decision)
{
    switch (decision) {
    case LineDecision::New:
        return QStringLiteral("new");
    case LineDecision::Duplicate:
        return QStringLiteral("duplicate");
    case LineDecision::Match:
        return QStringLiteral("match");
    case LineDecision::Statement:
        return QStringLiteral("statement");
    }
    return QStringLiteral("new");
}

int ImportPlan::count(LineDecision decision) const
{
    return int(std::count_if(lines.cbegin(), lines.cend(), [&](const PlannedLine& l) { return l.decision == decision; }));
}

namespace {

LineCounts countLines(const QList<PlannedLine>& lines, int first, int count)
{
    LineCounts c;
    for (int li = first; li < first + count; ++li) {
        const LineDecision decision = lines.at(li).decision;
        c.added += decision == LineDecision::New || decision == LineDecision::Statement;
        c.duplicate += decision == LineDecision::Duplicate;
        c.matched += decision == LineDecision::Match;
    }
    return c;
}

} // namespace

LineCounts ImportPlan::counts() const
{
    return countLines(lines, 0, int(lines.size()));
}

LineCounts ImportPlan::countsOf(int statement) const
{
    const PlannedStatement& ps = statements.at(statement);
    return countLines(lines, ps.firstLine, ps.lineCount);
}

bool ImportPlan::balancesMatch() const
{
    return std::all_of(statements.cbegin(), statements.cend(), [](const PlannedStatement& s) { return s.balanceMatches; });
}

ImportService::ImportService(DatabasePtr db, Actor actor)
    : m_db(std::move(db))
    , m_actor(std::move(actor))
    , m_throughServer(m_db->actsThroughServer())
{
}

QByteArray ImportService::fileHash(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

QString ImportService::fingerprint(const StatementEntry& e)
{
    const QString key = e.bookingDate.toString(Qt::ISODate) + u'\x1f' + e.amount.toString() + u'\x1f' +
                        normalised(e.counterpartyName) + u'\x1f' + normalised(e.remittanceText) + u'\x1f' +
                        normalised(e.reference);
    return QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(24));
}

Result<ImportPlan> ImportService::plan(StatementFile file, const QByteArray& sha256, const ImportOptions& options,
                                       const ImportProgress& progress) const
{
    ImportPlan plan;
    plan.file = std::move(file);
    plan.sha256 = sha256;
    plan.statementOnly = options.statementOnly;
    if (plan.file.statements.isEmpty() || plan.file.entryCount() == 0) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1: the statement has no entries").arg(plan.file.fileName));
    }
    auto newest = m_db->exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM import_batches"));
    if (!newest || !newest->next()) {
        return newest ? Error(ErrorCode::DatabaseQuery, QStringLiteral("no import batches to read")) : newest.error();
    }
    plan.newestBatchAtPlan = newest->value(0).toLongLong();
    newest->finish();
    auto earlier = m_db->exec(QStringLiteral("SELECT id FROM import_batches WHERE file_sha256 = ? AND status = 'committed' "
                                             "ORDER BY id"),
                              {QString::fromLatin1(sha256)});
    if (!earlier) {
        return earlier.error();
    }
    while (earlier->next()) {
        plan.earlierBatchesOfSameFile.append(earlier->value(0).toLongLong());
    }
    if (auto s = resolveAccounts(plan, options); !s) {
        return s.error();
    }
    if (auto s = checkBalances(plan); !s) {
        return s.error();
    }
    if (auto s = classify(plan, options, progress); !s) {
        return s.error();
    }
    if (!options.statementOnly) {
        if (auto s = linkTransfers(plan, options); !s) {
            return s.error();
        }
        if (auto s = categorise(plan); !s) {
            return s.error();
        }
    }
    return plan;
}

Status ImportService::resolveAccounts(ImportPlan& plan, const ImportOptions& options) const
{
    const QString& fileName = plan.file.fileName;
    const AccountRepository accounts(m_db);
    for (const Statement& st : std::as_const(plan.file.statements)) {
        PlannedStatement ps;
        if (!options.accountId && st.account.identifier().isEmpty()) {
            return Error(ErrorCode::NotFound,
                         QStringLiteral("%1: the file does not say which account it is for; choose the account "
                                        "(--account ID)")
                             .arg(fileName));
        }
        auto found = options.accountId ? accounts.byId(*options.accountId)
                                       : accounts.byIdentifier(st.account.iban, st.account.number);
        if (!found) {
            return found.error();
        }
        const QString currency = !st.account.currency.isEmpty()        ? st.account.currency
                                 : st.entries.isEmpty()                ? QString()
                                                                       : st.entries.first().amount.currency().code();
        if (*found) {
            ps.accountId = (*found)->id;
            ps.accountCurrency = (*found)->currency;
            ps.accountLabel = (*found)->label();
        } else if (options.accountId) {
            return Error(ErrorCode::NotFound, QStringLiteral("there is no account #%1 in this workspace").arg(*options.accountId));
        } else if (options.createMissingAccounts) {
            ps.accountId = 0;
            ps.accountCurrency = currency;
            ps.accountLabel = QStringLiteral("%1 (new account, %2)").arg(st.account.identifier(), currency);
        } else {
            return Error(ErrorCode::NotFound,
                         QStringLiteral("%1: the statement is for account %2, which is not in this workspace; create "
                                        "it (--create-account) or choose an account (--account ID)")
                             .arg(fileName, st.account.identifier()));
        }
        for (const StatementEntry& e : st.entries) {
            if (e.amount.currency().code() != ps.accountCurrency) {
                return Error(ErrorCode::CurrencyMismatch,
                             QStringLiteral("%1, line %2: the entry is in %3 but account %4 is kept in %5")
                                 .arg(fileName)
                                 .arg(e.sourceLine)
                                 .arg(e.amount.currency().code(), ps.accountLabel, ps.accountCurrency));
            }
        }
        plan.statements.append(ps);
    }
    return {};
}

Status ImportService::checkBalances(ImportPlan& plan) const
{
    for (int i = 0; i < plan.statements.size(); ++i) {
        const Statement& st = plan.file.statements.at(i);
        PlannedStatement& ps = plan.statements[i];
        if (!st.openingBalance || !st.closingBalance) {
            ps.balanceNote = st.closingBalance ? QStringLiteral("closing balance %1 (the file has no opening balance)")
                                                     .arg(st.closingBalance->toDisplayString(QLocale::c()))
                                               : QStringLiteral("the file has no balances to check");
            continue;
        }
        Money sum = *st.openingBalance;
        Money moved = Money::fromMicros(0, st.openingBalance->currency());
        for (const StatementEntry& e : st.entries) {
            if (e.pending) {
                continue;
            }
            auto next = sum.plus(e.amount);
            auto total = moved.plus(e.amount);
            if (!next || !total) {
                return (next ? total.error() : next.error()).wrapped(plan.file.fileName);
            }
            sum = *next;
            moved = *total;
        }
        ps.balanceChecked = true;
        ps.balanceMatches = sum == *st.closingBalance;
        ps.balanceNote = ps.balanceMatches
                             ? QStringLiteral("opening %1 + entries %2 = closing %3")
                                   .arg(st.openingBalance->toString(), moved.toString(), st.closingBalance->toDisplayString(QLocale::c()))
                             : QStringLiteral("the balances do not add up: opening %1 + entries %2 = %3, but the file "
                                              "says the closing balance is %4; the file may be incomplete")
                                   .arg(st.openingBalance->toString(), moved.toString(), sum.toString(),
                                        st.closingBalance->toDisplayString(QLocale::c()));
    }
    return {};
}

Status ImportService::classify(ImportPlan& plan, const ImportOptions& options, const ImportProgress& progress) const
{
    const SqlDialect& d = m_db->dialect();
    const int window = std::max(0, options.matching.dateWindowDays);
    const qint64 total = plan.file.entryCount();
    qint64 done = 0;
    int pending = 0;

    // Lines of one account are judged together, also across the statements of one file.
    QHash<qint64, QList<int>> statementsOfAccount;
    for (int i = 0; i < plan.statements.size(); ++i) {
        statementsOfAccount[plan.statements[i].accountId].append(i);
    }
    QList<PlannedLine> lines;
    QHash<int, QList<int>> linesOfStatement;
    for (auto it = statementsOfAccount.cbegin(); it != statementsOfAccount.cend(); ++it) {
        const qint64 accountId = it.key();
        QDate lo, hi;
        for (int si : it.value()) {
            for (const StatementEntry& e : plan.file.statements.at(si).entries) {
                lo = !lo.isValid() || e.bookingDate < lo ? e.bookingDate : lo;
                hi = !hi.isValid() || e.bookingDate > hi ? e.bookingDate : hi;
            }
        }
        Existing existing;
        if (accountId != 0 && lo.isValid()) {
            const QVariant from = d.dateValue(lo.addDays(-window));
            const QVariant to = d.dateValue(hi.addDays(window));
            auto stored = m_db->exec(
                QStringLiteral("SELECT t.id, t.external_id, t.fingerprint FROM transactions t "
                               "JOIN import_batches b ON b.id = t.import_batch_id "
                               "WHERE t.account_id = ? AND t.booking_date BETWEEN ? AND ? AND b.status = 'committed' "
                               "UNION ALL "
                               "SELECT COALESCE(l.transaction_id, 0), l.bank_id, l.fingerprint FROM statement_lines l "
                               "JOIN import_batches b ON b.id = l.batch_id "
                               "WHERE l.account_id = ? AND l.booking_date BETWEEN ? AND ? AND b.status = 'committed' "
                               "AND l.decision <> 'duplicate'"),
                {accountId, from, to, accountId, from, to});
            if (!stored) {
                return stored.error();
            }
            while (stored->next()) {
                const qint64 id = stored->value(0).toLongLong();
                const QString bankId = stored->value(1).toString();
                if (!bankId.isEmpty()) {
                    existing.bankIds.insert(bankId, id);
                }
                existing.fingerprints[stored->value(2).toString()].append(id);
            }
            if (!options.statementOnly) {
                auto book = m_db->exec(
                    QStringLiteral("SELECT t.id, t.booking_date, t.amount_micros, t.description, t.counterparty, "
                                   "t.reference, t.end_to_end_id FROM transactions t "
                                   "WHERE t.account_id = ? AND t.booking_date BETWEEN ? AND ? "
                                   "AND t.import_batch_id IS NULL AND NOT EXISTS (SELECT 1 FROM statement_lines l "
                                   "JOIN import_batches b ON b.id = l.batch_id WHERE l.transaction_id = t.id "
                                   "AND l.decision = 'match' AND b.status = 'committed')"),
                    {accountId, from, to});
                if (!book) {
                    return book.error();
                }
                while (book->next()) {
                    Candidate c;
                    c.id = book->value(0).toLongLong();
                    c.day = epochDays(d.dateFrom(book->value(1)));
                    c.reference = book->value(5).toString();
                    c.endToEndId = book->value(6).toString();
                    c.words = ReconciliationMatcher::wordsOf(book->value(3).toString() + u' ' + book->value(4).toString());
                    existing.candidates.insert(book->value(2).toLongLong(), c);
                }
            }
        }

        QHash<QString, int> seenFingerprints;
        QHash<QString, QString> seenBankIds; // bank id -> fingerprint of its first line in this file
        QSet<qint64> claimed;
        for (int si : it.value()) {
            const Statement& st = plan.file.statements.at(si);
            for (int ei = 0; ei < st.entries.size(); ++ei) {
                const StatementEntry& e = st.entries.at(ei);
                if (progress && ++done % kProgressEvery == 0 && !progress(done, total)) {
                    return Error(ErrorCode::Cancelled, QStringLiteral("the import was cancelled"));
                }
                if (e.pending) {
                    ++pending;
                    continue;
                }
                PlannedLine pl;
                pl.statement = si;
                pl.entry = ei;
                pl.fingerprint = fingerprint(e);
                const int occurrence = ++seenFingerprints[pl.fingerprint];
                const QList<qint64> storedSame = existing.fingerprints.value(pl.fingerprint);
                if (!e.bankId.isEmpty() && existing.bankIds.contains(e.bankId)) {
                    pl.decision = LineDecision::Duplicate;
                    pl.existingTransactionId = existing.bankIds.value(e.bankId);
                    pl.reason = QStringLiteral("the bank's id %1 was imported before").arg(e.bankId);
                } else if (!e.bankId.isEmpty() && seenBankIds.contains(e.bankId) &&
                           seenBankIds.value(e.bankId) == pl.fingerprint) {
                    pl.decision = LineDecision::Duplicate;
                    pl.reason = QStringLiteral("the same entry (bank id %1) appears twice in this file").arg(e.bankId);
                } else if (e.bankId.isEmpty() && occurrence <= storedSame.size()) {
                    // Identical rows are counted, not collapsed: the third identical coffee of a day
                    // is new when only two were stored before.
                    pl.decision = LineDecision::Duplicate;
                    pl.existingTransactionId = storedSame.at(occurrence - 1);
                    pl.reason = storedSame.size() == 1
                                    ? QStringLiteral("identical to a line imported before")
                                    : QStringLiteral("identical to %1 lines imported before (this is number %2)")
                                          .arg(storedSame.size())
                                          .arg(occurrence);
                } else {
                    pl.decision = options.statementOnly ? LineDecision::Statement : LineDecision::New;
                }
                if (!e.bankId.isEmpty() && !seenBankIds.contains(e.bankId)) {
                    seenBankIds.insert(e.bankId, pl.fingerprint);
                }

                if (pl.decision == LineDecision::New && !existing.candidates.isEmpty()) {
                    auto micros = e.amount.toMicros();
                    const qint64 day = epochDays(e.bookingDate);
                    const QStringList words = ReconciliationMatcher::wordsOf(e.counterpartyName + u' ' + e.remittanceText);
                    int best = -1;
                    Candidate bestCandidate;
                    QString bestWhy;
                    for (auto c = existing.candidates.constFind(micros ? *micros : 0);
                         micros && c != existing.candidates.cend() && c.key() == *micros; ++c) {
                        const qint64 apart = std::abs(c->day - day);
                        if (apart > window || claimed.contains(c->id)) {
                            continue;
                        }
                        int score = dateScore(apart, window);
                        QStringList why{QStringLiteral("same amount"),
                                        apart == 0 ? QStringLiteral("same day") : QStringLiteral("%1 day(s) apart").arg(apart)};
                        if ((!e.reference.isEmpty() && e.reference == c->reference) ||
                            (!e.endToEndId.isEmpty() && e.endToEndId == c->endToEndId)) {
                            score += 30;
                            why << QStringLiteral("same reference");
                        }
                        if (const int t = textScore(words, c->words); t > 0) {
                            score += t;
                            why << QStringLiteral("similar text");
                        }
                        if (score > best) {
                            best = score;
                            bestCandidate = *c;
                            bestWhy = why.join(QStringLiteral(", "));
                        }
                    }
                    if (best >= options.matching.matchThreshold) {
                        claimed.insert(bestCandidate.id);
                        pl.decision = LineDecision::Match;
                        pl.existingTransactionId = bestCandidate.id;
                        pl.score = std::min(best, 100);
                        pl.reason = QStringLiteral("probably transaction %1 already in the book (%2; score %3)")
                                        .arg(bestCandidate.id)
                                        .arg(bestWhy)
                                        .arg(pl.score);
                    }
                }
                linesOfStatement[si].append(int(lines.size()));
                lines.append(pl);
            }
        }
    }
    // Keep the statements' order in the plan, whatever order the accounts were judged in.
    for (int si = 0; si < plan.statements.size(); ++si) {
        plan.statements[si].firstLine = int(plan.lines.size());
        for (int li : linesOfStatement.value(si)) {
            plan.lines.append(lines.at(li));
        }
        plan.statements[si].lineCount = int(plan.lines.size()) - plan.statements[si].firstLine;
    }
    if (pending > 0) {
        plan.file.warnings.append(QStringLiteral("%1 pending entries are not imported; they come in booked with a "
                                                 "later statement")
                                      .arg(pending));
    }
    return {};
}

Status ImportService::linkTransfers(ImportPlan& plan, const ImportOptions& options) const
{
    const SqlDialect& d = m_db->dialect();
    const int window = std::max(0, options.matching.dateWindowDays);
    QSet<QString> ibans;
    for (const PlannedLine& l : std::as_const(plan.lines)) {
        const QString iban = Iban::compact(plan.entryOf(l).counterpartyAccount);
        if (l.decision == LineDecision::New && iban.size() >= 15) {
            ibans.insert(iban);
        }
    }
    if (ibans.isEmpty()) {
        return {};
    }
    auto accountOfIban = AccountRepository(m_db).idsOfIbans(QStringList(ibans.cbegin(), ibans.cend()));
    if (!accountOfIban) {
        return accountOfIban.error();
    }
    // The new lines of this import by (account, amount): where an in-file mirror would be.
    QHash<QPair<qint64, qint64>, QList<int>> newLines;
    for (int i = 0; i < plan.lines.size(); ++i) {
        const PlannedLine& l = plan.lines.at(i);
        auto micros = plan.entryOf(l).amount.toMicros();
        if (l.decision == LineDecision::New && micros) {
            newLines[{plan.statements.at(l.statement).accountId, *micros}].append(i);
        }
    }
    // Mirrors inside this import first (both statements in one file), then in the book.
    QSet<int> taken;
    QSet<qint64> takenInBook;
    for (int i = 0; i < plan.lines.size(); ++i) {
        PlannedLine& l = plan.lines[i];
        const StatementEntry& e = plan.entryOf(l);
        const qint64 other = accountOfIban->value(Iban::compact(e.counterpartyAccount));
        const qint64 own = plan.statements.at(l.statement).accountId;
        auto micros = e.amount.toMicros();
        if (l.decision != LineDecision::New || other == 0 || other == own || taken.contains(i) || !micros) {
            continue;
        }
        for (int j : newLines.value({other, -*micros})) {
            if (!taken.contains(j) && std::abs(plan.entryOf(plan.lines.at(j)).bookingDate.daysTo(e.bookingDate)) <= window) {
                l.transferPlannedLine = j;
                plan.lines[j].transferPlannedLine = i;
                taken << i << j;
                break;
            }
        }
        if (taken.contains(i)) {
            continue;
        }
        auto mirror = m_db->exec(QStringLiteral("SELECT id FROM transactions WHERE account_id = ? AND amount_micros = ? "
                                                "AND booking_date BETWEEN ? AND ? AND linked_transaction_id IS NULL "
                                                "ORDER BY booking_date, id LIMIT 16"),
                                 {other, -*micros, d.dateValue(e.bookingDate.addDays(-window)),
                                  d.dateValue(e.bookingDate.addDays(window))});
        if (!mirror) {
            return mirror.error();
        }
        // Two transfers of the same amount in a few days each get their own mirror.
        while (mirror->next()) {
            const qint64 id = mirror->value(0).toLongLong();
            if (!takenInBook.contains(id)) {
                l.transferTransactionId = id;
                takenInBook.insert(id);
                taken << i;
                break;
            }
        }
    }
    return {};
}

Status ImportService::categorise(ImportPlan& plan) const
{
    // Rules first, then the classifier trained on the user's own categorisations when it is sure
    // enough; in slices, so that a million-line file does not hold a million field copies.
    constexpr qsizetype kSlice = 10'000;
    const Categorisation categorisation(m_db, m_actor);
    QList<PlannedLine*> lines;
    QList<CategorisableFields> fields;
    for (qsizetype i = 0; i < plan.lines.size(); ++i) {
        PlannedLine& l = plan.lines[i];
        if (l.decision == LineDecision::New) {
            const StatementEntry& e = plan.entryOf(l);
            auto micros = e.amount.toMicros();
            lines.append(&l);
            fields.append({descriptionOf(e), e.counterpartyName, e.counterpartyAccount, e.reference,
                           e.bankTransactionCode, e.merchantCategory, micros ? *micros : 0, channelFor(e)});
        }
        if (fields.isEmpty() || (fields.size() < kSlice && i + 1 < plan.lines.size())) {
            continue;
        }
        auto proposals = categorisation.proposeAll(fields);
        if (!proposals) {
            return proposals.error();
        }
        for (qsizetype k = 0; k < lines.size(); ++k) {
            const auto& p = proposals->at(k);
            if (p && (p->source == u"rule" || p->confidence >= categorisation.minimumConfidence())) {
                lines[k]->categoryId = p->categoryId;
                lines[k]->categorySource = p->source;
                lines[k]->categoryConfidence = p->confidence;
                lines[k]->categoryName = p->categoryName;
            }
        }
        lines.clear();
        fields.clear();
    }
    return {};
}

Result<qint64> ImportService::createAccount(QSqlDatabase& c, const Statement& st) const
{
    const QString ident = st.account.identifier();
    const QString name = st.account.holder.isEmpty() ? QStringLiteral("Account %1").arg(ident)
                                                     : QStringLiteral("%1 %2").arg(st.account.holder, ident);
    const QString currency = !st.account.currency.isEmpty() ? st.account.currency : st.entries.first().amount.currency().code();
    std::optional<qint64> opening;
    if (st.openingBalance) {
        auto micros = st.openingBalance->toMicros();
        if (!micros) {
            return micros.error();
        }
        opening = *micros;
    }
    auto q = Database::execOn(c,
                              QStringLiteral("INSERT INTO accounts (kind, name, iban, account_number, bank_code, currency, "
                                             "opening_balance_micros) VALUES ('own', ?, ?, ?, ?, ?, ?) RETURNING id"),
                              {name, nullableText(Iban::compact(st.account.iban)), nullableText(st.account.number),
                               nullableText(st.account.bankCode), currency, opening.value_or(0)});
    if (!q || !q->next()) {
        return q ? Error(ErrorCode::DatabaseQuery, QStringLiteral("the account was not created")) : q.error();
    }
    const qint64 id = q->value(0).toLongLong();
    const QJsonObject after{{QStringLiteral("name"), name}, {QStringLiteral("identifier"), ident},
                            {QStringLiteral("currency"), currency}};
    if (auto s = AuditLog::record(c, m_db->dialect(), m_throughServer, m_actor, QStringLiteral("account.created"),
                                  QStringLiteral("account"), QString::number(id),
                                  QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact)));
        !s) {
        return s.error();
    }
    return id;
}

Status ImportService::checkPlanIsCurrent(QSqlDatabase& c, const SqlDialect& d, const ImportPlan& plan)
{
    // Commits one at a time (SQLite: the transaction holds the write lock from its start), so that
    // two commits of previews made side by side cannot both find nothing newer and store the same
    // lines twice.
    if (d.isPostgres()) {
        if (auto locked = Database::execOn(c, QStringLiteral("SELECT pg_advisory_xact_lock(7152106)")); !locked) {
            return locked.error();
        }
    }
    QStringList known;
    QVariantList bindings{plan.newestBatchAtPlan};
    for (const PlannedStatement& ps : plan.statements) {
        if (ps.accountId > 0) {
            known << QStringLiteral("?");
            bindings << ps.accountId;
        }
    }
    if (known.isEmpty()) {
        return {}; // only new accounts: creating one twice is refused by its unique identifier
    }
    auto newer = Database::execOn(c,
                                  QStringLiteral("SELECT a.name FROM import_batches b JOIN accounts a ON a.id = b.account_id "
                                                 "WHERE b.id > ? AND b.status = 'committed' AND b.account_id IN (%1) "
                                                 "ORDER BY b.id LIMIT 1")
                                      .arg(known.join(u',')),
                                  bindings);
    if (!newer) {
        return newer.error();
    }
    if (newer->next()) {
        return Error(ErrorCode::Conflict,
                     QStringLiteral("%1: another import into %2 was committed after this preview, so its duplicate "
                                    "checks are out of date; nothing was stored — preview the file again")
                         .arg(plan.file.fileName, newer->value(0).toString()));
    }
    return {};
}

Result<ImportOutcome> ImportService::commit(const ImportPlan& plan, const ImportProgress& progress)
{
    if (!plan.balancesMatch() && !plan.balanceMismatchAccepted) {
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("%1: the balances in the file do not add up, so nothing was stored; check that "
                                    "the file is complete, or import it anyway after checking the entries")
                         .arg(plan.file.fileName));
    }
    if (auto allowed = requirePermission(*m_db, m_actor, Permission::TransactionsImport); !allowed) {
        return allowed.error();
    }
    const SqlDialect& d = m_db->dialect();
    ImportOutcome outcome;
    const qint64 total = plan.lines.size();
    qint64 done = 0;
    auto status = m_db->transaction([&](QSqlDatabase& c) -> Status {
        outcome = {};
        if (auto current = checkPlanIsCurrent(c, d, plan); !current) {
            return current;
        }
        QList<qint64> accountOf(plan.statements.size());
        QList<qint64> batchOf(plan.statements.size());
        QHash<QString, qint64> created; // one new account per identifier, however many statements name it
        for (int si = 0; si < plan.statements.size(); ++si) {
            const Statement& st = plan.file.statements.at(si);
            const PlannedStatement& ps = plan.statements.at(si);
            qint64 account = ps.accountId;
            if (account == 0) {
                account = created.value(st.account.identifier());
            }
            if (account == 0) {
                auto id = createAccount(c, st);
                if (!id) {
                    return id.error();
                }
                account = *id;
                created.insert(st.account.identifier(), account);
            }
            accountOf[si] = account;
            const LineCounts counts = plan.countsOf(si);
            auto micros = [](const std::optional<Money>& m) -> QVariant {
                auto v = m ? m->toMicros() : Result<qint64>(Error());
                return m && v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
            };
            auto batch = Database::execOn(
                c,
                QStringLiteral("INSERT INTO import_batches (account_id, source_format, file_name, file_sha256, imported_by, "
                               "imported_at, rows_new, rows_duplicate, rows_matched, statement_from, statement_to, "
                               "opening_balance_micros, closing_balance_micros, currency, mode, source_variant, "
                               "statement_ref, opening_date, closing_date, notes) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                {account, formatKey(plan.file.format), plan.file.fileName, QString::fromLatin1(plan.sha256),
                 nullableInt(m_actor.userId), d.timestampValue(Clock::now()), counts.added, counts.duplicate, counts.matched,
                 st.from.isValid() ? d.dateValue(st.from) : QVariant(QMetaType(QMetaType::QString)),
                 st.to.isValid() ? d.dateValue(st.to) : QVariant(QMetaType(QMetaType::QString)),
                 micros(st.openingBalance), micros(st.closingBalance), ps.accountCurrency,
                 plan.statementOnly ? QStringLiteral("statement") : QStringLiteral("book"), plan.file.variant,
                 nullableText(st.id),
                 st.openingDate.isValid() ? d.dateValue(st.openingDate) : QVariant(QMetaType(QMetaType::QString)),
                 st.closingDate.isValid() ? d.dateValue(st.closingDate) : QVariant(QMetaType(QMetaType::QString)),
                 nullableText((plan.file.warnings + (ps.balanceMatches || !plan.balanceMismatchAccepted
                                                         ? QStringList()
                                                         : QStringList{QStringLiteral("imported although: ") + ps.balanceNote}))
                                  .join(u'\n'))});
            if (!batch || !batch->next()) {
                return batch ? Status(Error(ErrorCode::DatabaseQuery, QStringLiteral("no batch id"))) : Status(batch.error());
            }
            batchOf[si] = batch->value(0).toLongLong();
            outcome.batchIds.append(batchOf[si]);
            outcome.rowsNew += counts.added;
            outcome.rowsDuplicate += counts.duplicate;
            outcome.rowsMatched += counts.matched;
        }

        auto txWriter = BulkWriter::create(
            d, c, QStringLiteral("transactions"),
            QStringList{QStringLiteral("account_id"), QStringLiteral("occurred_at")} + kStatementColumns +
                QStringList{QStringLiteral("merchant_category"), QStringLiteral("channel"), QStringLiteral("status"),
                            QStringLiteral("category_id"), QStringLiteral("category_source"), QStringLiteral("source"),
                            QStringLiteral("external_id"), QStringLiteral("fingerprint"),
                            QStringLiteral("import_batch_id"), QStringLiteral("import_line")});
        if (!txWriter) {
            return txWriter.error();
        }
        for (const PlannedLine& l : plan.lines) {
            if (l.decision != LineDecision::New) {
                continue;
            }
            const StatementEntry& e = plan.entryOf(l);
            auto micros = e.amount.toMicros();
            if (!micros) {
                return micros.error().wrapped(QStringLiteral("%1, line %2").arg(plan.file.fileName).arg(e.sourceLine));
            }
            BulkWriter& w = **txWriter;
            w.addInt(accountOf.at(l.statement));
            w.addTimestamp(epochDays(e.bookingDate) * 86400);
            addStatementFields(w, e, *micros);
            w.addOptionalText(e.merchantCategory);
            w.addText(channelFor(e));
            w.addText("booked");
            if (l.categoryId) {
                w.addInt(*l.categoryId);
                w.addText(l.categorySource);
            } else {
                w.addNull();
                w.addNull();
            }
            w.addText("import");
            w.addOptionalText(e.bankId);
            w.addText(l.fingerprint);
            w.addInt(batchOf.at(l.statement));
            w.addInt(l.entry + 1);
            if (auto s = w.endRow(); !s) {
                return s;
            }
            if (progress && ++done % kProgressEvery == 0 && !progress(done, total)) {
                return Error(ErrorCode::Cancelled, QStringLiteral("the import was cancelled; nothing was stored"));
            }
        }
        if (auto s = (*txWriter)->finish(); !s) {
            return s;
        }
        // The text search index (SQLite's FTS5) is not brought up to date here: the first search
        // does it (TransactionSearch::catchUp), so the import pays only for storing the rows.

        auto lineWriter = BulkWriter::create(
            d, c, QStringLiteral("statement_lines"),
            QStringList{QStringLiteral("batch_id"), QStringLiteral("line_no"), QStringLiteral("account_id")} +
                kStatementColumns +
                QStringList{QStringLiteral("bank_id"), QStringLiteral("fingerprint"), QStringLiteral("decision"),
                            QStringLiteral("transaction_id"), QStringLiteral("reason")});
        if (!lineWriter) {
            return lineWriter.error();
        }
        for (const PlannedLine& l : plan.lines) {
            if (l.decision == LineDecision::New) {
                continue;
            }
            const StatementEntry& e = plan.entryOf(l);
            auto micros = e.amount.toMicros();
            if (!micros) {
                return micros.error();
            }
            BulkWriter& w = **lineWriter;
            w.addInt(batchOf.at(l.statement));
            w.addInt(l.entry + 1);
            w.addInt(accountOf.at(l.statement));
            addStatementFields(w, e, *micros);
            w.addOptionalText(e.bankId);
            w.addText(l.fingerprint);
            w.addText(lineDecisionKey(l.decision));
            if (l.existingTransactionId > 0) {
                w.addInt(l.existingTransactionId);
            } else {
                w.addNull();
            }
            w.addOptionalText(l.reason);
            if (auto s = w.endRow(); !s) {
                return s;
            }
            if (progress && ++done % kProgressEvery == 0 && !progress(done, total)) {
                return Error(ErrorCode::Cancelled, QStringLiteral("the import was cancelled; nothing was stored"));
            }
        }
        if (auto s = (*lineWriter)->finish(); !s) {
            return s;
        }

        // Transfers between own accounts: both sides point at each other.
        auto idOfLine = [&](int li) -> Result<qint64> {
            const PlannedLine& l = plan.lines.at(li);
            auto q = Database::execOn(c, QStringLiteral("SELECT id FROM transactions WHERE import_batch_id = ? AND import_line = ?"),
                                      {batchOf.at(l.statement), l.entry + 1});
            if (!q || !q->next()) {
                return q ? Error(ErrorCode::NotFound, QStringLiteral("an imported line went missing")) : q.error();
            }
            return q->value(0).toLongLong();
        };
        for (int li = 0; li < plan.lines.size(); ++li) {
            const PlannedLine& l = plan.lines.at(li);
            if (l.decision != LineDecision::New || (l.transferTransactionId == 0 && l.transferPlannedLine < li)) {
                continue; // an in-file pair is linked once, from its first line
            }
            auto self = idOfLine(li);
            if (!self) {
                return self.error();
            }
            qint64 other = l.transferTransactionId;
            if (other == 0) {
                const PlannedLine& m = plan.lines.at(l.transferPlannedLine);
                if (m.decision != LineDecision::New) {
                    continue;
                }
                auto id = idOfLine(l.transferPlannedLine);
                if (!id) {
                    return id.error();
                }
                other = *id;
            }
            const QString link = QStringLiteral("UPDATE transactions SET linked_transaction_id = ?, row_version = row_version + 1 "
                                                "WHERE id = ? AND linked_transaction_id IS NULL");
            auto a = Database::execOn(c, link, {other, *self});
            auto b = a ? Database::execOn(c, link, {*self, other}) : a;
            if (!b) {
                return b.error();
            }
            ++outcome.transfersLinked;
        }

        for (int si = 0; si < plan.statements.size(); ++si) {
            const LineCounts counts = plan.countsOf(si);
            const QJsonObject after{{QStringLiteral("file"), plan.file.fileName},
                                    {QStringLiteral("sha256"), QString::fromLatin1(plan.sha256)},
                                    {QStringLiteral("format"), plan.file.variant},
                                    {QStringLiteral("account_id"), accountOf.at(si)},
                                    {QStringLiteral("mode"), plan.statementOnly ? QStringLiteral("statement") : QStringLiteral("book")},
                                    {QStringLiteral("new"), counts.added},
                                    {QStringLiteral("duplicate"), counts.duplicate},
                                    {QStringLiteral("matched"), counts.matched},
                                    {QStringLiteral("balance"), plan.statements.at(si).balanceNote}};
            if (auto s = AuditLog::record(c, d, m_throughServer, m_actor, QStringLiteral("import.committed"),
                                          QStringLiteral("import_batch"), QString::number(batchOf.at(si)),
                                          QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact)));
                !s) {
                return s;
            }
        }
        return {};
    });
    if (!status) {
        if (status.error().code() == ErrorCode::ConnectionLost) {
            return Error(ErrorCode::ConnectionLost,
                         QStringLiteral("the connection to the database was lost while the import was being stored, "
                                        "so nothing was stored; import the file again once the connection is back (%1)")
                             .arg(status.error().message()));
        }
        return status.error();
    }
    qCInfo(lcDb) << "import committed:" << outcome.batchIds.size() << "batch(es)," << outcome.rowsNew << "new,"
                 << outcome.rowsDuplicate << "duplicate," << outcome.rowsMatched << "matched";
    return outcome;
}

Status ImportService::undo(qint64 batchId)
{
    if (auto allowed = requirePermission(*m_db, m_actor, Permission::TransactionsImport); !allowed) {
        return allowed;
    }
    const SqlDialect& d = m_db->dialect();
    return m_db->transaction([&](QSqlDatabase& c) -> Status {
        auto batch = Database::execOn(c, QStringLiteral("SELECT status, file_name FROM import_batches WHERE id = ?"), {batchId});
        if (!batch) {
            return batch.error();
        }
        if (!batch->next()) {
            return Error(ErrorCode::NotFound, QStringLiteral("there is no import #%1").arg(batchId));
        }
        if (batch->value(0).toString() != u"committed") {
            return Error(ErrorCode::InvalidArgument, QStringLiteral("import #%1 was undone already").arg(batchId));
        }
        const QString fileName = batch->value(1).toString();
        auto reconciled = Database::execOn(
            c,
            QStringLiteral("SELECT count(*) FROM reconciliation_match_items i LEFT JOIN transactions t ON t.id = i.transaction_id "
                           "WHERE t.import_batch_id = ? OR i.batch_id = ?"),
            {batchId, batchId});
        if (!reconciled || !reconciled->next()) {
            return reconciled ? Status(Error(ErrorCode::DatabaseQuery, QStringLiteral("no count"))) : Status(reconciled.error());
        }
        if (const qint64 n = reconciled->value(0).toLongLong(); n > 0) {
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("import #%1 cannot be undone: %2 of its lines are part of a reconciliation; "
                                        "remove them from it first")
                             .arg(batchId)
                             .arg(n));
        }
        const QStringList steps = {
            QStringLiteral("UPDATE transactions SET linked_transaction_id = NULL, row_version = row_version + 1 "
                           "WHERE linked_transaction_id IN (SELECT id FROM transactions WHERE import_batch_id = ?)"),
            QStringLiteral("DELETE FROM transactions WHERE import_batch_id = ?"),
        };
        qint64 affected[2] = {0, 0}; // transfer links cleared, transactions removed
        for (qsizetype i = 0; i < steps.size(); ++i) {
            auto q = Database::execOn(c, steps.at(i), {batchId});
            if (!q) {
                return q.error();
            }
            affected[i] = q->numRowsAffected();
        }
        const qint64 removed = affected[1];
        auto done = Database::execOn(c,
                                     QStringLiteral("UPDATE import_batches SET status = 'undone', undone_at = ?, undone_by = ? "
                                                    "WHERE id = ?"),
                                     {d.timestampValue(Clock::now()), nullableInt(m_actor.userId), batchId});
        if (!done) {
            return done.error();
        }
        // Before: the batch and its transactions; after: the batch undone, its transactions gone, and
        // the transfers that pointed at them unlinked.
        const QJsonObject before{{QStringLiteral("file"), fileName},
                                 {QStringLiteral("status"), QStringLiteral("committed")},
                                 {QStringLiteral("transactions"), removed}};
        const QJsonObject after{{QStringLiteral("file"), fileName},
                                {QStringLiteral("status"), QStringLiteral("undone")},
                                {QStringLiteral("transactions_removed"), removed},
                                {QStringLiteral("transfers_unlinked"), affected[0]}};
        return AuditLog::record(c, d, m_throughServer, m_actor, QStringLiteral("import.undone"),
                                QStringLiteral("import_batch"), QString::number(batchId),
                                QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact)),
                                QString::fromUtf8(QJsonDocument(before).toJson(QJsonDocument::Compact)));
    });
}

} // namespace flowlet::ingest
