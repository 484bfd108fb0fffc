-- Schema version 2: a counterparty may be assigned to an agent's node, which then receives it.
ALTER TABLE counterparty ADD COLUMN agent TEXT;
CREATE INDEX ix_counterparty_agent ON counterparty (agent);
CREATE INDEX ix_discount_rule_counterparty_id ON discount_rule (counterparty_id);

-- Hub-only tables (HQ, and later regional hubs); empty on a branch node.

-- Every node enrolled by this hub, with its public keys; a revoked node keeps its row and the reason.
CREATE TABLE hub_node (
    code TEXT NOT NULL PRIMARY KEY,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    node_group TEXT,
    signing_key TEXT NOT NULL,
    exchange_key TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_reason TEXT
);

-- The consolidated transactions in the order HQ decided them. routes names, per change, the nodes
-- that receive it: '*' for every node, else a comma-separated list; changes are separated by '|'.
CREATE TABLE hub_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tx_id TEXT NOT NULL,
    origin TEXT NOT NULL,
    hlc TEXT NOT NULL,
    routes TEXT NOT NULL,
    body BLOB NOT NULL
);

-- The HLC and origin of the write that set each column's current value ('*': every column of an
-- inserted row not listed on its own), for latest-wins.
CREATE TABLE hub_column_clock (
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    column_name TEXT NOT NULL,
    hlc TEXT NOT NULL,
    origin TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id, column_name)
);

-- Every decision HQ took on a conflict, a duplicate or a rejected transaction, with both versions.
CREATE TABLE hub_conflict (
    id TEXT NOT NULL PRIMARY KEY,
    detected_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    column_name TEXT,
    policy TEXT NOT NULL,
    incoming_origin TEXT NOT NULL,
    incoming_hlc TEXT NOT NULL,
    incoming_value TEXT,
    current_origin TEXT,
    current_hlc TEXT,
    current_value TEXT,
    decision TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    tx_id TEXT NOT NULL,
    note TEXT
);
CREATE INDEX ix_hub_conflict_status ON hub_conflict (status, detected_at);
