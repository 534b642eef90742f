#include "CamtReader.h"

#include "core/Iban.h"

#include <QStringConverter>
#include <QXmlStreamReader>

#include <initializer_list>
#include <optional>
#include <vector>

namespace flowlet::ingest {

namespace {

using namespace Qt::Literals::StringLiterals;

// --- What a camt file is ----------------------------------------------------------------------

struct MessageType
{
    int number;              // 52, 53, 54
    QLatin1StringView root;  // the message element under <Document>
    QLatin1StringView item;  // the repeated element that is one statement
};

constexpr MessageType kMessageTypes[] = {
    {52, "BkToCstmrAcctRpt"_L1, "Rpt"_L1},
    {53, "BkToCstmrStmt"_L1, "Stmt"_L1},
    {54, "BkToCstmrDbtCdtNtfctn"_L1, "Ntfctn"_L1},
};

constexpr auto kNamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt."_L1;

// Deeper nesting than this is no bank's statement; the limit keeps a hostile file from exhausting
// the stack of the recursive element reader.
constexpr int kMaxDepth = 40;

const MessageType* messageTypeByNumber(int number)
{
    for (const auto& type : kMessageTypes) {
        if (type.number == number) {
            return &type;
        }
    }
    return nullptr;
}

const MessageType* messageTypeByRoot(QStringView root)
{
    for (const auto& type : kMessageTypes) {
        if (root == type.root) {
            return &type;
        }
    }
    return nullptr;
}

QString variantName(const MessageType& type, int version)
{
    return QStringLiteral("camt.%1.001.%2").arg(type.number, 3, 10, QChar(u'0')).arg(version, 2, 10, QChar(u'0'));
}

bool allDigits(QStringView s)
{
    if (s.isEmpty()) {
        return false;
    }
    for (QChar c : s) {
        if (c < u'0' || c > u'9') {
            return false;
        }
    }
    return true;
}

// "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08" -> camt.053, version 8. Any camt message number
// is returned so that the caller can say which one it is not.
struct CamtNamespace
{
    int number = 0;
    int version = 0;
};

std::optional<CamtNamespace> parseNamespace(QStringView ns)
{
    if (!ns.startsWith(kNamespacePrefix)) {
        return std::nullopt;
    }
    const QStringView rest = ns.mid(kNamespacePrefix.size()); // "053.001.08"
    if (rest.size() < 9 || rest.at(3) != u'.' || rest.mid(4, 4) != u"001." || !allDigits(rest.left(3))
        || !allDigits(rest.mid(8))) {
        return std::nullopt;
    }
    return CamtNamespace{rest.left(3).toInt(), rest.mid(8).toInt()};
}

// --- A small element tree -----------------------------------------------------------------------

// One statement-level element (an entry, a balance, the account) read into memory. Entries are read
// one at a time, so memory is bounded by the largest entry, not by the file.
struct Node
{
    QString name;
    QString text;     // character data of a leaf element
    QString currency; // the Ccy attribute of amounts
    bool hasCurrency = false;
    int line = 0;
    std::vector<Node> children;

    const Node* child(QLatin1StringView childName) const
    {
        for (const Node& c : children) {
            if (c.name == childName) {
                return &c;
            }
        }
        return nullptr;
    }

    const Node* at(std::initializer_list<QLatin1StringView> path) const
    {
        const Node* n = this;
        for (QLatin1StringView step : path) {
            n = n->child(step);
            if (!n) {
                return nullptr;
            }
        }
        return n;
    }

    // Trimmed text at the path; empty when the element is absent.
    QString textAt(std::initializer_list<QLatin1StringView> path) const
    {
        const Node* n = at(path);
        return n ? n->text.trimmed() : QString();
    }
};

QString firstOf(std::initializer_list<QString> candidates)
{
    for (const QString& c : candidates) {
        if (!c.isEmpty()) {
            return c;
        }
    }
    return {};
}

// --- Field readers --------------------------------------------------------------------------------

// Where an error is: the file, the statement's element path, and the warnings of the file.
struct Context
{
    Context(const QString& file, QStringList& notes, QString where, bool isIntraday)
        : fileName(file)
        , warnings(notes)
        , base(std::move(where))
        , intraday(isIntraday)
    {
    }

    const QString& fileName;
    QStringList& warnings;
    QString base; // "Stmt", "Stmt[2]", "Rpt", ...
    bool intraday = false; // camt.052
    // The last currency looked up: a statement's amounts are nearly all in one currency.
    mutable QString cachedCode;
    mutable Currency cachedCurrency;

    std::optional<Currency> currency(const QString& code) const
    {
        if (code != cachedCode) {
            const auto found = Currency::fromCode(code);
            if (!found) {
                return std::nullopt;
            }
            cachedCode = code;
            cachedCurrency = *found;
        }
        return cachedCurrency;
    }
};

Error fieldError(const Context& ctx, int line, const QString& path, const QString& what)
{
    return parseError(ctx.fileName, line, path, what);
}

// camt amounts are unsigned xs:decimal with '.' ("1234.5", "0.12345", "200000"); the direction is
// CdtDbtInd. A sign or a decimal comma is refused rather than guessed at.
Result<Money> readAmount(const Context& ctx, const Node& amt, const QString& path, const QString& fallbackCurrency)
{
    const QString text = amt.text.trimmed();
    QStringView digits = text;
    if (digits.startsWith(u'+')) {
        digits = digits.mid(1);
    }
    if (digits.startsWith(u'-')) {
        return fieldError(ctx, amt.line, path,
                          QStringLiteral("amount \"%1\" is negative; camt states the direction in CdtDbtInd")
                              .arg(text));
    }
    bool seenDigit = false;
    bool seenPoint = false;
    for (QChar c : digits) {
        if (c == u'.' && !seenPoint) {
            seenPoint = true;
        } else if (c >= u'0' && c <= u'9') {
            seenDigit = true;
        } else {
            seenDigit = false;
            break;
        }
    }
    if (!seenDigit) {
        return fieldError(ctx, amt.line, path, QStringLiteral("amount \"%1\" is not a decimal number").arg(text));
    }
    const QString code = amt.hasCurrency ? amt.currency.trimmed() : fallbackCurrency;
    if (code.isEmpty()) {
        return fieldError(ctx, amt.line, path, QStringLiteral("the amount has no Ccy attribute"));
    }
    const auto currency = ctx.currency(code);
    if (!currency) {
        return fieldError(ctx, amt.line, path, QStringLiteral("unknown currency \"%1\"").arg(code));
    }
    auto money = Money::parse(digits, *currency);
    if (!money) {
        return fieldError(ctx, amt.line, path,
                          QStringLiteral("amount \"%1\" has more decimals than can be kept exactly").arg(text));
    }
    return money;
}

// True for CRDT (money in), false for DBIT.
Result<bool> readDirection(const Context& ctx, const Node* indicator, const QString& path, int lineIfMissing)
{
    if (!indicator) {
        return fieldError(ctx, lineIfMissing, path, QStringLiteral("CdtDbtInd is missing (expected CRDT or DBIT)"));
    }
    const QString code = indicator->text.trimmed();
    if (code == u"CRDT") {
        return true;
    }
    if (code == u"DBIT") {
        return false;
    }
    return fieldError(ctx, indicator->line, path, QStringLiteral("expected CRDT or DBIT, found \"%1\"").arg(code));
}

// ISODate "2014-01-05" (xs:date may carry a zone, "2014-01-05+01:00") or ISODateTime
// "2014-01-05T10:15:00+01:00". The day is taken as written: it is the bank's booking day, and
// moving a time stamp to another zone would shift entries across midnight.
std::optional<QDate> parseIsoDate(QStringView text)
{
    if (text.size() < 10 || text.at(4) != u'-' || text.at(7) != u'-' || !allDigits(text.left(4))
        || !allDigits(text.mid(5, 2)) || !allDigits(text.mid(8, 2))) {
        return std::nullopt;
    }
    const QDate date(text.left(4).toInt(), text.mid(5, 2).toInt(), text.mid(8, 2).toInt());
    if (!date.isValid()) {
        return std::nullopt;
    }
    const QStringView rest = text.mid(10);
    if (rest.isEmpty() || rest == u"Z") {
        return date;
    }
    if (rest.at(0) == u'+' || rest.at(0) == u'-') {
        return rest.size() == 6 && allDigits(rest.mid(1, 2)) && rest.at(3) == u':' && allDigits(rest.mid(4, 2))
                   ? std::optional(date)
                   : std::nullopt;
    }
    if (rest.at(0) == u'T' || rest.at(0) == u' ') { // a space instead of 'T' is a common slip
        return rest.size() >= 6 && allDigits(rest.mid(1, 2)) && rest.at(3) == u':' && allDigits(rest.mid(4, 2))
                   ? std::optional(date)
                   : std::nullopt;
    }
    return std::nullopt;
}

Result<QDate> readDateText(const Context& ctx, const Node& n, const QString& path)
{
    const QString text = n.text.trimmed();
    if (const auto date = parseIsoDate(text)) {
        return *date;
    }
    const QString expected = n.name.endsWith(u"DtTm") ? QStringLiteral("a date and time as YYYY-MM-DDThh:mm:ss")
                                                      : QStringLiteral("a date as YYYY-MM-DD");
    return fieldError(ctx, n.line, path, QStringLiteral("expected %1, found \"%2\"").arg(expected, text));
}

// A DateAndDateTimeChoice (BookgDt, ValDt, Bal/Dt): <Dt> or <DtTm>.
Result<QDate> readDateChoice(const Context& ctx, const Node& choice, const QString& path)
{
    if (const Node* dt = choice.child("Dt"_L1)) {
        return readDateText(ctx, *dt, path + "/Dt"_L1);
    }
    if (const Node* dtTm = choice.child("DtTm"_L1)) {
        return readDateText(ctx, *dtTm, path + "/DtTm"_L1);
    }
    return fieldError(ctx, choice.line, path, QStringLiteral("expected <Dt> or <DtTm> inside <%1>").arg(choice.name));
}

// An AccountIdentification choice: the IBAN, else the other (domestic) id as given.
QString accountId(const Node* acct)
{
    if (!acct) {
        return {};
    }
    const QString iban = acct->textAt({"Id"_L1, "IBAN"_L1});
    return iban.isEmpty() ? acct->textAt({"Id"_L1, "Othr"_L1, "Id"_L1}) : Iban::compact(iban);
}

// Up to v.07 a party is <Dbtr><Nm>; from v.08 it is <Dbtr><Pty><Nm> (or <Agt> for a bank).
QString partyName(const Node* party)
{
    if (!party) {
        return {};
    }
    return firstOf({party->textAt({"Nm"_L1}), party->textAt({"Pty"_L1, "Nm"_L1}),
                    party->textAt({"Agt"_L1, "FinInstnId"_L1, "Nm"_L1})});
}

// FinInstnId carries <BIC> up to v.03 and <BICFI> from v.04.
QString bicOf(const Node* finInstnId)
{
    if (!finInstnId) {
        return {};
    }
    return firstOf({finInstnId->textAt({"BICFI"_L1}), finInstnId->textAt({"BIC"_L1})});
}

QString accountKind(const QString& code)
{
    if (code == u"CACC" || code == u"TRAN") {
        return QStringLiteral("checking");
    }
    if (code == u"SVGS") {
        return QStringLiteral("savings");
    }
    if (code == u"LOAN") {
        return QStringLiteral("loan");
    }
    if (code == u"CARD") {
        return QStringLiteral("card");
    }
    return {};
}

Status readAccount(const Context& ctx, const Node& acct, const QString& path, StatementAccount& account)
{
    const QString iban = acct.textAt({"Id"_L1, "IBAN"_L1});
    const QString other = acct.textAt({"Id"_L1, "Othr"_L1, "Id"_L1});
    if (!iban.isEmpty()) {
        account.iban = Iban::compact(iban);
    } else if (Iban::hasValidCheckDigits(Iban::compact(other))) {
        // Several banks put the IBAN into Othr/Id; the check digits make that safe to recognise.
        account.iban = Iban::compact(other);
    } else {
        account.number = other;
    }
    if (const Node* ccy = acct.child("Ccy"_L1)) {
        const QString code = ccy->text.trimmed().toUpper();
        if (!Currency::fromCode(code)) {
            return fieldError(ctx, ccy->line, path + "/Ccy"_L1, QStringLiteral("unknown currency \"%1\"").arg(code));
        }
        account.currency = code;
    }
    // Acct/Nm is the account's name, which banks set to the holder's name when there is no Ownr.
    account.holder = firstOf({partyName(acct.child("Ownr"_L1)), acct.textAt({"Nm"_L1})});
    account.bankCode = bicOf(acct.at({"Svcr"_L1, "FinInstnId"_L1}));
    account.kind = accountKind(firstOf({acct.textAt({"Tp"_L1, "Cd"_L1}), acct.textAt({"Tp"_L1, "Prtry"_L1})}));
    return {};
}

// --- Balances -------------------------------------------------------------------------------------

struct Balance
{
    QString type;
    Money amount;
    QDate date;
    int line = 0;
};

bool isUsedBalanceType(const QString& type)
{
    return type == u"OPBD" || type == u"PRCD" || type == u"CLBD" || type == u"ITBD";
}

// Only the booked balances the statement is checked against are read; the available (OPAV, CLAV,
// FWAV) and other balances do not say what the entries add up to.
Result<std::optional<Balance>> readBalance(const Context& ctx, const Node& bal, const QString& path,
                                           const QString& accountCurrency)
{
    const QString type = bal.textAt({"Tp"_L1, "CdOrPrtry"_L1, "Cd"_L1});
    if (!isUsedBalanceType(type)) {
        return std::optional<Balance>();
    }
    if (!bal.child("Amt"_L1)) {
        return fieldError(ctx, bal.line, path, QStringLiteral("the %1 balance has no <Amt>").arg(type));
    }
    auto amount = readAmount(ctx, *bal.child("Amt"_L1), path + "/Amt"_L1, accountCurrency);
    if (!amount) {
        return amount.error();
    }
    auto credit = readDirection(ctx, bal.child("CdtDbtInd"_L1), path + "/CdtDbtInd"_L1, bal.line);
    if (!credit) {
        return credit.error();
    }
    Balance balance{type, *credit ? *amount : amount->negated(), {}, bal.line};
    if (const Node* dt = bal.child("Dt"_L1)) {
        auto date = readDateChoice(ctx, *dt, path + "/Dt"_L1);
        if (!date) {
            return date.error();
        }
        balance.date = *date;
    }
    return std::optional<Balance>(balance);
}

// --- Entries --------------------------------------------------------------------------------------

struct TransactionCode
{
    QString domain;      // "PMNT-RCDT-ESCT"
    QString proprietary; // a bank's own code, "166", "NTRF"
};

TransactionCode transactionCode(const Node* bkTxCd)
{
    TransactionCode code;
    if (!bkTxCd) {
        return code;
    }
    if (const Node* domn = bkTxCd->child("Domn"_L1)) {
        QStringList parts;
        for (const QString& part : {domn->textAt({"Cd"_L1}), domn->textAt({"Fmly"_L1, "Cd"_L1}),
                                    domn->textAt({"Fmly"_L1, "SubFmlyCd"_L1})}) {
            if (!part.isEmpty()) {
                parts << part;
            }
        }
        code.domain = parts.join(u'-');
    }
    code.proprietary = bkTxCd->textAt({"Prtry"_L1, "Cd"_L1});
    return code;
}

// What one Ntry says about itself, before its transaction details.
struct EntryFacts
{
    QString path; // "Stmt/Ntry[3]"
    int line = 0;
    Money amount; // signed
    bool credit = true;
    bool reversal = false;
    bool pending = false;
    QDate bookingDate;
    QDate valueDate;
    QString servicerRef; // AcctSvcrRef
    QString entryRef;    // NtryRef
    TransactionCode code;
    QString additionalInfo; // AddtlNtryInf
};

// What one TxDtls says.
struct Details
{
    QString name;
    QString account;
    QString bic;
    QString reference;
    QString endToEndId;
    QString remittance;
    QString servicerRef;
    TransactionCode code;
    std::optional<Money> amount; // signed, when the part states one in the entry's currency
};

struct Party
{
    QString name;
    QString account;
    QString bic;
    bool isEmpty() const { return name.isEmpty() && account.isEmpty(); }
};

Party partyOf(const Node& tx, bool debtorSide)
{
    Party party;
    if (const Node* parties = tx.child("RltdPties"_L1)) {
        party.name = partyName(parties->child(debtorSide ? "Dbtr"_L1 : "Cdtr"_L1));
        party.account = accountId(parties->child(debtorSide ? "DbtrAcct"_L1 : "CdtrAcct"_L1));
    }
    if (const Node* agents = tx.child("RltdAgts"_L1)) {
        party.bic = bicOf(agents->at({debtorSide ? "DbtrAgt"_L1 : "CdtrAgt"_L1, "FinInstnId"_L1}));
    }
    return party;
}

// The other side of the money: the debtor of a transaction that credited the account, the creditor
// of one that debited it. A reversal reports the original transaction, whose direction was the
// opposite of the reversal's. Banks differ in which parties they fill in, so when that side is
// missing or is the holder's own account, the other side is taken instead.
Party counterparty(const Node& tx, bool originallyCredit, const QString& ownAccount)
{
    const Party primary = partyOf(tx, originallyCredit);
    const bool primaryIsOwn = !ownAccount.isEmpty() && primary.account == ownAccount;
    if (!primary.isEmpty() && !primaryIsOwn) {
        return primary;
    }
    const Party other = partyOf(tx, !originallyCredit);
    const bool otherIsOwn = !ownAccount.isEmpty() && other.account == ownAccount;
    if (!other.isEmpty() && !otherIsOwn) {
        return other;
    }
    return primaryIsOwn ? Party() : primary;
}

QString remittanceText(const Node& tx)
{
    const Node* rmtInf = tx.child("RmtInf"_L1);
    QStringList lines;
    if (rmtInf) {
        for (const Node& c : rmtInf->children) {
            if (c.name == u"Ustrd" && !c.text.trimmed().isEmpty()) {
                lines << c.text.trimmed();
            }
        }
        if (lines.isEmpty()) {
            for (const Node& strd : rmtInf->children) {
                if (strd.name != u"Strd") {
                    continue;
                }
                for (const Node& c : strd.children) {
                    if (c.name == u"AddtlRmtInf" && !c.text.trimmed().isEmpty()) {
                        lines << c.text.trimmed();
                    }
                }
            }
        }
    }
    if (lines.isEmpty()) {
        for (const Node& c : tx.children) {
            if (c.name == u"AddtlTxInf" && !c.text.trimmed().isEmpty()) {
                lines << c.text.trimmed();
            }
        }
    }
    return lines.join(u' ');
}

QString creditorReference(const Node& tx)
{
    if (const Node* rmtInf = tx.child("RmtInf"_L1)) {
        for (const Node& strd : rmtInf->children) {
            if (strd.name == u"Strd") {
                const QString ref = strd.textAt({"CdtrRefInf"_L1, "Ref"_L1});
                if (!ref.isEmpty()) {
                    return ref;
                }
            }
        }
    }
    return {};
}

// The part's own amount in the account's currency: TxDtls/Amt (v.03+) or AmtDtls/TxAmt/Amt.
// Amounts in another currency (instructed or counter-value amounts) say nothing about the booking.
Result<std::optional<Money>> partAmount(const Context& ctx, const Node& tx, const QString& path,
                                        const QString& entryCurrency, bool credit)
{
    struct Candidate
    {
        const Node* node;
        QString path;
    };
    const Candidate candidates[] = {
        {tx.child("Amt"_L1), path + "/Amt"_L1},
        {tx.at({"AmtDtls"_L1, "TxAmt"_L1, "Amt"_L1}), path + "/AmtDtls/TxAmt/Amt"_L1},
    };
    for (const Candidate& c : candidates) {
        if (!c.node || c.node->currency.trimmed().toUpper() != entryCurrency) {
            continue;
        }
        auto amount = readAmount(ctx, *c.node, c.path, entryCurrency);
        if (!amount) {
            return amount.error();
        }
        return std::optional<Money>(credit ? *amount : amount->negated());
    }
    return std::optional<Money>();
}

Result<Details> readDetails(const Context& ctx, const Node& tx, const QString& path, const EntryFacts& entry,
                            const QString& ownAccount)
{
    // From v.03 a part may state its own direction, which differs from the entry's in a net booking.
    bool credit = entry.credit;
    if (const Node* indicator = tx.child("CdtDbtInd"_L1)) {
        auto direction = readDirection(ctx, indicator, path + "/CdtDbtInd"_L1, tx.line);
        if (!direction) {
            return direction.error();
        }
        credit = *direction;
    }
    Details d;
    const QString endToEnd = tx.textAt({"Refs"_L1, "EndToEndId"_L1});
    if (endToEnd.compare(u"NOTPROVIDED", Qt::CaseInsensitive) != 0) {
        d.endToEndId = endToEnd;
    }
    d.servicerRef = tx.textAt({"Refs"_L1, "AcctSvcrRef"_L1});
    const Party party = counterparty(tx, entry.reversal ? !credit : credit, ownAccount);
    d.name = party.name;
    d.account = party.account;
    d.bic = party.bic;
    d.reference = creditorReference(tx);
    d.remittance = remittanceText(tx);
    d.code = transactionCode(tx.child("BkTxCd"_L1));
    auto amount = partAmount(ctx, tx, path, entry.amount.currency().code(), credit);
    if (!amount) {
        return amount.error();
    }
    d.amount = *amount;
    return d;
}

// For a batch kept whole: a field is shown only when every part agrees on it.
Details commonDetails(const std::vector<Details>& parts)
{
    Details common = parts.front();
    auto keepIfShared = [&parts](QString Details::*field, QString& out) {
        for (const Details& p : parts) {
            if (p.*field != out) {
                out.clear();
                return;
            }
        }
    };
    keepIfShared(&Details::name, common.name);
    keepIfShared(&Details::account, common.account);
    keepIfShared(&Details::bic, common.bic);
    keepIfShared(&Details::reference, common.reference);
    keepIfShared(&Details::endToEndId, common.endToEndId);
    keepIfShared(&Details::remittance, common.remittance);
    common.servicerRef.clear();
    common.code = {};
    common.amount.reset();
    return common;
}

// Standard domain codes are preferred to proprietary ones, and the part's to the entry's.
QString codeFor(const EntryFacts& entry, const Details& d)
{
    return firstOf({d.code.domain, entry.code.domain, d.code.proprietary, entry.code.proprietary});
}

StatementEntry makeEntry(const EntryFacts& entry, const Details& d, const Money& amount, const QString& bankId)
{
    StatementEntry e;
    e.bookingDate = entry.bookingDate;
    e.valueDate = entry.valueDate;
    e.amount = amount;
    e.counterpartyName = d.name;
    e.counterpartyAccount = d.account;
    e.counterpartyBankCode = d.bic;
    e.reference = d.reference;
    e.endToEndId = d.endToEndId;
    e.bankTransactionCode = codeFor(entry, d);
    e.remittanceText = firstOf({d.remittance, entry.additionalInfo});
    e.bankId = bankId;
    e.pending = entry.pending;
    e.sourceLine = entry.line;
    return e;
}

enum class EntryStatus { Booked, Pending, Information };

// Sts is a code up to v.07 and <Sts><Cd> from v.08.
Result<EntryStatus> readStatus(const Context& ctx, const Node& ntry, const QString& path)
{
    const Node* sts = ntry.child("Sts"_L1);
    if (!sts) {
        return EntryStatus::Booked; // mandatory in the schema; a bank that leaves it out books
    }
    const QString code = firstOf({sts->text.trimmed(), sts->textAt({"Cd"_L1}), sts->textAt({"Prtry"_L1})}).toUpper();
    if (code == u"BOOK") {
        return EntryStatus::Booked;
    }
    if (code == u"PDNG" || code == u"FUTR") {
        return EntryStatus::Pending;
    }
    if (code == u"INFO") {
        return EntryStatus::Information;
    }
    // An unknown status is shown but never reconciled: taking it as booked could double a payment.
    ctx.warnings << QStringLiteral("%1 (line %2): unknown entry status \"%3\", read as pending")
                        .arg(path)
                        .arg(ntry.line)
                        .arg(code);
    return EntryStatus::Pending;
}

Result<EntryFacts> readEntryFacts(const Context& ctx, const Node& ntry, const QString& path, EntryStatus status,
                                  const QString& accountCurrency)
{
    EntryFacts f;
    f.path = path;
    f.line = ntry.line;
    f.pending = status == EntryStatus::Pending;
    const Node* amt = ntry.child("Amt"_L1);
    if (!amt) {
        return fieldError(ctx, ntry.line, path, QStringLiteral("the entry has no <Amt>"));
    }
    auto amount = readAmount(ctx, *amt, path + "/Amt"_L1, accountCurrency);
    if (!amount) {
        return amount.error();
    }
    auto credit = readDirection(ctx, ntry.child("CdtDbtInd"_L1), path + "/CdtDbtInd"_L1, ntry.line);
    if (!credit) {
        return credit.error();
    }
    f.credit = *credit;
    f.amount = f.credit ? *amount : amount->negated();

    if (const Node* rvsl = ntry.child("RvslInd"_L1)) {
        const QString flag = rvsl->text.trimmed();
        if (flag == u"true" || flag == u"1") {
            f.reversal = true;
        } else if (flag != u"false" && flag != u"0") {
            return fieldError(ctx, rvsl->line, path + "/RvslInd"_L1,
                              QStringLiteral("expected true or false, found \"%1\"").arg(flag));
        }
    }
    if (const Node* valDt = ntry.child("ValDt"_L1)) {
        auto date = readDateChoice(ctx, *valDt, path + "/ValDt"_L1);
        if (!date) {
            return date.error();
        }
        f.valueDate = *date;
    }
    if (const Node* bookgDt = ntry.child("BookgDt"_L1)) {
        auto date = readDateChoice(ctx, *bookgDt, path + "/BookgDt"_L1);
        if (!date) {
            return date.error();
        }
        f.bookingDate = *date;
    } else if (f.pending && f.valueDate.isValid()) {
        // Pending entries are not booked yet and often have no booking date; they are shown on the
        // day the money is expected.
        f.bookingDate = f.valueDate;
    } else {
        return fieldError(ctx, ntry.line, path, QStringLiteral("the entry has no booking date (<BookgDt>)"));
    }
    f.servicerRef = ntry.textAt({"AcctSvcrRef"_L1});
    f.entryRef = ntry.textAt({"NtryRef"_L1});
    f.code = transactionCode(ntry.child("BkTxCd"_L1));
    QStringList info;
    for (const Node& c : ntry.children) {
        if (c.name == u"AddtlNtryInf" && !c.text.trimmed().isEmpty()) {
            info << c.text.trimmed();
        }
    }
    f.additionalInfo = info.join(u' ');
    return f;
}

// Each part of a split batch needs its own bank id so that de-duplication can tell the parts apart:
// the parts' own servicer references when they are all given and distinct, else the entry's
// reference with the part's number. Without any reference the ids stay empty, as the bank sent them.
QStringList partBankIds(const EntryFacts& entry, const std::vector<Details>& parts)
{
    QStringList own;
    for (const Details& p : parts) {
        if (p.servicerRef.isEmpty() || own.contains(p.servicerRef)) {
            own.clear();
            break;
        }
        own << p.servicerRef;
    }
    if (own.size() == qsizetype(parts.size())) {
        return own;
    }
    const QString entryRef = firstOf({entry.servicerRef, entry.entryRef});
    QStringList ids;
    for (size_t i = 0; i < parts.size(); ++i) {
        ids << (entryRef.isEmpty() ? QString() : entryRef + u'/' + QString::number(i + 1));
    }
    return ids;
}

// Why a batch cannot be split into its parts, or an empty string when it can.
QString batchSplitProblem(const EntryFacts& entry, const std::vector<Details>& parts)
{
    std::optional<Money> sum = Money::fromMicros(0, entry.amount.currency());
    for (const Details& p : parts) {
        if (!p.amount) {
            return QStringLiteral("not every part states its amount in %1").arg(entry.amount.currency().code());
        }
        auto next = sum->plus(*p.amount);
        if (!next) {
            return next.error().message();
        }
        sum = *next;
    }
    if (!(*sum == entry.amount)) {
        return QStringLiteral("its parts add up to %1, not %2").arg(sum->toString(), entry.amount.toString());
    }
    return {};
}

Status addEntry(const Context& ctx, const Node& ntry, const QString& path, Statement& statement)
{
    auto status = readStatus(ctx, ntry, path);
    if (!status) {
        return status.error();
    }
    if (*status == EntryStatus::Information) {
        ctx.warnings << QStringLiteral("%1 (line %2): an information-only entry (status INFO) is not part of the "
                                       "balance and was skipped")
                            .arg(path)
                            .arg(ntry.line);
        return {};
    }
    auto facts = readEntryFacts(ctx, ntry, path, *status, statement.account.currency);
    if (!facts) {
        return facts.error();
    }
    const EntryFacts& entry = *facts;
    const QString currency = entry.amount.currency().code();
    if (statement.account.currency.isEmpty()) {
        // No Acct/Ccy: an entry's amount is in the account's currency by definition.
        statement.account.currency = currency;
    } else if (currency != statement.account.currency) {
        return fieldError(ctx, ntry.child("Amt"_L1)->line, path + "/Amt"_L1,
                          QStringLiteral("the entry is in %1 but the account is in %2; statements of "
                                         "multi-currency accounts are not read")
                              .arg(currency, statement.account.currency));
    }

    std::vector<Details> parts;
    const QString ownAccount = statement.account.identifier();
    for (const Node& ntryDtls : ntry.children) {
        if (ntryDtls.name != u"NtryDtls") {
            continue;
        }
        for (const Node& tx : ntryDtls.children) {
            if (tx.name != u"TxDtls") {
                continue;
            }
            const QString txPath = path + QStringLiteral("/NtryDtls/TxDtls[%1]").arg(parts.size() + 1);
            auto details = readDetails(ctx, tx, txPath, entry, ownAccount);
            if (!details) {
                return details.error();
            }
            parts.push_back(std::move(*details));
        }
    }

    if (parts.size() <= 1) {
        const Details d = parts.empty() ? Details() : parts.front();
        const QString bankId = firstOf({entry.servicerRef, d.servicerRef, entry.entryRef});
        statement.entries << makeEntry(entry, d, entry.amount, bankId);
        return {};
    }
    const QString problem = batchSplitProblem(entry, parts);
    if (!problem.isEmpty()) {
        ctx.warnings << QStringLiteral("%1 (line %2): a batch of %3 transactions is kept as one entry because %4")
                            .arg(path)
                            .arg(entry.line)
                            .arg(parts.size())
                            .arg(problem);
        statement.entries << makeEntry(entry, commonDetails(parts), entry.amount,
                                       firstOf({entry.servicerRef, entry.entryRef}));
        return {};
    }
    const QStringList ids = partBankIds(entry, parts);
    for (size_t i = 0; i < parts.size(); ++i) {
        statement.entries << makeEntry(entry, parts[i], *parts[i].amount, ids.at(qsizetype(i)));
    }
    return {};
}

// --- A whole statement ----------------------------------------------------------------------------

struct StatementState
{
    Statement statement;
    std::vector<Balance> balances;
};

const Balance* firstBalance(const std::vector<Balance>& balances, QLatin1StringView type)
{
    for (const Balance& b : balances) {
        if (b.type == type) {
            return &b;
        }
    }
    return nullptr;
}

const Balance* lastBalance(const std::vector<Balance>& balances, QLatin1StringView type)
{
    for (auto it = balances.rbegin(); it != balances.rend(); ++it) {
        if (it->type == type) {
            return &*it;
        }
    }
    return nullptr;
}

QString statementLabel(const Context& ctx, const Statement& s)
{
    return s.id.isEmpty() ? ctx.base : QStringLiteral("%1 %2").arg(ctx.base, s.id);
}

// A balance in another currency than the account's cannot be the account's balance; it is left out
// (with a note) rather than compared with entries it cannot add up to.
std::optional<Balance> usableBalance(const Context& ctx, const Statement& s, const Balance* b, const char* role)
{
    if (!b) {
        return std::nullopt;
    }
    if (b->amount.currency().code() != s.account.currency) {
        ctx.warnings << QStringLiteral("%1: the %2 balance (%3, line %4) is in %5, not in the account's %6, and was "
                                       "left out")
                            .arg(statementLabel(ctx, s), QLatin1StringView(role), b->type)
                            .arg(b->line)
                            .arg(b->amount.currency().code(), s.account.currency);
        return std::nullopt;
    }
    return *b;
}

void finishStatement(const Context& ctx, StatementState& state)
{
    Statement& s = state.statement;
    const Balance* opening = firstBalance(state.balances, "OPBD"_L1);
    if (!opening) {
        opening = firstBalance(state.balances, "PRCD"_L1);
    }
    const Balance* closing = firstBalance(state.balances, "CLBD"_L1);
    if (!closing && ctx.intraday) {
        // An intraday report may end on an interim booked balance instead of a closing one.
        closing = lastBalance(state.balances, "ITBD"_L1);
    }
    if (s.account.currency.isEmpty()) {
        const Balance* any = opening ? opening : closing;
        if (any) {
            s.account.currency = any->amount.currency().code();
        }
    }
    if (const auto b = usableBalance(ctx, s, opening, "opening")) {
        s.openingBalance = b->amount;
        s.openingDate = b->date;
    }
    if (const auto b = usableBalance(ctx, s, closing, "closing")) {
        s.closingBalance = b->amount;
        s.closingDate = b->date;
    }
    if (!s.openingBalance || !s.closingBalance) {
        return;
    }
    Money total = *s.openingBalance;
    for (const StatementEntry& e : s.entries) {
        if (e.pending) {
            continue;
        }
        auto next = total.plus(e.amount);
        if (!next) {
            return;
        }
        total = *next;
    }
    if (!(total == *s.closingBalance)) {
        ctx.warnings << QStringLiteral("%1: the opening balance %2 plus the booked entries makes %3, but the closing "
                                       "balance is %4")
                            .arg(statementLabel(ctx, s), s.openingBalance->toString(), total.toString(),
                                 s.closingBalance->toString());
    }
}

// --- The streaming reader -------------------------------------------------------------------------

class CamtParser
{
public:
    CamtParser(const QByteArray& data, const QString& fileName)
        : m_xml(data)
        , m_fileName(fileName)
    {
        m_file.format = StatementFormat::Camt;
        m_file.fileName = fileName;
    }

    Result<StatementFile> run();

private:
    Result<bool> readDocumentIfCamt(bool isRoot);
    Status readDocument(const MessageType* expected);
    Status readMessage(const MessageType& type);
    Status readStatement(const MessageType& type, int index);
    Status readNode(Node& node, int depth);
    Status dispatchStatementChild(Context& ctx, StatementState& state, int& entryIndex, int& balanceIndex);

    Error xmlError() const;
    Error fail(int line, const QString& what) const { return parseError(m_fileName, line, m_where, what); }
    int line() const { return int(m_xml.lineNumber()); }

    QXmlStreamReader m_xml;
    QString m_fileName;
    StatementFile m_file;
    QString m_where; // the element being read, for errors the XML parser raises
};

Error CamtParser::xmlError() const
{
    if (m_xml.error() == QXmlStreamReader::PrematureEndOfDocumentError) {
        return fail(line(), QStringLiteral("the file ends in the middle of the XML document; it looks truncated"));
    }
    if (m_xml.error() == QXmlStreamReader::CustomError) {
        return fail(line(), m_xml.errorString());
    }
    return fail(line(), QStringLiteral("the XML is not well-formed: %1").arg(m_xml.errorString()));
}

Result<StatementFile> CamtParser::run()
{
    QString rootName;
    int rootLine = 0;
    bool readAny = false;
    while (!m_xml.atEnd()) {
        const auto token = m_xml.readNext();
        if (token == QXmlStreamReader::DTD) {
            // Statements never declare a DTD; refusing it keeps entity tricks out altogether.
            return fail(line(), QStringLiteral("the file declares a DTD (<!DOCTYPE>), which camt files never do"));
        }
        if (token == QXmlStreamReader::EntityReference) {
            return fail(line(), QStringLiteral("unresolved entity &%1;").arg(m_xml.name()));
        }
        if (token != QXmlStreamReader::StartElement) {
            continue;
        }
        const bool isRoot = rootName.isNull();
        if (isRoot) {
            rootName = m_xml.qualifiedName().toString();
            rootLine = line();
        }
        if (m_xml.name() != u"Document") {
            continue; // an envelope around the Document, or not camt at all
        }
        auto read = readDocumentIfCamt(isRoot);
        if (!read) {
            return read.error();
        }
        readAny = readAny || *read;
    }
    if (m_xml.hasError()) {
        if (rootName.isNull() && m_xml.error() == QXmlStreamReader::PrematureEndOfDocumentError) {
            return fail(0, QStringLiteral("the file is empty (no XML element)"));
        }
        if (rootName.isNull()) {
            return fail(line(), QStringLiteral("not an XML document: %1").arg(m_xml.errorString()));
        }
        return xmlError();
    }
    if (rootName.isNull()) {
        return fail(0, QStringLiteral("the file is empty"));
    }
    if (!readAny) {
        return fail(rootLine,
                    QStringLiteral("not an ISO 20022 camt.05x document: the root element is <%1>").arg(rootName));
    }
    return std::move(m_file);
}

// At a <Document>: reads it when it is a camt one. False for another message inside an envelope.
Result<bool> CamtParser::readDocumentIfCamt(bool isRoot)
{
    const QStringView ns = m_xml.namespaceUri();
    if (ns.isEmpty()) {
        if (auto s = readDocument(nullptr); !s) {
            return s.error();
        }
        return true;
    }
    const auto camt = parseNamespace(ns);
    const MessageType* type = camt ? messageTypeByNumber(camt->number) : nullptr;
    if (!type) {
        if (!isRoot) {
            m_xml.skipCurrentElement();
            return false;
        }
        return fail(line(),
                    QStringLiteral("not an ISO 20022 camt.052/053/054 document: its namespace is \"%1\"").arg(ns));
    }
    if (camt->version < 2) {
        return fail(line(), QStringLiteral("%1 is not supported; camt versions .02 and later are read")
                                .arg(variantName(*type, camt->version)));
    }
    if (m_file.variant.isEmpty()) {
        m_file.variant = variantName(*type, camt->version);
    }
    if (auto s = readDocument(type); !s) {
        return s.error();
    }
    return true;
}

// Positioned on <Document>. `expected` is null for a Document without a namespace, whose message
// element then says what it is.
Status CamtParser::readDocument(const MessageType* expected)
{
    const int documentLine = line();
    bool readMessageElement = false;
    while (m_xml.readNextStartElement()) {
        const MessageType* found = messageTypeByRoot(m_xml.name());
        if (!found) {
            if (!expected) {
                return fail(line(), QStringLiteral("not an ISO 20022 camt.05x document: <Document> has no namespace "
                                                   "and holds <%1>")
                                        .arg(m_xml.name()));
            }
            m_xml.skipCurrentElement();
            continue;
        }
        if (expected && found != expected) {
            return fail(line(), QStringLiteral("the namespace says camt.%1, but the message is <%2>")
                                    .arg(expected->number, 3, 10, QChar(u'0'))
                                    .arg(m_xml.name()));
        }
        if (!expected) {
            m_file.warnings << QStringLiteral("the document declares no ISO 20022 namespace; read as camt.%1")
                                   .arg(found->number, 3, 10, QChar(u'0'));
            if (m_file.variant.isEmpty()) {
                m_file.variant = QStringLiteral("camt.%1").arg(found->number, 3, 10, QChar(u'0'));
            }
        }
        if (auto s = readMessage(*found); !s) {
            return s;
        }
        readMessageElement = true;
    }
    if (m_xml.hasError()) {
        return xmlError();
    }
    if (!readMessageElement) {
        const QString what = expected ? QStringLiteral("<Document> holds no <%1>").arg(expected->root)
                                      : QStringLiteral("not an ISO 20022 camt.05x document: <Document> is empty");
        return fail(documentLine, what);
    }
    return {};
}

Status CamtParser::readMessage(const MessageType& type)
{
    const int messageLine = line();
    int statements = 0;
    while (m_xml.readNextStartElement()) {
        if (m_xml.name() != type.item) {
            m_xml.skipCurrentElement(); // GrpHdr, SplmtryData
            continue;
        }
        if (auto s = readStatement(type, ++statements); !s) {
            return s;
        }
    }
    if (m_xml.hasError()) {
        return xmlError();
    }
    if (statements == 0) {
        return parseError(m_fileName, messageLine, type.root,
                          QStringLiteral("the message holds no <%1>").arg(type.item));
    }
    return {};
}

Status CamtParser::readStatement(const MessageType& type, int index)
{
    const QString base = index == 1 ? QString(type.item) : QStringLiteral("%1[%2]").arg(type.item).arg(index);
    Context ctx(m_fileName, m_file.warnings, base, type.number == 52);
    StatementState state;
    int entryIndex = 0;
    int balanceIndex = 0;
    while (m_xml.readNextStartElement()) {
        if (auto s = dispatchStatementChild(ctx, state, entryIndex, balanceIndex); !s) {
            return s;
        }
    }
    m_where = ctx.base;
    if (m_xml.hasError()) {
        return xmlError();
    }
    finishStatement(ctx, state);
    m_file.statements << std::move(state.statement);
    m_where.clear();
    return {};
}

Status CamtParser::dispatchStatementChild(Context& ctx, StatementState& state, int& entryIndex, int& balanceIndex)
{
    const QStringView name = m_xml.name();
    QString path;
    if (name == u"Ntry") {
        path = QStringLiteral("%1/Ntry[%2]").arg(ctx.base).arg(++entryIndex);
    } else if (name == u"Bal") {
        path = QStringLiteral("%1/Bal[%2]").arg(ctx.base).arg(++balanceIndex);
    } else if (name == u"Acct" || name == u"Id" || name == u"FrToDt") {
        path = ctx.base + u'/' + name.toString();
    } else {
        m_where = ctx.base + u'/' + name.toString();
        m_xml.skipCurrentElement();
        return m_xml.hasError() ? Status(xmlError()) : Status();
    }
    m_where = path;
    Node node;
    if (auto s = readNode(node, 0); !s) {
        return s;
    }
    m_where = ctx.base;
    Statement& statement = state.statement;
    if (node.name == u"Ntry") {
        return addEntry(ctx, node, path, statement);
    }
    if (node.name == u"Bal") {
        auto balance = readBalance(ctx, node, path, statement.account.currency);
        if (!balance) {
            return balance.error();
        }
        if (*balance) {
            state.balances.push_back(**balance);
        }
        return {};
    }
    if (node.name == u"Acct") {
        return readAccount(ctx, node, path, statement.account);
    }
    if (node.name == u"Id") {
        statement.id = node.text.trimmed();
        return {};
    }
    // FrToDt: the period, as dates (the times only narrow a day down).
    if (const Node* from = node.child("FrDtTm"_L1)) {
        auto date = readDateText(ctx, *from, path + "/FrDtTm"_L1);
        if (!date) {
            return date.error();
        }
        statement.from = *date;
    }
    if (const Node* to = node.child("ToDtTm"_L1)) {
        auto date = readDateText(ctx, *to, path + "/ToDtTm"_L1);
        if (!date) {
            return date.error();
        }
        statement.to = *date;
    }
    return {};
}

// Parts of an entry that no field is read from (addresses, charges, availability, card and
// securities details, extensions): skipped rather than built, which keeps big files fast.
bool isUnread(QStringView name)
{
    static constexpr QLatin1StringView kUnread[] = {
        "PstlAdr"_L1, "SplmtryData"_L1, "Chrgs"_L1,   "Avlbty"_L1,   "Intrst"_L1,    "Tax"_L1,
        "RltdDts"_L1, "RltdPric"_L1,    "RltdQties"_L1, "CardTx"_L1, "FinInstrmId"_L1, "CorpActn"_L1,
        "SfkpgAcct"_L1, "CshDpst"_L1,   "TechInptChanl"_L1, "RtrInf"_L1, "Purp"_L1,  "LclInstrm"_L1,
    };
    for (QLatin1StringView unread : kUnread) {
        if (name == unread) {
            return true;
        }
    }
    return false;
}

// The names of the elements that are read, shared so that building a node does not allocate its name.
QString sharedName(QStringView name)
{
    static const QString kNames[] = {
        u"Amt"_s,       u"CdtDbtInd"_s, u"RvslInd"_s, u"Sts"_s,      u"Cd"_s,         u"Prtry"_s,     u"BookgDt"_s,
        u"ValDt"_s,     u"Dt"_s,        u"DtTm"_s,    u"AcctSvcrRef"_s, u"NtryRef"_s, u"BkTxCd"_s,    u"Domn"_s,
        u"Fmly"_s,      u"SubFmlyCd"_s, u"NtryDtls"_s, u"Btch"_s,     u"TxDtls"_s,     u"Refs"_s,      u"EndToEndId"_s,
        u"InstrId"_s,   u"MsgId"_s,     u"PmtInfId"_s, u"TxId"_s,     u"MndtId"_s,     u"AmtDtls"_s,   u"TxAmt"_s,
        u"InstdAmt"_s,  u"RltdPties"_s, u"Dbtr"_s,    u"DbtrAcct"_s, u"Cdtr"_s,       u"CdtrAcct"_s,  u"UltmtDbtr"_s,
        u"UltmtCdtr"_s, u"Pty"_s,       u"Nm"_s,      u"Id"_s,       u"IBAN"_s,       u"Othr"_s,      u"RltdAgts"_s,
        u"DbtrAgt"_s,   u"CdtrAgt"_s,   u"FinInstnId"_s, u"BIC"_s,    u"BICFI"_s,      u"RmtInf"_s,    u"Ustrd"_s,
        u"Strd"_s,      u"CdtrRefInf"_s, u"Ref"_s,    u"Tp"_s,       u"CdOrPrtry"_s,  u"Issr"_s,      u"AddtlTxInf"_s,
        u"AddtlNtryInf"_s, u"AddtlRmtInf"_s, u"Ntry"_s, u"Bal"_s,    u"Acct"_s,       u"Ccy"_s,       u"Ownr"_s,
        u"Svcr"_s,      u"NbOfTxs"_s,   u"TtlAmt"_s,  u"OrgId"_s,    u"PrvtId"_s,     u"AnyBIC"_s,    u"BICOrBEI"_s,
    };
    for (const QString& known : kNames) {
        if (known.size() == name.size() && known == name) {
            return known;
        }
    }
    return name.toString();
}

// Reads the element the reader stands on, with everything inside it, into `node`.
Status CamtParser::readNode(Node& node, int depth)
{
    node.name = sharedName(m_xml.name());
    node.line = line();
    const QXmlStreamAttributes attributes = m_xml.attributes();
    if (attributes.hasAttribute("Ccy"_L1)) {
        node.hasCurrency = true;
        node.currency = attributes.value("Ccy"_L1).toString();
    }
    if (depth > kMaxDepth) {
        return fail(line(), QStringLiteral("elements are nested more than %1 levels deep").arg(kMaxDepth));
    }
    while (!m_xml.atEnd()) {
        switch (m_xml.readNext()) {
        case QXmlStreamReader::StartElement:
            if (isUnread(m_xml.name())) {
                m_xml.skipCurrentElement();
                break;
            }
            node.children.emplace_back();
            if (auto s = readNode(node.children.back(), depth + 1); !s) {
                return s;
            }
            break;
        case QXmlStreamReader::Characters:
            if (!m_xml.isWhitespace()) {
                node.text += m_xml.text();
            }
            break;
        case QXmlStreamReader::EntityReference:
            return fail(line(), QStringLiteral("unresolved entity &%1;").arg(m_xml.name()));
        case QXmlStreamReader::EndElement:
            return {};
        default:
            break;
        }
    }
    return xmlError();
}

} // namespace

Result<StatementFile> readCamt(const QByteArray& data, const QString& fileName)
{
    if (data.trimmed().isEmpty()) {
        return parseError(fileName, 0, {}, QStringLiteral("the file is empty"));
    }
    return CamtParser(data, fileName).run();
}

bool looksLikeCamt(const QByteArray& head)
{
    QByteArray text = head;
    // A UTF-16 file (rare, but XML allows it) is sniffed in UTF-8 like the others.
    if (const auto encoding = QStringConverter::encodingForData(head, u'<');
        encoding && *encoding != QStringConverter::Utf8) {
        QStringDecoder decode(*encoding);
        text = QString(decode(head)).toUtf8();
    }
    if (!text.contains('<')) {
        return false;
    }
    static constexpr const char* kMarkers[] = {
        "urn:iso:std:iso:20022:tech:xsd:camt.052", "urn:iso:std:iso:20022:tech:xsd:camt.053",
        "urn:iso:std:iso:20022:tech:xsd:camt.054", "BkToCstmrStmt", "BkToCstmrAcctRpt", "BkToCstmrDbtCdtNtfctn",
    };
    for (const char* marker : kMarkers) {
        if (text.contains(marker)) {
            return true;
        }
    }
    return false;
}

} // namespace flowlet::ingest
