/**
 * Reports and export: sales, the deal funnel, debtors, stock balances and movements, and activities per
 * assignee, each a plain read of the node's database producing a {@link dev.filial.node.report.Report}; and
 * writers that export a report or any entity list as CSV (RFC 4180), TSV, XLSX (SpreadsheetML written here
 * with {@code java.util.zip}) or an aligned text table. At HQ the same reports cover every branch.
 */
package dev.filial.node.report;
