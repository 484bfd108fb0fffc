package dev.filial.node.capture;

/** One row of one replicated table, as a key of the maps and sets that track rows. */
public record RowKey(String table, String id) {
}
