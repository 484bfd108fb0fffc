-- Node-local transport status and the hub's node addresses; see the SQLite migration.
CREATE TABLE transport_status (
    transport VARCHAR(16) NOT NULL PRIMARY KEY,
    last_run VARCHAR(40),
    last_success VARCHAR(40),
    last_error_at VARCHAR(40),
    last_error VARCHAR(2000),
    failures INTEGER NOT NULL
);

CREATE TABLE hub_node_address (
    node VARCHAR(16) NOT NULL,
    transport VARCHAR(16) NOT NULL,
    address VARCHAR(1000) NOT NULL,
    priority INTEGER NOT NULL,
    PRIMARY KEY (node, transport)
);
