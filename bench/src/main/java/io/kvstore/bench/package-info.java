/**
 * Benchmark programs run by the scripts in {@code bench/}: they measure kvstore and redis-server
 * the same way, over RESP with a real client, and print {@code name=value} results for the
 * scripts to tabulate.
 */
package io.kvstore.bench;
