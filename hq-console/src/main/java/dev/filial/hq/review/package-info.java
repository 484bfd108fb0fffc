/**
 * Conflict review at HQ: an operator lists the conflict log, sees both versions and HQ's value now,
 * and decides (choose a version, enter a value, merge duplicate counterparties, keep both) from the
 * REST API or the CLI; each decision is an ordinary HQ edit that reaches every node holding the row.
 */
package dev.filial.hq.review;
