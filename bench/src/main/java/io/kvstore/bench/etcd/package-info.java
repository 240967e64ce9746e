/**
 * kvstore's raft mode against etcd 3.4 on the same machine: a closed-loop load generator that
 * drives either system with the same keys, value size and concurrency (one connection per
 * simulated client, synchronous puts and linearizable reads), and the table comparing them.
 * {@code bench/etcd-compare.sh} starts and stops both clusters around it.
 */
package io.kvstore.bench.etcd;
