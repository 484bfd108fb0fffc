/**
 * HQ: the node's engine in the hub role ({@link dev.filial.hq.Hub}), configured by {@code hq.yml}
 * ({@link dev.filial.hq.HubSettings}).
 */
package dev.filial.hq;
