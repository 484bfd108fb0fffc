-- Schema version 4: warehouse and sales (Schema.java). Replicated tables mirror Schema exactly.
-- Quantities have 3 decimals, money 2, unit prices 4. The stock ledger (stock_entry) and the reservations
-- (stock_reservation) are append-only; stock_balance is a node-local summary derived from both by the
-- triggers below, whatever writes them (a local posting, an applied batch, HQ's consolidation, a scope
-- eviction), so a balance is one row read and the ledger never has to be summed on the hot path.
-- Derby runs one statement per trigger, in the order they were created.

ALTER TABLE activity ADD COLUMN deal_id VARCHAR(36);

CREATE TABLE discount_limit (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    role VARCHAR(16) NOT NULL,
    max_percent DECIMAL(31,2) NOT NULL
);

CREATE TABLE closed_period (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    closed_until DATE NOT NULL,
    closed_by VARCHAR(64) NOT NULL,
    closed_at TIMESTAMP NOT NULL,
    note VARCHAR(4000)
);

CREATE TABLE warehouse (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    code VARCHAR(64) NOT NULL,
    name VARCHAR(200) NOT NULL,
    owning_branch VARCHAR(16) NOT NULL,
    shared BOOLEAN NOT NULL,
    active BOOLEAN NOT NULL
);

CREATE TABLE storage_place (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    warehouse_id VARCHAR(36) NOT NULL,
    code VARCHAR(64) NOT NULL,
    name VARCHAR(200)
);

CREATE TABLE deal (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    counterparty_id VARCHAR(36) NOT NULL,
    stage VARCHAR(16) NOT NULL,
    amount DECIMAL(31,2),
    currency VARCHAR(3),
    expected_on DATE,
    manager VARCHAR(64),
    owning_branch VARCHAR(16) NOT NULL,
    note VARCHAR(4000)
);

CREATE TABLE sales_document (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    kind VARCHAR(16) NOT NULL,
    number VARCHAR(64) NOT NULL,
    doc_date DATE NOT NULL,
    status VARCHAR(16) NOT NULL,
    counterparty_id VARCHAR(36) NOT NULL,
    deal_id VARCHAR(36),
    base_id VARCHAR(36),
    currency VARCHAR(3) NOT NULL,
    price_type_id VARCHAR(36),
    warehouse_id VARCHAR(36),
    due_on DATE,
    net DECIMAL(31,2) NOT NULL,
    vat DECIMAL(31,2) NOT NULL,
    gross DECIMAL(31,2) NOT NULL,
    manager VARCHAR(64),
    owning_branch VARCHAR(16) NOT NULL,
    note VARCHAR(4000)
);

CREATE TABLE sales_line (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    document_id VARCHAR(36) NOT NULL,
    line_no BIGINT NOT NULL,
    product_id VARCHAR(36) NOT NULL,
    quantity DECIMAL(31,3) NOT NULL,
    list_price DECIMAL(31,4) NOT NULL,
    discount DECIMAL(31,2) NOT NULL,
    price DECIMAL(31,4) NOT NULL,
    vat_rate DECIMAL(31,2) NOT NULL,
    net DECIMAL(31,2) NOT NULL,
    vat DECIMAL(31,2) NOT NULL,
    gross DECIMAL(31,2) NOT NULL
);

CREATE TABLE stock_document (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    kind VARCHAR(16) NOT NULL,
    number VARCHAR(64) NOT NULL,
    doc_date DATE NOT NULL,
    status VARCHAR(16) NOT NULL,
    warehouse_id VARCHAR(36) NOT NULL,
    target_warehouse_id VARCHAR(36),
    counterparty_id VARCHAR(36),
    order_id VARCHAR(36),
    transfer_id VARCHAR(36),
    reverses_id VARCHAR(36),
    posted_at TIMESTAMP,
    owning_branch VARCHAR(16) NOT NULL,
    author VARCHAR(64),
    note VARCHAR(4000)
);

CREATE TABLE stock_line (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    document_id VARCHAR(36) NOT NULL,
    line_no BIGINT NOT NULL,
    product_id VARCHAR(36) NOT NULL,
    quantity DECIMAL(31,3) NOT NULL,
    counted DECIMAL(31,3),
    place_id VARCHAR(36)
);

CREATE TABLE stock_entry (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    document_id VARCHAR(36) NOT NULL,
    warehouse_id VARCHAR(36) NOT NULL,
    product_id VARCHAR(36) NOT NULL,
    quantity DECIMAL(31,3) NOT NULL,
    entry_date DATE NOT NULL
);

CREATE TABLE stock_reservation (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    order_id VARCHAR(36) NOT NULL,
    warehouse_id VARCHAR(36) NOT NULL,
    product_id VARCHAR(36) NOT NULL,
    quantity DECIMAL(31,3) NOT NULL,
    entry_date DATE NOT NULL
);

CREATE TABLE payment (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    number VARCHAR(64) NOT NULL,
    paid_on DATE NOT NULL,
    counterparty_id VARCHAR(36) NOT NULL,
    method VARCHAR(16) NOT NULL,
    amount DECIMAL(31,2) NOT NULL,
    currency VARCHAR(3) NOT NULL,
    status VARCHAR(16) NOT NULL,
    owning_branch VARCHAR(16) NOT NULL,
    note VARCHAR(4000)
);

CREATE TABLE payment_allocation (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    payment_id VARCHAR(36) NOT NULL,
    invoice_id VARCHAR(36) NOT NULL,
    amount DECIMAL(31,2) NOT NULL,
    allocated_on DATE NOT NULL
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
    warehouse_id VARCHAR(36) NOT NULL,
    product_id VARCHAR(36) NOT NULL,
    on_hand DECIMAL(31,3) NOT NULL,
    reserved DECIMAL(31,3) NOT NULL,
    PRIMARY KEY (warehouse_id, product_id)
);

CREATE TRIGGER stock_entry_added AFTER INSERT ON stock_entry REFERENCING NEW AS n FOR EACH ROW
    MERGE INTO stock_balance b USING SYSIBM.SYSDUMMY1
    ON b.warehouse_id = n.warehouse_id AND b.product_id = n.product_id
    WHEN MATCHED THEN UPDATE SET on_hand = b.on_hand + n.quantity
    WHEN NOT MATCHED THEN INSERT (warehouse_id, product_id, on_hand, reserved) VALUES (n.warehouse_id, n.product_id, n.quantity, 0);

CREATE TRIGGER stock_entry_removed AFTER DELETE ON stock_entry REFERENCING OLD AS o FOR EACH ROW
    UPDATE stock_balance SET on_hand = on_hand - o.quantity
    WHERE warehouse_id = o.warehouse_id AND product_id = o.product_id;

CREATE TRIGGER stock_entry_changed_old AFTER UPDATE OF warehouse_id, product_id, quantity ON stock_entry
    REFERENCING OLD AS o FOR EACH ROW
    UPDATE stock_balance SET on_hand = on_hand - o.quantity
    WHERE warehouse_id = o.warehouse_id AND product_id = o.product_id;

CREATE TRIGGER stock_entry_changed_new AFTER UPDATE OF warehouse_id, product_id, quantity ON stock_entry
    REFERENCING NEW AS n FOR EACH ROW
    MERGE INTO stock_balance b USING SYSIBM.SYSDUMMY1
    ON b.warehouse_id = n.warehouse_id AND b.product_id = n.product_id
    WHEN MATCHED THEN UPDATE SET on_hand = b.on_hand + n.quantity
    WHEN NOT MATCHED THEN INSERT (warehouse_id, product_id, on_hand, reserved) VALUES (n.warehouse_id, n.product_id, n.quantity, 0);

CREATE TRIGGER stock_reservation_added AFTER INSERT ON stock_reservation REFERENCING NEW AS n FOR EACH ROW
    MERGE INTO stock_balance b USING SYSIBM.SYSDUMMY1
    ON b.warehouse_id = n.warehouse_id AND b.product_id = n.product_id
    WHEN MATCHED THEN UPDATE SET reserved = b.reserved + n.quantity
    WHEN NOT MATCHED THEN INSERT (warehouse_id, product_id, reserved, on_hand) VALUES (n.warehouse_id, n.product_id, n.quantity, 0);

CREATE TRIGGER stock_reservation_removed AFTER DELETE ON stock_reservation REFERENCING OLD AS o FOR EACH ROW
    UPDATE stock_balance SET reserved = reserved - o.quantity
    WHERE warehouse_id = o.warehouse_id AND product_id = o.product_id;

CREATE TRIGGER stock_reservation_changed_old AFTER UPDATE OF warehouse_id, product_id, quantity ON stock_reservation
    REFERENCING OLD AS o FOR EACH ROW
    UPDATE stock_balance SET reserved = reserved - o.quantity
    WHERE warehouse_id = o.warehouse_id AND product_id = o.product_id;

CREATE TRIGGER stock_reservation_changed_new AFTER UPDATE OF warehouse_id, product_id, quantity ON stock_reservation
    REFERENCING NEW AS n FOR EACH ROW
    MERGE INTO stock_balance b USING SYSIBM.SYSDUMMY1
    ON b.warehouse_id = n.warehouse_id AND b.product_id = n.product_id
    WHEN MATCHED THEN UPDATE SET reserved = b.reserved + n.quantity
    WHEN NOT MATCHED THEN INSERT (warehouse_id, product_id, reserved, on_hand) VALUES (n.warehouse_id, n.product_id, n.quantity, 0);

-- Node-local: the last number handed out per document series (e.g. MSK-OR), so numbers never repeat.
CREATE TABLE number_sequence (
    series VARCHAR(64) NOT NULL PRIMARY KEY,
    last_number BIGINT NOT NULL
);
