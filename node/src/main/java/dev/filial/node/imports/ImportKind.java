package dev.filial.node.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a file holds: counterparties, products or prices, by the entity name of the REST API. */
public enum ImportKind {
    COUNTERPARTIES(new CounterpartyTarget()),
    PRODUCTS(new ProductTarget()),
    PRICES(new PriceTarget());

    private final ImportTarget target;

    ImportKind(ImportTarget target) {
        this.target = target;
    }

    /** The entity name ({@code counterparties}, {@code products}, {@code prices}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    ImportTarget target() {
        return target;
    }

    /** @throws ImportException with code {@code unknown-kind} naming the kinds there are */
    public static ImportKind parse(String code) {
        for (ImportKind kind : values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        throw new ImportException("unknown-kind", 0, "cannot import '" + code + "'",
                "import one of " + Arrays.stream(values()).map(ImportKind::code).collect(Collectors.joining(", ")));
    }
}
