/**
 * Benchmark mains for HQ, run by hand (not by surefire): {@link dev.filial.hq.bench.SyncThroughputBenchmark}
 * measures how fast a branch's changes reach HQ and a second node over HTTP, next to PouchDB replication in
 * the same run; {@link dev.filial.hq.bench.BacklogBenchmark} consolidates and routes a large backlog in a
 * small heap; {@link dev.filial.hq.bench.MailBenchmark} measures an agent's day as one e-mail and the same
 * changes by e-mail (and file drop) against HTTP. Results and commands are in docs/benchmarks.md.
 */
package dev.filial.hq.bench;
