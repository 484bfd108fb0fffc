-- Node-local tables: never replicated, so integer keys are allowed here.

CREATE TABLE node_setting (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    value VARCHAR(4000) NOT NULL
);

CREATE TABLE app_user (
    login VARCHAR(64) NOT NULL PRIMARY KEY,
    display_name VARCHAR(200) NOT NULL,
    role VARCHAR(64) NOT NULL,
    password_hash VARCHAR(400) NOT NULL,
    active BIGINT NOT NULL
);

-- One row per captured local transaction, its changes encoded as a one-transaction batch body.
-- Rows stay until the batch that carried them is acknowledged by the peer.
CREATE TABLE change_log (
    seq BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tx_id VARCHAR(64) NOT NULL,
    hlc VARCHAR(64) NOT NULL,
    body BLOB(256M) NOT NULL
);

CREATE TABLE channel_state (
    peer VARCHAR(64) NOT NULL,
    direction VARCHAR(64) NOT NULL,
    state CLOB(64M) NOT NULL,
    PRIMARY KEY (peer, direction)
);

CREATE TABLE outbound_batch (
    peer VARCHAR(64) NOT NULL,
    sequence BIGINT NOT NULL,
    batch_id VARCHAR(64) NOT NULL,
    hash VARCHAR(64) NOT NULL,
    last_change_seq BIGINT NOT NULL,
    change_count BIGINT NOT NULL,
    created_at VARCHAR(64) NOT NULL,
    PRIMARY KEY (peer, sequence)
);

CREATE TABLE outbound_part (
    peer VARCHAR(64) NOT NULL,
    sequence BIGINT NOT NULL,
    part_no BIGINT NOT NULL,
    bytes BLOB(256M) NOT NULL,
    PRIMARY KEY (peer, sequence, part_no)
);

CREATE TABLE inbound_held (
    peer VARCHAR(64) NOT NULL,
    sequence BIGINT NOT NULL,
    part_no BIGINT NOT NULL,
    bytes BLOB(256M) NOT NULL,
    PRIMARY KEY (peer, sequence, part_no)
);

CREATE TABLE quarantine (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    received_at VARCHAR(64) NOT NULL,
    source VARCHAR(1000) NOT NULL,
    reason_code VARCHAR(64) NOT NULL,
    hint VARCHAR(4000) NOT NULL,
    bytes BLOB(256M) NOT NULL
);

CREATE TABLE tombstone (
    table_name VARCHAR(64) NOT NULL,
    row_id VARCHAR(64) NOT NULL,
    hlc VARCHAR(64) NOT NULL,
    origin VARCHAR(64) NOT NULL,
    PRIMARY KEY (table_name, row_id)
);

CREATE TABLE applied_tx (
    tx_id VARCHAR(64) NOT NULL PRIMARY KEY,
    peer VARCHAR(64) NOT NULL,
    sequence BIGINT NOT NULL
);
