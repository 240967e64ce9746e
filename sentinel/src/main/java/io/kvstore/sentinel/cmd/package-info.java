/**
 * The commands a sentinel answers (Redis 7.0's sentinel command table): SENTINEL and its
 * subcommands, the sentinel forms of INFO, ROLE, PUBLISH and HELLO, plus the shared connection,
 * pub/sub, CLIENT, COMMAND and SHUTDOWN commands of the core.
 */
package io.kvstore.sentinel.cmd;
