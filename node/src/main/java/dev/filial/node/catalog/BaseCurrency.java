package dev.filial.node.catalog;

import dev.filial.node.store.Database;
import dev.filial.node.store.Settings;
import dev.filial.node.store.ValidationException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;

/**
 * The company's base currency on this node (node setting {@code base.currency}, EUR when unset): the
 * currency exchange rates are quoted in, which {@link PriceQuery} converts through.
 */
public final class BaseCurrency {

    static final String SETTING = "base.currency";
    private static final String DEFAULT = "EUR";

    private BaseCurrency() {
    }

    public static String of(Database database) {
        return database.read(connection -> Settings.get(connection, SETTING)).orElse(DEFAULT);
    }

    /**
     * Sets the base currency to {@code code}, which must be a currency this node has.
     *
     * @throws ValidationException when there is no such currency
     */
    public static String set(Database database, String code) {
        String normal = code.trim().toUpperCase(Locale.ROOT);
        return database.write(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM currency WHERE code = ?")) {
                select.setString(1, normal);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw ValidationException.of("setting", SETTING, "not-found", "no currency " + normal
                                + " on this node; add it (or wait for HQ's catalog) first");
                    }
                }
            }
            Settings.put(connection, SETTING, normal);
            return normal;
        });
    }
}
