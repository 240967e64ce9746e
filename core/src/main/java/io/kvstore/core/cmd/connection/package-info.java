/**
 * Connection commands: PING, ECHO, QUIT, HELLO, AUTH, RESET. They act on the calling session
 * (protocol version, authentication, name, selected db) and never on the keyspace. AUTH, HELLO,
 * QUIT and RESET carry {@code no_auth}; QUIT and RESET also run inside MULTI and in the RESP2
 * subscribed context, as Redis 7.0 allows.
 */
package io.kvstore.core.cmd.connection;
