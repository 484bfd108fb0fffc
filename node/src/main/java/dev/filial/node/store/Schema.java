package dev.filial.node.store;

import static dev.filial.node.store.Column.decimal;
import static dev.filial.node.store.Column.of;
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
    public static final int VERSION = 3;

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
            text("price_type_id", ID_LENGTH),
            decimal("discount", 2),
            text("note", NOTE),
            of("active", BOOL).notNull(),
            text("agent", 16)));

    public static final Table CONTACT_PERSON = new Table("contact_person", List.of(
            text("counterparty_id", ID_LENGTH).notNull(),
            text("name", NAME).notNull(),
            text("position", NAME),
            text("department", NAME),
            of("birthday", DATE),
            text("note", NOTE)));

    public static final Table CONTACT_POINT = new Table("contact_point", List.of(
            text("counterparty_id", ID_LENGTH).notNull(),
            text("contact_person_id", ID_LENGTH),
            text("kind", 16).notNull(),
            text("label", CODE),
            text("value", NAME).notNull(),
            text("normalized", NAME)));

    public static final Table ACTIVITY = new Table("activity", List.of(
            text("kind", 16).notNull(),
            text("subject", NAME).notNull(),
            text("counterparty_id", ID_LENGTH),
            text("contact_person_id", ID_LENGTH),
            text("assignee", CODE),
            of("due_at", TIMESTAMP),
            of("remind_at", TIMESTAMP),
            text("status", 16).notNull(),
            text("result", NOTE),
            text("owning_branch", 16).notNull()));

    public static final Table PRODUCT_GROUP = new Table("product_group", List.of(
            text("parent_id", ID_LENGTH),
            text("code", CODE),
            text("name", NAME).notNull()));

    public static final Table PRODUCT = new Table("product", List.of(
            text("sku", CODE).notNull(),
            text("name", NAME).notNull(),
            text("group_id", ID_LENGTH),
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
            text("product_id", ID_LENGTH).notNull(),
            text("price_type_id", ID_LENGTH).notNull(),
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
            text("counterparty_id", ID_LENGTH),
            text("customer_category", CODE),
            text("product_group_id", ID_LENGTH),
            decimal("percent", 2).notNull(),
            of("valid_from", DATE).notNull(),
            of("valid_to", DATE)));

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
            PRODUCT_GROUP, PRODUCT, PRICE, COUNTERPARTY, CONTACT_PERSON, CONTACT_POINT, ACTIVITY, DISCOUNT_RULE,
            AUDIT_ENTRY);

    private static final Map<String, Table> BY_NAME =
            TABLES.stream().collect(Collectors.toUnmodifiableMap(Table::name, Function.identity()));

    private Schema() {
    }

    public static Optional<Table> table(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
