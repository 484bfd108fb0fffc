package dev.filial.node.sales;

import dev.filial.node.capture.RowReader;
import dev.filial.node.entity.NotFoundException;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sales document as read: its row and its lines in line order (each line with its {@code id}). */
record SalesDocument(String id, Map<String, Value> header, List<Map<String, Value>> lines) {

    /** @throws NotFoundException when there is no such document */
    static SalesDocument load(Connection connection, RowReader reader, String id) {
        try {
            Map<String, Value> header = reader.byId(connection, Schema.SALES_DOCUMENT, List.of(id)).get(id);
            if (header == null) {
                throw new NotFoundException("no sales document with id " + id);
            }
            List<Map<String, Value>> lines = new ArrayList<>();
            reader.where(connection, Schema.SALES_LINE, "document_id", List.of(id)).forEach((lineId, row) -> {
                Map<String, Value> line = new LinkedHashMap<>(row);
                line.put("id", Value.of(lineId));
                lines.add(line);
            });
            lines.sort(Comparator.comparingLong(line -> ((Value.Int) line.get("line_no")).value()));
            return new SalesDocument(id, header, lines);
        } catch (SQLException e) {
            throw new SalesException("reading sales document " + id, e);
        }
    }

    String kind() {
        return text(header, "kind");
    }

    String status() {
        return text(header, "status");
    }

    String number() {
        return text(header, "number");
    }

    LocalDate date() {
        return date(header.get("doc_date"));
    }

    String counterparty() {
        return text(header, "counterparty_id");
    }

    String currency() {
        return text(header, "currency");
    }

    BigDecimal gross() {
        return decimal(header.get("gross"));
    }

    /** The ordered quantity per product, in line order. */
    Map<String, BigDecimal> quantities() {
        Map<String, BigDecimal> quantities = new LinkedHashMap<>();
        lines.forEach(line -> quantities.merge(text(line, "product_id"), decimal(line.get("quantity")),
                BigDecimal::add));
        return quantities;
    }

    static String text(Map<String, Value> row, String column) {
        return row.get(column) instanceof Value.Text text ? text.value() : null;
    }

    static BigDecimal decimal(Value value) {
        return value instanceof Value.Decimal decimal ? decimal.value() : BigDecimal.ZERO;
    }

    static LocalDate date(Value value) {
        return value instanceof Value.Date date ? date.value() : null;
    }
}
