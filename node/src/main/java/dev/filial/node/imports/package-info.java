/**
 * Import of counterparties, products and prices from CSV files ({@link dev.filial.node.imports.CsvImport}).
 * Every row goes through {@link dev.filial.node.entity.EntityService}, so the entity's rules, the role checks
 * and the audit log apply as for an edit by hand; rows are matched to existing ones by natural key (tax id,
 * SKU, or SKU, price type, currency and start date) and updated in place. A file with an unknown or missing
 * column, or that is not well-formed CSV, is refused before any row is written; a bad row is reported with
 * its line and skipped. The {@link dev.filial.node.imports.ImportReport} lists what became of every row, as
 * JSON and as a CSV of the failed rows that can be fixed in a spreadsheet and imported again.
 */
package dev.filial.node.imports;
