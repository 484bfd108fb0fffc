/**
 * The randomised convergence test of HQ and its nodes: generated schedules of edits and faulty batch
 * deliveries, and the checks that hold once the network has drained.
 */
package dev.filial.hq.convergence;
