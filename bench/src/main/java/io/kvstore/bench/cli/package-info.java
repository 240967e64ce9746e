/** {@code kvstore bench}: the command line of the consistency and performance benchmark. */
package io.kvstore.bench.cli;
