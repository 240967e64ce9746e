/**
 * Black-box tests of async replication between real processes: kvstore with kvstore, and kvstore
 * with a real redis-server 7.0 on either side of the link (full sync in both RDB framings, partial
 * resync after link drops, restarts and failover, WAIT, min-replicas, replica-only replies, INFO
 * replication and ROLE shapes). Every expectation is Redis 7.0's behaviour: running these classes
 * with {@code -Dkvstore.it.nodes=redis} puts redis-server in every kvstore role, which checks the
 * tests themselves against Redis.
 */
package io.kvstore.it.replication;
