-- The change log without AUTOINCREMENT: AUTOINCREMENT wrote SQLite's sqlite_sequence page at every captured
-- transaction, one more page in every commit (a fifth of the rate of one-write transactions). Sequence numbers
-- must still never be reused, since the outbox packs what lies after the last number it packed: the write path
-- numbers a new entry one above both the highest in the log and node_setting 'change_log.floor', which the
-- log's release raises to the last number it drops, so an emptied log does not start again at 1.
CREATE TABLE change_log_v9 (
    seq INTEGER PRIMARY KEY,
    tx_id TEXT NOT NULL,
    hlc TEXT NOT NULL,
    body BLOB NOT NULL
);

INSERT INTO change_log_v9 (seq, tx_id, hlc, body) SELECT seq, tx_id, hlc, body FROM change_log;

-- every number AUTOINCREMENT ever handed out stays used
INSERT INTO node_setting (name, value)
    SELECT 'change_log.floor', CAST(seq AS TEXT) FROM sqlite_sequence WHERE name = 'change_log';

DROP TABLE change_log;

ALTER TABLE change_log_v9 RENAME TO change_log;
