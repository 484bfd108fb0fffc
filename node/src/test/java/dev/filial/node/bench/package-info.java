/**
 * Benchmark mains for the node's replication engine, run by hand (not by surefire):
 * {@link dev.filial.node.bench.NodeBenchmark} measures capture overhead, apply rate and sync cost
 * against plain JDBC on the same embedded database. Results and the command are in docs/benchmarks.md.
 */
package dev.filial.node.bench;
