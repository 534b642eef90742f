#include "DemoGenerator.h"

#include "DemoData.h"
#include "audit/AuditLog.h"
#include "core/Logging.h"
#include "core/Random.h"
#include "db/BulkWriter.h"
#include "db/Migrator.h"
#include "ledger/TransactionSearch.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlQuery>

#include <algorithm>
#include <vector>

namespace flowlet {

namespace {

using demo::kMerchants;

// The demo year ends on a fixed day so that the data set does not depend on when it is made.
const qint64 kEndDay = daysFromCivil(2026, 9, 30);
constexpr int kDays = 365;
const qint64 kStartDay = kEndDay - kDays + 1;
constexpr qint64 kCent = 10'000; // micros per cent

enum class Channel { Card, Sepa, Swift, Atm, Online, Internal, Cash };

const char* channelName(Channel c)
{
    switch (c) {
    case Channel::Card: return "card";
    case Channel::Sepa: return "sepa";
    case Channel::Swift: return "swift";
    case Channel::Atm: return "atm";
    case Channel::Online: return "online";
    case Channel::Internal: return "internal";
    case Channel::Cash: return "cash";
    }
    return "other";
}

struct Customer
{
    QByteArray country;
    QByteArray device;
    QByteArray ip;
};

struct Account
{
    int customer;     // index into customers
    int currency;     // index into kAccountCurrencies
    qint64 balance = 0;
};

// One transaction to be written. Planted events are fully specified up front; ordinary ones
// only carry their kind and are filled in when written, in time order.
struct Event
{
    qint64 ts = 0;
    int account = 0;
    int kind = 0; // 0 = ordinary, else planted
    const char* pattern = nullptr;
    qint64 amount = 0;
    Channel channel = Channel::Card;
    QByteArray description;
    QByteArray counterparty;
    QByteArray counterpartyAccount;
    QByteArray mcc;
    QByteArray country;
    QByteArray device;
    QByteArray ip;
    const char* category = nullptr;
};

QByteArray ibanFor(const char* country, const QByteArray& bban)
{
    // ISO 13616: move the country code and "00" to the end, letters to numbers, mod 97.
    QByteArray rearranged = bban + QByteArray(country) + "00";
    int mod = 0;
    for (char c : rearranged) {
        if (c >= '0' && c <= '9') {
            mod = (mod * 10 + (c - '0')) % 97;
        } else {
            const int v = c - 'A' + 10;
            mod = (mod * 100 + v) % 97;
        }
    }
    const int check = 98 - mod;
    return QByteArray(country) + QByteArray::number(check).rightJustified(2, '0') + bban;
}

QByteArray digits(Random& rng, int n)
{
    QByteArray out(n, '0');
    for (int i = 0; i < n; ++i) {
        out[i] = static_cast<char>('0' + rng.below(10));
    }
    return out;
}

QByteArray hex(Random& rng, int n)
{
    static const char* kHex = "0123456789abcdef";
    QByteArray out(n, '0');
    for (int i = 0; i < n; ++i) {
        out[i] = kHex[rng.below(16)];
    }
    return out;
}

QByteArray ibanForCurrency(Random& rng, int currency)
{
    switch (currency) {
    case 1: return ibanFor("GB", "FLWT" + digits(rng, 14));
    case 3: return ibanFor("CH", digits(rng, 17));
    case 2: return {}; // USD accounts have no IBAN
    default: return ibanFor("DE", "10010010" + digits(rng, 10));
    }
}

QByteArray randomIp(Random& rng)
{
    return QByteArray::number(rng.between(11, 223)) + '.' + QByteArray::number(rng.between(0, 255)) + '.'
        + QByteArray::number(rng.between(0, 255)) + '.' + QByteArray::number(rng.between(1, 254));
}

QByteArray personName(Random& rng)
{
    return QByteArray(demo::kFirstNames[rng.below(demo::kFirstNames.size())]) + ' '
        + demo::kLastNames[rng.below(demo::kLastNames.size())];
}

// A time of day weighted towards waking hours (seconds since midnight).
qint64 daytimeSeconds(Random& rng)
{
    static constexpr std::array<int, 24> kHourWeights = {2, 1, 1, 1, 1, 2, 5, 9, 12, 13, 13, 14,
                                                         16, 14, 13, 13, 14, 16, 17, 15, 12, 9, 6, 4};
    const int hour = rng.weighted(kHourWeights);
    return hour * 3600 + rng.between(0, 3599);
}

class Generation
{
public:
    Generation(Database& db, QSqlDatabase& conn, DemoSize size, const DemoGenerator::Progress& progress,
               const std::atomic_bool* cancel)
        : m_db(db)
        , m_conn(conn)
        , m_spec(DemoGenerator::spec(size))
        , m_rng(m_spec.seed)
        , m_progress(progress)
        , m_cancel(cancel)
    {
    }

    Status run(DemoReport& report);

private:
    Result<std::unique_ptr<BulkWriter>> writer(const QString& table, const QStringList& columns)
    {
        return BulkWriter::create(m_db.dialect(), m_conn, table, columns);
    }
    bool cancelled() const { return m_cancel && m_cancel->load(); }
    void progress(const QString& phase, qint64 done, qint64 total)
    {
        if (m_progress) {
            m_progress(phase, done, total);
        }
    }
    Status exec(const QString& sql)
    {
        if (sql.isEmpty()) {
            return {};
        }
        QSqlQuery q(m_conn);
        if (!q.exec(sql)) {
            return Database::queryError(q);
        }
        return {};
    }

    Status loadCategories();
    Status writeLedgerAccounts();
    Status writeCustomers();
    Status writeAccountsAndCards();
    Status writeKycAndRisk();
    void planPatterns();
    Status writeTransactions();
    void fillOrdinary(Event& e);
    Status writeLedger();
    Status writeBalances();

    Database& m_db;
    QSqlDatabase& m_conn;
    DemoSpec m_spec;
    Random m_rng;
    const DemoGenerator::Progress& m_progress;
    const std::atomic_bool* m_cancel;

    QHash<QByteArray, qint64> m_categoryIds;
    std::vector<Customer> m_customers;
    std::vector<QByteArray> m_customerNames;
    std::vector<int> m_customerRisk;
    std::vector<Account> m_accounts;
    qint64 m_ownAccountBase = 0; // own (settlement) account ids follow customer accounts
    std::vector<Event> m_planted; // sorted by ts
    std::vector<std::pair<qint64, const char*>> m_truth;
    // Ledger: per day and currency, money in and out of customer accounts.
    std::vector<std::array<qint64, 8>> m_daily; // [day][currency*2 + 0=in,1=out]
    DemoReport m_report;
};

Status Generation::loadCategories()
{
    QSqlQuery q(m_conn);
    if (!q.exec(QStringLiteral("SELECT id, name FROM categories WHERE parent_id IS NULL"))) {
        return Database::queryError(q);
    }
    while (q.next()) {
        m_categoryIds.insert(q.value(1).toString().toUtf8(), q.value(0).toLongLong());
    }
    return {};
}

Status Generation::writeLedgerAccounts()
{
    auto w = writer(QStringLiteral("ledger_accounts"),
                    {QStringLiteral("id"), QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("type"),
                     QStringLiteral("currency")});
    if (!w) {
        return w.error();
    }
    // Per currency: 1xxx bank settlement (asset), 2xxx customer funds (liability), 3xxx capital.
    qint64 id = 1;
    for (const auto& c : demo::kAccountCurrencies) {
        const QByteArray code(c.code);
        struct Row
        {
            const char* prefix;
            const char* name;
            const char* type;
        };
        for (const Row& r : {Row{"1000", "Bank settlement ", "asset"}, Row{"2000", "Customer funds ", "liability"},
                             Row{"3000", "Share capital ", "equity"}}) {
            (*w)->addInt(id++);
            (*w)->addText(QByteArray(r.prefix) + '-' + code);
            (*w)->addText(QByteArray(r.name) + code);
            (*w)->addText(r.type);
            (*w)->addText(code);
            if (auto s = (*w)->endRow(); !s) {
                return s;
            }
        }
    }
    return (*w)->finish();
}

Status Generation::writeCustomers()
{
    auto w = writer(QStringLiteral("customers"),
                    {QStringLiteral("id"), QStringLiteral("external_ref"), QStringLiteral("kind"),
                     QStringLiteral("full_name"), QStringLiteral("date_of_birth"), QStringLiteral("nationality"),
                     QStringLiteral("country"), QStringLiteral("email"), QStringLiteral("phone"),
                     QStringLiteral("kyc_level"), QStringLiteral("kyc_status"), QStringLiteral("risk_rating"),
                     QStringLiteral("risk_score"), QStringLiteral("pep"), QStringLiteral("created_at"),
                     QStringLiteral("updated_at")});
    if (!w) {
        return w.error();
    }
    static constexpr std::array<int, 4> kKycWeights = {5, 35, 50, 10};
    static constexpr std::array kKycLevels = {"none", "basic", "full", "enhanced"};
    std::vector<int> countryWeights;
    for (const auto& c : demo::kHomeCountries) {
        countryWeights.push_back(c.weight);
    }

    m_customers.reserve(m_spec.customers);
    for (int i = 0; i < m_spec.customers; ++i) {
        const bool business = m_rng.chance(100);
        const char* country = demo::kHomeCountries[m_rng.weighted(countryWeights)].code;
        QByteArray name;
        if (business) {
            name = QByteArray(demo::kLastNames[m_rng.below(demo::kLastNames.size())]) + ' '
                + demo::kCompanyTrades[m_rng.below(demo::kCompanyTrades.size())] + ' '
                + demo::kCompanySuffixes[m_rng.below(demo::kCompanySuffixes.size())];
        } else {
            name = personName(m_rng);
        }
        const bool pep = !business && m_rng.chance(10);
        const int level = m_rng.weighted(kKycWeights);
        const bool riskyCountry = qstrcmp(country, "NG") == 0 || qstrcmp(country, "TR") == 0;
        int score = static_cast<int>(m_rng.between(0, 35)) + (pep ? 40 : 0) + (riskyCountry ? 20 : 0)
            + (business ? 10 : 0) + (level == 0 ? 10 : 0);
        score = std::min(score, 100);
        const char* rating = score >= 60 ? "high" : (score >= 30 ? "medium" : "low");
        const qint64 createdDay = kStartDay - m_rng.between(30, 2000);

        (*w)->addInt(i + 1);
        (*w)->addText("C" + QByteArray::number(i + 1).rightJustified(7, '0'));
        (*w)->addText(business ? "business" : "person");
        (*w)->addText(name);
        if (business) {
            (*w)->addNull();
        } else {
            (*w)->addDate(daysFromCivil(static_cast<int>(m_rng.between(1940, 2006)), static_cast<int>(m_rng.between(1, 12)),
                                        static_cast<int>(m_rng.between(1, 28))));
        }
        (*w)->addText(country);
        (*w)->addText(country);
        QByteArray mailName = name.toLower();
        mailName.replace(' ', '.');
        (*w)->addText(QString::fromUtf8(mailName).normalized(QString::NormalizationForm_KD).toLatin1().replace('?', "")
                      + "@example.org");
        (*w)->addText("+49 30 " + digits(m_rng, 7));
        (*w)->addText(kKycLevels[level]);
        (*w)->addText(level == 0 ? "pending" : "verified");
        (*w)->addText(rating);
        (*w)->addInt(score);
        (*w)->addBool(pep);
        (*w)->addTimestamp(createdDay * 86400 + daytimeSeconds(m_rng));
        (*w)->addTimestamp(createdDay * 86400 + 86399);
        if (auto s = (*w)->endRow(); !s) {
            return s;
        }
        m_customers.push_back({QByteArray(country), "dev-" + hex(m_rng, 12), randomIp(m_rng)});
        m_customerNames.push_back(name);
        m_customerRisk.push_back(score);
    }
    m_report.customers = m_spec.customers;
    return (*w)->finish();
}

Status Generation::writeAccountsAndCards()
{
    auto w = writer(QStringLiteral("accounts"),
                    {QStringLiteral("id"), QStringLiteral("customer_id"), QStringLiteral("kind"), QStringLiteral("name"),
                     QStringLiteral("iban"), QStringLiteral("currency"), QStringLiteral("status"),
                     QStringLiteral("opened_at")});
    if (!w) {
        return w.error();
    }
    std::vector<int> currencyWeights;
    for (const auto& c : demo::kAccountCurrencies) {
        currencyWeights.push_back(c.weight);
    }
    static constexpr std::array<int, 3> kAccountsPerCustomer = {60, 30, 10};
    for (int c = 0; c < m_spec.customers; ++c) {
        const int n = m_rng.weighted(kAccountsPerCustomer) + 1;
        for (int k = 0; k < n; ++k) {
            const int currency = k == 0 ? 0 : m_rng.weighted(currencyWeights);
            const bool wallet = k > 0 || m_rng.chance(500);
            const qint64 id = static_cast<qint64>(m_accounts.size()) + 1;
            (*w)->addInt(id);
            (*w)->addInt(c + 1);
            (*w)->addText(wallet ? "wallet" : "current");
            (*w)->addText(QByteArray(wallet ? "Wallet " : "Current account ") + demo::kAccountCurrencies[currency].code);
            (*w)->addOptionalText(ibanForCurrency(m_rng, currency));
            (*w)->addText(demo::kAccountCurrencies[currency].code);
            (*w)->addText(m_rng.chance(5) ? "frozen" : "active");
            (*w)->addTimestamp((kStartDay - m_rng.between(1, 900)) * 86400 + daytimeSeconds(m_rng));
            if (auto s = (*w)->endRow(); !s) {
                return s;
            }
            m_accounts.push_back({c, currency});
        }
    }
    // The company's own settlement accounts, one per currency.
    m_ownAccountBase = static_cast<qint64>(m_accounts.size());
    for (size_t k = 0; k < demo::kAccountCurrencies.size(); ++k) {
        (*w)->addInt(m_ownAccountBase + static_cast<qint64>(k) + 1);
        (*w)->addNull();
        (*w)->addText("own");
        (*w)->addText(QByteArray("Settlement ") + demo::kAccountCurrencies[k].code);
        (*w)->addOptionalText(ibanForCurrency(m_rng, static_cast<int>(k)));
        (*w)->addText(demo::kAccountCurrencies[k].code);
        (*w)->addText("active");
        (*w)->addTimestamp((kStartDay - 2500) * 86400);
        if (auto s = (*w)->endRow(); !s) {
            return s;
        }
    }
    m_report.accounts = static_cast<qint64>(m_accounts.size()) + static_cast<qint64>(demo::kAccountCurrencies.size());
    if (auto s = (*w)->finish(); !s) {
        return s;
    }

    auto cards = writer(QStringLiteral("cards"),
                        {QStringLiteral("id"), QStringLiteral("account_id"), QStringLiteral("customer_id"),
                         QStringLiteral("brand"), QStringLiteral("pan_token"), QStringLiteral("pan_last4"),
                         QStringLiteral("expiry_month"), QStringLiteral("expiry_year"), QStringLiteral("status"),
                         QStringLiteral("daily_limit_micros")});
    if (!cards) {
        return cards.error();
    }
    qint64 cardId = 0;
    for (size_t a = 0; a < m_accounts.size(); ++a) {
        if (!m_rng.chance(650)) {
            continue;
        }
        (*cards)->addInt(++cardId);
        (*cards)->addInt(static_cast<qint64>(a) + 1);
        (*cards)->addInt(m_accounts[a].customer + 1);
        (*cards)->addText(m_rng.chance(550) ? "visa" : "mastercard");
        (*cards)->addText("tok_" + hex(m_rng, 24));
        (*cards)->addText(digits(m_rng, 4));
        (*cards)->addInt(m_rng.between(1, 12));
        (*cards)->addInt(m_rng.between(2026, 2030));
        (*cards)->addText(m_rng.chance(20) ? "frozen" : "active");
        (*cards)->addInt(m_rng.between(5, 50) * 100 * 1'000'000);
        if (auto s = (*cards)->endRow(); !s) {
            return s;
        }
    }
    m_report.cards = cardId;
    return (*cards)->finish();
}

Status Generation::writeKycAndRisk()
{
    auto kyc = writer(QStringLiteral("kyc_records"),
                      {QStringLiteral("id"), QStringLiteral("customer_id"), QStringLiteral("level_requested"),
                       QStringLiteral("status"), QStringLiteral("risk_level"), QStringLiteral("submitted_at"),
                       QStringLiteral("decided_at")});
    if (!kyc) {
        return kyc.error();
    }
    qint64 id = 0;
    for (int c = 0; c < m_spec.customers; ++c) {
        const int score = m_customerRisk[c];
        const char* risk = score >= 60 ? "high" : (score >= 30 ? "medium" : "low");
        // Most customers were verified long ago; a few wait in today's review queue.
        const bool pending = m_rng.chance(80);
        const qint64 submitted = (pending ? kEndDay - m_rng.between(0, 20) : kStartDay - m_rng.between(1, 700)) * 86400
            + daytimeSeconds(m_rng);
        (*kyc)->addInt(++id);
        (*kyc)->addInt(c + 1);
        (*kyc)->addText(score >= 60 ? "enhanced" : (m_rng.chance(600) ? "full" : "basic"));
        (*kyc)->addText(pending ? (m_rng.chance(300) ? "in_review" : "pending") : "approved");
        (*kyc)->addText(risk);
        (*kyc)->addTimestamp(submitted);
        if (pending) {
            (*kyc)->addNull();
        } else {
            (*kyc)->addTimestamp(submitted + m_rng.between(3600, 5 * 86400));
        }
        if (auto s = (*kyc)->endRow(); !s) {
            return s;
        }
    }
    if (auto s = (*kyc)->finish(); !s) {
        return s;
    }

    auto risk = writer(QStringLiteral("risk_assessments"),
                       {QStringLiteral("id"), QStringLiteral("customer_id"), QStringLiteral("assessed_at"),
                        QStringLiteral("score"), QStringLiteral("level"), QStringLiteral("factors"),
                        QStringLiteral("model_version")});
    if (!risk) {
        return risk.error();
    }
    for (int c = 0; c < m_spec.customers; ++c) {
        const int score = m_customerRisk[c];
        (*risk)->addInt(c + 1);
        (*risk)->addInt(c + 1);
        (*risk)->addTimestamp((kStartDay + m_rng.between(0, kDays - 1)) * 86400 + daytimeSeconds(m_rng));
        (*risk)->addInt(score);
        (*risk)->addText(score >= 60 ? "high" : (score >= 30 ? "medium" : "low"));
        (*risk)->addText("{\"country\":\"" + m_customers[c].country + "\",\"score\":" + QByteArray::number(score) + "}");
        (*risk)->addText("demo-1");
        if (auto s = (*risk)->endRow(); !s) {
            return s;
        }
    }
    return (*risk)->finish();
}

// Plans the fraud/AML patterns a detector should find, scaled with the data set.
void Generation::planPatterns()
{
    const qint64 n = m_spec.transactions;
    auto instances = [&](qint64 per) { return std::max<qint64>(3, n / per); };
    auto customerAccount = [&]() { return static_cast<int>(m_rng.below(m_accounts.size())); };
    // The first day of an instance, early enough that the whole instance fits into the year.
    auto dayStart = [&](int marginDays, int lengthDays = 8) {
        return (kStartDay + m_rng.between(marginDays, kDays - 1 - lengthDays)) * 86400;
    };
    auto foreignIban = [&]() {
        static constexpr std::array kIbanCountries = {"CY", "MT", "LV", "AE", "LI"};
        return ibanFor(kIbanCountries[m_rng.below(kIbanCountries.size())], digits(m_rng, 18));
    };
    auto add = [&](Event e) { m_planted.push_back(std::move(e)); };

    // Structuring: cash deposits just under the 10,000 reporting threshold over a few days.
    for (qint64 i = 0; i < instances(20'000); ++i) {
        const int acct = customerAccount();
        const qint64 start = dayStart(5);
        const int count = static_cast<int>(m_rng.between(3, 6));
        for (int k = 0; k < count; ++k) {
            Event e;
            e.account = acct;
            e.ts = start + m_rng.between(0, 5 * 86400) + 9 * 3600;
            e.pattern = "structuring";
            e.amount = m_rng.between(900'000, 995'000) * kCent;
            e.channel = Channel::Cash;
            e.description = "Cash deposit branch " + QByteArray(demo::kCities[m_rng.below(demo::kCities.size())]);
            e.country = m_customers[m_accounts[acct].customer].country;
            e.category = "Transfers";
            add(e);
        }
    }
    // Rapid in-and-out: a large inflow leaves again within hours to another offshore party.
    for (qint64 i = 0; i < instances(10'000); ++i) {
        const int acct = customerAccount();
        const qint64 t0 = dayStart(5) + daytimeSeconds(m_rng);
        const qint64 in = m_rng.between(1'500'000, 8'000'000) * kCent;
        Event e;
        e.account = acct;
        e.ts = t0;
        e.pattern = "rapid_in_out";
        e.amount = in;
        e.channel = Channel::Swift;
        e.counterparty = demo::kShellCompanies[m_rng.below(demo::kShellCompanies.size())];
        e.counterpartyAccount = foreignIban();
        e.description = "Incoming wire " + e.counterparty;
        e.country = demo::kHighRiskCountries[m_rng.below(demo::kHighRiskCountries.size())];
        e.category = "Transfers";
        add(e);
        Event out = e;
        out.ts = t0 + m_rng.between(1800, 6 * 3600);
        out.amount = -(in / 100 * m_rng.between(90, 99));
        out.counterparty = demo::kShellCompanies[m_rng.below(demo::kShellCompanies.size())];
        out.counterpartyAccount = foreignIban();
        out.description = "Outgoing wire " + out.counterparty;
        out.country = demo::kHighRiskCountries[m_rng.below(demo::kHighRiskCountries.size())];
        add(out);
    }
    // Card use in a country the customer has no ties to.
    for (qint64 i = 0; i < instances(5'000); ++i) {
        const int acct = customerAccount();
        const qint64 t0 = dayStart(1);
        const QByteArray country = demo::kHighRiskCountries[m_rng.below(demo::kHighRiskCountries.size())];
        const int count = static_cast<int>(m_rng.between(1, 3));
        for (int k = 0; k < count; ++k) {
            Event e;
            e.account = acct;
            e.ts = t0 + daytimeSeconds(m_rng);
            e.pattern = "unusual_country";
            e.amount = -m_rng.between(20'000, 250'000) * kCent;
            e.channel = Channel::Card;
            e.mcc = "5944";
            e.counterparty = "Jewellery & Gold " + country;
            e.description = "Card payment " + e.counterparty;
            e.country = country;
            e.ip = randomIp(m_rng);
            e.category = "Shopping";
            add(e);
        }
    }
    // Night bursts: many card payments between 01:00 and 04:00 from a new device.
    for (qint64 i = 0; i < instances(10'000); ++i) {
        const int acct = customerAccount();
        const qint64 t0 = dayStart(1) + 3600 + m_rng.between(0, 3600);
        const QByteArray device = "dev-" + hex(m_rng, 12);
        const QByteArray ip = randomIp(m_rng);
        const int count = static_cast<int>(m_rng.between(8, 15));
        for (int k = 0; k < count; ++k) {
            const auto& m = kMerchants[m_rng.below(kMerchants.size())];
            Event e;
            e.account = acct;
            e.ts = t0 + m_rng.between(0, 90 * 60);
            e.pattern = "night_burst";
            e.amount = -m_rng.between(5'000, 90'000) * kCent;
            e.channel = Channel::Online;
            e.mcc = m.mcc;
            e.counterparty = m.name;
            e.description = "Online payment " + e.counterparty;
            e.country = m_customers[m_accounts[acct].customer].country;
            e.device = device;
            e.ip = ip;
            e.category = m.category;
            add(e);
        }
    }
    // Round amounts: exact thousands sent out repeatedly within a month.
    static constexpr std::array<qint64, 5> kRound = {5'000, 10'000, 20'000, 25'000, 50'000};
    for (qint64 i = 0; i < instances(10'000); ++i) {
        const int acct = customerAccount();
        const qint64 t0 = dayStart(1, 27);
        const QByteArray party = demo::kShellCompanies[m_rng.below(demo::kShellCompanies.size())];
        const QByteArray iban = foreignIban();
        const int count = static_cast<int>(m_rng.between(2, 4));
        for (int k = 0; k < count; ++k) {
            Event e;
            e.account = acct;
            e.ts = t0 + m_rng.between(0, 25 * 86400) / 86400 * 86400 + daytimeSeconds(m_rng);
            e.pattern = "round_amounts";
            e.amount = -kRound[m_rng.below(kRound.size())] * 100 * kCent;
            e.channel = Channel::Sepa;
            e.counterparty = party;
            e.counterpartyAccount = iban;
            e.description = "Transfer " + party + " consulting fee";
            e.country = m_customers[m_accounts[acct].customer].country;
            e.category = "Transfers";
            add(e);
        }
    }
    // Velocity spikes: dozens of small payments within an hour.
    for (qint64 i = 0; i < instances(20'000); ++i) {
        const int acct = customerAccount();
        const qint64 t0 = dayStart(1) + daytimeSeconds(m_rng);
        const int count = static_cast<int>(m_rng.between(25, 60));
        for (int k = 0; k < count; ++k) {
            Event e;
            e.account = acct;
            e.ts = t0 + m_rng.between(0, 3600);
            e.pattern = "velocity_spike";
            e.amount = -m_rng.between(100, 2'500) * kCent;
            e.channel = Channel::Online;
            e.mcc = "5815";
            e.counterparty = "Steam";
            e.description = "Online payment Steam gift card";
            e.country = m_customers[m_accounts[acct].customer].country;
            e.category = "Entertainment";
            add(e);
        }
    }
    std::stable_sort(m_planted.begin(), m_planted.end(), [](const Event& a, const Event& b) { return a.ts < b.ts; });
}

// Gives an ordinary event its content, keeping the account's balance plausible.
void Generation::fillOrdinary(Event& e)
{
    Account& account = m_accounts[e.account];
    const Customer& customer = m_customers[account.customer];
    e.country = customer.country;
    e.device = customer.device;
    e.ip = customer.ip;

    static constexpr std::array<int, 6> kKindWeights = {62, 6, 10, 8, 10, 4};
    const int kind = m_rng.weighted(kKindWeights);
    switch (kind) {
    case 0:   // card payment in a shop
    case 4: { // online purchase
        const auto& m = kMerchants[m_rng.below(kMerchants.size())];
        const bool online = kind == 4 || m.online;
        e.channel = online ? Channel::Online : Channel::Card;
        e.amount = -m_rng.skewed(m.medianCents, 1) * kCent;
        e.mcc = m.mcc;
        e.counterparty = m.name;
        e.category = m.category;
        if (!online && m_rng.chance(40)) {
            e.country = demo::kTravelCountries[m_rng.below(demo::kTravelCountries.size())];
        }
        e.description = (online ? "Online payment " : "Card payment ") + e.counterparty;
        if (!online) {
            e.description += QByteArray(" ") + demo::kCities[m_rng.below(demo::kCities.size())];
        }
        break;
    }
    case 1: // ATM
        e.channel = Channel::Atm;
        e.amount = -m_rng.between(2, 40) * 1000 * kCent;
        e.description = "ATM withdrawal " + QByteArray(demo::kCities[m_rng.below(demo::kCities.size())]);
        e.category = "Cash withdrawal";
        break;
    case 2: { // outgoing transfer: rent, or to a person
        e.channel = Channel::Sepa;
        if (m_rng.chance(350)) {
            e.counterparty = demo::kLandlords[m_rng.below(demo::kLandlords.size())];
            e.amount = -m_rng.between(450, 1900) * 100 * kCent;
            e.description = "Rent " + e.counterparty;
            e.category = "Rent";
        } else {
            e.counterparty = personName(m_rng);
            e.amount = -m_rng.skewed(8000, 2) * kCent;
            e.description = "Transfer to " + e.counterparty;
            e.category = "Transfers";
        }
        e.counterpartyAccount = ibanFor("DE", "20020020" + digits(m_rng, 10));
        break;
    }
    case 3: // incoming: salary or from a person
        e.channel = Channel::Sepa;
        if (m_rng.chance(450)) {
            e.counterparty = demo::kEmployers[m_rng.below(demo::kEmployers.size())];
            e.amount = m_rng.between(1800, 6500) * 100 * kCent + m_rng.between(0, 99) * kCent;
            e.description = "Salary " + e.counterparty;
            e.category = "Salary";
        } else {
            e.counterparty = personName(m_rng);
            e.amount = m_rng.skewed(6000, 2) * kCent;
            e.description = "Transfer from " + e.counterparty;
            e.category = "Transfers";
        }
        e.counterpartyAccount = ibanFor("DE", "30030030" + digits(m_rng, 10));
        break;
    default: // top-up from the customer's own bank account
        e.channel = Channel::Internal;
        e.amount = m_rng.between(5, 100) * 1000 * kCent;
        e.description = "Top-up";
        e.category = "Transfers";
        break;
    }
    // Wallets are topped up rather than driven deep into the red.
    if (e.amount < 0 && account.balance + e.amount < -500 * 100 * kCent) {
        e.channel = Channel::Internal;
        e.amount = ((-e.amount) / (100 * 100 * kCent) + 2) * 100 * 100 * kCent;
        e.description = "Top-up";
        e.counterparty.clear();
        e.counterpartyAccount.clear();
        e.mcc.clear();
        e.category = "Transfers";
        e.country = customer.country;
    }
}

Status Generation::writeTransactions()
{
    const QStringList columns = {
        QStringLiteral("id"),           QStringLiteral("account_id"),      QStringLiteral("occurred_at"),
        QStringLiteral("booking_date"), QStringLiteral("value_date"),      QStringLiteral("amount_micros"),
        QStringLiteral("currency"),     QStringLiteral("description"),     QStringLiteral("counterparty"),
        QStringLiteral("counterparty_account"), QStringLiteral("reference"), QStringLiteral("merchant_category"),
        QStringLiteral("country"),      QStringLiteral("channel"),         QStringLiteral("device_id"),
        QStringLiteral("ip_address"),   QStringLiteral("status"),          QStringLiteral("category_id"),
        QStringLiteral("category_source"), QStringLiteral("source"),       QStringLiteral("external_id"),
    };
    auto w = writer(QStringLiteral("transactions"), columns);
    if (!w) {
        return w.error();
    }
    BulkWriter& out = **w;

    m_daily.assign(kDays + 1, {});
    qint64 id = 0;
    const qint64 total = m_spec.transactions;
    const qint64 openings = static_cast<qint64>(m_accounts.size());
    const qint64 ordinaryTotal = std::max<qint64>(0, total - openings - static_cast<qint64>(m_planted.size()));
    size_t nextPlanted = 0;
    qint64 ordinaryDone = 0;

    auto writeEvent = [&](Event& e) -> Status {
        Account& account = m_accounts[e.account];
        const qint64 day = e.ts / 86400;
        const int dayIndex = static_cast<int>(std::clamp<qint64>(day - kStartDay, 0, kDays));
        account.balance += e.amount;
        m_daily[dayIndex][account.currency * 2 + (e.amount >= 0 ? 0 : 1)] += e.amount >= 0 ? e.amount : -e.amount;

        ++id;
        out.addInt(id);
        out.addInt(e.account + 1);
        out.addTimestamp(e.ts);
        out.addDate(day);
        out.addDate(e.channel == Channel::Card && m_rng.chance(300) ? day + 1 : day);
        out.addInt(e.amount);
        out.addText(demo::kAccountCurrencies[account.currency].code);
        out.addText(e.description);
        out.addOptionalText(e.counterparty);
        out.addOptionalText(e.counterpartyAccount);
        if (e.channel == Channel::Sepa || e.channel == Channel::Swift) {
            out.addText("E2E" + QByteArray::number(id).rightJustified(12, '0'));
        } else {
            out.addNull();
        }
        out.addOptionalText(e.mcc);
        out.addOptionalText(e.country);
        out.addText(channelName(e.channel));
        out.addOptionalText(e.channel == Channel::Card || e.channel == Channel::Online ? e.device : QByteArray());
        out.addOptionalText(e.channel == Channel::Online ? e.ip : QByteArray());
        out.addText(day >= kEndDay - 1 && m_rng.chance(200) ? "pending" : "booked");
        // About four in five rows were categorised by their owners: training data for later.
        const qint64 categoryId = e.category ? m_categoryIds.value(QByteArray(e.category), 0) : 0;
        if (categoryId > 0 && m_rng.chance(800)) {
            out.addInt(categoryId);
            out.addText("user");
        } else {
            out.addNull();
            out.addNull();
        }
        out.addText("demo");
        out.addText("demo-" + QByteArray::number(id));
        if (e.pattern) {
            m_truth.emplace_back(id, e.pattern);
        }
        return out.endRow();
    };

    // Day zero opens every account with a deposit.
    for (size_t a = 0; a < m_accounts.size(); ++a) {
        Event e;
        e.account = static_cast<int>(a);
        e.ts = kStartDay * 86400 + 300 + static_cast<qint64>(a % 3600);
        e.amount = m_rng.between(500, 5000) * 100 * kCent;
        e.channel = Channel::Internal;
        e.description = "Opening deposit";
        e.category = "Transfers";
        e.country = m_customers[m_accounts[a].customer].country;
        if (auto s = writeEvent(e); !s) {
            return s;
        }
    }

    std::vector<Event> today;
    for (int d = 0; d < kDays; ++d) {
        if (cancelled()) {
            return Error(ErrorCode::Cancelled, QStringLiteral("demo creation was cancelled"));
        }
        const qint64 day = kStartDay + d;
        // Spread the ordinary rows evenly over the days so that the total lands exactly.
        const qint64 target = ordinaryTotal * (d + 1) / kDays;
        qint64 count = target - ordinaryDone;
        ordinaryDone = target;
        today.clear();
        today.reserve(static_cast<size_t>(count) + 64);
        for (qint64 k = 0; k < count; ++k) {
            Event e;
            e.account = static_cast<int>(m_rng.below(m_accounts.size()));
            e.ts = day * 86400 + daytimeSeconds(m_rng);
            if (d == 0 && e.ts < kStartDay * 86400 + 3600 * 2) {
                e.ts += 7200; // after the opening deposits
            }
            today.push_back(std::move(e));
        }
        while (nextPlanted < m_planted.size() && m_planted[nextPlanted].ts < (day + 1) * 86400) {
            today.push_back(m_planted[nextPlanted++]);
        }
        std::stable_sort(today.begin(), today.end(), [](const Event& a, const Event& b) { return a.ts < b.ts; });
        for (Event& e : today) {
            if (!e.pattern) {
                fillOrdinary(e);
            }
            if (auto s = writeEvent(e); !s) {
                return s;
            }
        }
        progress(QStringLiteral("transactions"), id, total);
    }
    m_report.transactions = id;
    m_report.planted = static_cast<qint64>(m_truth.size());
    return out.finish();
}

Status Generation::writeLedger()
{
    auto journals = writer(QStringLiteral("ledger_journals"),
                           {QStringLiteral("id"), QStringLiteral("posted_at"), QStringLiteral("booking_date"),
                            QStringLiteral("description"), QStringLiteral("reference"), QStringLiteral("source_type")});
    if (!journals) {
        return journals.error();
    }
    struct Leg
    {
        qint64 journal;
        qint64 account;
        qint64 debit;
        qint64 credit;
        int currency;
    };
    std::vector<Leg> legs;
    qint64 journalId = 0;
    auto ledgerAccount = [](int currency, int which) { return static_cast<qint64>(currency) * 3 + which + 1; };

    // Opening: the company's capital sits in its settlement accounts; customers' opening deposits
    // are part of day zero's inflows below.
    for (size_t c = 0; c < demo::kAccountCurrencies.size(); ++c) {
        ++journalId;
        (*journals)->addInt(journalId);
        (*journals)->addTimestamp(kStartDay * 86400);
        (*journals)->addDate(kStartDay);
        (*journals)->addText(QByteArray("Opening capital ") + demo::kAccountCurrencies[c].code);
        (*journals)->addText("OPEN-" + QByteArray(demo::kAccountCurrencies[c].code));
        (*journals)->addText("demo");
        if (auto s = (*journals)->endRow(); !s) {
            return s;
        }
        const qint64 capital = 10'000'000 * 1'000'000LL;
        legs.push_back({journalId, ledgerAccount(static_cast<int>(c), 0), capital, 0, static_cast<int>(c)});
        legs.push_back({journalId, ledgerAccount(static_cast<int>(c), 2), 0, capital, static_cast<int>(c)});
    }
    // Daily: customer money in (Dr bank, Cr customer funds) and out (Dr customer funds, Cr bank).
    for (int d = 0; d < kDays; ++d) {
        for (size_t c = 0; c < demo::kAccountCurrencies.size(); ++c) {
            for (int dir = 0; dir < 2; ++dir) {
                const qint64 sum = m_daily[d][c * 2 + dir];
                if (sum == 0) {
                    continue;
                }
                ++journalId;
                const QByteArray code(demo::kAccountCurrencies[c].code);
                (*journals)->addInt(journalId);
                (*journals)->addTimestamp((kStartDay + d) * 86400 + 86399);
                (*journals)->addDate(kStartDay + d);
                (*journals)->addText((dir == 0 ? "Customer receipts " : "Customer payments ") + code);
                (*journals)->addText((dir == 0 ? "IN-" : "OUT-") + code + '-' + QByteArray::number(kStartDay + d));
                (*journals)->addText("demo");
                if (auto s = (*journals)->endRow(); !s) {
                    return s;
                }
                const qint64 bank = ledgerAccount(static_cast<int>(c), 0);
                const qint64 funds = ledgerAccount(static_cast<int>(c), 1);
                legs.push_back({journalId, dir == 0 ? bank : funds, sum, 0, static_cast<int>(c)});
                legs.push_back({journalId, dir == 0 ? funds : bank, 0, sum, static_cast<int>(c)});
            }
        }
    }
    if (auto s = (*journals)->finish(); !s) {
        return s;
    }
    auto entries = writer(QStringLiteral("ledger_entries"),
                          {QStringLiteral("id"), QStringLiteral("journal_id"), QStringLiteral("ledger_account_id"),
                           QStringLiteral("debit_micros"), QStringLiteral("credit_micros"), QStringLiteral("currency")});
    if (!entries) {
        return entries.error();
    }
    qint64 entryId = 0;
    for (const Leg& leg : legs) {
        (*entries)->addInt(++entryId);
        (*entries)->addInt(leg.journal);
        (*entries)->addInt(leg.account);
        (*entries)->addInt(leg.debit);
        (*entries)->addInt(leg.credit);
        (*entries)->addText(demo::kAccountCurrencies[leg.currency].code);
        if (auto s = (*entries)->endRow(); !s) {
            return s;
        }
    }
    m_report.journals = journalId;
    m_report.ledgerEntries = entryId;
    return (*entries)->finish();
}

Status Generation::writeBalances()
{
    // A temporary table and one UPDATE … FROM: one statement instead of a round trip per account.
    if (auto s = exec(QStringLiteral("CREATE TEMPORARY TABLE demo_balances (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)"));
        !s) {
        return s;
    }
    auto w = writer(QStringLiteral("demo_balances"), {QStringLiteral("id"), QStringLiteral("balance")});
    if (!w) {
        return w.error();
    }
    for (size_t a = 0; a < m_accounts.size(); ++a) {
        (*w)->addInt(static_cast<qint64>(a) + 1);
        (*w)->addInt(m_accounts[a].balance);
        if (auto s = (*w)->endRow(); !s) {
            return s;
        }
    }
    if (auto s = (*w)->finish(); !s) {
        return s;
    }
    if (auto s = exec(QStringLiteral("UPDATE accounts SET balance_micros = b.balance FROM demo_balances b "
                                     "WHERE b.id = accounts.id"));
        !s) {
        return s;
    }
    return exec(QStringLiteral("DROP TABLE demo_balances"));
}

Status Generation::run(DemoReport& report)
{
    // Refuse to mix demo rows into a workspace that already has business data.
    {
        QSqlQuery q(m_conn);
        if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM transactions)"))) {
            return Database::queryError(q);
        }
        q.next();
        if (q.value(0).toLongLong() > 0) {
            return Error(ErrorCode::AlreadyExists,
                         QStringLiteral("the workspace already holds customers or transactions; demo data goes into "
                                        "an empty workspace only"));
        }
    }
    struct Step
    {
        const char* phase;
        Status (Generation::*fn)();
    };
    const Step steps[] = {
        {"categories", &Generation::loadCategories},
        {"ledger accounts", &Generation::writeLedgerAccounts},
        {"customers", &Generation::writeCustomers},
        {"accounts and cards", &Generation::writeAccountsAndCards},
        {"KYC and risk", &Generation::writeKycAndRisk},
    };
    for (const Step& step : steps) {
        if (cancelled()) {
            return Error(ErrorCode::Cancelled, QStringLiteral("demo creation was cancelled"));
        }
        progress(QString::fromLatin1(step.phase), 0, 0);
        if (auto s = (this->*step.fn)(); !s) {
            return s.error().wrapped(QStringLiteral("demo %1").arg(QString::fromLatin1(step.phase)));
        }
    }
    planPatterns();
    auto indexes = DeferredIndexes::drop(m_db.dialect(), m_conn, QStringLiteral("transactions"));
    if (!indexes) {
        return indexes.error();
    }
    if (auto s = writeTransactions(); !s) {
        return s.error().code() == ErrorCode::Cancelled ? s : Status(s.error().wrapped(QStringLiteral("demo transactions")));
    }
    progress(QStringLiteral("indexes"), 0, 0);
    if (auto s = indexes->recreate(m_conn); !s) {
        return s;
    }
    if (auto s = TransactionSearch::catchUp(m_db.dialect(), m_conn); !s) {
        return s;
    }
    progress(QStringLiteral("ground truth"), 0, 0);
    {
        auto w = writer(QStringLiteral("demo_ground_truth"), {QStringLiteral("transaction_id"), QStringLiteral("pattern")});
        if (!w) {
            return w.error();
        }
        for (const auto& [txId, pattern] : m_truth) {
            (*w)->addInt(txId);
            (*w)->addText(pattern);
            if (auto s = (*w)->endRow(); !s) {
                return s;
            }
        }
        if (auto s = (*w)->finish(); !s) {
            return s;
        }
    }
    progress(QStringLiteral("ledger"), 0, 0);
    if (auto s = writeLedger(); !s) {
        return s;
    }
    progress(QStringLiteral("balances"), 0, 0);
    if (auto s = writeBalances(); !s) {
        return s;
    }
    for (const char* table : {"ledger_accounts", "customers", "accounts", "cards", "kyc_records", "risk_assessments",
                              "transactions", "ledger_journals", "ledger_entries"}) {
        if (auto s = exec(m_db.dialect().resetIdentitySql(QString::fromLatin1(table))); !s) {
            return s;
        }
    }
    QSqlQuery info(m_conn);
    info.prepare(QStringLiteral("INSERT INTO workspace_info (key, value) VALUES ('demo_size', ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    info.addBindValue(QStringLiteral("%1 seed %2").arg(m_spec.transactions).arg(m_spec.seed));
    if (!info.exec()) {
        return Database::queryError(info);
    }
    report = m_report;
    return {};
}

} // namespace

DemoGenerator::DemoGenerator(DatabasePtr db, DemoSize size)
    : m_db(std::move(db))
    , m_size(size)
{
}

std::optional<DemoSize> DemoGenerator::sizeFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QStringLiteral("small")) {
        return DemoSize::Small;
    }
    if (n == QStringLiteral("medium")) {
        return DemoSize::Medium;
    }
    if (n == QStringLiteral("large")) {
        return DemoSize::Large;
    }
    return std::nullopt;
}

QString DemoGenerator::sizeName(DemoSize size)
{
    switch (size) {
    case DemoSize::Small: return QStringLiteral("small");
    case DemoSize::Medium: return QStringLiteral("medium");
    case DemoSize::Large: return QStringLiteral("large");
    }
    return {};
}

DemoSpec DemoGenerator::spec(DemoSize size)
{
    switch (size) {
    case DemoSize::Small: return {500, 50'000, 0x5EED'0001};
    case DemoSize::Medium: return {5'000, 1'000'000, 0x5EED'0002};
    case DemoSize::Large: return {25'000, 10'000'000, 0x5EED'0003};
    }
    return {};
}

Result<DemoReport> DemoGenerator::run()
{
    QElapsedTimer timer;
    timer.start();
    auto st = Migrator::status(*m_db);
    if (!st) {
        return st.error();
    }
    if (!st->pending.isEmpty()) {
        return Error(ErrorCode::MigrationFailed,
                     QStringLiteral("the workspace schema is not current; run `flowlet db migrate` first"));
    }
    DemoReport report;
    auto status = m_db->transaction([&](QSqlDatabase& conn) -> Status {
        Generation generation(*m_db, conn, m_size, m_progress, m_cancel);
        if (auto s = generation.run(report); !s) {
            return s;
        }
        // A whole book of business data appeared: the trail says when, where and how much.
        AuditEntry entry;
        entry.workstation = AuditLog::workstationName();
        entry.action = QStringLiteral("demo.created");
        entry.objectType = QStringLiteral("workspace");
        entry.after = QStringLiteral("{\"size\":\"%1\",\"customers\":%2,\"accounts\":%3,\"transactions\":%4}")
                          .arg(sizeName(m_size))
                          .arg(report.customers)
                          .arg(report.accounts)
                          .arg(report.transactions);
        return AuditLog::append(conn, m_db->dialect(), entry);
    });
    if (!status) {
        return status.error();
    }
    if (m_db->dialect().isPostgres()) {
        // Fresh statistics, so the planner picks the keyset indexes from the first query on.
        if (auto analyzed = m_db->exec(QStringLiteral("ANALYZE")); !analyzed) {
            qCWarning(lcDemo) << "ANALYZE failed:" << analyzed.error().message();
        }
    }
    report.elapsedMs = timer.elapsed();
    qCInfo(lcDemo) << "demo" << sizeName(m_size) << "created:" << report.transactions << "transactions in"
                   << report.elapsedMs << "ms";
    return report;
}

} // namespace flowlet
