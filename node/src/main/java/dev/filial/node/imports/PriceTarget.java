package dev.filial.node.imports;

import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Value;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prices: matched by product, price type, currency and start date ({@code valid_from}), so a new start date
 * adds to the price history and the same one corrects it. {@code sku} gives the product, {@code price_type}
 * the price type by code. Of two stored rows with the same key the later entered is the one in force (see
 * {@link dev.filial.node.catalog.PriceQuery}), and it is the one updated.
 */
final class PriceTarget implements ImportTarget {

    @Override
    public String entity() {
        return "prices";
    }

    @Override
    public Table table() {
        return Schema.PRICE;
    }

    @Override
    public List<Reference> references() {
        return List.of(new Reference("sku", "product_id", Schema.PRODUCT, "sku"),
                new Reference("price_type", "price_type_id", Schema.PRICE_TYPE, "code"));
    }

    @Override
    public List<List<String>> required() {
        return List.of(List.of("sku", "product_id"), List.of("price_type", "price_type_id"), List.of("currency"),
                List.of("amount"), List.of("valid_from"));
    }

    @Override
    public String keyColumn() {
        return "valid_from";
    }

    @Override
    public Optional<String> key(Map<String, Object> json) {
        if (json.get("product_id") instanceof String product && json.get("price_type_id") instanceof String type
                && json.get("currency") instanceof String currency && json.get("valid_from") instanceof String from) {
            try {
                return Optional.of(product + "|" + type + "|" + currency + "|" + LocalDate.parse(from));
            } catch (DateTimeParseException e) {
                return Optional.empty(); // the entity's own checks report the date
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> existing(Changes changes, Map<String, Object> json) {
        if (key(json).isEmpty()) {
            return Optional.empty();
        }
        Value from = Value.of(LocalDate.parse((String) json.get("valid_from")));
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement select = changes.connection().prepareStatement(
                "SELECT id FROM price WHERE product_id = ? AND price_type_id = ? AND currency = ? ORDER BY id DESC")) {
            select.setString(1, (String) json.get("product_id"));
            select.setString(2, (String) json.get("price_type_id"));
            select.setString(3, (String) json.get("currency"));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    candidates.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up prices failed: " + e.getMessage(), e);
        }
        return candidates.stream()
                .filter(id -> changes.find(Schema.PRICE, id).map(row -> from.equals(row.get("valid_from")))
                        .orElse(false))
                .findFirst();
    }
}
