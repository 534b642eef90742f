#include "Logging.h"

Q_LOGGING_CATEGORY(lcCore, "flowlet.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDb, "flowlet.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMigration, "flowlet.db.migration", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDemo, "flowlet.demo", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "flowlet.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCrypto, "flowlet.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLedger, "flowlet.ledger", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "flowlet.cli", QtInfoMsg)
Q_LOGGING_CATEGORY(lcModels, "flowlet.models", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "flowlet.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApi, "flowlet.api", QtInfoMsg)
