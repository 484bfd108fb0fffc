-- Replicated tables: mirror dev.filial.node.store.Schema exactly (SchemaMatchesDatabaseIT checks it).
-- Decimals are stored as text in SQLite (exact) and as DECIMAL(31, scale) in Derby; dates and
-- timestamps as ISO-8601 text in SQLite; booleans as 0/1 in SQLite.

CREATE TABLE counterparty (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    tax_id TEXT,
    category TEXT,
    segment TEXT,
    owning_branch TEXT NOT NULL,
    manager TEXT,
    credit_limit TEXT,
    payment_days INTEGER,
    price_type_id TEXT,
    discount TEXT,
    note TEXT,
    active INTEGER NOT NULL
);

CREATE TABLE contact_person (
    id TEXT NOT NULL PRIMARY KEY,
    counterparty_id TEXT NOT NULL,
    name TEXT NOT NULL,
    position TEXT,
    department TEXT,
    birthday TEXT,
    note TEXT
);

CREATE TABLE contact_point (
    id TEXT NOT NULL PRIMARY KEY,
    counterparty_id TEXT NOT NULL,
    contact_person_id TEXT,
    kind TEXT NOT NULL,
    label TEXT,
    value TEXT NOT NULL,
    normalized TEXT
);

CREATE TABLE activity (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    counterparty_id TEXT,
    contact_person_id TEXT,
    assignee TEXT,
    due_at TEXT,
    remind_at TEXT,
    status TEXT NOT NULL,
    result TEXT,
    owning_branch TEXT NOT NULL
);

CREATE TABLE product_group (
    id TEXT NOT NULL PRIMARY KEY,
    parent_id TEXT,
    code TEXT,
    name TEXT NOT NULL
);

CREATE TABLE product (
    id TEXT NOT NULL PRIMARY KEY,
    sku TEXT NOT NULL,
    name TEXT NOT NULL,
    group_id TEXT,
    unit TEXT NOT NULL,
    barcode TEXT,
    vat_rate TEXT NOT NULL,
    kind TEXT NOT NULL,
    active INTEGER NOT NULL
);

CREATE TABLE price_type (
    id TEXT NOT NULL PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    is_default INTEGER NOT NULL
);

CREATE TABLE price (
    id TEXT NOT NULL PRIMARY KEY,
    product_id TEXT NOT NULL,
    price_type_id TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount TEXT NOT NULL,
    valid_from TEXT NOT NULL
);

CREATE TABLE currency (
    id TEXT NOT NULL PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    minor_units INTEGER NOT NULL
);

CREATE TABLE exchange_rate (
    id TEXT NOT NULL PRIMARY KEY,
    currency TEXT NOT NULL,
    rate_date TEXT NOT NULL,
    rate TEXT NOT NULL
);

CREATE TABLE discount_rule (
    id TEXT NOT NULL PRIMARY KEY,
    counterparty_id TEXT,
    customer_category TEXT,
    product_group_id TEXT,
    percent TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT
);

CREATE TABLE audit_entry (
    id TEXT NOT NULL PRIMARY KEY,
    logged_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    origin TEXT NOT NULL,
    summary TEXT
);

CREATE INDEX ix_counterparty_tax_id ON counterparty (tax_id);
CREATE INDEX ix_counterparty_name ON counterparty (name);
CREATE INDEX ix_contact_person_counterparty_id ON contact_person (counterparty_id);
CREATE INDEX ix_contact_point_counterparty_id ON contact_point (counterparty_id);
CREATE INDEX ix_contact_point_normalized ON contact_point (normalized);
CREATE INDEX ix_activity_counterparty_id ON activity (counterparty_id);
CREATE INDEX ix_activity_assignee ON activity (assignee);
CREATE INDEX ix_product_sku ON product (sku);
CREATE INDEX ix_product_group_id ON product (group_id);
CREATE INDEX ix_price_product_id ON price (product_id, price_type_id, valid_from);
CREATE INDEX ix_exchange_rate_currency ON exchange_rate (currency, rate_date);
CREATE INDEX ix_audit_entry_table_name ON audit_entry (table_name, row_id);
