/**
 * Pub/sub: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and the PUBSUB container.
 *
 * <p>Subscription confirmations are push frames ({@code >} in RESP3, plain arrays in RESP2), one
 * per channel or pattern, each carrying the session's total subscription count after that step.
 * A command that emits several frames pushes all but the last and returns the last as its
 * reply: on the normal path the order on the wire is the same as pushing all of them, and
 * inside EXEC the frame becomes the command's element of the EXEC array, as in Redis.
 * PUBLISH is replicated (Redis propagates it to replicas), so it records itself as an effect.
 */
package io.kvstore.core.cmd.pubsub;
