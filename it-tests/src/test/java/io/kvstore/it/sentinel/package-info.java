/**
 * Black-box tests of kvstore's Sentinel: real sentinel processes (kvstore's, and Redis's own
 * redis-sentinel for cross-checks) monitoring real data nodes (redis-server, and kvstore nodes
 * replicating asynchronously), with kill -9, SIGSTOP, restarts, Jedis's JedisSentinelPool and
 * redis-cli. Ports 16500–16529 (data nodes) and 26500–26529 (sentinels).
 */
package io.kvstore.it.sentinel;
