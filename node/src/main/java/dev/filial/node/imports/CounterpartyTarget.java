package dev.filial.node.imports;

import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.node.store.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counterparties: matched by tax id (spaces and dashes ignored, as the CRM rules store it); a row without a
 * tax id is always a new counterparty. {@code price_type} gives the price type by code.
 */
final class CounterpartyTarget implements ImportTarget {

    @Override
    public String entity() {
        return "counterparties";
    }

    @Override
    public Table table() {
        return Schema.COUNTERPARTY;
    }

    @Override
    public List<Reference> references() {
        return List.of(new Reference("price_type", "price_type_id", Schema.PRICE_TYPE, "code"));
    }

    @Override
    public List<List<String>> required() {
        return List.of(List.of("kind"), List.of("name"));
    }

    @Override
    public String keyColumn() {
        return "tax_id";
    }

    @Override
    public Optional<String> key(Map<String, Object> json) {
        return json.get("tax_id") instanceof String taxId && !taxId.isBlank()
                ? Optional.of(taxId.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    @Override
    public Optional<String> existing(Changes changes, Map<String, Object> json) {
        Optional<String> key = key(json);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = Lookups.ids(changes, Schema.COUNTERPARTY, "tax_id", key.get());
        if (ids.size() > 1) {
            throw ValidationException.of(entity(), "tax_id", "ambiguous", ids.size()
                    + " counterparties have the tax id "
                    + key.get() + " (" + String.join(", ", ids) + "); add an id column naming the one to update");
        }
        return ids.stream().findFirst();
    }
}
