-- Node-local tables: never replicated, so integer keys are allowed here.

CREATE TABLE node_setting (
    name TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE app_user (
    login TEXT NOT NULL PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL
);

-- One row per captured local transaction, its changes encoded as a one-transaction batch body.
-- Rows stay until the batch that carried them is acknowledged by the peer.
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tx_id TEXT NOT NULL,
    hlc TEXT NOT NULL,
    body BLOB NOT NULL
);

CREATE TABLE channel_state (
    peer TEXT NOT NULL,
    direction TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (peer, direction)
);

CREATE TABLE outbound_batch (
    peer TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    batch_id TEXT NOT NULL,
    hash TEXT NOT NULL,
    last_change_seq INTEGER NOT NULL,
    change_count INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (peer, sequence)
);

CREATE TABLE outbound_part (
    peer TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    part_no INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (peer, sequence, part_no)
);

CREATE TABLE inbound_held (
    peer TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    part_no INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (peer, sequence, part_no)
);

CREATE TABLE quarantine (
    id TEXT NOT NULL PRIMARY KEY,
    received_at TEXT NOT NULL,
    source TEXT NOT NULL,
    reason_code TEXT NOT NULL,
    hint TEXT NOT NULL,
    bytes BLOB NOT NULL
);

CREATE TABLE tombstone (
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    hlc TEXT NOT NULL,
    origin TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id)
);

CREATE TABLE applied_tx (
    tx_id TEXT NOT NULL PRIMARY KEY,
    peer TEXT NOT NULL,
    sequence INTEGER NOT NULL
);
