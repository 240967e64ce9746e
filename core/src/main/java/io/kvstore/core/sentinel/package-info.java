/**
 * The decisions of a Redis 7.0 Sentinel, without I/O: per-instance state (masters, replicas,
 * other sentinels and the timing of their links), subjective and objective down detection,
 * leader election by epochs (one vote per epoch), replica selection, the failover state machine,
 * hello messages, INFO parsing and the sentinel.conf directives and rewrite.
 *
 * <p>{@link io.kvstore.core.sentinel.SentinelState} is fed with time (its clock and
 * {@code timer()}), with replies from instances (callbacks of the commands it asked its
 * {@link io.kvstore.core.sentinel.SentinelIo} to send) and with client commands; everything it
 * wants done — connect, send a command, publish an event, save the config — goes out through
 * that interface. The sentinel process module implements it over the network; tests implement it
 * with a recorder and a manual clock.
 */
package io.kvstore.core.sentinel;
