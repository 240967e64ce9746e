/**
 * Black-box fault tests of the raft mode with real processes: a three-member group on loopback
 * under a few Jedis clients (APPEND of unique tokens, INCR, SET of unique values, GET), one fault
 * each (leader killed, leader paused with SIGSTOP, leader partitioned by fault-injecting TCP
 * proxies on the Raft links, whole cluster killed and restarted, a member added and the leader
 * removed under load, a follower brought back behind the purged log), then checks on the
 * recorded history and final reads from every member: no acknowledged write missing or applied
 * twice, no read older than a write acknowledged before it began, counters within
 * [acknowledged, acknowledged + unknown] INCRs.
 */
package io.kvstore.it.raft;
