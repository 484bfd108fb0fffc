/**
 * The nodes HQ has enrolled, their keys and revocation, and enrollment: key pairs, the snapshot of
 * the node's scope, and the signed package a node joins from.
 */
package dev.filial.hq.registry;
