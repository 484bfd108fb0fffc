/**
 * Selling on a node: deals through the funnel ({@link dev.filial.node.sales.DealRules}), quotes, customer
 * orders and invoices with priced lines and their transitions ({@link dev.filial.node.sales.SalesDocuments}),
 * shipments that issue stock, the credit limit ({@link dev.filial.node.sales.CustomerExposure}), payments and
 * their allocation to invoices ({@link dev.filial.node.sales.Payments}), and customer balances, debtors and
 * overdue invoices ({@link dev.filial.node.sales.Receivables}).
 */
package dev.filial.node.sales;
