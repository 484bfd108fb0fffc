/**
 * Who gets what: the routing rules over each row's values, the hub log of consolidated transactions
 * with each change's audience, and the per-node view of it that the outbox packs from.
 */
package dev.filial.hq.routing;
