-- Node-local: when each store-and-forward transport (mail, drop) last carried each unacknowledged batch
-- to a peer; a batch is due again on a transport resendAfter after that transport carried it. Rows go
-- when the peer acknowledges the batch.
CREATE TABLE outbound_carry (
    peer TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    transport TEXT NOT NULL,
    carried_at INTEGER NOT NULL,
    PRIMARY KEY (peer, sequence, transport)
);
