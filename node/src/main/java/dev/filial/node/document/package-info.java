/**
 * What every business document shares: numbers that carry the node's code ({@link
 * dev.filial.node.document.DocumentNumbers}), the closed period ({@link dev.filial.node.document.ClosedPeriods}),
 * and the typed refusal of a business rule ({@link dev.filial.node.document.RuleException}).
 */
package dev.filial.node.document;
