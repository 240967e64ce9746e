/**
 * Benchmark clients: where each client process sends its commands (following Sentinel, or spread
 * over raft nodes), how a mode's clients behave (WAIT after writes, stale reads), and the Jedis
 * client turning each request into a history operation with an honest outcome.
 */
package io.kvstore.bench.client;
