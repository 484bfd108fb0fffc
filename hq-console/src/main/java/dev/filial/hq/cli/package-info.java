/** {@code filial-hq}: HQ's command line (init, enroll, revoke, nodes, conflicts, serve). */
package dev.filial.hq.cli;
