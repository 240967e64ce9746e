/**
 * Faults: seeded, reproducible schedules of kills (with restart), pauses (SIGSTOP/SIGCONT) and
 * partitions aimed at the leading member, and the injector that plays them and records what
 * happened when.
 */
package io.kvstore.bench.fault;
