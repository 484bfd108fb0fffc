package dev.filial.node.store;

import static dev.filial.node.store.Column.decimal;
import static dev.filial.node.store.Column.of;
import static dev.filial.node.store.Column.ref;
import static dev.filial.node.store.Column.text;
import static dev.filial.node.store.ColumnType.BOOL;
import static dev.filial.node.store.ColumnType.DATE;
import static dev.filial.node.store.ColumnType.INT;
import static dev.filial.node.store.ColumnType.TIMESTAMP;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of replicated tables, mirrored exactly by the Flyway migrations of every dialect
 * (a test compares them with the database). {@link #VERSION} goes into every batch header.
 */
public final class Schema {

    /** Schema version carried in batch headers; raised with every migration that changes replicated tables. */
    public static final int VERSION = 4;

    static final int ID_LENGTH = 36;
    static final int NAME = 200;
    static final int CODE = 64;
    static final int NOTE = 4000;

    public static final Table COUNTERPARTY = new Table("counterparty", List.of(
            text("kind", 16).notNull(),
            text("name", NAME).notNull(),
            text("tax_id", 32),
            text("category", CODE),
            text("segment", CODE),
            text("owning_branch", 16).notNull(),
            text("manager", CODE),
            decimal("credit_limit", 2),
            of("payment_days", INT),
            ref("price_type_id", "price_type"),
            decimal("discount", 2),
            text("note", NOTE),
            of("active", BOOL).notNull(),
            text("agent", 16)));

    public static final Table CONTACT_PERSON = new Table("contact_person", List.of(
            ref("counterparty_id", "counterparty").notNull(),
            text("name", NAME).notNull(),
            text("position", NAME),
            text("department", NAME),
            of("birthday", DATE),
            text("note", NOTE)));

    public static final Table CONTACT_POINT = new Table("contact_point", List.of(
            ref("counterparty_id", "counterparty").notNull(),
            ref("contact_person_id", "contact_person"),
            text("kind", 16).notNull(),
            text("label", CODE),
            text("value", NAME).notNull(),
            text("normalized", NAME)));

    public static final Table ACTIVITY = new Table("activity", List.of(
            text("kind", 16).notNull(),
            text("subject", NAME).notNull(),
            ref("counterparty_id", "counterparty"),
            ref("contact_person_id", "contact_person"),
            text("assignee", CODE),
            of("due_at", TIMESTAMP),
            of("remind_at", TIMESTAMP),
            text("status", 16).notNull(),
            text("result", NOTE),
            text("owning_branch", 16).notNull(),
            ref("deal_id", "deal")));

    public static final Table PRODUCT_GROUP = new Table("product_group", List.of(
            ref("parent_id", "product_group"),
            text("code", CODE),
            text("name", NAME).notNull()));

    public static final Table PRODUCT = new Table("product", List.of(
            text("sku", CODE).notNull(),
            text("name", NAME).notNull(),
            ref("group_id", "product_group"),
            text("unit", 16).notNull(),
            text("barcode", CODE),
            decimal("vat_rate", 2).notNull(),
            text("kind", 16).notNull(),
            of("active", BOOL).notNull()));

    public static final Table PRICE_TYPE = new Table("price_type", List.of(
            text("code", CODE).notNull(),
            text("name", NAME).notNull(),
            of("is_default", BOOL).notNull()));

    public static final Table PRICE = new Table("price", List.of(
            ref("product_id", "product").notNull(),
            ref("price_type_id", "price_type").notNull(),
            text("currency", 3).notNull(),
            decimal("amount", 4).notNull(),
            of("valid_from", DATE).notNull()));

    public static final Table CURRENCY = new Table("currency", List.of(
            text("code", 3).notNull(),
            text("name", NAME).notNull(),
            of("minor_units", INT).notNull()));

    public static final Table EXCHANGE_RATE = new Table("exchange_rate", List.of(
            text("currency", 3).notNull(),
            of("rate_date", DATE).notNull(),
            decimal("rate", 6).notNull()));

    public static final Table DISCOUNT_RULE = new Table("discount_rule", List.of(
            ref("counterparty_id", "counterparty"),
            text("customer_category", CODE),
            ref("product_group_id", "product_group"),
            decimal("percent", 2).notNull(),
            of("valid_from", DATE).notNull(),
            of("valid_to", DATE)));

    /** Schema 4: the most a user of a role may discount a sales line by hand. */
    public static final Table DISCOUNT_LIMIT = new Table("discount_limit", List.of(
            text("role", 16).notNull(),
            decimal("max_percent", 2).notNull()));

    /**
     * Schema 4: documents dated on or before {@code closed_until} are closed; the latest {@code closed_until} of
     * all rows is in force (a period is reopened by deleting the rows that close it).
     */
    public static final Table CLOSED_PERIOD = new Table("closed_period", List.of(
            of("closed_until", DATE).notNull(),
            text("closed_by", CODE).notNull(),
            of("closed_at", TIMESTAMP).notNull(),
            text("note", NOTE)));

    /** Schema 4: a warehouse of a branch ({@code owning_branch}); a shared one may be issued from by any node. */
    public static final Table WAREHOUSE = new Table("warehouse", List.of(
            text("code", CODE).notNull(),
            text("name", NAME).notNull(),
            text("owning_branch", 16).notNull(),
            of("shared", BOOL).notNull(),
            of("active", BOOL).notNull()));

    public static final Table STORAGE_PLACE = new Table("storage_place", List.of(
            ref("warehouse_id", "warehouse").notNull(),
            text("code", CODE).notNull(),
            text("name", NAME)));

    /** Schema 4: a sales opportunity moving through the funnel's stages. */
    public static final Table DEAL = new Table("deal", List.of(
            text("name", NAME).notNull(),
            ref("counterparty_id", "counterparty").notNull(),
            text("stage", 16).notNull(),
            decimal("amount", 2),
            text("currency", 3),
            of("expected_on", DATE),
            text("manager", CODE),
            text("owning_branch", 16).notNull(),
            text("note", NOTE)));

    /**
     * Schema 4: a quote, customer order or invoice ({@code kind}). Its lines are {@link #SALES_LINE}s; the
     * totals are the sums of its lines. {@code base_id} is the document it was made from (an order's quote,
     * an invoice's order).
     */
    public static final Table SALES_DOCUMENT = new Table("sales_document", List.of(
            text("kind", 16).notNull(),
            text("number", CODE).notNull(),
            of("doc_date", DATE).notNull(),
            text("status", 16).notNull(),
            ref("counterparty_id", "counterparty").notNull(),
            ref("deal_id", "deal"),
            ref("base_id", "sales_document"),
            text("currency", 3).notNull(),
            ref("price_type_id", "price_type"),
            ref("warehouse_id", "warehouse"),
            of("due_on", DATE),
            decimal("net", 2).notNull(),
            decimal("vat", 2).notNull(),
            decimal("gross", 2).notNull(),
            text("manager", CODE),
            text("owning_branch", 16).notNull(),
            text("note", NOTE)));

    public static final Table SALES_LINE = new Table("sales_line", List.of(
            ref("document_id", "sales_document").notNull(),
            of("line_no", INT).notNull(),
            ref("product_id", "product").notNull(),
            decimal("quantity", 3).notNull(),
            decimal("list_price", 4).notNull(),
            decimal("discount", 2).notNull(),
            decimal("price", 4).notNull(),
            decimal("vat_rate", 2).notNull(),
            decimal("net", 2).notNull(),
            decimal("vat", 2).notNull(),
            decimal("gross", 2).notNull()));

    /**
     * Schema 4: a stock document ({@code kind}: receipt, issue, transfer, write-off, inventory, shipment);
     * posting it writes {@link #STOCK_ENTRY} rows. A transfer between branches takes the goods out of the sending
     * branch's warehouse when it is posted; the receiving branch posts their receipt ({@code transfer_id}).
     */
    public static final Table STOCK_DOCUMENT = new Table("stock_document", List.of(
            text("kind", 16).notNull(),
            text("number", CODE).notNull(),
            of("doc_date", DATE).notNull(),
            text("status", 16).notNull(),
            ref("warehouse_id", "warehouse").notNull(),
            ref("target_warehouse_id", "warehouse"),
            ref("counterparty_id", "counterparty"),
            ref("order_id", "sales_document"),
            ref("transfer_id", "stock_document"),
            ref("reverses_id", "stock_document"),
            of("posted_at", TIMESTAMP),
            text("owning_branch", 16).notNull(),
            text("author", CODE),
            text("note", NOTE)));

    public static final Table STOCK_LINE = new Table("stock_line", List.of(
            ref("document_id", "stock_document").notNull(),
            of("line_no", INT).notNull(),
            ref("product_id", "product").notNull(),
            decimal("quantity", 3).notNull(),
            decimal("counted", 3),
            ref("place_id", "storage_place")));

    /**
     * Schema 4: the stock ledger, append-only: one row per product and warehouse a posted document moved
     * ({@code quantity} signed). Balances are derived from it (the local {@code stock_balance} summary).
     */
    public static final Table STOCK_ENTRY = new Table("stock_entry", List.of(
            ref("document_id", "stock_document").notNull(),
            ref("warehouse_id", "warehouse").notNull(),
            ref("product_id", "product").notNull(),
            decimal("quantity", 3).notNull(),
            of("entry_date", DATE).notNull()));

    /** Schema 4: reservations for customer orders, append-only like the stock ledger (a release is negative). */
    public static final Table STOCK_RESERVATION = new Table("stock_reservation", List.of(
            ref("order_id", "sales_document").notNull(),
            ref("warehouse_id", "warehouse").notNull(),
            ref("product_id", "product").notNull(),
            decimal("quantity", 3).notNull(),
            of("entry_date", DATE).notNull()));

    /** Schema 4: money received from a customer ({@code method}: cash, bank, card). */
    public static final Table PAYMENT = new Table("payment", List.of(
            text("number", CODE).notNull(),
            of("paid_on", DATE).notNull(),
            ref("counterparty_id", "counterparty").notNull(),
            text("method", 16).notNull(),
            decimal("amount", 2).notNull(),
            text("currency", 3).notNull(),
            text("status", 16).notNull(),
            text("owning_branch", 16).notNull(),
            text("note", NOTE)));

    /** Schema 4: part of a payment settling an invoice; append-only (a reversal is negative). */
    public static final Table PAYMENT_ALLOCATION = new Table("payment_allocation", List.of(
            ref("payment_id", "payment").notNull(),
            ref("invoice_id", "sales_document").notNull(),
            decimal("amount", 2).notNull(),
            of("allocated_on", DATE).notNull()));

    public static final Table AUDIT_ENTRY = new Table("audit_entry", List.of(
            of("logged_at", TIMESTAMP).notNull(),
            text("actor", CODE).notNull(),
            text("action", 16).notNull(),
            text("table_name", CODE).notNull(),
            text("row_id", ID_LENGTH).notNull(),
            text("origin", 16).notNull(),
            text("summary", NOTE)));

    /**
     * Users of the company (schema 3): {@code home_node} is the node they work at, or {@code *} for every
     * node; the password hash travels with them so they can log in offline anywhere they are routed.
     */
    public static final Table USER_ACCOUNT = new Table("user_account", List.of(
            text("login", CODE).notNull(),
            text("display_name", NAME).notNull(),
            text("role", 16).notNull(),
            text("password_hash", 400).notNull(),
            of("active", BOOL).notNull(),
            text("home_node", 16).notNull()));

    /** Every replicated table, parents before children. */
    public static final List<Table> TABLES = List.of(USER_ACCOUNT, CURRENCY, EXCHANGE_RATE, PRICE_TYPE,
            PRODUCT_GROUP, PRODUCT, PRICE, COUNTERPARTY, CONTACT_PERSON, CONTACT_POINT, DEAL, ACTIVITY, DISCOUNT_RULE,
            DISCOUNT_LIMIT, CLOSED_PERIOD, WAREHOUSE, STORAGE_PLACE, SALES_DOCUMENT, SALES_LINE, STOCK_DOCUMENT,
            STOCK_LINE, STOCK_ENTRY, STOCK_RESERVATION, PAYMENT, PAYMENT_ALLOCATION, AUDIT_ENTRY);

    private static final Map<String, Table> BY_NAME =
            TABLES.stream().collect(Collectors.toUnmodifiableMap(Table::name, Function.identity()));

    private Schema() {
    }

    public static Optional<Table> table(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The table a reference column names (see {@link Column#refersTo}). */
    public static Table referred(Column column) {
        return table(column.refersTo()).orElseThrow(() -> new IllegalStateException(column.name() + " names no table"));
    }
}
