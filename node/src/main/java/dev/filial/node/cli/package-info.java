/** {@code filial-node}: the node's command line (init, trust, user, status, export-batch, import-batch, quarantine, serve). */
package dev.filial.node.cli;
