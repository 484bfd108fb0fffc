-- Hub only: the last values of every row deleted through the hub log; see the SQLite migration.
CREATE TABLE hub_deleted_row (
    table_name VARCHAR(64) NOT NULL,
    row_id VARCHAR(64) NOT NULL,
    hlc VARCHAR(40) NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (table_name, row_id)
);
