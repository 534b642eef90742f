#pragma once

// Reference data the demo generator draws from: names, merchants, countries. Kept apart from the
// generator so that the generator reads as the process it is.

#include <array>

namespace flowlet::demo {

inline constexpr std::array kFirstNames = {
    "Anna", "Lukas", "Sofia", "Jonas", "Emma", "Noah", "Mia", "Elias", "Lea", "Finn", "Julia", "Paul",
    "Camille", "Louis", "Chloé", "Hugo", "Sanne", "Daan", "Femke", "Bram", "Olivia", "James", "Amelia",
    "Oliver", "Lucía", "Mateo", "Martina", "Hugo", "Giulia", "Lorenzo", "Zofia", "Jakub", "Aoife", "Cian",
    "Fatma", "Mehmet", "Aisha", "Omar", "Priya", "Arjun", "Mei", "Wei", "Yuki", "Haruto", "Olga", "Dmitri",
    "Ngozi", "Chinedu", "Ana", "João",
};

inline constexpr std::array kLastNames = {
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch",
    "Martin", "Bernard", "Dubois", "Laurent", "de Vries", "Jansen", "Bakker", "Visser", "Smith", "Jones",
    "Taylor", "Brown", "García", "Fernández", "López", "Rossi", "Russo", "Ferrari", "Nowak", "Kowalski",
    "Murphy", "O'Brien", "Yılmaz", "Kaya", "Haddad", "Khan", "Patel", "Sharma", "Wang", "Li", "Tanaka",
    "Sato", "Ivanova", "Petrov", "Okafor", "Adeyemi", "Silva", "Santos", "Novak", "Horvat",
};

inline constexpr std::array kCompanySuffixes = {"GmbH", "B.V.", "Ltd", "S.L.", "SAS", "S.r.l.", "AG", "sp. z o.o."};
inline constexpr std::array kCompanyTrades = {"Logistics", "Consulting", "Trading", "Bau", "Software", "Imports",
                                              "Textiles", "Catering", "Autohaus", "Media"};

struct HomeCountry
{
    const char* code;
    int weight;
};
inline constexpr std::array kHomeCountries = {
    HomeCountry{"DE", 34}, HomeCountry{"FR", 12}, HomeCountry{"NL", 10}, HomeCountry{"AT", 6},
    HomeCountry{"ES", 8},  HomeCountry{"IT", 8},  HomeCountry{"BE", 4},  HomeCountry{"IE", 3},
    HomeCountry{"PL", 5},  HomeCountry{"GB", 6},  HomeCountry{"CH", 2},  HomeCountry{"TR", 1},
    HomeCountry{"NG", 1},
};

inline constexpr std::array kTravelCountries = {"ES", "IT", "FR", "PT", "GR", "HR", "US", "GB", "NL", "AT"};
// Jurisdictions a compliance officer looks twice at (FATF lists and offshore centres).
inline constexpr std::array kHighRiskCountries = {"KP", "IR", "MM", "PA", "KY", "VG", "AE", "RU", "VE", "SY"};

struct CurrencyChoice
{
    const char* code;
    int weight;
};
inline constexpr std::array kAccountCurrencies = {
    CurrencyChoice{"EUR", 80}, CurrencyChoice{"GBP", 8}, CurrencyChoice{"USD", 7}, CurrencyChoice{"CHF", 5},
};

struct Merchant
{
    const char* name;
    const char* mcc;
    const char* category;
    int medianCents;
    bool online;
};
inline constexpr std::array kMerchants = {
    Merchant{"REWE Markt", "5411", "Groceries", 3500, false},
    Merchant{"EDEKA", "5411", "Groceries", 3200, false},
    Merchant{"Lidl", "5411", "Groceries", 2800, false},
    Merchant{"Aldi Süd", "5411", "Groceries", 2600, false},
    Merchant{"Carrefour", "5411", "Groceries", 4100, false},
    Merchant{"Albert Heijn", "5411", "Groceries", 3000, false},
    Merchant{"Tesco", "5411", "Groceries", 3300, false},
    Merchant{"Mercadona", "5411", "Groceries", 2900, false},
    Merchant{"Pizzeria Napoli", "5812", "Restaurants", 3100, false},
    Merchant{"Sushi Bar Kyoto", "5812", "Restaurants", 3900, false},
    Merchant{"Café Central", "5812", "Restaurants", 1400, false},
    Merchant{"Le Petit Bistro", "5812", "Restaurants", 4500, false},
    Merchant{"McDonald's", "5814", "Restaurants", 1100, false},
    Merchant{"Burger King", "5814", "Restaurants", 1000, false},
    Merchant{"Shell", "5541", "Fuel", 6200, false},
    Merchant{"Aral", "5541", "Fuel", 5800, false},
    Merchant{"TotalEnergies", "5541", "Fuel", 6000, false},
    Merchant{"Deutsche Bahn", "4111", "Travel", 2900, true},
    Merchant{"SNCF Connect", "4111", "Travel", 4800, true},
    Merchant{"Lufthansa", "4511", "Travel", 21000, true},
    Merchant{"Ryanair", "4511", "Travel", 8900, true},
    Merchant{"KLM", "4511", "Travel", 19000, true},
    Merchant{"Motel One", "7011", "Travel", 11000, false},
    Merchant{"NH Hotels", "7011", "Travel", 14500, false},
    Merchant{"Primark", "5311", "Shopping", 3800, false},
    Merchant{"El Corte Inglés", "5311", "Shopping", 7400, false},
    Merchant{"MediaMarkt", "5732", "Shopping", 13000, false},
    Merchant{"Apple Store", "5732", "Shopping", 26000, false},
    Merchant{"dm-drogerie markt", "5912", "Health", 1800, false},
    Merchant{"Rossmann", "5912", "Health", 1600, false},
    Merchant{"Boots", "5912", "Health", 1900, false},
    Merchant{"Vodafone", "4814", "Utilities", 3999, true},
    Merchant{"Deutsche Telekom", "4814", "Utilities", 4495, true},
    Merchant{"Vattenfall", "4900", "Utilities", 8500, true},
    Merchant{"E.ON Energie", "4900", "Utilities", 9200, true},
    Merchant{"CinemaxX", "7832", "Entertainment", 2400, false},
    Merchant{"Spotify", "5815", "Entertainment", 1099, true},
    Merchant{"Netflix", "5815", "Entertainment", 1399, true},
    Merchant{"Steam", "5815", "Entertainment", 2499, true},
    Merchant{"Allianz Versicherung", "6300", "Insurance", 6500, true},
    Merchant{"HUK-Coburg", "6300", "Insurance", 5400, true},
    Merchant{"Amazon Marketplace", "5999", "Shopping", 4200, true},
    Merchant{"Zalando", "5999", "Shopping", 6900, true},
    Merchant{"bol.com", "5999", "Shopping", 3800, true},
};

inline constexpr std::array kEmployers = {
    "Siemens AG", "Bosch GmbH", "Allianz SE", "Philips N.V.", "Airbus SAS", "Stadt München", "Charité Berlin",
    "Zalando SE", "ING Bank N.V.", "Ahold Delhaize", "Telefónica S.A.", "Enel S.p.A.", "Universität Wien",
};

inline constexpr std::array kLandlords = {
    "Hausverwaltung Becker GmbH", "Vonovia SE", "Immobilien Schulz", "Woonstad Rotterdam", "Foncia Paris",
    "Deutsche Wohnen", "Private landlord",
};

// Counterparties of the planted money-laundering patterns: shell-like names abroad.
inline constexpr std::array kShellCompanies = {
    "Oceanic Holdings Ltd", "Goldcrest Trading FZE", "Northwind Ventures Inc", "Baltic Star Limited",
    "Amber Bridge Corp", "Silverline Partners SA", "Meridian Global LLC", "Coral Reef Investments Ltd",
};

inline constexpr std::array kCities = {"Berlin", "Hamburg", "München", "Köln", "Paris", "Lyon", "Amsterdam",
                                       "Rotterdam", "Wien", "Madrid", "Milano", "Bruxelles", "Dublin",
                                       "Warszawa", "London", "Zürich"};

} // namespace flowlet::demo
