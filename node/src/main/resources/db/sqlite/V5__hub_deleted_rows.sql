-- Hub only: the last values of every row deleted through the hub log (one transaction body holding the
-- delete with the row's values), so that update-wins can bring a row back when an update of it arrives
-- after HQ deleted it. An entry stays when the row is inserted again; a later delete replaces it.
CREATE TABLE hub_deleted_row (
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    hlc TEXT NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (table_name, row_id)
);
