/**
 * The gRPC front door. Every call is turned into a Redis argv and executed by the node's engine
 * loop through a short-lived client session, so typed calls, {@code Execute} and RESP clients
 * share one implementation of every command, one set of error texts and the same
 * reply-after-commit durability. Redis error codes become gRPC statuses ({@link
 * io.kvstore.server.grpc.StatusMapper}); the description keeps the exact Redis text.
 */
package io.kvstore.server.grpc;
