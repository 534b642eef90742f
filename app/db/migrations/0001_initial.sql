-- Flowlet Workstation: the whole product's schema, first version.
-- Types in {{braces}} are expanded per backend by SqlDialect::expandDdl; `-- @dialect` sections
-- hold what only one backend has. Money columns are BIGINT millionths of the row's currency
-- ("_micros"), never floating point. Editable rows carry row_version for optimistic locking.

CREATE TABLE workspace_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- ---------------------------------------------------------------- identity and access
CREATE TABLE permissions (
    code        TEXT PRIMARY KEY,
    description TEXT NOT NULL
);

CREATE TABLE roles (
    id          {{id}},
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    builtin     {{bool}} NOT NULL DEFAULT {{false}}
);

CREATE TABLE role_permissions (
    role_id         BIGINT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    permission_code TEXT NOT NULL REFERENCES permissions(code) ON DELETE CASCADE,
    PRIMARY KEY (role_id, permission_code)
);

CREATE TABLE staff_users (
    id                   {{id}},
    username             TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    email                TEXT,
    role_id              BIGINT NOT NULL REFERENCES roles(id),
    password_hash        TEXT NOT NULL,
    password_changed_at  {{timestamp}},
    must_change_password {{bool}} NOT NULL DEFAULT {{false}},
    mfa_required         {{bool}} NOT NULL DEFAULT {{true}},
    status               TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         {{timestamp}},
    last_login_at        {{timestamp}},
    created_at           {{timestamp}} NOT NULL DEFAULT {{now}},
    updated_at           {{timestamp}} NOT NULL DEFAULT {{now}},
    row_version          INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE mfa_secrets (
    user_id          BIGINT PRIMARY KEY REFERENCES staff_users(id) ON DELETE CASCADE,
    secret_encrypted {{blob}} NOT NULL,
    confirmed        {{bool}} NOT NULL DEFAULT {{false}},
    enrolled_at      {{timestamp}} NOT NULL DEFAULT {{now}},
    last_used_step   BIGINT
);

CREATE TABLE recovery_codes (
    id        {{id}},
    user_id   BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   {{timestamp}}
);

CREATE TABLE staff_sessions (
    id                {{id}},
    user_id           BIGINT NOT NULL REFERENCES staff_users(id),
    token_hash        TEXT NOT NULL UNIQUE,
    resume_token_hash TEXT,
    workstation       TEXT NOT NULL DEFAULT '',
    backend_pid       INTEGER,
    created_at        {{timestamp}} NOT NULL DEFAULT {{now}},
    last_seen_at      {{timestamp}} NOT NULL DEFAULT {{now}},
    expires_at        {{timestamp}} NOT NULL,
    ended_at          {{timestamp}}
);

CREATE TABLE password_resets (
    id        {{id}},
    user_id   BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    issued_by BIGINT REFERENCES staff_users(id),
    issued_at {{timestamp}} NOT NULL DEFAULT {{now}},
    expires_at {{timestamp}} NOT NULL,
    used_at   {{timestamp}}
);

-- Four-eyes: a high-risk action waits here until a second, different user decides it.
CREATE TABLE approval_requests (
    id           {{id}},
    action       TEXT NOT NULL,
    object_type  TEXT NOT NULL,
    object_id    TEXT NOT NULL,
    payload      {{json}},
    requested_by BIGINT NOT NULL REFERENCES staff_users(id),
    requested_at {{timestamp}} NOT NULL DEFAULT {{now}},
    decided_by   BIGINT REFERENCES staff_users(id),
    decided_at   {{timestamp}},
    decision     TEXT CHECK (decision IN ('approved', 'rejected')),
    reason       TEXT,
    CHECK (decided_by IS NULL OR decided_by <> requested_by)
);

-- ---------------------------------------------------------------- customers, accounts, cards
CREATE TABLE customers (
    id                   {{id}},
    external_ref         TEXT NOT NULL UNIQUE,
    kind                 TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'business')),
    full_name            TEXT NOT NULL,
    date_of_birth        {{date}},
    nationality          TEXT,
    country              TEXT,
    email                TEXT,
    phone                TEXT,
    kyc_level            TEXT NOT NULL DEFAULT 'none' CHECK (kyc_level IN ('none', 'basic', 'full', 'enhanced')),
    kyc_status           TEXT NOT NULL DEFAULT 'pending',
    risk_rating          TEXT NOT NULL DEFAULT 'low' CHECK (risk_rating IN ('low', 'medium', 'high')),
    risk_score           INTEGER NOT NULL DEFAULT 0,
    pep                  {{bool}} NOT NULL DEFAULT {{false}},
    created_at           {{timestamp}} NOT NULL DEFAULT {{now}},
    updated_at           {{timestamp}} NOT NULL DEFAULT {{now}},
    row_version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customers_name_idx ON customers (full_name);

-- Customer wallets and current accounts, and the company's own bank accounts (kind 'own').
CREATE TABLE accounts (
    id             {{id}},
    customer_id    BIGINT REFERENCES customers(id),
    kind           TEXT NOT NULL CHECK (kind IN ('wallet', 'current', 'savings', 'own')),
    name           TEXT NOT NULL,
    iban           TEXT UNIQUE,
    currency       TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'frozen', 'closed')),
    balance_micros BIGINT NOT NULL DEFAULT 0,
    opened_at      {{timestamp}} NOT NULL DEFAULT {{now}},
    closed_at      {{timestamp}},
    row_version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX accounts_customer_idx ON accounts (customer_id);

-- The PAN is never stored in clear: a random token plus the AES-256-GCM ciphertext; the last
-- four digits are kept for display and search.
CREATE TABLE cards (
    id                 {{id}},
    account_id         BIGINT NOT NULL REFERENCES accounts(id),
    customer_id        BIGINT NOT NULL REFERENCES customers(id),
    brand              TEXT NOT NULL,
    pan_token          TEXT NOT NULL UNIQUE,
    pan_last4          TEXT NOT NULL,
    pan_encrypted      {{blob}},
    expiry_month       INTEGER NOT NULL CHECK (expiry_month BETWEEN 1 AND 12),
    expiry_year        INTEGER NOT NULL,
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'frozen', 'blocked', 'expired')),
    daily_limit_micros BIGINT NOT NULL DEFAULT 0,
    created_at         {{timestamp}} NOT NULL DEFAULT {{now}},
    row_version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cards_account_idx ON cards (account_id);

-- ---------------------------------------------------------------- statements and transactions
CREATE TABLE categories (
    id        {{id}},
    parent_id BIGINT REFERENCES categories(id),
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL DEFAULT 'expense' CHECK (kind IN ('income', 'expense', 'transfer')),
    builtin   {{bool}} NOT NULL DEFAULT {{false}},
    UNIQUE (parent_id, name)
);

CREATE TABLE category_rules (
    id          {{id}},
    name        TEXT NOT NULL,
    field       TEXT NOT NULL,
    condition   TEXT NOT NULL CHECK (condition IN ('equals', 'contains', 'starts_with', 'regex', 'between')),
    value       TEXT NOT NULL,
    category_id BIGINT NOT NULL REFERENCES categories(id),
    priority    INTEGER NOT NULL DEFAULT 100,
    enabled     {{bool}} NOT NULL DEFAULT {{true}},
    created_by  BIGINT REFERENCES staff_users(id),
    created_at  {{timestamp}} NOT NULL DEFAULT {{now}},
    row_version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE import_batches (
    id                     {{id}},
    account_id             BIGINT REFERENCES accounts(id),
    source_format          TEXT NOT NULL,
    file_name              TEXT NOT NULL,
    file_sha256            TEXT NOT NULL,
    imported_by            BIGINT REFERENCES staff_users(id),
    imported_at            {{timestamp}} NOT NULL DEFAULT {{now}},
    status                 TEXT NOT NULL DEFAULT 'committed' CHECK (status IN ('committed', 'undone')),
    rows_new               INTEGER NOT NULL DEFAULT 0,
    rows_duplicate         INTEGER NOT NULL DEFAULT 0,
    rows_matched           INTEGER NOT NULL DEFAULT 0,
    statement_from         {{date}},
    statement_to           {{date}},
    opening_balance_micros BIGINT,
    closing_balance_micros BIGINT,
    currency               TEXT,
    undone_at              {{timestamp}},
    undone_by              BIGINT REFERENCES staff_users(id)
);

CREATE TABLE transactions (
    id                    {{id}},
    account_id            BIGINT NOT NULL REFERENCES accounts(id),
    occurred_at           {{timestamp}} NOT NULL,
    booking_date          {{date}} NOT NULL,
    value_date            {{date}},
    amount_micros         BIGINT NOT NULL,
    currency              TEXT NOT NULL,
    description           TEXT NOT NULL DEFAULT '',
    counterparty          TEXT,
    counterparty_account  TEXT,
    reference             TEXT,
    end_to_end_id         TEXT,
    bank_tx_code          TEXT,
    merchant_category     TEXT,
    country               TEXT,
    channel               TEXT NOT NULL DEFAULT 'other'
                          CHECK (channel IN ('card', 'sepa', 'swift', 'atm', 'online', 'internal', 'cash', 'other')),
    device_id             TEXT,
    ip_address            TEXT,
    status                TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('pending', 'booked', 'reversed', 'rejected')),
    category_id           BIGINT REFERENCES categories(id),
    category_source       TEXT CHECK (category_source IN ('user', 'rule', 'model')),
    source                TEXT NOT NULL CHECK (source IN ('demo', 'import', 'manual', 'api')),
    external_id           TEXT,
    fingerprint           TEXT,
    import_batch_id       BIGINT REFERENCES import_batches(id),
    linked_transaction_id BIGINT REFERENCES transactions(id),
    created_at            {{timestamp}} NOT NULL DEFAULT {{now}},
    row_version           INTEGER NOT NULL DEFAULT 1
);
-- Keyset paging: every sortable column is indexed together with id, which breaks ties.
CREATE INDEX transactions_occurred_idx ON transactions (occurred_at, id);
CREATE INDEX transactions_amount_idx ON transactions (amount_micros, id);
CREATE INDEX transactions_account_idx ON transactions (account_id, occurred_at, id);
CREATE INDEX transactions_batch_idx ON transactions (import_batch_id);
CREATE INDEX transactions_fingerprint_idx ON transactions (account_id, fingerprint);

-- What the demo generator planted, so that analytics can be scored against the truth.
CREATE TABLE demo_ground_truth (
    transaction_id BIGINT NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
    pattern        TEXT NOT NULL,
    PRIMARY KEY (transaction_id, pattern)
);

-- ---------------------------------------------------------------- ledger and reconciliation
CREATE TABLE ledger_accounts (
    id        {{id}},
    code      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    type      TEXT NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
    currency  TEXT NOT NULL,
    parent_id BIGINT REFERENCES ledger_accounts(id)
);

CREATE TABLE ledger_journals (
    id          {{id}},
    posted_at   {{timestamp}} NOT NULL,
    booking_date {{date}} NOT NULL,
    description TEXT NOT NULL,
    reference   TEXT,
    source_type TEXT,
    source_id   TEXT,
    created_by  BIGINT REFERENCES staff_users(id)
);
CREATE INDEX ledger_journals_date_idx ON ledger_journals (booking_date, id);

-- One side of a journal: exactly one of debit/credit is non-zero; a journal's debits equal its
-- credits per currency (checked by the writers and by the tests).
CREATE TABLE ledger_entries (
    id                {{id}},
    journal_id        BIGINT NOT NULL REFERENCES ledger_journals(id) ON DELETE CASCADE,
    ledger_account_id BIGINT NOT NULL REFERENCES ledger_accounts(id),
    debit_micros      BIGINT NOT NULL DEFAULT 0 CHECK (debit_micros >= 0),
    credit_micros     BIGINT NOT NULL DEFAULT 0 CHECK (credit_micros >= 0),
    currency          TEXT NOT NULL,
    memo              TEXT,
    CHECK ((debit_micros = 0) <> (credit_micros = 0))
);
CREATE INDEX ledger_entries_journal_idx ON ledger_entries (journal_id);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (ledger_account_id, journal_id);

CREATE TABLE reconciliation_sessions (
    id                       {{id}},
    account_id               BIGINT NOT NULL REFERENCES accounts(id),
    import_batch_id          BIGINT REFERENCES import_batches(id),
    statement_date           {{date}} NOT NULL,
    statement_closing_micros BIGINT NOT NULL,
    currency                 TEXT NOT NULL,
    status                   TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished')),
    started_by               BIGINT REFERENCES staff_users(id),
    started_at               {{timestamp}} NOT NULL DEFAULT {{now}},
    finished_by              BIGINT REFERENCES staff_users(id),
    finished_at              {{timestamp}},
    row_version              INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE reconciliation_matches (
    id         {{id}},
    session_id BIGINT NOT NULL REFERENCES reconciliation_sessions(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('exact', 'tolerance', 'one_to_many', 'many_to_one', 'manual')),
    score      INTEGER NOT NULL DEFAULT 100,
    state      TEXT NOT NULL DEFAULT 'suggested' CHECK (state IN ('suggested', 'cleared', 'reconciled')),
    created_at {{timestamp}} NOT NULL DEFAULT {{now}}
);

CREATE TABLE reconciliation_match_items (
    match_id       BIGINT NOT NULL REFERENCES reconciliation_matches(id) ON DELETE CASCADE,
    side           TEXT NOT NULL CHECK (side IN ('statement', 'book')),
    transaction_id BIGINT NOT NULL REFERENCES transactions(id),
    PRIMARY KEY (match_id, side, transaction_id)
);

-- ---------------------------------------------------------------- compliance
CREATE TABLE kyc_records (
    id              {{id}},
    customer_id     BIGINT NOT NULL REFERENCES customers(id),
    level_requested TEXT NOT NULL CHECK (level_requested IN ('basic', 'full', 'enhanced')),
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'in_review', 'awaiting_approval', 'approved', 'rejected')),
    risk_level      TEXT NOT NULL DEFAULT 'low' CHECK (risk_level IN ('low', 'medium', 'high')),
    assigned_to     BIGINT REFERENCES staff_users(id),
    submitted_at    {{timestamp}} NOT NULL DEFAULT {{now}},
    decided_at      {{timestamp}},
    decided_by      BIGINT REFERENCES staff_users(id),
    notes           TEXT,
    row_version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX kyc_records_queue_idx ON kyc_records (status, submitted_at, id);

CREATE TABLE kyc_documents (
    id                {{id}},
    kyc_record_id     BIGINT NOT NULL REFERENCES kyc_records(id) ON DELETE CASCADE,
    doc_type          TEXT NOT NULL,
    file_name         TEXT NOT NULL,
    mime_type         TEXT NOT NULL,
    sha256            TEXT NOT NULL,
    content_encrypted {{blob}},
    uploaded_by       BIGINT REFERENCES staff_users(id),
    uploaded_at       {{timestamp}} NOT NULL DEFAULT {{now}},
    verified_status   TEXT NOT NULL DEFAULT 'unverified'
);

CREATE TABLE watchlists (
    id          {{id}},
    name        TEXT NOT NULL,
    source      TEXT NOT NULL,
    version     TEXT,
    loaded_at   {{timestamp}} NOT NULL DEFAULT {{now}},
    entry_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE watchlist_entries (
    id            {{id}},
    watchlist_id  BIGINT NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
    external_id   TEXT,
    entity_type   TEXT NOT NULL DEFAULT 'person',
    primary_name  TEXT NOT NULL,
    aliases       {{json}},
    date_of_birth TEXT,
    countries     TEXT,
    programs      TEXT,
    raw           {{json}}
);
CREATE INDEX watchlist_entries_name_idx ON watchlist_entries (primary_name);

CREATE TABLE screening_results (
    id                 {{id}},
    customer_id        BIGINT NOT NULL REFERENCES customers(id),
    watchlist_entry_id BIGINT NOT NULL REFERENCES watchlist_entries(id),
    score              INTEGER NOT NULL,
    matched_name       TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'true_match', 'false_positive')),
    screened_at        {{timestamp}} NOT NULL DEFAULT {{now}},
    decided_by         BIGINT REFERENCES staff_users(id),
    decided_at         {{timestamp}},
    row_version        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE cases (
    id          {{id}},
    reference   TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('fraud', 'aml', 'kyc', 'sanctions')),
    title       TEXT NOT NULL,
    customer_id BIGINT REFERENCES customers(id),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'investigating', 'escalated', 'closed')),
    priority    TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'critical')),
    assigned_to BIGINT REFERENCES staff_users(id),
    opened_at   {{timestamp}} NOT NULL DEFAULT {{now}},
    closed_at   {{timestamp}},
    resolution  TEXT,
    row_version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE case_events (
    id       {{id}},
    case_id  BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at       {{timestamp}} NOT NULL DEFAULT {{now}},
    actor_id BIGINT REFERENCES staff_users(id),
    kind     TEXT NOT NULL,
    body     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case_idx ON case_events (case_id, at);

CREATE TABLE fraud_alerts (
    id             {{id}},
    transaction_id BIGINT REFERENCES transactions(id),
    customer_id    BIGINT REFERENCES customers(id),
    rule_code      TEXT NOT NULL,
    score          INTEGER NOT NULL,
    severity       TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    status         TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'triaged', 'escalated', 'dismissed', 'closed')),
    created_at     {{timestamp}} NOT NULL DEFAULT {{now}},
    assigned_to    BIGINT REFERENCES staff_users(id),
    case_id        BIGINT REFERENCES cases(id),
    details        {{json}},
    row_version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX fraud_alerts_queue_idx ON fraud_alerts (status, created_at, id);

CREATE TABLE risk_assessments (
    id            {{id}},
    customer_id   BIGINT NOT NULL REFERENCES customers(id),
    assessed_at   {{timestamp}} NOT NULL DEFAULT {{now}},
    score         INTEGER NOT NULL,
    level         TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high')),
    factors       {{json}},
    model_version TEXT NOT NULL,
    assessed_by   BIGINT REFERENCES staff_users(id)
);
CREATE INDEX risk_assessments_customer_idx ON risk_assessments (customer_id, assessed_at);

-- ---------------------------------------------------------------- API, audit, monitoring, reports
CREATE TABLE api_keys (
    id           {{id}},
    owner_id     BIGINT NOT NULL REFERENCES staff_users(id),
    name         TEXT NOT NULL,
    key_prefix   TEXT NOT NULL UNIQUE,
    key_hash     TEXT NOT NULL,
    scopes       TEXT NOT NULL,
    created_at   {{timestamp}} NOT NULL DEFAULT {{now}},
    expires_at   {{timestamp}},
    revoked_at   {{timestamp}},
    last_used_at {{timestamp}}
);

-- Append-only; each row's hash covers its content and the previous row's hash.
CREATE TABLE audit_log (
    id          {{id}},
    at          {{timestamp}} NOT NULL,
    actor_id    BIGINT REFERENCES staff_users(id),
    actor_name  TEXT NOT NULL,
    workstation TEXT NOT NULL DEFAULT '',
    api_key_id  BIGINT REFERENCES api_keys(id),
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id   TEXT NOT NULL DEFAULT '',
    before      {{json}},
    after       {{json}},
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at, id);

CREATE TABLE error_log (
    id          {{id}},
    at          {{timestamp}} NOT NULL DEFAULT {{now}},
    level       TEXT NOT NULL,
    category    TEXT NOT NULL,
    message     TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    context     TEXT,
    user_id     BIGINT REFERENCES staff_users(id),
    request_id  TEXT
);
CREATE INDEX error_log_fingerprint_idx ON error_log (fingerprint, at);

CREATE TABLE report_definitions (
    id          {{id}},
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    definition  {{json}} NOT NULL,
    owner_id    BIGINT REFERENCES staff_users(id),
    created_at  {{timestamp}} NOT NULL DEFAULT {{now}},
    row_version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE report_schedules (
    id          {{id}},
    report_id   BIGINT NOT NULL REFERENCES report_definitions(id) ON DELETE CASCADE,
    cron        TEXT NOT NULL,
    format      TEXT NOT NULL CHECK (format IN ('pdf', 'xlsx', 'csv')),
    destination TEXT NOT NULL,
    enabled     {{bool}} NOT NULL DEFAULT {{true}},
    next_run_at {{timestamp}},
    last_run_at {{timestamp}}
);

CREATE TABLE report_runs (
    id          {{id}},
    report_id   BIGINT NOT NULL REFERENCES report_definitions(id) ON DELETE CASCADE,
    schedule_id BIGINT REFERENCES report_schedules(id),
    started_at  {{timestamp}} NOT NULL DEFAULT {{now}},
    finished_at {{timestamp}},
    status      TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
    output_path TEXT,
    row_count   INTEGER,
    error       TEXT
);

-- Built-in categories; users add their own.
INSERT INTO categories (name, kind, builtin) VALUES
    ('Salary', 'income', {{true}}),
    ('Interest', 'income', {{true}}),
    ('Refunds', 'income', {{true}}),
    ('Groceries', 'expense', {{true}}),
    ('Restaurants', 'expense', {{true}}),
    ('Travel', 'expense', {{true}}),
    ('Fuel', 'expense', {{true}}),
    ('Utilities', 'expense', {{true}}),
    ('Rent', 'expense', {{true}}),
    ('Insurance', 'expense', {{true}}),
    ('Shopping', 'expense', {{true}}),
    ('Entertainment', 'expense', {{true}}),
    ('Health', 'expense', {{true}}),
    ('Fees and charges', 'expense', {{true}}),
    ('Taxes', 'expense', {{true}}),
    ('Cash withdrawal', 'transfer', {{true}}),
    ('Transfers', 'transfer', {{true}});

-- @dialect postgresql
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
