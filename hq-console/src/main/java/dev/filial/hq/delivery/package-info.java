/**
 * HQ's e-mail and file-drop exchange with its nodes: {@link dev.filial.hq.delivery.HubDelivery} takes
 * what arrived in HQ's mailbox and drop folders, then sends each node what it is due by the first of
 * the node's addresses that applies (a node that pulled over HTTP within {@code fallbackAfter} is left
 * to pull); {@link dev.filial.hq.delivery.HubTransports} schedules it in the server.
 */
package dev.filial.hq.delivery;
