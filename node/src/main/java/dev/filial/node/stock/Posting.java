package dev.filial.node.stock;

import dev.filial.node.capture.Changes;
import dev.filial.node.capture.RowReader;
import dev.filial.node.document.ClosedPeriods;
import dev.filial.node.document.RuleException;
import dev.filial.node.entity.NotFoundException;
import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts stock documents into the append-only ledger inside the caller's write transaction: one
 * {@code stock_entry} per line and warehouse moved, and nothing when a rule refuses (the caller's whole
 * transaction is rolled back). Refusals are {@link RuleException}s: {@code negative-stock} when on hand would
 * drop below zero, {@code reserved-stock} when it would drop below what orders have reserved, and
 * {@code closed-period}, {@code not-draft}, {@code not-here} for the document itself.
 */
final class Posting {

    private final StockScope scope;
    private final Dialect dialect;
    private final RowReader reader;
    private final StockBalances balances;
    private final ClosedPeriods periods;
    private final Reservations reservations;

    Posting(StockScope scope, Dialect dialect, Reservations reservations) {
        this.scope = scope;
        this.dialect = dialect;
        this.reader = new RowReader(dialect);
        this.balances = new StockBalances(dialect);
        this.periods = new ClosedPeriods(dialect);
        this.reservations = reservations;
    }

    /** A document's row and its lines in line order. */
    record Loaded(String id, Map<String, Value> header, List<Map<String, Value>> lines) {

        StockKind kind() {
            return StockKind.parse(text(header, "kind")).orElseThrow();
        }

        LocalDate date() {
            return ((Value.Date) header.get("doc_date")).value();
        }

        String number() {
            return text(header, "number");
        }
    }

    private static final String LINES = "SELECT id, line_no, product_id, quantity, counted, place_id"
            + " FROM stock_line WHERE document_id = ?";

    /** The document as this transaction sees it, on kept statements (the posting path). */
    Loaded load(Changes changes, String id) {
        Map<String, Value> header = changes.find(Schema.STOCK_DOCUMENT, id)
                .orElseThrow(() -> new NotFoundException("no stock document with id " + id));
        PreparedStatement select = changes.prepared(LINES);
        List<Map<String, Value>> lines = new ArrayList<>();
        try {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<String, Value> line = new LinkedHashMap<>(12);
                    line.put("id", Value.of(rows.getString(1)));
                    line.put("document_id", Value.of(id));
                    line.put("line_no", dialect.read(rows, 2, ColumnType.INT));
                    line.put("product_id", dialect.read(rows, 3, ColumnType.TEXT));
                    line.put("quantity", dialect.read(rows, 4, ColumnType.DECIMAL));
                    line.put("counted", dialect.read(rows, 5, ColumnType.DECIMAL));
                    line.put("place_id", dialect.read(rows, 6, ColumnType.TEXT));
                    lines.add(line);
                }
            }
        } catch (SQLException e) {
            throw new StockException("reading the lines of stock document " + id, e);
        }
        lines.sort(Comparator.comparingLong(line -> ((Value.Int) line.get("line_no")).value()));
        return new Loaded(id, header, lines);
    }

    /** @throws NotFoundException when there is no such document */
    Loaded load(Connection connection, String id) {
        try {
            Map<String, Value> header = reader.byId(connection, Schema.STOCK_DOCUMENT, List.of(id)).get(id);
            if (header == null) {
                throw new NotFoundException("no stock document with id " + id);
            }
            List<Map<String, Value>> lines = new ArrayList<>(
                    reader.where(connection, Schema.STOCK_LINE, "document_id", List.of(id)).entrySet()
                            .stream().map(entry -> withId(entry.getKey(), entry.getValue())).toList());
            lines.sort(Comparator.comparingLong(line -> ((Value.Int) line.get("line_no")).value()));
            return new Loaded(id, header, lines);
        } catch (SQLException e) {
            throw new StockException("reading stock document " + id, e);
        }
    }

    /**
     * Posts a draft: checks, writes the ledger (and releases an order's reservation), marks it posted.
     * Returns the ledger entries written, by id.
     */
    Map<String, Map<String, Value>> post(Changes changes, Loaded document) {
        requireDraft(document);
        StockKind kind = document.kind();
        try {
            periods.requireOpen(changes, document.date(), "stock document " + document.number());
            String warehouse = text(document.header(), "warehouse_id");
            Movement movement = new Movement(document.id(), document.date());
            if (kind == StockKind.INVENTORY) {
                counted(changes, document, warehouse, movement);
            } else {
                for (Map<String, Value> line : document.lines()) {
                    BigDecimal quantity = decimal(line.get("quantity"));
                    movement.add(warehouse, text(line, "product_id"), kind.takesOut() ? quantity.negate() : quantity);
                }
            }
            if (kind == StockKind.TRANSFER && scope.holds(changes, text(document.header(),
                    "target_warehouse_id"))) {
                String target = text(document.header(), "target_warehouse_id");
                document.lines().forEach(line -> movement.add(target, text(line, "product_id"),
                        decimal(line.get("quantity"))));
            }
            Map<String, BigDecimal> released = kind == StockKind.SHIPMENT
                    ? reservations.releaseFor(changes, text(document.header(), "order_id"), warehouse,
                            movement.outOf(warehouse), document.date())
                    : Map.of();
            movement.check(changes, balances, released);
            Map<String, Map<String, Value>> entries = movement.write(changes);
            changes.update(Schema.STOCK_DOCUMENT, document.id(), Map.of("status", Value.of("posted"),
                    "posted_at", Value.of(Instant.now())));
            return entries;
        } catch (SQLException e) {
            throw new StockException("posting " + document.number(), e);
        }
    }

    /**
     * Posts the reversal of {@code original}, already written as a draft {@code reversal}; marks the original.
     * Returns the ledger entries written, by id.
     */
    Map<String, Map<String, Value>> postReversal(Changes changes, Loaded original, String reversal, LocalDate date) {
        Map<String, Map<String, Value>> entries;
        try {
            periods.requireOpen(changes, date, "the reversal of " + original.number());
            Movement movement = new Movement(reversal, date);
            for (Map<String, Value> entry : reader.where(changes.connection(), Schema.STOCK_ENTRY, "document_id",
                    List.of(original.id())).values()) {
                movement.add(text(entry, "warehouse_id"), text(entry, "product_id"),
                        decimal(entry.get("quantity")).negate());
            }
            movement.check(changes, balances, Map.of());
            entries = movement.write(changes);
        } catch (SQLException e) {
            throw new StockException("reversing " + original.number(), e);
        }
        changes.update(Schema.STOCK_DOCUMENT, reversal, Map.of("status", Value.of("posted"),
                "posted_at", Value.of(Instant.now())));
        changes.update(Schema.STOCK_DOCUMENT, original.id(), Map.of("status", Value.of("reversed")));
        return entries;
    }

    /** An inventory count: each line's quantity becomes the counted minus the book quantity. */
    private void counted(Changes changes, Loaded document, String warehouse, Movement movement) throws SQLException {
        List<String> products = document.lines().stream().map(line -> text(line, "product_id")).toList();
        Map<String, Balance> book = balances.of(changes, warehouse, products);
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Map<String, Value> line : document.lines()) {
            String product = text(line, "product_id");
            BigDecimal counted = decimal(line.get("counted"));
            // a product counted on several lines (several places) is matched against its book quantity once
            BigDecimal difference = seen.put(product, true) == null ? counted.subtract(book.get(product).onHand())
                    : counted;
            changes.update(Schema.STOCK_LINE, text(line, "id"), Map.of("quantity", Value.of(difference)));
            movement.add(warehouse, product, difference);
        }
    }

    private static void requireDraft(Loaded document) {
        String status = text(document.header(), "status");
        if (!"draft".equals(status)) {
            throw new RuleException("not-draft", "stock document " + document.number() + " is " + status
                    + ", not a draft", "a posted document is corrected by reversing it, never edited");
        }
    }

    private static Map<String, Value> withId(String id, Map<String, Value> row) {
        Map<String, Value> copy = new LinkedHashMap<>(row);
        copy.put("id", Value.of(id));
        return copy;
    }

    static String text(Map<String, Value> row, String column) {
        return row.get(column) instanceof Value.Text text ? text.value() : null;
    }

    static BigDecimal decimal(Value value) {
        return value instanceof Value.Decimal decimal ? decimal.value() : BigDecimal.ZERO;
    }
}
