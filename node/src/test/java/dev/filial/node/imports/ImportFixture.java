package dev.filial.node.imports;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.entity.ListQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * What the import tests start from, written through the entity service: currency EUR; price types retail and
 * wholesale; product groups TOOLS and WORK; counterparty "Старое имя" with tax id 7701234567.
 */
final class ImportFixture {

    private ImportFixture() {
    }

    static void fill(Node node) {
        create(node, "currencies", Map.of("code", "EUR", "name", "Euro", "minor_units", 2));
        create(node, "price-types", Map.of("code", "retail", "name", "Retail"));
        create(node, "price-types", Map.of("code", "wholesale", "name", "Wholesale"));
        create(node, "product-groups", Map.of("code", "TOOLS", "name", "Tools"));
        create(node, "product-groups", Map.of("code", "WORK", "name", "Workwear"));
        create(node, "counterparties", Map.of("kind", "organisation", "name", "Старое имя", "tax_id", "7701234567",
                "payment_days", 0));
    }

    static Map<String, Object> create(Node node, String entity, Map<String, Object> json) {
        return node.entities().create(Actor.SYSTEM, entity, json, false);
    }

    /** The rows of {@code entity} whose {@code column} equals {@code value}. */
    static List<Map<String, Object>> rows(Node node, String entity, String column, String value) {
        return node.entities().list(Actor.SYSTEM, entity, new ListQuery(
                List.of(new ListQuery.Filter(column, ListQuery.Operator.EQ, value)), List.of(), 0, 100)).items();
    }

    static Map<String, Object> one(Node node, String entity, String column, String value) {
        List<Map<String, Object>> rows = rows(node, entity, column, value);
        if (rows.size() != 1) {
            throw new AssertionError(rows.size() + " rows of " + entity + " with " + column + " = " + value);
        }
        return rows.get(0);
    }

    /** How many rows a table (a name from the test, never input) holds. */
    static long count(Node node, String table) {
        return node.database().read(c -> {
            try (var statement = c.createStatement();
                 var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    static byte[] file(String name) {
        try (InputStream in = ImportFixture.class.getResourceAsStream("/imports/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
