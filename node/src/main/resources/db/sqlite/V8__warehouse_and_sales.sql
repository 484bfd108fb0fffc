-- Schema version 4: warehouse and sales (Schema.java). Replicated tables mirror Schema exactly.
-- Quantities have 3 decimals, money 2, unit prices 4. The stock ledger (stock_entry) and the reservations
-- (stock_reservation) are append-only; stock_balance is a node-local summary derived from both by the
-- triggers below, whatever writes them (a local posting, an applied batch, HQ's consolidation, a scope
-- eviction), so a balance is one row read and the ledger never has to be summed on the hot path.
-- SQLite keeps the summary in thousandths as INTEGER (exact sums; ledger quantities are text). The ledger
-- tables are WITHOUT ROWID: their rows are stored in the primary key's own tree, one tree less to write
-- per ledger entry.

ALTER TABLE activity ADD COLUMN deal_id TEXT;

CREATE TABLE discount_limit (
    id TEXT NOT NULL PRIMARY KEY,
    role TEXT NOT NULL,
    max_percent TEXT NOT NULL
);

CREATE TABLE closed_period (
    id TEXT NOT NULL PRIMARY KEY,
    closed_until TEXT NOT NULL,
    closed_by TEXT NOT NULL,
    closed_at TEXT NOT NULL,
    note TEXT
);

CREATE TABLE warehouse (
    id TEXT NOT NULL PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    owning_branch TEXT NOT NULL,
    shared INTEGER NOT NULL,
    active INTEGER NOT NULL
);

CREATE TABLE storage_place (
    id TEXT NOT NULL PRIMARY KEY,
    warehouse_id TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT
);

CREATE TABLE deal (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    counterparty_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    amount TEXT,
    currency TEXT,
    expected_on TEXT,
    manager TEXT,
    owning_branch TEXT NOT NULL,
    note TEXT
);

CREATE TABLE sales_document (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    doc_date TEXT NOT NULL,
    status TEXT NOT NULL,
    counterparty_id TEXT NOT NULL,
    deal_id TEXT,
    base_id TEXT,
    currency TEXT NOT NULL,
    price_type_id TEXT,
    warehouse_id TEXT,
    due_on TEXT,
    net TEXT NOT NULL,
    vat TEXT NOT NULL,
    gross TEXT NOT NULL,
    manager TEXT,
    owning_branch TEXT NOT NULL,
    note TEXT
);

CREATE TABLE sales_line (
    id TEXT NOT NULL PRIMARY KEY,
    document_id TEXT NOT NULL,
    line_no INTEGER NOT NULL,
    product_id TEXT NOT NULL,
    quantity TEXT NOT NULL,
    list_price TEXT NOT NULL,
    discount TEXT NOT NULL,
    price TEXT NOT NULL,
    vat_rate TEXT NOT NULL,
    net TEXT NOT NULL,
    vat TEXT NOT NULL,
    gross TEXT NOT NULL
);

CREATE TABLE stock_document (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    doc_date TEXT NOT NULL,
    status TEXT NOT NULL,
    warehouse_id TEXT NOT NULL,
    target_warehouse_id TEXT,
    counterparty_id TEXT,
    order_id TEXT,
    transfer_id TEXT,
    reverses_id TEXT,
    posted_at TEXT,
    owning_branch TEXT NOT NULL,
    author TEXT,
    note TEXT
);

CREATE TABLE stock_line (
    id TEXT NOT NULL PRIMARY KEY,
    document_id TEXT NOT NULL,
    line_no INTEGER NOT NULL,
    product_id TEXT NOT NULL,
    quantity TEXT NOT NULL,
    counted TEXT,
    place_id TEXT
);

CREATE TABLE stock_entry (
    id TEXT NOT NULL PRIMARY KEY,
    document_id TEXT NOT NULL,
    warehouse_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    quantity TEXT NOT NULL,
    entry_date TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE stock_reservation (
    id TEXT NOT NULL PRIMARY KEY,
    order_id TEXT NOT NULL,
    warehouse_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    quantity TEXT NOT NULL,
    entry_date TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE payment (
    id TEXT NOT NULL PRIMARY KEY,
    number TEXT NOT NULL,
    paid_on TEXT NOT NULL,
    counterparty_id TEXT NOT NULL,
    method TEXT NOT NULL,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    owning_branch TEXT NOT NULL,
    note TEXT
);

CREATE TABLE payment_allocation (
    id TEXT NOT NULL PRIMARY KEY,
    payment_id TEXT NOT NULL,
    invoice_id TEXT NOT NULL,
    amount TEXT NOT NULL,
    allocated_on TEXT NOT NULL
);

CREATE INDEX ix_storage_place_warehouse_id ON storage_place (warehouse_id);
CREATE INDEX ix_deal_counterparty_id ON deal (counterparty_id);
CREATE INDEX ix_sales_document_counterparty_id ON sales_document (counterparty_id);
CREATE INDEX ix_sales_document_number ON sales_document (number);
CREATE INDEX ix_sales_document_base_id ON sales_document (base_id);
CREATE INDEX ix_sales_line_document_id ON sales_line (document_id);
CREATE INDEX ix_stock_document_counterparty_id ON stock_document (counterparty_id);
CREATE INDEX ix_stock_document_number ON stock_document (number);
CREATE INDEX ix_stock_document_order_id ON stock_document (order_id);
CREATE INDEX ix_stock_document_transfer_id ON stock_document (transfer_id);
CREATE INDEX ix_stock_document_reverses_id ON stock_document (reverses_id);
CREATE INDEX ix_stock_line_document_id ON stock_line (document_id);
CREATE INDEX ix_stock_line_product_id ON stock_line (product_id);
CREATE INDEX ix_sales_line_product_id ON sales_line (product_id);
CREATE INDEX ix_stock_document_warehouse_id ON stock_document (warehouse_id);
CREATE INDEX ix_sales_document_warehouse_id ON sales_document (warehouse_id);
CREATE INDEX ix_stock_entry_entry_date ON stock_entry (entry_date);
CREATE INDEX ix_stock_entry_document_id ON stock_entry (document_id);
CREATE INDEX ix_stock_reservation_order_id ON stock_reservation (order_id);
CREATE INDEX ix_payment_counterparty_id ON payment (counterparty_id);
CREATE INDEX ix_payment_allocation_invoice_id ON payment_allocation (invoice_id);
CREATE INDEX ix_payment_allocation_payment_id ON payment_allocation (payment_id);
CREATE INDEX ix_activity_deal_id ON activity (deal_id);

CREATE TABLE stock_balance (
    warehouse_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    on_hand INTEGER NOT NULL,
    reserved INTEGER NOT NULL,
    PRIMARY KEY (warehouse_id, product_id)
) WITHOUT ROWID;

CREATE TRIGGER stock_entry_added AFTER INSERT ON stock_entry BEGIN
    INSERT INTO stock_balance (warehouse_id, product_id, on_hand, reserved)
    VALUES (NEW.warehouse_id, NEW.product_id, CAST(ROUND(CAST(NEW.quantity AS REAL) * 1000) AS INTEGER), 0)
    ON CONFLICT (warehouse_id, product_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand;
END;

CREATE TRIGGER stock_entry_removed AFTER DELETE ON stock_entry BEGIN
    UPDATE stock_balance SET on_hand = on_hand - CAST(ROUND(CAST(OLD.quantity AS REAL) * 1000) AS INTEGER)
    WHERE warehouse_id = OLD.warehouse_id AND product_id = OLD.product_id;
END;

CREATE TRIGGER stock_entry_changed AFTER UPDATE OF warehouse_id, product_id, quantity ON stock_entry BEGIN
    UPDATE stock_balance SET on_hand = on_hand - CAST(ROUND(CAST(OLD.quantity AS REAL) * 1000) AS INTEGER)
    WHERE warehouse_id = OLD.warehouse_id AND product_id = OLD.product_id;
    INSERT INTO stock_balance (warehouse_id, product_id, on_hand, reserved)
    VALUES (NEW.warehouse_id, NEW.product_id, CAST(ROUND(CAST(NEW.quantity AS REAL) * 1000) AS INTEGER), 0)
    ON CONFLICT (warehouse_id, product_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand;
END;

CREATE TRIGGER stock_reservation_added AFTER INSERT ON stock_reservation BEGIN
    INSERT INTO stock_balance (warehouse_id, product_id, reserved, on_hand)
    VALUES (NEW.warehouse_id, NEW.product_id, CAST(ROUND(CAST(NEW.quantity AS REAL) * 1000) AS INTEGER), 0)
    ON CONFLICT (warehouse_id, product_id) DO UPDATE SET reserved = reserved + excluded.reserved;
END;

CREATE TRIGGER stock_reservation_removed AFTER DELETE ON stock_reservation BEGIN
    UPDATE stock_balance SET reserved = reserved - CAST(ROUND(CAST(OLD.quantity AS REAL) * 1000) AS INTEGER)
    WHERE warehouse_id = OLD.warehouse_id AND product_id = OLD.product_id;
END;

CREATE TRIGGER stock_reservation_changed AFTER UPDATE OF warehouse_id, product_id, quantity ON stock_reservation BEGIN
    UPDATE stock_balance SET reserved = reserved - CAST(ROUND(CAST(OLD.quantity AS REAL) * 1000) AS INTEGER)
    WHERE warehouse_id = OLD.warehouse_id AND product_id = OLD.product_id;
    INSERT INTO stock_balance (warehouse_id, product_id, reserved, on_hand)
    VALUES (NEW.warehouse_id, NEW.product_id, CAST(ROUND(CAST(NEW.quantity AS REAL) * 1000) AS INTEGER), 0)
    ON CONFLICT (warehouse_id, product_id) DO UPDATE SET reserved = reserved + excluded.reserved;
END;

-- Node-local: the last number handed out per document series (e.g. MSK-OR), so numbers never repeat.
CREATE TABLE number_sequence (
    series TEXT NOT NULL PRIMARY KEY,
    last_number INTEGER NOT NULL
);
