/**
 * Server and administration commands: INFO, CONFIG, COMMAND, CLIENT, TIME, LASTSAVE, SAVE,
 * BGSAVE, SHUTDOWN and DEBUG, with Redis 7.0's replies and error texts. Process-level actions
 * (saving, shutting down) go through the node's {@code Lifecycle}; nothing here touches sockets.
 */
package io.kvstore.core.cmd.server;
