/**
 * Workloads (register with compare-and-set, unique-element set, counters, YCSB mixes) and the
 * open-loop driver that offers them at a fixed rate, measuring latency from each operation's
 * intended start.
 */
package io.kvstore.bench.workload;
