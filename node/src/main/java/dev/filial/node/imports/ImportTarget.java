package dev.filial.node.imports;

import dev.filial.node.capture.Changes;
import dev.filial.node.store.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between the kinds of import: the entity and table, the friendly columns that stand for ids,
 * the columns a file must have, and the natural key by which a row finds the row it updates.
 */
interface ImportTarget {

    /** The entity name of {@link dev.filial.node.entity.EntityService}. */
    String entity();

    Table table();

    /** Friendly columns the file may give instead of id columns. */
    List<Reference> references();

    /** Columns the file must have; each entry lists alternatives (a friendly column or the id column). */
    List<List<String>> required();

    /** The file column a duplicate of the natural key is reported on. */
    String keyColumn();

    /**
     * The natural key of a row (its JSON values, references resolved), the same text for rows that name the
     * same entity; empty when the row has none (a counterparty without a tax id is always new).
     */
    Optional<String> key(Map<String, Object> json);

    /**
     * The id of the row the natural key names, as this transaction sees it.
     *
     * @throws dev.filial.node.store.ValidationException when the key names more than one row
     */
    Optional<String> existing(Changes changes, Map<String, Object> json);
}
