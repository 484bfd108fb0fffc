/**
 * The warehouse: stock documents (receipt, issue, shipment, transfer, write-off, inventory count) posted into
 * an append-only ledger, corrected only by reversal; balances derived from the ledger and refused below zero;
 * reservations for customer orders. See {@link dev.filial.node.stock.StockDocuments}.
 */
package dev.filial.node.stock;
