/**
 * {@code filial-node}: the node's command line (init, join, trust, user, status, export-batch, import-batch,
 * quarantine, serve, keys, ...). {@link dev.filial.node.cli.KeysCommand} and {@link dev.filial.node.cli.CommandRoot}
 * are public: {@code filial-hq} shares the keys commands.
 */
package dev.filial.node.cli;
