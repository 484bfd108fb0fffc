package dev.filial.node.imports;

import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Products: matched by SKU; {@code group_code} gives the product group by its code. */
final class ProductTarget implements ImportTarget {

    @Override
    public String entity() {
        return "products";
    }

    @Override
    public Table table() {
        return Schema.PRODUCT;
    }

    @Override
    public List<Reference> references() {
        return List.of(new Reference("group_code", "group_id", Schema.PRODUCT_GROUP, "code"));
    }

    @Override
    public List<List<String>> required() {
        return List.of(List.of("sku"), List.of("name"), List.of("unit"), List.of("vat_rate"));
    }

    @Override
    public String keyColumn() {
        return "sku";
    }

    @Override
    public Optional<String> key(Map<String, Object> json) {
        return json.get("sku") instanceof String sku && !sku.isBlank() ? Optional.of(sku) : Optional.empty();
    }

    @Override
    public Optional<String> existing(Changes changes, Map<String, Object> json) {
        return key(json).flatMap(sku -> Lookups.ids(changes, Schema.PRODUCT, "sku", sku).stream().findFirst());
    }
}
