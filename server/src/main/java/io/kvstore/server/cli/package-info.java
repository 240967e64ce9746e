/**
 * The {@code kvstore} command line (picocli): one class per subcommand ({@code server},
 * {@code client}, {@code version}; later {@code sentinel}, {@code cluster}, {@code gateway},
 * {@code bench}), and the redis-cli style reply printer the client uses.
 */
package io.kvstore.server.cli;
