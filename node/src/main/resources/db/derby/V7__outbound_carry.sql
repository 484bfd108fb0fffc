-- Node-local: when each store-and-forward transport last carried each unacknowledged batch; see the
-- SQLite migration.
CREATE TABLE outbound_carry (
    peer VARCHAR(16) NOT NULL,
    sequence BIGINT NOT NULL,
    transport VARCHAR(16) NOT NULL,
    carried_at BIGINT NOT NULL,
    PRIMARY KEY (peer, sequence, transport)
);
