/**
 * Consolidation of the nodes' batches at HQ: per-column conflict detection from old values, the
 * conflict policies, the conflict log, duplicate tax ids, rejected transactions, and the delivery and
 * removal of rows whose set of receiving nodes changed.
 */
package dev.filial.hq.consolidation;
