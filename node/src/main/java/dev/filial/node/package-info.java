/** The branch node: {@link dev.filial.node.Node} assembles identity, database and replication engine. */
package dev.filial.node;
