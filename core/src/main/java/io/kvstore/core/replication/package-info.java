/**
 * Pure models of Redis 7.0 master/replica replication (PSYNC2): replication ids and offsets, the
 * backlog ring, the PSYNC decision, the replication stream encoding, the replica's handshake
 * and snapshot framing, ACK/WAIT/min-replicas bookkeeping, and the INFO/ROLE views.
 *
 * <p>Everything here is a state machine fed with events (bytes, reply lines, ACKs, the current
 * time) that returns actions or bytes; nothing performs I/O, starts threads or reads a clock. The
 * network layer moves the bytes these classes produce and feeds back what it receives.
 */
package io.kvstore.core.replication;
