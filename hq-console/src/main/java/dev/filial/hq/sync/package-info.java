/** HQ's HTTP server for the nodes: signed push and pull of batch files (PROTOCOL.md section 14). */
package dev.filial.hq.sync;
