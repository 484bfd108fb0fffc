/**
 * Reassembly of batches split into parts: {@link dev.filial.protocol.part.PartAssembler} takes
 * verified parts in any order, ignores repeats, and reports which parts a batch still waits for.
 */
package dev.filial.protocol.part;
