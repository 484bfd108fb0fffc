/**
 * What every business document shares: numbers that carry the node's code ({@link
 * dev.filial.node.document.DocumentNumbers}), the closed period ({@link dev.filial.node.document.ClosedPeriods}),
 * reading a draft with its lines from JSON ({@link dev.filial.node.document.DocumentJson}) and the typed refusal
 * of a business rule ({@link dev.filial.node.document.RuleException}).
 */
package dev.filial.node.document;
