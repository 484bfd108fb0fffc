-- Schema version 2: a counterparty may be assigned to an agent's node, which then receives it.
ALTER TABLE counterparty ADD COLUMN agent VARCHAR(16);
CREATE INDEX ix_counterparty_agent ON counterparty (agent);
CREATE INDEX ix_discount_rule_counterparty_id ON discount_rule (counterparty_id);

-- Hub-only tables (HQ, and later regional hubs); empty on a branch node. See the SQLite migration
-- for what each holds.
CREATE TABLE hub_node (
    code VARCHAR(16) NOT NULL PRIMARY KEY,
    id VARCHAR(36) NOT NULL,
    name VARCHAR(200) NOT NULL,
    role VARCHAR(16) NOT NULL,
    node_group VARCHAR(64),
    signing_key VARCHAR(1000) NOT NULL,
    exchange_key VARCHAR(1000) NOT NULL,
    enrolled_at VARCHAR(40) NOT NULL,
    revoked_at VARCHAR(40),
    revoked_reason VARCHAR(1000)
);

CREATE TABLE hub_log (
    seq BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tx_id VARCHAR(36) NOT NULL,
    origin VARCHAR(16) NOT NULL,
    hlc VARCHAR(40) NOT NULL,
    routes CLOB NOT NULL,
    body BLOB NOT NULL
);

CREATE TABLE hub_column_clock (
    table_name VARCHAR(64) NOT NULL,
    row_id VARCHAR(64) NOT NULL,
    column_name VARCHAR(64) NOT NULL,
    hlc VARCHAR(40) NOT NULL,
    origin VARCHAR(16) NOT NULL,
    PRIMARY KEY (table_name, row_id, column_name)
);

CREATE TABLE hub_conflict (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    detected_at VARCHAR(40) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    status VARCHAR(16) NOT NULL,
    table_name VARCHAR(64) NOT NULL,
    row_id VARCHAR(64) NOT NULL,
    column_name VARCHAR(64),
    policy VARCHAR(32) NOT NULL,
    incoming_origin VARCHAR(16) NOT NULL,
    incoming_hlc VARCHAR(40) NOT NULL,
    incoming_value CLOB,
    current_origin VARCHAR(16),
    current_hlc VARCHAR(40),
    current_value CLOB,
    decision VARCHAR(16) NOT NULL,
    decided_by VARCHAR(64) NOT NULL,
    tx_id VARCHAR(36) NOT NULL,
    note VARCHAR(4000)
);
CREATE INDEX ix_hub_conflict_status ON hub_conflict (status, detected_at);
