/**
 * The demo network, the README's main command: HQ, a branch and an agent on loopback with embedded
 * databases, sample data, offline edits with conflicts, syncs over HTTP and a report of the outcome.
 */
package dev.filial.hq.demo;
