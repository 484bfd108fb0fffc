-- Node-local: the last runs of each transport (http, mail, drop), for status and for the backoff after
-- errors. A run that failed keeps the previous success.
CREATE TABLE transport_status (
    transport TEXT NOT NULL PRIMARY KEY,
    last_run TEXT,
    last_success TEXT,
    last_error_at TEXT,
    last_error TEXT,
    failures INTEGER NOT NULL
);

-- Hub only: where each node receives batches, in priority order: http (the node pulls), mail (its
-- mailbox) or drop (a shared folder; batches go into its subfolder named by the node code).
CREATE TABLE hub_node_address (
    node TEXT NOT NULL,
    transport TEXT NOT NULL,
    address TEXT NOT NULL,
    priority INTEGER NOT NULL,
    PRIMARY KEY (node, transport)
);
