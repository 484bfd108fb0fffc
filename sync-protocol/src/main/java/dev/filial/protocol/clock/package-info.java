/**
 * Hybrid logical clock: {@link dev.filial.protocol.clock.Hlc} timestamps that order changes across
 * nodes without trusting wall clocks, and the {@link dev.filial.protocol.clock.HybridClock} that
 * hands them out.
 */
package dev.filial.protocol.clock;
