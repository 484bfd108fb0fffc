-- Replicated tables: mirror dev.filial.node.store.Schema exactly (SchemaMatchesDatabaseIT checks it).
-- Decimals are stored as text in SQLite (exact) and as DECIMAL(31, scale) in Derby; dates and
-- timestamps as ISO-8601 text in SQLite; booleans as 0/1 in SQLite.

CREATE TABLE counterparty (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    kind VARCHAR(16) NOT NULL,
    name VARCHAR(200) NOT NULL,
    tax_id VARCHAR(32),
    category VARCHAR(64),
    segment VARCHAR(64),
    owning_branch VARCHAR(16) NOT NULL,
    manager VARCHAR(64),
    credit_limit DECIMAL(31,2),
    payment_days BIGINT,
    price_type_id VARCHAR(36),
    discount DECIMAL(31,2),
    note VARCHAR(4000),
    active BOOLEAN NOT NULL
);

CREATE TABLE contact_person (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    counterparty_id VARCHAR(36) NOT NULL,
    name VARCHAR(200) NOT NULL,
    position VARCHAR(200),
    department VARCHAR(200),
    birthday DATE,
    note VARCHAR(4000)
);

CREATE TABLE contact_point (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    counterparty_id VARCHAR(36) NOT NULL,
    contact_person_id VARCHAR(36),
    kind VARCHAR(16) NOT NULL,
    label VARCHAR(64),
    value VARCHAR(200) NOT NULL,
    normalized VARCHAR(200)
);

CREATE TABLE activity (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    kind VARCHAR(16) NOT NULL,
    subject VARCHAR(200) NOT NULL,
    counterparty_id VARCHAR(36),
    contact_person_id VARCHAR(36),
    assignee VARCHAR(64),
    due_at TIMESTAMP,
    remind_at TIMESTAMP,
    status VARCHAR(16) NOT NULL,
    result VARCHAR(4000),
    owning_branch VARCHAR(16) NOT NULL
);

CREATE TABLE product_group (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    parent_id VARCHAR(36),
    code VARCHAR(64),
    name VARCHAR(200) NOT NULL
);

CREATE TABLE product (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    sku VARCHAR(64) NOT NULL,
    name VARCHAR(200) NOT NULL,
    group_id VARCHAR(36),
    unit VARCHAR(16) NOT NULL,
    barcode VARCHAR(64),
    vat_rate DECIMAL(31,2) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    active BOOLEAN NOT NULL
);

CREATE TABLE price_type (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    code VARCHAR(64) NOT NULL,
    name VARCHAR(200) NOT NULL,
    is_default BOOLEAN NOT NULL
);

CREATE TABLE price (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    product_id VARCHAR(36) NOT NULL,
    price_type_id VARCHAR(36) NOT NULL,
    currency VARCHAR(3) NOT NULL,
    amount DECIMAL(31,4) NOT NULL,
    valid_from DATE NOT NULL
);

CREATE TABLE currency (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    code VARCHAR(3) NOT NULL,
    name VARCHAR(200) NOT NULL,
    minor_units BIGINT NOT NULL
);

CREATE TABLE exchange_rate (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    currency VARCHAR(3) NOT NULL,
    rate_date DATE NOT NULL,
    rate DECIMAL(31,6) NOT NULL
);

CREATE TABLE discount_rule (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    counterparty_id VARCHAR(36),
    customer_category VARCHAR(64),
    product_group_id VARCHAR(36),
    percent DECIMAL(31,2) NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE
);

CREATE TABLE audit_entry (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    logged_at TIMESTAMP NOT NULL,
    actor VARCHAR(64) NOT NULL,
    action VARCHAR(16) NOT NULL,
    table_name VARCHAR(64) NOT NULL,
    row_id VARCHAR(36) NOT NULL,
    origin VARCHAR(16) NOT NULL,
    summary VARCHAR(4000)
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
