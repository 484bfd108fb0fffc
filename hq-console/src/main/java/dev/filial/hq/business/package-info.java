/**
 * Business rules over the consolidated data (BRIEF section 5): stock of a warehouse issued below zero by
 * several nodes, a customer's credit limit exceeded by orders from several places, documents that reach HQ
 * dated in the closed period. {@link dev.filial.hq.business.BusinessChecks} finds them in what was consolidated
 * since its last pass and logs each with its documents; {@link dev.filial.hq.business.BusinessDecisions}
 * carries out the outcome, chosen by the rule in {@code hq.yml} or by an operator, as HQ's own edits, so it
 * reaches the nodes like any other change.
 */
package dev.filial.hq.business;
