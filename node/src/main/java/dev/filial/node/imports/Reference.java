package dev.filial.node.imports;

import dev.filial.node.store.Table;

/**
 * A friendly column of an import file standing for an id column: {@code group_code} for {@code group_id} is
 * the id of the product group whose {@code code} is the cell's value.
 *
 * @param fileColumn   the column name in the file
 * @param column       the id column of the imported table it fills
 * @param target       the table the id is looked up in
 * @param targetColumn the column of {@code target} the cell's value is matched against
 */
record Reference(String fileColumn, String column, Table target, String targetColumn) {
}
