/**
 * The generic entity layer the REST API and CLI use: create, read, update, delete and list with
 * filters, sorting and paging for every replicated table, role checks, per-entity business
 * {@link dev.filial.node.entity.Rules}, and an audit entry in the same captured transaction.
 */
package dev.filial.node.entity;
