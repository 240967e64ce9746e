/**
 * Benchmark clusters of real kvstore processes started from the shaded jar: the async mode
 * (master, two replicas, three Sentinels) and the raft mode (three nodes), every member-to-member
 * link through a fault-injecting proxy, clients connecting directly; plus an external target
 * reached through its Sentinels.
 */
package io.kvstore.bench.cluster;
