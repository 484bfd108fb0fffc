/**
 * The embedded database: engines (SQLite, Derby) and their dialects, Flyway migrations per engine
 * under {@code db/<engine>}, the catalogue of replicated tables ({@link dev.filial.node.store.Schema})
 * and the conformance of values to their columns. SQLite's write-ahead log is checkpointed on a
 * background thread ({@link dev.filial.node.store.WalCheckpoints}).
 */
package dev.filial.node.store;
