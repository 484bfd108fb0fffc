/** {@code filial-hq}: HQ's command line (init, enroll, revoke, nodes, conflicts, serve, keys, ...). */
package dev.filial.hq.cli;
